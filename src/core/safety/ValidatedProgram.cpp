// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/safety/ValidatedProgram.h"

#include <algorithm>

namespace galvani::core::safety {

ValidatedProgram::ValidatedProgram(Program program, std::vector<ChannelOutput> outputs, Microcoulombs totalCharge)
    : m_program(std::move(program)), m_outputs(std::move(outputs)), m_totalCharge(totalCharge)
{
}

const ChannelOutput* ValidatedProgram::output(int channel) const
{
    const auto it
        = std::find_if(m_outputs.begin(), m_outputs.end(), [channel](const auto& o) { return o.channel == channel; });
    return it == m_outputs.end() ? nullptr : &*it;
}

} // namespace galvani::core::safety
