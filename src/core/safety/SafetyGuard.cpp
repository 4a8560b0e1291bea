// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/safety/SafetyGuard.h"

#include "core/safety/GuardChecks.h"
#include "core/units/UnitConversions.h"

#include <limits>

namespace galvani::core::safety {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Programme-wide and per-channel checks; fills violations, warnings and (for channels whose train is well-formed)
// outputs. Returns the total charge, or nullopt when some channel's charge could not be computed.
std::optional<double> runChecks(
    detail::Reporter& rep, const Program& program, const EffectiveLimits& limits, std::vector<ChannelOutput>& outputs)
{
    for (const auto& problem : limits.problems()) {
        rep.add(detail::makeViolation(0, Field::Limits, Rule::InvalidLimits, kNaN, "", detail::Allowed{{}, {}, problem},
            std::nullopt, "the limits must be corrected before anything can run"));
    }
    if (program.channels.empty()) {
        rep.add(detail::makeViolation(0, Field::Program, Rule::Missing, 0.0, "",
            detail::Allowed{{}, {}, "at least one channel"}, std::nullopt, ""));
    }

    std::vector<bool> seen(static_cast<std::size_t>(kMaxChannelCount) + 1, false);
    double totalCharge = 0.0;
    bool chargeKnown = true;
    for (const auto& cp : program.channels) {
        const int index = cp.channel.index();
        const ChannelLimits* limitsOfChannel = limits.channel(index);
        if (limitsOfChannel == nullptr) {
            const int count = limits.channelCount().value;
            detail::Allowed allowed{
                1.0, static_cast<double>(count), count >= 1 ? "1–" + std::to_string(count) : "", count < 1};
            rep.add(detail::makeViolation(index, Field::Channel, Rule::Range, static_cast<double>(index),
                std::to_string(index), allowed, limits.channelCount().source, "no such channel on this device"));
            chargeKnown = false;
            continue;
        }
        if (seen[static_cast<std::size_t>(index)]) {
            rep.add(detail::makeViolation(index, Field::Channel, Rule::Duplicate, static_cast<double>(index),
                std::to_string(index), detail::Allowed{{}, {}, "each channel once"}, std::nullopt,
                "the channel appears twice in the programme"));
            chargeKnown = false;
            continue;
        }
        seen[static_cast<std::size_t>(index)] = true;

        detail::checkChannelStructure(rep, cp, *limitsOfChannel);
        if (!isWellFormed(cp.train) || cp.train.amplitude.value() < 0) {
            chargeKnown = false; // the malformed field is already reported
            continue;
        }
        const TrainFactors factors = factorsOf(cp.train);
        detail::checkAmplitudeRules(rep, cp, *limitsOfChannel, factors);
        outputs.push_back(detail::outputOf(cp, *limitsOfChannel, factors));
        totalCharge += outputs.back().charge.value();
    }

    const auto& dose = limits.chargeDoseMax();
    if (dose.value && chargeKnown && totalCharge > dose.value->value()) {
        detail::Allowed allowed{0.0, dose.value->value(), formatRange(Microcoulombs(0.0), *dose.value), false};
        rep.add(detail::makeViolation(0, Field::TotalCharge, Rule::ChargeDose, totalCharge,
            formatValue(Microcoulombs(totalCharge)), allowed, dose.source,
            "per-treatment charge ceiling (all channels, ramps counted at full amplitude)"));
    }
    if (!chargeKnown) {
        return std::nullopt;
    }
    return totalCharge;
}

} // namespace

Verdict SafetyGuard::validate(const Program& program, const EffectiveLimits& limits)
{
    Verdict verdict;
    detail::Reporter rep(verdict.m_violations, verdict.m_warnings);
    std::vector<ChannelOutput> outputs;
    const auto totalCharge = runChecks(rep, program, limits, outputs);
    if (verdict.m_violations.empty() && totalCharge) {
        verdict.m_program = ValidatedProgram(program, std::move(outputs), Microcoulombs(*totalCharge));
    }
    return verdict;
}

AmplitudeVerdict SafetyGuard::validateAmplitudeChange(
    const ValidatedProgram& running, int channel, Microamps target, const EffectiveLimits& limits)
{
    AmplitudeVerdict out;
    detail::Reporter rep(out.m_violations, out.m_warnings);

    Program changed = running.program();
    ChannelProgram* cp = changed.find(channel);
    if (cp == nullptr) {
        rep.add(detail::makeViolation(channel, Field::Channel, Rule::Missing, static_cast<double>(channel),
            std::to_string(channel), detail::Allowed{{}, {}, "a channel of the running programme"}, std::nullopt,
            "the channel is not part of the running programme"));
        return out;
    }
    const Microamps previous = cp->train.amplitude;

    // Step rule: absolute target within one step of the running amplitude.
    if (const ChannelLimits* l = limits.channel(channel)) {
        const Microamps step = l->amplitudeStepMax.value;
        const auto delta = checkedAdd(target.value(), -previous.value());
        const bool tooFar = !delta || delta.value() == std::numeric_limits<std::int64_t>::min()
            || (delta.value() < 0 ? -delta.value() : delta.value()) > step.value();
        if (tooFar) {
            const double change = static_cast<double>(target.value()) - static_cast<double>(previous.value());
            detail::Allowed allowed{0.0, static_cast<double>(step.value()), formatRange(Microamps(0), step), false};
            const std::string reason = "live changes move at most one step from " + formatValue(previous)
                + "; the target was " + formatValue(target);
            rep.add(detail::makeViolation(channel, Field::AmplitudeStep, Rule::AmplitudeStep,
                change < 0 ? -change : change, formatDecimal((change < 0 ? -change : change) / 1000.0, 3) + " mA",
                allowed, l->amplitudeStepMax.source, reason));
        }
    }

    // The whole programme again, at the new amplitude and against the current limits.
    cp->train.amplitude = target;
    Verdict full = validate(changed, limits);
    for (auto& v : full.m_violations) {
        out.m_violations.push_back(std::move(v));
    }
    out.m_warnings = std::move(full.m_warnings);
    if (!out.m_violations.empty() || !full.m_program) {
        return out;
    }

    // Shortest transition for a rise within the ramp-rate limit: ceil(Δ · 1 s / rate). A fall may be immediate.
    Microseconds transition{0};
    const std::int64_t rise = target.value() - previous.value(); // |rise| ≤ one step here
    const std::int64_t rate = full.m_program->output(channel)->rampRateMax.value();
    if (rise > 0 && rate > 0) {
        const std::int64_t scaled = rise * 1'000'000;
        transition = Microseconds(scaled / rate + (scaled % rate != 0 ? 1 : 0));
    }
    out.m_command = ValidatedAmplitude(channel, previous, target, transition);
    out.m_program = std::move(full.m_program);
    return out;
}

} // namespace galvani::core::safety
