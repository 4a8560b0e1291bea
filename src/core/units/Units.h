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

    // clang-tidy 14 takes the literal 0 of the synthesized comparison-category result for a null pointer
    // (modernize-use-nullptr false positive on a defaulted operator<=>); there is no pointer here.
    // NOLINTNEXTLINE(modernize-use-nullptr)
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
struct MicroampsRealTag { };
struct MillivoltsRealTag { };
struct MicrojoulesTag { };
struct MillijoulesTag { };
struct MicrowattsTag { };
struct MilliwattsTag { };
struct SquareCentimetresTag { };
struct MicroampsPerSquareCentimetreTag { };
struct MilliwattsPerSquareCentimetreTag { };
struct MicroampsPerSecondTag { };
struct PermilleTag { };

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

// A computed current in microamps that need not be a whole µA: an rms or a mean (d.c.) value derived from a
// pulse train. A different type from Microamps (a commanded peak), so a derived value can never be passed where
// a device amplitude is expected without an explicit, checked and rounded conversion.
using MicroampsReal = Quantity<MicroampsRealTag, double>;
// A computed voltage in millivolts (an rms value), not necessarily a whole mV.
using MillivoltsReal = Quantity<MillivoltsRealTag, double>;
// Energy in microjoules (1 mJ = 1000 µJ): energy per pulse into a stated load.
using Microjoules = Quantity<MicrojoulesTag, double>;
// Energy in millijoules, for display and for limits quoted in mJ.
using Millijoules = Quantity<MillijoulesTag, double>;
// Power in microwatts.
using Microwatts = Quantity<MicrowattsTag, double>;
// Power in milliwatts.
using Milliwatts = Quantity<MilliwattsTag, double>;
// Area in square centimetres (electrode pads are specified as w × h cm).
using SquareCentimetres = Quantity<SquareCentimetresTag, double>;
// Current density in µA per cm² (2 mA/cm² = 2000 µA/cm²).
using MicroampsPerSquareCentimetre = Quantity<MicroampsPerSquareCentimetreTag, double>;
// Power density in mW per cm² (0.25 W/cm² = 250 mW/cm²).
using MilliwattsPerSquareCentimetre = Quantity<MilliwattsPerSquareCentimetreTag, double>;
// Rate of change of current in µA per second (amplitude ramps).
using MicroampsPerSecond = Quantity<MicroampsPerSecondTag, std::int64_t>;
// A dimensionless ratio in thousandths (500 ‰ = 50 %). Integer, so duty cycles and phase ratios compare exactly.
using Permille = Quantity<PermilleTag, std::int64_t>;

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

// Further helpers for constants. Their arguments are compile-time constants in practice; for values that come
// from outside (configuration, user input, a device) use the checked functions of UnitConversions.h instead.
[[nodiscard]] constexpr Millivolts volts(std::int64_t v)
{
    return Millivolts(v * 1000);
}
[[nodiscard]] constexpr Microseconds seconds(std::int64_t s)
{
    return Microseconds(s * 1000000);
}
[[nodiscard]] constexpr Microseconds minutes(std::int64_t min)
{
    return Microseconds(min * 60000000);
}
[[nodiscard]] constexpr Microjoules microjoules(double uj)
{
    return Microjoules(uj);
}
[[nodiscard]] constexpr Microjoules millijoules(double mj)
{
    return Microjoules(mj * 1000.0);
}
[[nodiscard]] constexpr SquareCentimetres squareCentimetres(double cm2)
{
    return SquareCentimetres(cm2);
}
[[nodiscard]] constexpr MicroampsPerSquareCentimetre microampsPerSquareCentimetre(double d)
{
    return MicroampsPerSquareCentimetre(d);
}
[[nodiscard]] constexpr MilliwattsPerSquareCentimetre milliwattsPerSquareCentimetre(double d)
{
    return MilliwattsPerSquareCentimetre(d);
}
[[nodiscard]] constexpr MicroampsPerSecond microampsPerSecond(std::int64_t r)
{
    return MicroampsPerSecond(r);
}
[[nodiscard]] constexpr Permille permille(std::int64_t p)
{
    return Permille(p);
}

// Lossless or display-only conversions (never overflow for finite inputs; no check needed).
[[nodiscard]] constexpr MicroampsReal toReal(Microamps a)
{
    return MicroampsReal(static_cast<double>(a.value()));
}
[[nodiscard]] constexpr double toMilliamps(MicroampsReal a)
{
    return a.value() / 1000.0;
}
[[nodiscard]] constexpr Millijoules toMillijoules(Microjoules e)
{
    return Millijoules(e.value() / 1000.0);
}
[[nodiscard]] constexpr Microjoules toMicrojoules(Millijoules e)
{
    return Microjoules(e.value() * 1000.0);
}
[[nodiscard]] constexpr Milliwatts toMilliwatts(Microwatts p)
{
    return Milliwatts(p.value() / 1000.0);
}
[[nodiscard]] constexpr Microwatts toMicrowatts(Milliwatts p)
{
    return Microwatts(p.value() * 1000.0);
}
[[nodiscard]] constexpr double toSeconds(Microseconds t)
{
    return static_cast<double>(t.value()) / 1.0e6;
}
[[nodiscard]] constexpr double toFraction(Permille p)
{
    return static_cast<double>(p.value()) / 1000.0;
}

} // namespace galvani::core
