// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"
#include "device/sim/PulseShape.h"
#include "device/sim/SimulatorConfig.h"

#include <cstddef>
#include <optional>
#include <random>
#include <vector>

namespace galvani::device::sim {

// Physics of one output channel: a current source with a compliance-voltage limit driving an
// electrode-skin load (resistance R in parallel with capacitance C), with the channel's gain/offset
// error and its hardware faults (open electrode, high impedance, over-current overshoot).
//  - While the load voltage is below the compliance voltage the source delivers what it drives.
//  - At the compliance voltage the current falls to what the resistive part can take, V/R; so the
//    current a phase settles at is min(|I|, V/R).
//  - An open electrode carries no current at all.
// Thread affinity: none (plain value; the owner serialises access). Units: µA, µs, mV, ohms.
class ChannelModel {
public:
    // The over-current fault: the output stage drives this much more than it should.
    static constexpr double kOverCurrentFactor = 1.5;

    void setLoad(const ChannelLoad& load) { m_load = load; }
    [[nodiscard]] const ChannelLoad& load() const { return m_load; }
    void setError(const ChannelError& error) { m_error = error; }
    [[nodiscard]] const ChannelError& error() const { return m_error; }

    void setOpenElectrode(bool open) { m_open = open; }
    [[nodiscard]] bool openElectrode() const { return m_open; }
    void setImpedanceOverride(std::optional<core::Ohms> ohms) { m_impedance = ohms; }
    void setOverCurrent(bool on) { m_overCurrent = on; }
    [[nodiscard]] bool overCurrent() const { return m_overCurrent; }

    // The load resistance now (the high-impedance fault replaces the configured one).
    [[nodiscard]] core::Ohms resistance() const { return m_impedance.value_or(m_load.resistance); }

    // What the output stage drives for a commanded phase current: gain and offset error applied to
    // the magnitude of a non-zero phase (never below zero), then the over-current overshoot. Signed.
    [[nodiscard]] core::Microamps sourceCurrent(core::Microamps commanded) const;
    // The current a phase settles at in the load: the source current limited to V/R; 0 with an open
    // electrode or without compliance voltage. Signed.
    [[nodiscard]] core::Microamps settledCurrent(core::Microamps commanded, core::Millivolts compliance) const;
    // Largest settled |current| over the pulse.
    [[nodiscard]] core::Microamps settledPeak(const PulseShape& shape, core::Millivolts compliance) const;
    // True when the compliance voltage keeps some phase below what the source drives (the set
    // current is not reached). False with an open electrode (that is a different fault).
    [[nodiscard]] bool complianceLimited(const PulseShape& shape, core::Millivolts compliance) const;

    // The pulse the output stage actually shapes: every non-zero phase stretched by the width error (at least
    // 1 µs); pauses between phases keep their length.
    [[nodiscard]] PulseShape deliveredShape(const PulseShape& shape) const;

    // The current of one pulse as the device's measurement samples it (of the delivered shape): `count` samples, one
    // every samplingPeriod, from the pulse's start, through the RC load at 1 µs resolution, plus Gaussian noise of
    // standard deviation noise. Samples after the pulse show the (noisy) zero line.
    [[nodiscard]] std::vector<core::Microamps> samplePulse(const PulseShape& shape, core::Microseconds samplingPeriod,
        std::size_t count, core::Millivolts compliance, core::Microamps noise, std::mt19937_64& rng) const;

    // A sampling period that fits the whole pulse into count samples with some zero line after it.
    [[nodiscard]] static core::Microseconds samplingPeriodFor(const PulseShape& shape, std::size_t count);

private:
    ChannelLoad m_load;
    ChannelError m_error;
    bool m_open = false;
    bool m_overCurrent = false;
    std::optional<core::Ohms> m_impedance;
};

} // namespace galvani::device::sim
