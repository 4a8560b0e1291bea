// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/units/UnitConversions.h"

#include <cmath>
#include <limits>

namespace galvani::core {

namespace {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
// 2⁶³ as a double: the first value that no longer fits an int64 (every double below it does, once rounded).
constexpr double kTwoPow63 = 9223372036854775808.0;

template <typename T>
Checked<T> fail(ConversionError e)
{
    return Checked<T>::failure(e);
}

} // namespace

std::string_view toString(ConversionError e)
{
    switch (e) {
    case ConversionError::NotFinite:
        return "not a finite number";
    case ConversionError::Negative:
        return "negative where only zero or positive values are meaningful";
    case ConversionError::Overflow:
        return "too large for its representation";
    case ConversionError::ZeroDivisor:
        return "division by zero";
    }
    return "unknown conversion error";
}

Checked<std::int64_t> checkedAdd(std::int64_t a, std::int64_t b)
{
    if ((b > 0 && a > kInt64Max - b) || (b < 0 && a < kInt64Min - b)) {
        return fail<std::int64_t>(ConversionError::Overflow);
    }
    return Checked<std::int64_t>::success(a + b);
}

Checked<std::int64_t> checkedMultiply(std::int64_t a, std::int64_t b)
{
    // Each sign combination is checked against the bound it could cross, without ever computing a * b first.
    bool overflow = false;
    if (a > 0) {
        overflow = b > 0 ? a > kInt64Max / b : b < kInt64Min / a;
    } else if (a < 0) {
        overflow = b > 0 ? a < kInt64Min / b : b != 0 && b < kInt64Max / a;
    }
    if (overflow) {
        return fail<std::int64_t>(ConversionError::Overflow);
    }
    return Checked<std::int64_t>::success(a * b);
}

Checked<std::int64_t> checkedRound(double v)
{
    if (!std::isfinite(v)) {
        return fail<std::int64_t>(ConversionError::NotFinite);
    }
    const double r = std::round(v);
    if (r >= kTwoPow63 || r < -kTwoPow63) {
        return fail<std::int64_t>(ConversionError::Overflow);
    }
    return Checked<std::int64_t>::success(static_cast<std::int64_t>(r));
}

Checked<Microamps> microampsFromMilliamps(double milliamps)
{
    if (!std::isfinite(milliamps)) {
        return fail<Microamps>(ConversionError::NotFinite);
    }
    if (milliamps < 0.0) {
        return fail<Microamps>(ConversionError::Negative);
    }
    const auto ua = checkedRound(milliamps * 1000.0);
    return ua ? Checked<Microamps>::success(Microamps(ua.value())) : fail<Microamps>(ua.error());
}

Checked<Microamps> microampsRoundedDown(MicroampsReal current)
{
    const double v = current.value();
    if (!std::isfinite(v)) {
        return fail<Microamps>(ConversionError::NotFinite);
    }
    if (v < 0.0) {
        return fail<Microamps>(ConversionError::Negative);
    }
    const double f = std::floor(v);
    if (f >= kTwoPow63) {
        return fail<Microamps>(ConversionError::Overflow);
    }
    return Checked<Microamps>::success(Microamps(static_cast<std::int64_t>(f)));
}

Checked<Microseconds> microsecondsFromMilliseconds(std::int64_t ms)
{
    if (ms < 0) {
        return fail<Microseconds>(ConversionError::Negative);
    }
    const auto us = checkedMultiply(ms, 1000);
    return us ? Checked<Microseconds>::success(Microseconds(us.value())) : fail<Microseconds>(us.error());
}

Checked<Microseconds> microsecondsFromSeconds(double s)
{
    if (!std::isfinite(s)) {
        return fail<Microseconds>(ConversionError::NotFinite);
    }
    if (s < 0.0) {
        return fail<Microseconds>(ConversionError::Negative);
    }
    const auto us = checkedRound(s * 1.0e6);
    return us ? Checked<Microseconds>::success(Microseconds(us.value())) : fail<Microseconds>(us.error());
}

Checked<Microseconds> microsecondsFromMinutes(std::int64_t min)
{
    if (min < 0) {
        return fail<Microseconds>(ConversionError::Negative);
    }
    const auto us = checkedMultiply(min, 60'000'000);
    return us ? Checked<Microseconds>::success(Microseconds(us.value())) : fail<Microseconds>(us.error());
}

Checked<Microseconds> checkedSum(Microseconds a, Microseconds b)
{
    if (a.value() < 0 || b.value() < 0) {
        return fail<Microseconds>(ConversionError::Negative);
    }
    const auto sum = checkedAdd(a.value(), b.value());
    return sum ? Checked<Microseconds>::success(Microseconds(sum.value())) : fail<Microseconds>(sum.error());
}

Checked<Hertz> hertzFromDouble(double hz)
{
    if (!std::isfinite(hz)) {
        return fail<Hertz>(ConversionError::NotFinite);
    }
    if (hz < 0.0) {
        return fail<Hertz>(ConversionError::Negative);
    }
    return Checked<Hertz>::success(Hertz(hz));
}

Checked<SquareCentimetres> rectangleArea(double widthCm, double heightCm)
{
    if (!std::isfinite(widthCm) || !std::isfinite(heightCm)) {
        return fail<SquareCentimetres>(ConversionError::NotFinite);
    }
    if (widthCm < 0.0 || heightCm < 0.0) {
        return fail<SquareCentimetres>(ConversionError::Negative);
    }
    const double a = widthCm * heightCm;
    if (!std::isfinite(a)) {
        return fail<SquareCentimetres>(ConversionError::Overflow);
    }
    return Checked<SquareCentimetres>::success(SquareCentimetres(a));
}

Checked<Permille> permilleFromPercent(double percent)
{
    if (!std::isfinite(percent)) {
        return fail<Permille>(ConversionError::NotFinite);
    }
    if (percent < 0.0) {
        return fail<Permille>(ConversionError::Negative);
    }
    if (percent > 100.0) {
        return fail<Permille>(ConversionError::Overflow);
    }
    const auto p = checkedRound(percent * 10.0);
    return Checked<Permille>::success(Permille(p.value()));
}

Checked<Microjoules> microjoulesFromMillijoules(double millijoules)
{
    if (!std::isfinite(millijoules)) {
        return fail<Microjoules>(ConversionError::NotFinite);
    }
    if (millijoules < 0.0) {
        return fail<Microjoules>(ConversionError::Negative);
    }
    const double uj = millijoules * 1000.0;
    if (!std::isfinite(uj)) {
        return fail<Microjoules>(ConversionError::Overflow);
    }
    return Checked<Microjoules>::success(Microjoules(uj));
}

Checked<Millivolts> millivoltsFromVolts(double volts)
{
    if (!std::isfinite(volts)) {
        return fail<Millivolts>(ConversionError::NotFinite);
    }
    if (volts < 0.0) {
        return fail<Millivolts>(ConversionError::Negative);
    }
    const auto mv = checkedRound(volts * 1000.0);
    return mv ? Checked<Millivolts>::success(Millivolts(mv.value())) : fail<Millivolts>(mv.error());
}

Checked<Microcoulombs> phaseCharge(Microamps current, Microseconds width)
{
    if (current.value() < 0 || width.value() < 0) {
        return fail<Microcoulombs>(ConversionError::Negative);
    }
    // Both factors are below 2⁶³, so the double product is finite; it is exact for every clinical value.
    const double pc = static_cast<double>(current.value()) * static_cast<double>(width.value());
    return Checked<Microcoulombs>::success(Microcoulombs(pc * 1.0e-6));
}

Checked<Microjoules> phaseEnergy(Microamps current, Microseconds width, Ohms load)
{
    if (current.value() < 0 || width.value() < 0 || load.value() < 0) {
        return fail<Microjoules>(ConversionError::Negative);
    }
    // (I·10⁻⁶ A)² · R · (t·10⁻⁶ s) J = I²·R·t·10⁻¹⁸ J = I²·R·t·10⁻¹² µJ. Finite for every int64 input (< 10⁷⁶).
    const double i = static_cast<double>(current.value());
    const double e = i * i * static_cast<double>(load.value()) * static_cast<double>(width.value()) * 1.0e-12;
    return Checked<Microjoules>::success(Microjoules(e));
}

Checked<Millivolts> voltageAcross(Microamps current, Ohms load)
{
    if (current.value() < 0 || load.value() < 0) {
        return fail<Millivolts>(ConversionError::Negative);
    }
    const auto microvolts = checkedMultiply(current.value(), load.value()); // µA · Ω = µV
    if (!microvolts) {
        return fail<Millivolts>(microvolts.error());
    }
    const std::int64_t uv = microvolts.value();
    return Checked<Millivolts>::success(Millivolts(uv / 1000 + (uv % 1000 != 0 ? 1 : 0)));
}

Checked<MicroampsPerSquareCentimetre> currentDensity(MicroampsReal current, SquareCentimetres area)
{
    if (!std::isfinite(current.value()) || !std::isfinite(area.value())) {
        return fail<MicroampsPerSquareCentimetre>(ConversionError::NotFinite);
    }
    if (current.value() < 0.0) {
        return fail<MicroampsPerSquareCentimetre>(ConversionError::Negative);
    }
    if (area.value() <= 0.0) {
        return fail<MicroampsPerSquareCentimetre>(ConversionError::ZeroDivisor);
    }
    const double d = current.value() / area.value();
    if (!std::isfinite(d)) {
        return fail<MicroampsPerSquareCentimetre>(ConversionError::Overflow);
    }
    return Checked<MicroampsPerSquareCentimetre>::success(MicroampsPerSquareCentimetre(d));
}

Checked<MilliwattsPerSquareCentimetre> powerDensity(MicroampsReal rms, Ohms load, SquareCentimetres area)
{
    if (!std::isfinite(rms.value()) || !std::isfinite(area.value())) {
        return fail<MilliwattsPerSquareCentimetre>(ConversionError::NotFinite);
    }
    if (rms.value() < 0.0 || load.value() < 0) {
        return fail<MilliwattsPerSquareCentimetre>(ConversionError::Negative);
    }
    if (area.value() <= 0.0) {
        return fail<MilliwattsPerSquareCentimetre>(ConversionError::ZeroDivisor);
    }
    // (I·10⁻⁶ A)² · R W = I²·R·10⁻¹² W = I²·R·10⁻⁹ mW.
    const double milliwatts = rms.value() * rms.value() * static_cast<double>(load.value()) * 1.0e-9;
    const double d = milliwatts / area.value();
    if (!std::isfinite(d)) {
        return fail<MilliwattsPerSquareCentimetre>(ConversionError::Overflow);
    }
    return Checked<MilliwattsPerSquareCentimetre>::success(MilliwattsPerSquareCentimetre(d));
}

} // namespace galvani::core
