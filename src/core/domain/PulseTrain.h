// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/Waveform.h"
#include "core/units/Units.h"

#include <cstdint>
#include <string>
#include <variant>

namespace galvani::core {

// Burst TENS: short trains of pulses repeated at a low rate. Within a burst the pulses follow PulseTrain::frequency.
// Units: rate in bursts/s (Hz); pulsesPerBurst a count (signed so that a negative request can be reported).
struct PulseBurst {
    Hertz rate{0.0};
    std::int64_t pulsesPerBurst = 0;
    bool operator==(const PulseBurst&) const = default;
};

// Russian current: the sine carrier is on for duty × (1 / rate) of every burst period (2.5 kHz, 50 bursts/s, 50 %).
// Units: rate in bursts/s (Hz); duty in ‰ of the burst period.
struct CarrierBurst {
    Hertz rate{0.0};
    Permille duty{0};
    bool operator==(const CarrierBurst&) const = default;
};

// No burst structure (continuous train or continuous sine), pulse bursts (pulsed waveforms only) or carrier
// bursts (sine carrier only).
using BurstStructure = std::variant<std::monostate, PulseBurst, CarrierBurst>;

// What one channel delivers while "on": waveform, rate, timing and amplitude.
// Units: frequency in Hz (the pulse rate, or for SineCarrier the carrier frequency); phaseWidth and interphaseGap in
// µs (both 0 for a sine carrier; the gap is 0 for monophasic); amplitude in µA, the peak of the first phase (the
// sine's peak for a carrier; the second phase of an asymmetric pulse is a ratio of it, see SecondPhase).
// A plain value; the safety kernel validates it. Thread affinity: value type, any thread.
struct PulseTrain {
    Waveform waveform = Waveform::symmetricBiphasic();
    Hertz frequency{0.0};
    Microseconds phaseWidth{0};
    Microseconds interphaseGap{0};
    Microamps amplitude{0};
    BurstStructure burst{};

    [[nodiscard]] static PulseTrain pulses(
        Waveform waveform, Hertz frequency, Microseconds phaseWidth, Microseconds interphaseGap, Microamps amplitude);
    [[nodiscard]] static PulseTrain sine(Hertz carrier, Microamps peak);
    [[nodiscard]] static PulseTrain sine(Hertz carrier, Microamps peak, CarrierBurst burst);

    [[nodiscard]] const PulseBurst* pulseBurst() const { return std::get_if<PulseBurst>(&burst); }
    [[nodiscard]] const CarrierBurst* carrierBurst() const { return std::get_if<CarrierBurst>(&burst); }

    // Timing summary for messages: "300 µs, 50 Hz, symmetric biphasic" or "sine 2500 Hz, 50 Hz bursts at 50.0 %".
    [[nodiscard]] std::string describeTiming() const;

    bool operator==(const PulseTrain&) const = default;
};

} // namespace galvani::core
