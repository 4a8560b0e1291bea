// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <compare>
#include <cstdint>

namespace galvani::core {

// A physical quantity in one fixed unit. The unit is part of the type, so a current can never be
// passed where a pulse width is expected, and there is no implicit conversion from or to a bare number.
// Arithmetic is limited to what is dimensionally sound within one unit (sum, difference, scaling).
// Conversions between units are explicit named functions (see below and UnitConversions.h).
template <typename Tag, typename Rep>
class Quantity {
public:
    using rep = Rep;
    constexpr Quantity() = default;
    constexpr explicit Quantity(Rep v) : m_value(v) { }
    [[nodiscard]] constexpr Rep value() const { return m_value; }

    constexpr auto operator<=>(const Quantity&) const = default;
    constexpr Quantity operator+(Quantity o) const { return Quantity(m_value + o.m_value); }
    constexpr Quantity operator-(Quantity o) const { return Quantity(m_value - o.m_value); }
    constexpr Quantity operator-() const { return Quantity(-m_value); }
    constexpr Quantity& operator+=(Quantity o)
    {
        m_value += o.m_value;
        return *this;
    }
    constexpr Quantity& operator-=(Quantity o)
    {
        m_value -= o.m_value;
        return *this;
    }

private:
    Rep m_value{};
};

struct MicroampsTag { };
struct MicrosecondsTag { };
struct HertzTag { };
struct MicrocoulombsTag { };
struct OhmsTag { };
struct MillivoltsTag { };

// Current in microamps (1 mA = 1000 µA). Integer: every device step is a whole number of µA.
using Microamps = Quantity<MicroampsTag, std::int64_t>;
// Time in microseconds. Integer: pulse widths and periods are whole µs on every supported device.
using Microseconds = Quantity<MicrosecondsTag, std::int64_t>;
// Frequency in hertz (pulses or bursts per second); fractional rates such as 0.5 Hz are legal.
using Hertz = Quantity<HertzTag, double>;
// Electric charge in microcoulombs (1 µC = 1 mA × 1 ms).
using Microcoulombs = Quantity<MicrocoulombsTag, double>;
// Resistance in ohms.
using Ohms = Quantity<OhmsTag, std::int64_t>;
// Voltage in millivolts.
using Millivolts = Quantity<MillivoltsTag, std::int64_t>;

// Literal-style helpers for readable constants: milliamps(24.5) == Microamps(24500).
[[nodiscard]] constexpr Microamps microamps(std::int64_t ua)
{
    return Microamps(ua);
}
[[nodiscard]] constexpr Microamps milliamps(double ma)
{
    // Round half away from zero to the nearest µA.
    return Microamps(static_cast<std::int64_t>(ma * 1000.0 + (ma >= 0 ? 0.5 : -0.5)));
}
[[nodiscard]] constexpr double toMilliamps(Microamps a)
{
    return static_cast<double>(a.value()) / 1000.0;
}
[[nodiscard]] constexpr Microseconds microseconds(std::int64_t us)
{
    return Microseconds(us);
}
[[nodiscard]] constexpr Microseconds milliseconds(std::int64_t ms)
{
    return Microseconds(ms * 1000);
}
[[nodiscard]] constexpr Hertz hertz(double hz)
{
    return Hertz(hz);
}
[[nodiscard]] constexpr Ohms ohms(std::int64_t r)
{
    return Ohms(r);
}
[[nodiscard]] constexpr Millivolts millivolts(std::int64_t mv)
{
    return Millivolts(mv);
}

} // namespace galvani::core
