// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/safety/AmplitudeVerdict.h"

#include <algorithm>

namespace galvani::core::safety {

bool AmplitudeVerdict::has(Rule rule) const
{
    return std::any_of(m_violations.begin(), m_violations.end(), [rule](const auto& v) { return v.rule == rule; });
}

} // namespace galvani::core::safety
