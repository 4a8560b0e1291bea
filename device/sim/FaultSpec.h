// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace galvani::device::sim {

// The faults the simulated stimulator can inject. Channel faults act on the device model; link faults
// act on the bytes (FaultInjectingTransport); AckDelay and DisconnectAfter act on the device's replies
// and its link.
enum class FaultKind : std::uint8_t {
    OpenElectrode, // lead-off: the channel's electrode circuit is open
    HighImpedance, // the channel's load resistance is replaced by a higher one
    OverCurrent, // the channel's output stage overshoots; the device's over-current monitor trips
    Stuck, // the channel's output level no longer follows amplitude commands
    Drop, // bytes are lost (probability per byte)
    Corrupt, // one bit of a byte is flipped (probability per byte)
    Duplicate, // a byte is delivered twice (probability per byte)
    Delay, // every byte is delivered late by a fixed time
    Stall, // a chunk starts a pause of the link (probability per chunk, pause length)
    AckDelay, // every reply of the device is held back by a fixed time
    DisconnectAfter, // the device drops the link a fixed time after stimulation starts
    Truncate, // a chunk loses its tail from a random byte on (probability per chunk)
    Rechunk, // chunk boundaries move: cut at random bytes (probability per byte), pieces spread in time
};

// Which way a link fault acts, seen from the device: Rx = host to device, Tx = device to host.
enum class LinkDirection : std::uint8_t { Both, Rx, Tx };

// One parsed fault. Plain value; copy freely across threads.
// Units: duration and startAfter in milliseconds, impedance in ohms, probability in 0..1.
struct FaultSpec {
    FaultKind kind = FaultKind::OpenElectrode;
    int channel = 0; // 1..8 for channel faults, 0 otherwise
    double probability = 0.0; // Drop, Corrupt, Duplicate, Rechunk (per byte), Stall, Truncate (per chunk)
    std::chrono::milliseconds duration{0}; // Delay, Stall, AckDelay, DisconnectAfter, Rechunk (spread)
    core::Ohms impedance{0}; // HighImpedance
    LinkDirection direction = LinkDirection::Both; // link faults only
    std::chrono::milliseconds startAfter{0}; // "@MS": the fault becomes active this long after injection

    // The canonical spec text, e.g. "high-impedance:2:20000@1500"; parseFaultSpec(text()) gives it back.
    [[nodiscard]] std::string text() const;
    friend bool operator==(const FaultSpec&, const FaultSpec&) = default;
};

[[nodiscard]] bool isChannelFault(FaultKind kind);
[[nodiscard]] bool isLinkFault(FaultKind kind); // handled by FaultInjectingTransport
[[nodiscard]] std::string_view faultName(FaultKind kind); // "open-electrode", ...

// Why a spec was refused: names the spec and the allowed form.
struct FaultSpecError {
    std::string message;
};

// Parses one spec (grammar in faultSpecHelp()). Never throws.
[[nodiscard]] std::variant<FaultSpec, FaultSpecError> parseFaultSpec(std::string_view spec);
// Parses a comma-separated list of specs (the URL form `fault=open-electrode:3,drop:0.01`).
[[nodiscard]] std::variant<std::vector<FaultSpec>, FaultSpecError> parseFaultList(std::string_view specs);

// The grammar as text, for galvani-sim --help and error messages.
[[nodiscard]] std::string_view faultSpecHelp();

// Limits of the grammar.
inline constexpr int kMaxFaultChannel = 8;
inline constexpr std::int64_t kMaxFaultImpedanceOhms = 10'000'000;
inline constexpr std::int64_t kMaxFaultDelayMs = 60'000;
inline constexpr std::int64_t kMaxFaultStartMs = 86'400'000;

} // namespace galvani::device::sim
