// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/safety/ValidatedAmplitude.h"
#include "core/safety/ValidatedProgram.h"
#include "core/safety/Violation.h"

#include <optional>
#include <vector>

namespace galvani::core::safety {

class SafetyGuard;

// The outcome of SafetyGuard::validateAmplitudeChange(): the violations, or the accepted command together with the
// programme re-validated at the new amplitude (the basis for the next change). Built only by SafetyGuard.
// Thread affinity: immutable value, any thread.
class AmplitudeVerdict {
public:
    [[nodiscard]] bool accepted() const { return m_command.has_value(); }
    [[nodiscard]] const std::vector<Violation>& violations() const { return m_violations; }
    [[nodiscard]] const std::vector<Warning>& warnings() const { return m_warnings; }
    [[nodiscard]] const std::optional<ValidatedAmplitude>& command() const { return m_command; }
    [[nodiscard]] const std::optional<ValidatedProgram>& program() const { return m_program; }
    [[nodiscard]] bool has(Rule rule) const;

private:
    friend class SafetyGuard;
    AmplitudeVerdict() = default;

    std::vector<Violation> m_violations;
    std::vector<Warning> m_warnings;
    std::optional<ValidatedAmplitude> m_command;
    std::optional<ValidatedProgram> m_program;
};

} // namespace galvani::core::safety
