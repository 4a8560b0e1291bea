// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <variant>

namespace galvani::device {

// Where a stimulator is reached, parsed from a device URL:
//   sim:sciencemode4?channels=8&load-ohms=1000      the built-in simulated stimulator
//   serial:/dev/ttyUSB0?protocol=sciencemode4       a serial port (serial:///dev/ttyUSB0 is accepted too)
// Plain value; safe to copy across threads. Written in standard C++ so the parser can be fuzzed.
struct DeviceAddress {
    enum class Kind { Simulated, Serial };
    Kind kind = Kind::Simulated;
    std::string protocol; // registry id, e.g. "sciencemode4"
    std::string port; // serial device path; empty for Simulated
    std::map<std::string, std::string> options; // every query item except protocol, verbatim

    // The canonical URL for this address (options in key order).
    [[nodiscard]] std::string toUrl() const;
};

// Why a device URL was refused; message names the part of the URL and what is allowed.
struct AddressError {
    std::string message;
};

// Parses and checks a device URL: the scheme must be sim or serial, the protocol must be a registered one,
// query keys must not repeat, values must not be empty. Never throws.
[[nodiscard]] std::variant<DeviceAddress, AddressError> parseDeviceAddress(std::string_view url);

// The address the application uses when none is given: the simulated 8-channel ScienceMode4 stimulator.
inline constexpr std::string_view kDefaultDeviceUrl = "sim:sciencemode4?channels=8";

} // namespace galvani::device
