// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/sim/DeviceSide.h"
#include "device/sim/Sm4LowLevel.h"
#include "device/sim/Sm4MidLevel.h"
#include "protocols/sciencemode4/DeviceCodec.h"

#include <chrono>
#include <optional>
#include <vector>

namespace galvani::device::sim {

// The device side of a Hasomed P24 (ScienceMode4) or RehaMove3 (ScienceMode3), SCIENCEMODE4.md:
// general requests (ids, versions, battery, status), the exclusive levels (none, low, mid; a level
// command in the wrong level gets result 7) and the §8 replies for bad frames from
// proto::sm4::DeviceCodec.
// Safety behaviour: refused commands (limits, wrong level, output not fitted, full queue) are
// recorded by the oracle; an over-current trips the device (all output off, high voltage off, level
// none; result 8 in the pulse's ack in low level, an unsolicited General_error 8 in mid level); the
// mid-level watchdog (2 s, or --watchdog-ms) stops output, drops the level and latches: stricter than
// the real P24, which would restart on the next Ml_update, nothing runs again before a new Ml_init or
// Ll_init (CLINICAL.md §1.3). Thread affinity: the simulator's thread.
class Sm4DeviceSide final : public DeviceSide {
public:
    Sm4DeviceSide(SimContext& context, proto::sm4::Variant variant);

    void linkUp() override;
    void receive(std::span<const std::uint8_t> bytes) override;
    void linkDown(StopCause cause, std::string_view detail) override;
    void channelFaultChanged(int channel) override;

private:
    enum class Level : std::uint8_t { None, Low, Mid };
    using ResultCode = proto::sm4::ResultCode;
    using Reply = proto::sm4::DeviceMessage;

    void handle(const proto::sm4::Received<proto::sm4::HostCommand>& received);
    void handleReject(const proto::sm4::RejectedRequest& rejected);
    [[nodiscard]] std::optional<Reply> dispatch(
        const proto::sm4::HostCommand& command, std::chrono::nanoseconds& notBefore);
    [[nodiscard]] Reply general(const proto::sm4::HostCommand& command);
    [[nodiscard]] Reply levelError(const proto::sm4::HostCommand& command, bool record);
    void send(std::uint8_t packetNumber, const Reply& message,
        std::chrono::nanoseconds notBefore = std::chrono::nanoseconds{0});
    void enterLevel(Level level);
    void leaveLevel(StopCause cause, std::string_view detail, SimState next);
    void overCurrentTrip(int channel, bool sendGeneralError);
    void watchdogExpired(std::chrono::milliseconds silent);
    [[nodiscard]] proto::sm4::Variant variant() const { return m_codec.variant(); }

    SimContext& m_ctx;
    proto::sm4::DeviceCodec m_codec;
    std::vector<proto::sm4::DeviceInbound> m_inbound;
    Sm4MidLevel m_mid;
    Sm4LowLevel m_low;
    Level m_level = Level::None;
    int m_lowTrip = 0; // output whose low-level pulse tripped the over-current monitor (0: none)
    bool m_hostSeen = false; // a valid request arrived since the link came up
};

} // namespace galvani::device::sim
