// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Random limit layers and programmes for the property tests. Values are drawn mostly from clinically plausible
// ranges, with a few per cent exactly at or one step beyond a limit and a few invalid ones (NaN, negative, a
// missing placement, an unknown channel), so that both verdicts and every rule are exercised.

#include "OracleLimits.h"

#include "core/domain/Program.h"

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <random>

namespace galvani::core::safety::test {

// A seeded std::mt19937_64 with the few draws the generators need.
class Gen {
public:
    explicit Gen(std::uint64_t seed) : m_rng(seed) { }
    Gen(const Gen&) = delete;
    Gen& operator=(const Gen&) = delete;
    bool chance(double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(m_rng) < p; }
    std::int64_t integer(std::int64_t lo, std::int64_t hi)
    {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(m_rng);
    }
    double real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(m_rng); }
    double logReal(double lo, double hi) { return std::exp(real(std::log(lo), std::log(hi))); }
    template <typename T>
    T pick(std::initializer_list<T> values)
    {
        const auto i = static_cast<std::size_t>(integer(0, static_cast<std::int64_t>(values.size()) - 1));
        return *(values.begin() + i);
    }

private:
    std::mt19937_64 m_rng;
};

[[nodiscard]] RawLayers randomLayers(Gen& g);
// Mostly distinct channels that exist on the device the layers describe; sometimes a duplicate or a channel
// beyond it.
[[nodiscard]] Program randomProgram(Gen& g, const RawLayers& layers);

} // namespace galvani::core::safety::test
