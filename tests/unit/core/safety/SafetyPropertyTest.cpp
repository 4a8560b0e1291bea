// SPDX-License-Identifier: GPL-3.0-or-later
// Property tests: over 10⁶ random (limit layers, programme) pairs, compare the guard with the independent oracle.
//  - soundness: an accepted programme breaks no cap (every quantity recomputed independently);
//  - no false rejection: every violation the guard reports is a cap the oracle finds broken (or within rounding
//    of its boundary);
//  - completeness: every cap the oracle finds clearly broken is reported;
//  - the effective limits equal the oracle's own minimum over the layers, with the same binding layer;
//  - the outputs of a validated programme equal the oracle's figures.
// Seeds: one std::mt19937_64 stream per test case, seeded from GALVANI_PROPERTY_SEED (default fixed);
// GALVANI_PROPERTY_ITERATIONS overrides the count. A failure prints the seed and the iteration; rerunning with the
// same seed and ITERATIONS = iteration + 1 replays the same pairs up to the failing one.
#include "IndependentOracle.h"
#include "RandomCases.h"
#include "SafetyTestSupport.h"

#include "core/safety/ClinicalLimits.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <string>

using namespace galvani::core;
using namespace galvani::core::safety;
using namespace galvani::core::safety::test;

namespace {

constexpr std::uint64_t kDefaultSeed = 0x6A1BA7150000C0DEULL;

std::uint64_t envNumber(const char* name, std::uint64_t fallback)
{
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') {
        return fallback;
    }
    return std::strtoull(v, nullptr, 0);
}

bool sameKey(const Violation& v, const Finding& f)
{
    return v.channel == f.channel && v.rule == f.rule && (v.field == f.field || v.rule == Rule::PulseFitsPeriod);
}

bool near(long double a, long double b)
{
    return std::fabs(a - b) <= 1e-9L * std::max({std::fabs(a), std::fabs(b), 1.0L});
}

// Everything the guard said, checked against the oracle. Empty when they agree.
std::string disagreements(const Verdict& v, const Program& program, const Oracle& oracle)
{
    std::string out;
    const auto expected = oracle.judge(program);
    const auto expectedWarnings = oracle.warnings(program);
    bool broken = false;
    for (const auto& f : expected) {
        broken = broken || f.status == Status::Broken;
    }
    if (v.accepted() && broken) {
        out += "ACCEPTED a programme that breaks a cap:\n" + describe(expected);
    }
    if (v.accepted() != v.violations().empty() || v.accepted() != v.program().has_value()) {
        out += "accepted() disagrees with the violations or the programme\n";
    }
    for (const auto& viol : v.violations()) {
        const bool real
            = std::any_of(expected.begin(), expected.end(), [&](const auto& f) { return sameKey(viol, f); });
        if (!real) {
            out += "FALSE violation: " + viol.message + "\n";
        }
    }
    for (const auto& f : expected) {
        const bool reported = std::any_of(
            v.violations().begin(), v.violations().end(), [&](const auto& viol) { return sameKey(viol, f); });
        if (f.status == Status::Broken && !reported) {
            out += "MISSED:\n" + describe({f});
        }
    }
    for (const auto& w : v.warnings()) {
        const bool real = std::any_of(expectedWarnings.begin(), expectedWarnings.end(),
            [&](const auto& f) { return f.channel == w.channel && f.rule == w.rule; });
        if (!real) {
            out += "FALSE warning: " + w.message + "\n";
        }
    }
    for (const auto& f : expectedWarnings) {
        const bool reported = std::any_of(v.warnings().begin(), v.warnings().end(),
            [&](const auto& w) { return f.channel == w.channel && f.rule == w.rule; });
        if (f.status == Status::Broken && !reported) {
            out += "MISSED warning:\n" + describe({f});
        }
    }
    if (v.accepted()) {
        long double total = 0;
        for (const auto& cp : program.channels) {
            const auto* o = v.program()->output(cp.channel.index());
            const auto* caps = oracle.caps(cp.channel.index());
            if (o == nullptr || caps == nullptr) {
                out += "no output for channel " + std::to_string(cp.channel.index()) + "\n";
                continue;
            }
            const auto expect = Oracle::output(cp.train, caps->load);
            if (!near(o->rmsCurrent.value(), expect.rms) || !near(o->meanCurrent.value(), expect.mean)
                || !near(o->energyPerPulse.value(), expect.energy) || o->load.value() != caps->load) {
                out += "output figures differ on channel " + std::to_string(cp.channel.index()) + "\n";
            }
            // Independently: the validated figures are within every cap.
            if (expect.rms > caps->rmsMax * (1 + 1e-9L) || expect.energy > caps->energyMax * (1 + 1e-9L)
                || cp.train.amplitude.value() > caps->amplitudeMax
                || static_cast<long double>(o->peakVoltage.value()) > caps->voltageMax) {
                out += "validated output above a cap on channel " + std::to_string(cp.channel.index()) + "\n";
            }
            total += expect.chargePerSecond * Oracle::activeSeconds(cp);
        }
        if (!near(v.program()->totalCharge().value(), total)) {
            out += "total charge " + std::to_string(v.program()->totalCharge().value()) + " differs from "
                + std::to_string(static_cast<double>(total)) + "\n";
        }
    }
    return out;
}

