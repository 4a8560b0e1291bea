// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/controller/ProtocolDriver.h"
#include "protocols/sciencemode2/HostCodec.h"

#include <array>
#include <cstdint>
#include <optional>

namespace galvani::device {

// ScienceMode2 (Hasomed RehaStim2), channel list mode (SCIENCEMODE2.md):
//   handshake: answer the Init beacon with InitAck, ask GetStimulationMode (stop if not in start mode);
//   configure: InitChannelListMode (one main period t1 for all channels, single pulses);
//   amplitudes: StartChannelListMode with every channel's absolute current (first call starts output);
//   keep-alive: Watchdog frames, every second one replaced by GetStimulationMode so the device's state is
//   checked and the host hears from the device at least every 200 ms (Watchdog is never answered);
//   stop: StopChannelListMode. No measured current: telemetry carries the commanded value.
// Thread affinity: the device thread. Ownership: owns its HostCodec. Units: µA, µs, Hz (the wire carries
// whole mA, so amplitudes must be multiples of 1 mA; the main period is rounded up to the 0.5 ms grid,
// which can only lower the pulse rate).
class Sm2Driver final : public ProtocolDriver {
public:
    Sm2Driver();

    [[nodiscard]] const DriverInfo& info() const override { return m_info; }
    void reset() override;
    [[nodiscard]] std::optional<QString> checkPlan(const StimulationPlan& plan) const override;
    [[nodiscard]] EncodeOutcome encode(const Operation& operation) override;
    void feed(std::span<const std::uint8_t> bytes, std::vector<DriverEvent>& out) override;
    [[nodiscard]] bool tookEffect(const Operation& operation, const ev::Status& status) const override;

    // Main period code m (t1 = 1 ms + 0.5 ms·m) for a pulse rate: the shortest period not shorter than 1/f.
    [[nodiscard]] static std::optional<int> mainIntervalCodeForRate(core::Hertz frequency);

private:
    EncodeOutcome send(const proto::sm2::HostCommand& command, std::uint8_t ackCommand);
    void decode(const proto::sm2::ReceivedMessage& received, std::vector<DriverEvent>& out);
    [[nodiscard]] std::uint32_t keyFor(std::uint8_t ackCommand, std::uint8_t packetNumber) const;

    DriverInfo m_info;
    proto::sm2::HostCodec m_codec;
    std::optional<StimulationPlan> m_plan;
    // Ack command expected for each packet number in use, to answer an UnknownCommand reply.
    std::array<std::uint8_t, 256> m_expectedAck{};
    std::uint64_t m_keepAlives = 0;
};

} // namespace galvani::device
