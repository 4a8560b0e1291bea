// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/Waveform.h"

#include "core/units/UnitFormat.h"

namespace galvani::core {

std::string_view toString(WaveformKind kind)
{
    switch (kind) {
    case WaveformKind::Monophasic:
        return "monophasic";
    case WaveformKind::SymmetricBiphasic:
        return "symmetric biphasic";
    case WaveformKind::AsymmetricBiphasic:
        return "asymmetric biphasic";
    case WaveformKind::SineCarrier:
        return "sine carrier";
    }
    return "unknown waveform";
}

std::string Waveform::describe() const
{
    std::string s(toString(m_kind));
    if (m_kind == WaveformKind::AsymmetricBiphasic) {
        s += " (second phase " + formatValue(m_second.amplitudeRatio) + " × "
            + formatValue(m_second.width, TimeStyle::InMicroseconds) + ")";
    }
    return s;
}

std::string WaveformSet::describe() const
{
    std::string s;
    for (auto k : kAllWaveformKinds) {
        if (contains(k)) {
            if (!s.empty()) {
                s += ", ";
            }
            s += toString(k);
        }
    }
    return s.empty() ? std::string("none") : s;
}

} // namespace galvani::core
