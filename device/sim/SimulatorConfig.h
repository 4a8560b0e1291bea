// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"
#include "device/sim/FaultSpec.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace galvani::device::sim {

// The device a simulator impersonates.
enum class SimProtocol : std::uint8_t { ScienceMode2, ScienceMode3, ScienceMode4 };

[[nodiscard]] std::optional<SimProtocol> simProtocolFromId(std::string_view id); // "sciencemode2", ...
[[nodiscard]] std::string_view simProtocolId(SimProtocol protocol);
[[nodiscard]] int maxChannels(SimProtocol protocol); // 8, 4, 8
// The real device's watchdog: ScienceMode2 1200 ms; ScienceMode3/4 mid level 2000 ms.
[[nodiscard]] std::chrono::milliseconds defaultWatchdog(SimProtocol protocol);

inline constexpr int kMaxSimChannels = 8;

// Electrode-skin load of one channel: resistance R in parallel with capacitance C (a current source
// into it settles at I·R volts with time constant R·C). Units: ohms, nanofarads.
struct ChannelLoad {
    core::Ohms resistance{1000};
    double capacitanceNanofarads = 100.0;
    friend bool operator==(const ChannelLoad&, const ChannelLoad&) = default;
};

// Per-channel output error, so calibration has something to find: delivered magnitude =
// commanded·(1 + gain) + offset for every non-zero phase. gain is a fraction (+0.15 = +15 %). width: every
// non-zero phase lasts (1 + width) × its commanded duration (a fraction too). leak: a faulty
// output stage that drives this current through every phase commanded to 0 mA (0: none), so the power-on
// self-test's zero-output check has something to find.
struct ChannelError {
    double gain = 0.0;
    core::Microamps offset{0};
    core::Microamps leak{0};
    double width = 0.0;
    friend bool operator==(const ChannelError&, const ChannelError&) = default;
};

// Everything a simulated stimulator is configured with. Plain value; copy freely across threads.
struct SimulatorConfig {
    SimProtocol protocol = SimProtocol::ScienceMode4;
    int channels = 8; // 1..maxChannels(protocol); commands for other channels are refused
    std::array<ChannelLoad, kMaxSimChannels> loads{};
    std::array<ChannelError, kMaxSimChannels> errors{};
    std::string serial = "GSIM-0001"; // 1..10 printable ASCII characters
    std::optional<std::chrono::milliseconds> watchdog; // nullopt: the real device's period
    std::vector<FaultSpec> faults; // applied when the simulator starts
    std::uint64_t seed = 1; // RNG seed (noise, link faults)
    int batteryPercent = 87; // 0..100
    core::Microamps noise{20}; // standard deviation of measured-current noise
    bool logEveryCommand = false; // false: keep-alives and low-level pulses are summarised once a second

    [[nodiscard]] std::chrono::milliseconds effectiveWatchdog() const
    {
        return watchdog.value_or(defaultWatchdog(protocol));
    }
};

// A default configuration for a protocol (channels = maxChannels).
[[nodiscard]] SimulatorConfig defaultConfig(SimProtocol protocol);

// Applies one option, as given in a `sim:` URL (key=value) or as a galvani-sim flag (--key value).
// Keys: channels, load-ohms, load, serial, watchdog-ms, gain-error, offset-error, width-error, leak, fault, seed,
// battery, noise-ua. List options (load, gain-error, offset-error, width-error, leak, fault) accept comma-separated
// items and add to what is there. Apply `channels` first (channel numbers are checked against it) and `load-ohms`
// before `load` (it sets every channel).
// Returns an error text that names the option and the allowed form, or nullopt.
[[nodiscard]] std::optional<std::string> applySimOption(
    SimulatorConfig& config, std::string_view key, std::string_view value);

// Builds a configuration from the options of a `sim:` URL (channels, load-ohms, then the rest).
[[nodiscard]] std::variant<SimulatorConfig, std::string> configFromOptions(
    SimProtocol protocol, const std::map<std::string, std::string>& options);

// Text of the option grammar for --help.
[[nodiscard]] std::string_view simOptionHelp();

} // namespace galvani::device::sim
