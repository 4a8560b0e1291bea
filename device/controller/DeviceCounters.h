// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace galvani::device {

// Running totals of one connection, for the status bar, logs and tests. Plain value; safe to copy across
// threads. Counts only (no units), since the connection was opened.
struct DeviceCounters {
    std::uint64_t framesSent = 0;
    std::uint64_t framesReceived = 0; // frames that decoded into device messages
    std::uint64_t framesRejected = 0; // frames or partial frames the codec refused
    std::uint64_t damagedAtDevice = 0; // the device reported a frame of ours arrived damaged
    std::uint64_t keepAlivesSent = 0;
    std::uint64_t retries = 0; // commands re-sent after a timeout or a transfer/busy reply
    std::uint64_t ackTimeouts = 0;
    std::uint64_t stopsSent = 0; // stop frames, including re-sends
    std::uint64_t pulsesSent = 0; // low level only: one frame per pulse
    std::uint64_t pulsesMeasured = 0; // low level only: pulse acks that carried measured current
    std::uint64_t pulsesLost = 0; // low level only: pulses with no ack in time or a transfer-error ack
    std::uint64_t telemetryPublished = 0;
    std::uint64_t telemetryDropped = 0; // the telemetry ring was full (the consumer is late)

    friend bool operator==(const DeviceCounters&, const DeviceCounters&) = default;
};

} // namespace galvani::device
