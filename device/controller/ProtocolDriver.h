// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/controller/DriverTypes.h"
#include "protocols/common/DeviceCapabilities.h"

#include <QString>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace galvani::device {

// What the controller needs to know about a driver to run it.
struct DriverInfo {
    std::string protocolId; // registry id
    QString level; // "low level", "mid level", "channel list mode"
    proto::DeviceCapabilities capabilities;
    bool measuresDeliveredCurrent = false; // low level with measurement: per-pulse measured current
    bool streamsPulses = false; // the host sends every pulse (low level); otherwise the device repeats them
    bool waitsForBeacon = false; // the device announces itself and wants an answer (ScienceMode2)
    bool verifiesLostAcks = false; // on an ack timeout, ask the device state before re-sending (ScienceMode2)
    std::vector<Query> handshakeQueries; // asked in this order after the beacon (if any)
    core::Microamps amplitudeGrid{500}; // amplitudes on the wire are multiples of this (µA)
};

// Translates generic operations into one protocol's frames and that protocol's device messages into
// generic events. One per connection; holds the HostCodec (packet counter, partial frame) and the
// programme of the last Configure.
// Thread affinity: the device thread only. Ownership: owned by the DeviceWorker (or a test) and used
// by one DeviceController by reference. Units: see DriverTypes.h.
class ProtocolDriver {
public:
    ProtocolDriver() = default;
    ProtocolDriver(const ProtocolDriver&) = delete;
    ProtocolDriver& operator=(const ProtocolDriver&) = delete;
    virtual ~ProtocolDriver() = default;

    [[nodiscard]] virtual const DriverInfo& info() const = 0;
    // Forget everything about the previous connection (partial frame, counters, programme, level).
    virtual void reset() = 0;
    // Protocol-specific checks of a plan beyond the hardware caps (e.g. one frequency for all channels).
    [[nodiscard]] virtual std::optional<QString> checkPlan(const StimulationPlan& plan) const = 0;
    // Encodes an operation (a new packet number each call, so a re-send is a fresh frame).
    [[nodiscard]] virtual EncodeOutcome encode(const Operation& operation) = 0;
    // Decodes bytes from the device (any chunking) and appends events in stream order.
    virtual void feed(std::span<const std::uint8_t> bytes, std::vector<DriverEvent>& out) = 0;
    // ScienceMode2 rule: after an ack timeout the state report tells whether the command took effect.
    [[nodiscard]] virtual bool tookEffect(const Operation& operation, const ev::Status& status) const
    {
        (void)operation;
        (void)status;
        return false;
    }
};

} // namespace galvani::device
