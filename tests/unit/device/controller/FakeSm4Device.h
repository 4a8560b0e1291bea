// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "protocols/sciencemode4/DeviceCodec.h"

#include <QByteArray>

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace galvani::test {

class ScriptedTransport;

// A scripted ScienceMode4/3 device for controller tests: decodes every host frame with the protocol's
// DeviceCodec and answers as the P24 would (SCIENCEMODE4.md), with knobs for the failures under test.
// It is a test double, not the simulator: no timing model, replies are ready at once.
// Thread affinity: the test thread. Units: currents in µA.
class FakeSm4Device {
public:
    explicit FakeSm4Device(const core::Clock& clock, proto::sm4::Variant variant = proto::sm4::Variant::ScienceMode4);

    // Installs itself as the answering rule of the transport.
    void attach(ScriptedTransport& transport);
    [[nodiscard]] std::vector<QByteArray> answer(const QByteArray& frame);

    // Knobs.
    std::set<proto::sm4::CommandId> ignored; // requests never answered
    std::map<proto::sm4::CommandId, int> busyReplies; // answer this many with result Busy first
    std::map<proto::sm4::CommandId, proto::sm4::ResultCode> results; // answer with this result
    int stopsToIgnore = 0; // Ml_stop / Ll_stop frames swallowed before one is answered
    double gain = 1.0; // measured = commanded × gain (low level)
    bool stuck = false; // measured current stays 0
    std::optional<int> electrodeErrorChannel; // reported by Ml_get_current_data and Ll_channel_config_ack
    proto::sm4::StimStatus status = proto::sm4::StimStatus::None;
    std::uint8_t runningMask = 0; // mid level: channels running
    // Low level: while set, each pulse's ack (Ll_channel_config_ack) is kept in heldPulseAcks, in order, instead of
    // being answered; the test sends them late (a slow device or a starved link) through the transport.
    bool holdPulseAcks = false;
    std::vector<QByteArray> heldPulseAcks;

    // What it received, with the time it arrived.
    struct Entry {
        std::chrono::nanoseconds at;
        proto::sm4::HostCommand command;
    };
    std::vector<Entry> received;
    [[nodiscard]] std::vector<proto::sm4::HostCommand> commandsOf(proto::sm4::CommandId id) const;
    [[nodiscard]] std::vector<std::chrono::nanoseconds> timesOf(proto::sm4::CommandId id) const;

private:
    proto::sm4::DeviceMessage reply(const proto::sm4::HostCommand& command);
    proto::sm4::LlChannelConfigAck pulseAck(const proto::sm4::LlChannelConfig& config) const;

    const core::Clock& m_clock;
    proto::sm4::DeviceCodec m_codec;
};

} // namespace galvani::test
