// SPDX-License-Identifier: GPL-3.0-or-later
// Every fault the simulator can inject, during stimulation: each must end with the output stopped (the
// simulator delivers nothing) and a clear Fault (plain words and what to check).
#include "SessionHelpers.h"

#include <set>

using namespace std::chrono_literals;
using galvani::device::DeviceState;
using galvani::device::FaultKind;

namespace galvani::test {

namespace {

struct Case {
    std::string url;
    std::string fault;
    std::set<FaultKind> expected;
    // Phase width: the electrode capacitance (100 nF) carries a 250 µs phase even into a very high resistance,
    // so a high-impedance load shows only with phases long enough to charge it to the compliance voltage.
    std::int64_t phaseUs = 250;
};

} // namespace

TEST_CASE("Every injected fault ends in a stop and a clear fault", "[device][integration]")
{
    const Case c = GENERATE(Case{"sim:sciencemode4", "open-electrode:1", {FaultKind::ElectrodeError}},
        Case{
            "sim:sciencemode4", "high-impedance:1:100000", {FaultKind::DeliveryDeviation, FaultKind::LowCurrent}, 1500},
        Case{"sim:sciencemode4", "over-current:1", {FaultKind::DeviceError, FaultKind::DeliveryDeviation}},
        Case{"sim:sciencemode4", "stuck:1", {FaultKind::DeliveryDeviation}},
        Case{"sim:sciencemode4", "drop:1", {FaultKind::DeviceSilent, FaultKind::NoAcknowledgement}},
        Case{"sim:sciencemode4", "corrupt:1", {FaultKind::DeviceSilent, FaultKind::NoAcknowledgement}},
        Case{"sim:sciencemode4", "delay:800", {FaultKind::DeviceSilent, FaultKind::NoAcknowledgement}},
        Case{"sim:sciencemode4", "stall:1:900", {FaultKind::DeviceSilent, FaultKind::NoAcknowledgement}},
        Case{"sim:sciencemode4", "ack-delay:800", {FaultKind::DeviceSilent, FaultKind::NoAcknowledgement}},
        Case{"sim:sciencemode4", "disconnect-after:1", {FaultKind::LinkLost}},
        Case{"sim:sciencemode4?level=mid", "open-electrode:1", {FaultKind::ElectrodeError}},
        Case{"sim:sciencemode4?level=mid", "high-impedance:1:100000", {FaultKind::LowCurrent}, 1500},
        Case{"sim:sciencemode4?level=mid", "over-current:1",
            {FaultKind::DeviceError, FaultKind::DeviceStopped, FaultKind::CommandRefused}},
        Case{"sim:sciencemode4?level=mid", "drop:1:tx", {FaultKind::DeviceSilent, FaultKind::NoAcknowledgement}},
        Case{"sim:sciencemode3", "open-electrode:2", {FaultKind::ElectrodeError}},
        Case{"sim:sciencemode2", "open-electrode:1", {FaultKind::ElectrodeError}},
        Case{"sim:sciencemode2", "over-current:2", {FaultKind::DeviceError}},
        Case{"sim:sciencemode2", "drop:1:tx", {FaultKind::DeviceSilent, FaultKind::NoAcknowledgement}},
        Case{"sim:sciencemode2", "disconnect-after:1", {FaultKind::LinkLost}});
    INFO(c.url << " with " << c.fault);
    ServiceSession s(c.url);
    s.arm(validatedProgram(limitsFor(capabilitiesOf(s.address)), {1, 2}, 20.0, 40.0, c.phaseUs));
    auto& sim = s.sim();
    s.service.start();
    REQUIRE(waitUntil([&] { return sim.output(1).commanded == core::milliamps(20.0); }, 3000ms));
    REQUIRE(waitUntil([&] { return sim.deliveredCurrent(2).value() > 0; }, 1000ms));

    injectFault(sim, c.fault);
    if (c.fault.starts_with("stuck")) {
        // A stuck output is only visible when the amplitude moves: ask for less.
        const auto limits = limitsFor(capabilitiesOf(s.address));
        auto running = validatedProgram(limits, {1, 2}, 20.0, 40.0, c.phaseUs);
        for (int step = 1; step <= 4; ++step) {
            const auto verdict = core::safety::SafetyGuard::validateAmplitudeChange(
                running, 1, core::milliamps(20.0 - 0.5 * step), limits);
            REQUIRE(verdict.accepted());
            s.service.setAmplitude(*verdict.command());
            running = *verdict.program();
        }
    }
    REQUIRE(s.waitFor(DeviceState::Fault, 5000ms));
    REQUIRE(waitUntil([&] { return !s.faults.empty(); }, 1000ms));
    REQUIRE(s.faults.size() == 1);
    const auto& fault = s.faults.front();
    INFO("fault: " << toString(fault.kind) << ": " << fault.message.toStdString());
    CHECK(c.expected.contains(fault.kind));
    CHECK(!fault.message.isEmpty());
    CHECK(!fault.whatToCheck.isEmpty());
    // Output is off: by our STOP, the device's own trip, or its watchdog once the link is gone.
    CHECK(waitUntil(
        [&] { return sim.deliveredCurrent(1).value() == 0 && sim.deliveredCurrent(2).value() == 0; }, 2500ms));
    // The simulator's oracle stays clean, except that pulses already on the wire when the device tripped on an
    // over-current reach a device that has just dropped its level: the host cannot call those back.
    for (const auto& entry : sim.oracle()) {
        INFO("oracle: " << entry.command << ": " << entry.reason);
        CHECK((c.fault.starts_with("over-current") && entry.reason.starts_with("wrong level")));
    }
    // And it stays off: no resume by itself.
    CHECK(!waitUntil(
        [&] { return s.service.state() != DeviceState::Fault || sim.deliveredCurrent(1).value() != 0; }, 300ms));
}

} // namespace galvani::test
