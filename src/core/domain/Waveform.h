// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace galvani::core {

// Output modes of a channel. The first three are pulse shapes (CLINICAL §2: "symmetric biphasic, asymmetric
// biphasic and monophasic are distinct output modes"); SineCarrier is a continuous or burst-modulated sine
// (Russian current, interferential). Mirrors proto::WaveformKind, which lists what a device can do, plus the sine.
enum class WaveformKind : std::uint8_t {
    Monophasic,
    SymmetricBiphasic,
    AsymmetricBiphasic,
    SineCarrier,
};
inline constexpr std::array<WaveformKind, 4> kAllWaveformKinds{WaveformKind::Monophasic,
    WaveformKind::SymmetricBiphasic, WaveformKind::AsymmetricBiphasic, WaveformKind::SineCarrier};

[[nodiscard]] std::string_view toString(WaveformKind kind);

// Second phase of an asymmetric biphasic pulse. Its amplitude is a ratio of the first phase's amplitude (so it
// follows live amplitude changes); its width is absolute. Charge-balanced when ratio × width2 = width1, e.g. a
// 250 ‰ second phase four times as wide as the first. Units: ratio in ‰ (1–1000), width in µs.
struct SecondPhase {
    Permille amplitudeRatio{1000};
    Microseconds width{0};
    constexpr bool operator==(const SecondPhase&) const = default;
};

// The shape of the output of one channel. A plain value; validity (ratio range, widths) is checked by the safety
// kernel, not here, so that an invalid request can be described rather than silently corrected.
// Thread affinity: value type, any thread.
class Waveform {
public:
    [[nodiscard]] static constexpr Waveform monophasic() { return Waveform(WaveformKind::Monophasic, {}); }
    [[nodiscard]] static constexpr Waveform symmetricBiphasic()
    {
        return Waveform(WaveformKind::SymmetricBiphasic, {});
    }
    [[nodiscard]] static constexpr Waveform asymmetricBiphasic(SecondPhase second)
    {
        return Waveform(WaveformKind::AsymmetricBiphasic, second);
    }
    [[nodiscard]] static constexpr Waveform sineCarrier() { return Waveform(WaveformKind::SineCarrier, {}); }

    [[nodiscard]] constexpr WaveformKind kind() const { return m_kind; }
    // Meaningful for AsymmetricBiphasic only; {1000 ‰, 0 µs} for every other kind.
    [[nodiscard]] constexpr SecondPhase secondPhase() const { return m_second; }
    [[nodiscard]] constexpr bool isPulsed() const { return m_kind != WaveformKind::SineCarrier; }
    [[nodiscard]] constexpr bool isBiphasic() const
    {
        return m_kind == WaveformKind::SymmetricBiphasic || m_kind == WaveformKind::AsymmetricBiphasic;
    }
    // "symmetric biphasic", or "asymmetric biphasic (second phase 25.0 % × 1200 µs)".
    [[nodiscard]] std::string describe() const;

    constexpr bool operator==(const Waveform&) const = default;

private:
    constexpr Waveform(WaveformKind kind, SecondPhase second) : m_kind(kind), m_second(second) { }
    WaveformKind m_kind = WaveformKind::SymmetricBiphasic;
    SecondPhase m_second{};
};

// A set of waveform kinds (what a device, or a limit layer, allows).
class WaveformSet {
public:
    constexpr WaveformSet() = default;
    [[nodiscard]] static constexpr WaveformSet all()
    {
        WaveformSet s;
        for (auto k : kAllWaveformKinds) {
            s.add(k);
        }
        return s;
    }
    constexpr WaveformSet& add(WaveformKind k)
    {
        m_bits = static_cast<std::uint8_t>(m_bits | bit(k));
        return *this;
    }
    [[nodiscard]] constexpr bool contains(WaveformKind k) const { return (m_bits & bit(k)) != 0; }
    [[nodiscard]] constexpr bool empty() const { return m_bits == 0; }
    // "monophasic, symmetric biphasic", or "none".
    [[nodiscard]] std::string describe() const;
    constexpr bool operator==(const WaveformSet&) const = default;

private:
    static constexpr std::uint8_t bit(WaveformKind k)
    {
        return static_cast<std::uint8_t>(1U << static_cast<unsigned>(k));
    }
    std::uint8_t m_bits = 0;
};

} // namespace galvani::core
