// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/sim/DeviceSide.h"
#include "device/sim/OutgoingQueue.h"
#include "device/sim/PacedPulseTracker.h"
#include "device/sim/Watchdog.h"
#include "protocols/sciencemode2/DeviceCodec.h"

#include <QTimer>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace galvani::device::sim {

// The device side of a Hasomed RehaStim2 (SCIENCEMODE2.md): Init beacons every 500 ms until an
// InitAck, then start → initialized (InitChannelListMode) → started (StartChannelListMode, later
// calls update), Stop from any mode, SinglePulse in start mode only; the §8 replies for bad frames
// and the §9 tolerances come from proto::sm2::DeviceCodec.
// Safety behaviour: commands beyond the device's limits or in the wrong mode are refused (−2/−3) and
// recorded by the oracle; an open electrode or an over-current on a running channel stops everything
// and sends StimulationError (−2 / −3), at least 50 ms after the preceding ack; host silence past the
// watchdog period stops output, drops the connection and latches: beacons resume and nothing runs
// until the host answers an Init again and re-initializes. Nothing ever resumes by itself.
// Thread affinity: the simulator's thread. Units: µs, mA on the wire (µA in the model), ms timers.
class Sm2DeviceSide final : public DeviceSide {
public:
    static constexpr std::chrono::milliseconds kBeaconInterval{500};
    static constexpr std::chrono::milliseconds kUnsolicitedGap{50};
    // RehaStim2 output compliance. Not stated in the protocol text; 150 V is the usual figure for
    // current-regulated stimulators of its class (the same as the P24's highest HV setting).
    static constexpr core::Millivolts kCompliance{150'000};
    static constexpr core::Microseconds kInterPhaseGap{100}; // fixed gap between the phases, §6

    explicit Sm2DeviceSide(SimContext& context);

    void linkUp() override;
    void receive(std::span<const std::uint8_t> bytes) override;
    void linkDown(StopCause cause, std::string_view detail) override;
    void channelFaultChanged(int channel) override;

private:
    using ResultCode = proto::sm2::ResultCode;

    void handle(const proto::sm2::ReceivedCommand& received);
    void handleReject(const proto::sm2::RejectedCommand& rejected);
    void reply(std::uint8_t packetNumber, const proto::sm2::DeviceMessage& message);
    void sendUnsolicited(const proto::sm2::DeviceMessage& message, OutgoingQueue::Tag tag);
    void beacon();
    void connect();

    ResultCode initChannelList(const proto::sm2::InitChannelListMode& init);
    ResultCode startChannelList(const proto::sm2::StartChannelListMode& start);
    ResultCode singlePulse(const proto::sm2::SinglePulse& pulse);
    ResultCode refuse(ResultCode code, std::uint8_t command, std::string reason);
    void stopStimulation(StopCause cause, std::string_view detail, SimState next);
    void checkFaults();
    void stimulationError(proto::sm2::StimulationErrorCode code, int channel, const std::string& detail);
    void watchdogExpired(std::chrono::milliseconds silent);

    SimContext& m_ctx;
    proto::sm2::DeviceCodec m_codec;
    std::vector<proto::sm2::DeviceEvent> m_events;
    Watchdog m_watchdog;
    PacedPulseTracker m_paced;
    QTimer m_beaconTimer;
    bool m_linkUp = false;
    bool m_connected = false; // an InitAck was accepted since the last watchdog expiry / link loss
    proto::sm2::StimulationMode m_mode = proto::sm2::StimulationMode::Start;
    std::optional<proto::sm2::InitChannelListMode> m_list;
};

} // namespace galvani::device::sim
