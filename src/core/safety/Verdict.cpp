// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/safety/Verdict.h"

#include <algorithm>

namespace galvani::core::safety {

const Violation* Verdict::find(int channel, Field field) const
{
    const auto it = std::find_if(m_violations.begin(), m_violations.end(),
        [&](const Violation& v) { return v.channel == channel && v.field == field; });
    return it == m_violations.end() ? nullptr : &*it;
}

const Violation* Verdict::find(int channel, Field field, Rule rule) const
{
    const auto it = std::find_if(m_violations.begin(), m_violations.end(),
        [&](const Violation& v) { return v.channel == channel && v.field == field && v.rule == rule; });
    return it == m_violations.end() ? nullptr : &*it;
}

bool Verdict::has(Rule rule) const
{
    return std::any_of(m_violations.begin(), m_violations.end(), [rule](const auto& v) { return v.rule == rule; });
}

std::string Verdict::summary() const
{
    std::string s;
    for (const auto& v : m_violations) {
        s += v.message + "\n";
    }
    for (const auto& w : m_warnings) {
        s += "warning: " + w.message + "\n";
    }
    return s;
}

} // namespace galvani::core::safety
