// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/safety/ValidatedProgram.h"
#include "core/safety/Violation.h"

#include <optional>
#include <string>
#include <vector>

namespace galvani::core::safety {

class SafetyGuard;

// The outcome of SafetyGuard::validate(): every violation found (not just the first), the warnings, and — only
// when there is no violation — the ValidatedProgram. Built only by SafetyGuard.
// Thread affinity: immutable value, any thread.
class Verdict {
public:
    [[nodiscard]] bool accepted() const { return m_program.has_value(); }
    [[nodiscard]] const std::vector<Violation>& violations() const { return m_violations; }
    [[nodiscard]] const std::vector<Warning>& warnings() const { return m_warnings; }
    [[nodiscard]] const std::optional<ValidatedProgram>& program() const { return m_program; }

    // The first violation of a field on a channel (0: programme-wide), or nullptr.
    [[nodiscard]] const Violation* find(int channel, Field field) const;
    [[nodiscard]] const Violation* find(int channel, Field field, Rule rule) const;
    [[nodiscard]] bool has(Rule rule) const;
    // All messages, one per line (violations first, then warnings).
    [[nodiscard]] std::string summary() const;

private:
    friend class SafetyGuard;
    Verdict() = default;

    std::vector<Violation> m_violations;
    std::vector<Warning> m_warnings;
    std::optional<ValidatedProgram> m_program;
};

} // namespace galvani::core::safety
