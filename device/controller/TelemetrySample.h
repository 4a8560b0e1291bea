// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ring/SpscRing.h"

#include <cstdint>
#include <type_traits>

namespace galvani::device {

// One output sample of one channel, fixed size so it can travel through the lock-free SPSC ring from the
// device thread to the GUI. Units: timeUs = monotonic time in µs (core::Clock::monotonic() / 1000);
// commandedUa and measuredUa in µA (peak of the first phase). measuredUa is meaningful only when
// flags has kTelemetryMeasured; otherwise the protocol does not measure and only the commanded value
// (labelled "commanded") is known.
struct TelemetrySample {
    std::int64_t timeUs = 0;
    std::int32_t commandedUa = 0;
    std::int32_t measuredUa = 0;
    std::uint8_t channel = 0; // 1-based output
    std::uint8_t flags = 0;
    // With kTelemetryMeasured, where the device samples its pulses (ScienceMode4 low level): the width of the
    // first phase in µs; 0 when not measurable.
    std::uint16_t widthUs = 0;
};
static_assert(std::is_trivially_copyable_v<TelemetrySample>);
static_assert(sizeof(TelemetrySample) == 24); // the width fills what was padding

inline constexpr std::uint8_t kTelemetryMeasured = 0x01; // measuredUa holds a measured value
inline constexpr std::uint8_t kTelemetryUndecodable = 0x02; // the device sent samples that cannot be read
inline constexpr std::uint8_t kTelemetryDeviation = 0x04; // measured differs from commanded beyond tolerance
inline constexpr std::uint8_t kTelemetryElectrodeError = 0x08; // the device reported lead-off on this channel
inline constexpr std::uint8_t kTelemetryRamping = 0x10; // commanded is on its way to a new target

// Telemetry for one device: written by its device thread only, read by one consumer (the GUI or the CLI).
// 8192 samples are 80 s of one channel at 100 Hz or 10 s of eight; a late consumer loses the newest
// samples and the ring counts them.
using TelemetryRing = core::SpscRing<TelemetrySample, 8192>;

} // namespace galvani::device
