// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/Waveform.h"
#include "core/units/Units.h"

#include <optional>

namespace galvani::core {

// What one stimulator can deliver, in core types. The device layer fills it from proto::DeviceCapabilities (core
// never includes protocols/); the safety kernel turns it into the hardware layer of the effective limits, and a
// preset is refused on a device that lacks what it needs. A default-constructed value describes a device that can
// deliver nothing, so a forgotten field fails safe.
// Units: currents in µA, widths in µs, rates in Hz, voltage in mV. Thread affinity: value type, any thread.
struct HardwareCaps {
    int channels = 0; // numbered 1..channels
    Microamps currentMax{0}; // largest amplitude per phase
    Microseconds pulseWidthMin{0}; // narrowest phase
    Microseconds pulseWidthMax{0}; // widest phase
    Hertz frequencyMin{0.0}; // slowest pulse rate
    Hertz frequencyMax{0.0}; // fastest pulse rate
    Hertz carrierFrequencyMin{0.0}; // sine carrier range (only meaningful with WaveformKind::SineCarrier)
    Hertz carrierFrequencyMax{0.0};
    WaveformSet waveforms; // output modes the device can produce
    bool pulseBursts = false; // can group pulses into bursts (burst TENS)
    bool carrierBursts = false; // can gate a sine carrier into bursts (Russian)
    std::optional<Millivolts> outputVoltageMax; // compliance voltage, if the maker states it
    Microamps currentStep{0}; // amplitude resolution: commanded amplitudes are multiples of it (0: not known)
};

} // namespace galvani::core