// The kernel's effective limits against the oracle's own minimum over the layers.
std::string limitDisagreements(const EffectiveLimits& limits, const Oracle& oracle)
{
    std::string out;
    if (limits.channelCount().value != oracle.channelCount()) {
        out += "channel count " + std::to_string(limits.channelCount().value) + " vs "
            + std::to_string(oracle.channelCount()) + "\n";
    }
    if (limits.problems().empty() == oracle.hasProblems()) {
        out += "problems disagree\n";
    }
    for (int ch = 1; ch <= oracle.channelCount(); ++ch) {
        const auto* k = limits.channel(ch);
        const auto* o = oracle.caps(ch);
        if (k == nullptr || o == nullptr) {
            out += "channel " + std::to_string(ch) + " missing\n";
            continue;
        }
        const bool same = k->amplitudeMax.value.value() == o->amplitudeMax
            && k->amplitudeMax.source.layer == o->amplitudeMaxLayer
            && k->amplitudeMax.source.channel == o->amplitudeMaxChannel && k->rmsCurrentMax.value.value() == o->rmsMax
            && k->phaseWidthMin.value.value() == o->pwMin && k->phaseWidthMax.value.value() == o->pwMax
            && k->frequencyMin.value.value() == o->fMin && k->frequencyMax.value.value() == o->fMax
            && k->carrierFrequencyMin.value.value() == o->cMin && k->carrierFrequencyMax.value.value() == o->cMax
            && k->loadResistance.value.value() == o->load && k->peakVoltageMax.value.value() == o->voltageMax
            && k->energyPerPulseMax.value.value() == o->energyMax && k->rampRateMax.value.value() == o->rampRateMax
            && k->sessionDurationMin.value.value() == o->sessionMin
            && k->sessionDurationMax.value.value() == o->sessionMax
            && k->electrodeArea.value.has_value() == o->area.has_value()
            && (!o->area || k->electrodeArea.value->value() == *o->area) && k->pulseBursts.value == o->pulseBursts
            && k->carrierBursts.value == o->carrierBursts;
        if (!same) {
            out += "effective limits of channel " + std::to_string(ch) + " differ from the oracle's\n";
        }
    }
    return out;
}

struct Stats {
    std::uint64_t accepted = 0;
    std::uint64_t rejected = 0;
    std::uint64_t multiViolation = 0;
    std::uint64_t amplitudeRuleRejections = 0;
};

} // namespace

TEST_CASE("Property: the guard agrees with an independent oracle on 10^6 random limit/programme pairs",
    "[core][safety][property]")
{
    const std::uint64_t baseSeed = envNumber("GALVANI_PROPERTY_SEED", kDefaultSeed);
    const std::uint64_t iterations = envNumber("GALVANI_PROPERTY_ITERATIONS", 1'000'000);
    Stats stats;
    Gen g(baseSeed);
    for (std::uint64_t i = 0; i < iterations; ++i) {
        const RawLayers layers = randomLayers(g);
        const Program program = randomProgram(g, layers);
        const EffectiveLimits limits = layers.build();
        const Oracle oracle(layers);
        const Verdict verdict = SafetyGuard::validate(program, limits);

        std::string problem = limitDisagreements(limits, oracle) + disagreements(verdict, program, oracle);
        if (!problem.empty()) {
            FAIL("seed " << baseSeed << ", iteration " << i << "\n" << problem << "guard said:\n" << verdict.summary());
        }
        if (verdict.accepted()) {
            ++stats.accepted;
        } else {
            ++stats.rejected;
            stats.multiViolation += verdict.violations().size() > 1 ? 1U : 0U;
            stats.amplitudeRuleRejections += verdict.has(Rule::RmsCurrent) || verdict.has(Rule::EnergyPerPulse)
                    || verdict.has(Rule::PowerDensity) || verdict.has(Rule::PeakVoltage)
                ? 1U
                : 0U;
        }
    }
    INFO("accepted " << stats.accepted << ", rejected " << stats.rejected << ", with several violations "
                     << stats.multiViolation << ", by an rms/energy/density/voltage rule "
                     << stats.amplitudeRuleRejections);
    // The generator must exercise both outcomes substantially, or the property says little.
    CHECK(stats.accepted + stats.rejected == iterations);
    if (iterations >= 10'000) {
        CHECK(stats.accepted >= iterations / 20);
        CHECK(stats.rejected >= iterations / 20);
        CHECK(stats.amplitudeRuleRejections >= iterations / 100);
    }
}

