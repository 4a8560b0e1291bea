// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "protocols/sciencemode2/DeviceCodec.h"

#include <QByteArray>

#include <chrono>
#include <set>
#include <vector>

namespace galvani::test {

class ScriptedTransport;

// A scripted ScienceMode2 device for controller tests (SCIENCEMODE2.md): beacons on request, answers
// every command that has an ack through the protocol's DeviceCodec, and keeps the start / initialized /
// started mode. Thread affinity: the test thread.
class FakeSm2Device {
public:
    explicit FakeSm2Device(const core::Clock& clock);

    void attach(ScriptedTransport& transport);
    [[nodiscard]] std::vector<QByteArray> answer(const QByteArray& frame);
    // An Init beacon frame (the device's own packet counter).
    [[nodiscard]] QByteArray beacon();
    // A StimulationError frame; the device drops back to start mode.
    [[nodiscard]] QByteArray stimulationError(proto::sm2::StimulationErrorCode code);

    std::set<std::uint8_t> ignored; // command numbers never answered
    std::set<std::uint8_t> ignoreOnce; // lost on the way in once (not applied, not answered)
    std::set<std::uint8_t> loseAckOnce; // applied, but the ack is lost once
    proto::sm2::StimulationMode mode = proto::sm2::StimulationMode::Start;
    bool connected = false;

    struct Entry {
        std::chrono::nanoseconds at;
        std::uint8_t packetNumber;
        proto::sm2::HostCommand command;
    };
    std::vector<Entry> received;
    [[nodiscard]] std::vector<Entry> entriesOf(std::uint8_t command) const;

private:
    const core::Clock& m_clock;
    proto::sm2::DeviceCodec m_codec;
};

} // namespace galvani::test
