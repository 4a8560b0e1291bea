// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/sim/SimTypes.h"

#include <cstdint>
#include <random>
#include <span>
#include <string_view>

namespace galvani::device::sim {

class CommandLog;
class OutgoingQueue;
class StimulatorModel;
struct SimulatorConfig;

// What a protocol personality works with. References owned by SimulatedStimulator, which outlives
// the personality.
struct SimContext {
    StimulatorModel& model;
    OutgoingQueue& out;
    CommandLog& commands;
    const SimulatorConfig& config;
    std::mt19937_64& rng;
};

// One protocol's device side (ScienceMode2, ScienceMode3/4): decodes the host's bytes with the
// protocol's DeviceCodec, keeps the protocol state machine, drives the StimulatorModel and answers
// through the OutgoingQueue. Thread affinity: the simulator's thread.
class DeviceSide {
public:
    virtual ~DeviceSide() = default;
    DeviceSide() = default;
    DeviceSide(const DeviceSide&) = delete;
    DeviceSide& operator=(const DeviceSide&) = delete;

    // The link is up and a host may be listening (ScienceMode2 starts its Init beacons).
    virtual void linkUp() = 0;
    // Bytes from the host, in any chunking.
    virtual void receive(std::span<const std::uint8_t> bytes) = 0;
    // The link went down: output off with `cause`, host forgotten, communication loss latched if a
    // host was connected.
    virtual void linkDown(StopCause cause, std::string_view detail) = 0;
    // A channel fault became active or was cleared: react now if the channel runs.
    virtual void channelFaultChanged(int channel) = 0;
};

} // namespace galvani::device::sim
