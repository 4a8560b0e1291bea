// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: any text as a device URL (what --device, GALVANI_DEVICE-style settings and the GUI's device field
// accept). Properties:
//  - the parser never crashes, hangs or reads out of bounds, and a refusal always says why (non-empty message);
//  - an accepted address prints as a canonical URL that parses back to the same address, and printing that
//    again gives the same text (toUrl is a fixed point);
//  - for sim: addresses, the simulator configuration built from the options either succeeds or names what is
//    wrong, and every fault spec it accepts prints as text that parses back to the same spec.
#include "../sciencemode2/FuzzCheck.h"

#include "device/discovery/DeviceAddress.h"
#include "device/sim/FaultSpec.h"
#include "device/sim/SimulatorConfig.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace {

using namespace galvani::device;

bool sameAddress(const DeviceAddress& a, const DeviceAddress& b)
{
    return a.kind == b.kind && a.protocol == b.protocol && a.port == b.port && a.options == b.options;
}

void checkFaults(std::string_view list)
{
    const auto parsed = sim::parseFaultList(list);
    if (const auto* error = std::get_if<sim::FaultSpecError>(&parsed)) {
        GALVANI_FUZZ_CHECK(!error->message.empty());
        return;
    }
    for (const auto& spec : std::get<std::vector<sim::FaultSpec>>(parsed)) {
        const std::string text = spec.text();
        const auto again = sim::parseFaultSpec(text);
        GALVANI_FUZZ_CHECK(std::holds_alternative<sim::FaultSpec>(again));
        GALVANI_FUZZ_CHECK(std::get<sim::FaultSpec>(again) == spec);
        GALVANI_FUZZ_CHECK(std::get<sim::FaultSpec>(again).text() == text);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view url(reinterpret_cast<const char*>(data), size);
    // The fault grammar on its own as well: the same bytes as a `fault=` value.
    checkFaults(url);

    const auto parsed = parseDeviceAddress(url);
    if (const auto* error = std::get_if<AddressError>(&parsed)) {
        GALVANI_FUZZ_CHECK(!error->message.empty());
        return 0;
    }
    const auto& address = std::get<DeviceAddress>(parsed);
    const std::string canonical = address.toUrl();
    const auto again = parseDeviceAddress(canonical);
    GALVANI_FUZZ_CHECK(std::holds_alternative<DeviceAddress>(again));
    GALVANI_FUZZ_CHECK(sameAddress(std::get<DeviceAddress>(again), address));
    GALVANI_FUZZ_CHECK(std::get<DeviceAddress>(again).toUrl() == canonical);

    if (address.kind == DeviceAddress::Kind::Simulated) {
        if (const auto protocol = sim::simProtocolFromId(address.protocol)) {
            const auto config = sim::configFromOptions(*protocol, address.options);
            if (const auto* message = std::get_if<std::string>(&config)) {
                GALVANI_FUZZ_CHECK(!message->empty());
            }
        }
        if (const auto fault = address.options.find("fault"); fault != address.options.end()) {
            checkFaults(fault->second);
        }
    }
    return 0;
}
