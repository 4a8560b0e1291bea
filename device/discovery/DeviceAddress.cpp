// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/discovery/DeviceAddress.h"

#include "protocols/ProtocolRegistry.h"

#include <algorithm>

namespace galvani::device {

namespace {

constexpr std::size_t kMaxUrlLength = 1024;

std::string knownProtocols()
{
    std::string list;
    for (const auto& p : proto::ProtocolRegistry::all()) {
        if (!list.empty()) {
            list += ", ";
        }
        list += p.id;
    }
    return list;
}

bool isPrintableAscii(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

} // namespace

std::string DeviceAddress::toUrl() const
{
    // A port that itself starts with "//" gets the empty authority in front, or parsing would take its own
    // slashes for it (serial:////x names the port //x).
    const std::string authority = port.starts_with("//") ? "//" : "";
    std::string url
        = kind == Kind::Simulated ? "sim:" + protocol : "serial:" + authority + port + "?protocol=" + protocol;
    char sep = kind == Kind::Simulated ? '?' : '&';
    for (const auto& [key, value] : options) {
        url += sep;
        url += key;
        url += '=';
        url += value;
        sep = '&';
    }
    return url;
}

std::variant<DeviceAddress, AddressError> parseDeviceAddress(std::string_view url)
{
    if (url.empty()) {
        return AddressError{
            "device URL is empty; expected sim:<protocol>[?options] or serial:<port>?protocol=<protocol>"};
    }
    if (url.size() > kMaxUrlLength) {
        return AddressError{"device URL is " + std::to_string(url.size()) + " characters long; at most "
            + std::to_string(kMaxUrlLength) + " are allowed"};
    }
    if (!isPrintableAscii(url)) {
        return AddressError{"device URL contains spaces or characters outside printable ASCII"};
    }
    const auto colon = url.find(':');
    if (colon == std::string_view::npos) {
        return AddressError{"device URL '" + std::string(url) + "' has no scheme; expected sim: or serial:"};
    }
    const std::string_view scheme = url.substr(0, colon);
    std::string_view rest = url.substr(colon + 1);
    std::string_view query;
    if (const auto q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }

    DeviceAddress address;
    if (scheme == "sim") {
        address.kind = DeviceAddress::Kind::Simulated;
        address.protocol = std::string(rest);
    } else if (scheme == "serial") {
        address.kind = DeviceAddress::Kind::Serial;
        if (rest.starts_with("//")) {
            rest.remove_prefix(2); // serial:///dev/ttyUSB0: empty authority, absolute path follows
        }
        if (rest.empty()) {
            return AddressError{"device URL '" + std::string(url) + "' names no serial port; e.g. serial:/dev/ttyUSB0"};
        }
        address.port = std::string(rest);
    } else {
        return AddressError{"device URL scheme '" + std::string(scheme) + "' is not supported; use sim: or serial:"};
    }

    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view item = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const auto eq = item.find('=');
        if (eq == std::string_view::npos || eq == 0 || eq + 1 == item.size()) {
            return AddressError{"device URL option '" + std::string(item) + "' must have the form key=value"};
        }
        std::string key(item.substr(0, eq));
        std::string value(item.substr(eq + 1));
        if (key == "protocol") {
            if (address.kind == DeviceAddress::Kind::Simulated || !address.protocol.empty()) {
                return AddressError{"device URL option 'protocol' is given twice or on a sim: address"};
            }
            address.protocol = std::move(value);
            continue;
        }
        if (address.options.contains(key)) {
            return AddressError{"device URL option '" + key + "' is given twice"};
        }
        address.options.emplace(std::move(key), std::move(value));
    }

    if (address.protocol.empty()) {
        return AddressError{
            "device URL '" + std::string(url) + "' names no protocol; known protocols: " + knownProtocols()};
    }
    if (proto::ProtocolRegistry::find(address.protocol) == nullptr) {
        return AddressError{
            "device URL protocol '" + address.protocol + "' is not supported; known protocols: " + knownProtocols()};
    }
    return address;
}

} // namespace galvani::device
