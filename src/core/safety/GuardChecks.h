// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the safety kernel: the per-channel checks SafetyGuard runs, split by theme so that each file stays
// readable. Not part of the public API; include only from src/core/safety/*.cpp.

#include "core/domain/Program.h"
#include "core/safety/EffectiveLimits.h"
#include "core/safety/OutputMetrics.h"
#include "core/safety/ValidatedProgram.h"
#include "core/safety/Violation.h"
#include "core/units/UnitFormat.h"

#include <cmath>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace galvani::core::safety::detail {

// Collects violations and warnings; composes each violation's message as it is added.
class Reporter {
public:
    Reporter(std::vector<Violation>& violations, std::vector<Warning>& warnings)
        : m_violations(violations), m_warnings(warnings)
    {
    }
    void add(Violation v)
    {
        composeMessage(v);
        m_violations.push_back(std::move(v));
    }
    void warn(Warning w) { m_warnings.push_back(std::move(w)); }
    [[nodiscard]] std::size_t violationCount() const { return m_violations.size(); }

private:
    std::vector<Violation>& m_violations;
    std::vector<Warning>& m_warnings;
};

// What is allowed, for a violation: numeric bounds in the field's base unit and their text.
struct Allowed {
    std::optional<double> min;
    std::optional<double> max;
    std::string text;
    bool empty = false;
};

[[nodiscard]] Violation makeViolation(int channel, Field field, Rule rule, double value, std::string valueText,
    Allowed allowed, std::optional<LimitSource> source, std::string reason);

// A bound for a range check: its value and, if it comes from a limit layer, which one (nullopt: a definition,
// such as "a duration is not negative"). A default-constructed Limit ({}) is "no bound on this side".
template <typename Q>
struct Limit {
    Q value{};
    std::optional<LimitSource> source;
    bool present = false;
};
template <typename Q>
[[nodiscard]] Limit<Q> limitOf(const Bound<Q>& b)
{
    return {b.value, b.source, true};
}
template <typename Q>
[[nodiscard]] Limit<Q> definedAs(Q v)
{
    return {v, std::nullopt, true};
}

template <typename Q>
struct IsFloating : std::is_floating_point<Q> {
};
template <typename Tag, typename Rep>
struct IsFloating<Quantity<Tag, Rep>> : std::is_floating_point<Rep> {
};

template <typename Q>
[[nodiscard]] double baseValue(Q q)
{
    if constexpr (std::is_arithmetic_v<Q>) {
        return static_cast<double>(q);
    } else {
        return static_cast<double>(q.value());
    }
}

// Reports v outside [lo, hi] (either side optional). For floating quantities NaN and ±inf are reported as
// NotFinite. `show` turns a Q into a DisplayValue. Returns true when v is inside.
template <typename Q, typename Show>
bool checkRange(Reporter& r, int channel, Field field, Rule rule, Q v, const Limit<std::type_identity_t<Q>>& lo,
    const Limit<std::type_identity_t<Q>>& hi, Show show, const std::string& reason)
{
    if constexpr (IsFloating<Q>::value) {
        if (!std::isfinite(baseValue(v))) {
            r.add(makeViolation(channel, field, Rule::NotFinite, baseValue(v), joined(show(v)),
                Allowed{{}, {}, "a finite number", false}, std::nullopt, reason));
            return false;
        }
    }
    const bool below = lo.present && v < lo.value;
    const bool above = hi.present && hi.value < v;
    if (!below && !above) {
        return true;
    }
    Allowed allowed;
    if (lo.present) {
        allowed.min = baseValue(lo.value);
    }
    if (hi.present) {
        allowed.max = baseValue(hi.value);
    }
    if (lo.present && hi.present) {
        allowed.text = joinedRange(show(lo.value), show(hi.value));
    } else {
        allowed.text = joined(show(lo.present ? lo.value : hi.value));
    }
    const auto source = below ? lo.source : hi.source;
    r.add(makeViolation(channel, field, rule, baseValue(v), joined(show(v)), allowed, source, reason));
    return false;
}

[[nodiscard]] inline auto timeShow(TimeStyle style)
{
    return [style](Microseconds t) { return display(t, style); };
}
[[nodiscard]] inline auto plainShow()
{
    return [](auto q) { return display(q); };
}
[[nodiscard]] inline auto countShow()
{
    return [](std::int64_t n) { return DisplayValue{std::to_string(n), ""}; };
}

// Waveform, timing, bursts, envelope, start ramp and duration of one channel (ChannelChecks.cpp).
void checkChannelStructure(Reporter& r, const ChannelProgram& cp, const ChannelLimits& limits);

// The rules that bound the amplitude: peak, rms, energy, voltage, d.c. and charge balance, power and d.c. density,
// plus the current-density warning (AmplitudeChecks.cpp). Requires a well-formed train.
void checkAmplitudeRules(Reporter& r, const ChannelProgram& cp, const ChannelLimits& limits, const TrainFactors& f);

// Output figures of a channel that passed (AmplitudeChecks.cpp).
[[nodiscard]] ChannelOutput outputOf(const ChannelProgram& cp, const ChannelLimits& limits, const TrainFactors& f);

// Time with output over the channel's timer, µs: the whole duration when continuous, else whole cycles' ramps and
// plateaus plus the active part of the last, partial cycle (ramps counted at full amplitude: an upper bound).
[[nodiscard]] Microseconds activeTime(const ChannelProgram& cp);

} // namespace galvani::core::safety::detail
