// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

namespace galvani::proto {

// Output waveforms a device can produce on a channel.
enum class WaveformKind : std::uint8_t {
    Monophasic,
    SymmetricBiphasic,
    AsymmetricBiphasic,
};

// What one stimulator model can do, as typed values. Filled by each protocol folder for the devices it
// speaks to; read by the device layer and the safety kernel (hardware caps). Plain value, copy freely.
struct DeviceCapabilities {
    std::string_view model; // e.g. "Hasomed RehaStim2"
    int channels = 0; // output channels, numbered 1..channels
    core::Microamps currentMax{0}; // largest |amplitude| the device accepts per phase
    core::Microamps currentStep{0}; // amplitude resolution on the wire
    core::Microseconds pulseWidthMin{0}; // smallest non-zero phase width
    core::Microseconds pulseWidthMax{0}; // largest phase width
    core::Microseconds pulseWidthStep{0}; // phase width resolution on the wire
    core::Hertz frequencyMin{0.0}; // slowest pulse rate the device can repeat by itself
    core::Hertz frequencyMax{0.0}; // fastest pulse rate per channel
    std::vector<WaveformKind> waveforms; // waveforms the device can produce
    std::chrono::milliseconds deviceWatchdog{0}; // device stops output after this much host silence (0: none)
    std::chrono::milliseconds hostKeepAlive{0}; // how often our host sends a keep-alive (well inside the watchdog)
    bool measuresDeliveredCurrent = false; // a reply carries measured current samples
    // Resolution the output stage really delivers when coarser than the wire step (0: same as
    // currentStep). RehaStim2 takes 1 mA on the wire but very likely works in 2 mA steps.
    core::Microamps currentStepEffective{0};
    // Fastest pulse rate per channel with every channel active (0 Hz: same as frequencyMax).
    core::Hertz frequencyMaxAllChannels{0.0};
};

// Serial line settings a protocol needs.
enum class Parity : std::uint8_t { None, Even, Odd };
struct SerialSettings {
    std::uint32_t baud = 0;
    int dataBits = 8;
    Parity parity = Parity::None;
    int stopBits = 1;
    bool rtsCts = false;
};

} // namespace galvani::proto