TEST_CASE("Property: live amplitude changes never leave the limits and respect the step", "[core][safety][property]")
{
    const std::uint64_t baseSeed = envNumber("GALVANI_PROPERTY_SEED", kDefaultSeed) ^ 0xA5A5A5A5ULL;
    const std::uint64_t iterations = envNumber("GALVANI_PROPERTY_ITERATIONS", 1'000'000) / 10;
    std::uint64_t accepted = 0;
    std::uint64_t tried = 0;
    Gen g(baseSeed);
    for (std::uint64_t i = 0; i < iterations; ++i) {
        const RawLayers layers = randomLayers(g);
        const Program program = randomProgram(g, layers);
        const EffectiveLimits limits = layers.build();
        const auto start = SafetyGuard::validate(program, limits);
        if (!start.accepted()) {
            continue;
        }
        ++tried;
        const auto& cp = program.channels[static_cast<std::size_t>(
            g.integer(0, static_cast<std::int64_t>(program.channels.size()) - 1))];
        const std::int64_t from = cp.train.amplitude.value();
        const std::int64_t to = std::max<std::int64_t>(-10, from + g.integer(-1'000, 1'000));
        const auto change
            = SafetyGuard::validateAmplitudeChange(*start.program(), cp.channel.index(), Microamps(to), limits);

        Program changed = program;
        changed.find(cp.channel.index())->train.amplitude = Microamps(to);
        const Oracle oracle(layers);
        const auto findings = oracle.judge(changed);
        const bool broken
            = std::any_of(findings.begin(), findings.end(), [](const auto& f) { return f.status == Status::Broken; });
        const auto step = static_cast<std::int64_t>(std::llabs(to - from));
        const bool stepTooBig = step > oracle.caps(cp.channel.index())->stepMax;
        std::ostringstream problem;
        if (change.accepted() && (broken || stepTooBig)) {
            problem << "accepted a change that breaks a cap or the step\n" << describe(findings);
        }
        if (!change.accepted() && !broken && !stepTooBig) {
            const bool borderline = !findings.empty();
            if (!borderline) {
                problem << "refused a change that breaks nothing: " << change.violations().front().message << "\n";
            }
        }
        if (change.accepted()) {
            ++accepted;
            const auto rate = oracle.caps(cp.channel.index())->rampRateMax;
            const auto transition = change.command()->minimumTransition().value();
            // The transition is the shortest whole-µs time that keeps a rise within the rate.
            if (to > from
                && (static_cast<long double>(to - from) * 1e6L > static_cast<long double>(rate) * transition
                    || static_cast<long double>(to - from) * 1e6L
                        <= static_cast<long double>(rate) * (transition - 1))) {
                problem << "minimum transition " << transition << " µs is not the shortest for " << (to - from)
                        << " µA\n";
            }
            if (to <= from && transition != 0) {
                problem << "a fall needs no transition time\n";
            }
            if (change.program()->program() != changed) {
                problem << "the re-validated programme is not the changed one\n";
            }
        }
        if (!problem.str().empty()) {
            FAIL("seed " << baseSeed << ", iteration " << i << ", channel " << cp.channel.index() << " " << from
                         << " → " << to << " µA\n"
                         << problem.str());
        }
    }
    INFO("tried " << tried << ", accepted " << accepted);
    if (iterations >= 10'000) {
        CHECK(tried >= iterations / 20);
        CHECK(accepted >= tried / 10);
        CHECK(accepted < tried);
    }
}
