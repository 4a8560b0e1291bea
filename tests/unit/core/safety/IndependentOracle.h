// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// An independent re-implementation of the safety rules for the property tests. It shares with the kernel only
// the named constants (the specification) and the label enums (Field, Rule); it combines the raw limit layers
// itself, computes every electrical quantity from an explicit list of phases in long double, and compares with a
// small tolerance, so that a finding is "broken" only when a cap is clearly exceeded and "borderline" when the
// quantity is within rounding of its cap (where either verdict is acceptable).

#include "OracleLimits.h"

#include "core/domain/Program.h"
#include "core/safety/Violation.h"

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace galvani::core::safety::test {

enum class Status { Borderline, Broken };

struct Finding {
    int channel = 0;
    Field field = Field::Program;
    Rule rule = Rule::Range;
    Status status = Status::Broken;
};

// Independently computed output of a channel.
struct OracleOutput {
    long double rms = 0; // µA
    long double mean = 0; // µA
    long double energy = 0; // µJ at the channel's load
    long double chargePerSecond = 0; // µC/s
};

class Oracle {
public:
    explicit Oracle(const RawLayers& layers) : m_limits(layers) { }

    [[nodiscard]] std::vector<Finding> judge(const Program& program) const;
    [[nodiscard]] std::vector<Finding> warnings(const Program& program) const;

    [[nodiscard]] int channelCount() const { return m_limits.channelCount(); }
    [[nodiscard]] bool hasProblems() const { return m_limits.hasProblems(); }
    [[nodiscard]] const OracleCaps* caps(int channel) const { return m_limits.caps(channel); }
    [[nodiscard]] static bool wellFormed(const PulseTrain& t);
    // Requires wellFormed(t).
    [[nodiscard]] static OracleOutput output(const PulseTrain& t, std::int64_t load);
    [[nodiscard]] static long double activeSeconds(const ChannelProgram& cp);

private:
    void judgeChannel(const ChannelProgram& cp, const OracleCaps& c, std::vector<Finding>& out,
        std::vector<Finding>& warn, long double& charge, bool& chargeKnown) const;

    OracleLimits m_limits;
};

// Human-readable list for failure messages.
[[nodiscard]] std::string describe(const std::vector<Finding>& findings);

} // namespace galvani::core::safety::test
