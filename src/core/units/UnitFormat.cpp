// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/units/UnitFormat.h"

#include <array>
#include <charconv>
#include <cmath>

namespace galvani::core {

namespace {

std::string nonFinite(double v)
{
    if (std::isnan(v)) {
        return "NaN";
    }
    return v > 0 ? "inf" : "-inf";
}

// Shortest text that reads back as exactly v (so 50 Hz and the next double above it never look alike).
std::string shortest(double v)
{
    if (!std::isfinite(v)) {
        return nonFinite(v);
    }
    std::array<char, 64> buf{};
    const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return std::string(buf.data(), res.ptr);
}

std::string integerText(std::int64_t v)
{
    std::array<char, 24> buf{};
    const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return std::string(buf.data(), res.ptr);
}

// value / 10^decimals, exactly, for integer-based quantities (no binary rounding in the text).
std::string scaledInteger(std::int64_t v, int decimals, int minDecimals)
{
    // The magnitude as unsigned, so INT64_MIN needs no special case.
    const std::uint64_t magnitude = v < 0 ? 0U - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    std::array<char, 24> buf{};
    const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), magnitude);
    std::string digits(buf.data(), res.ptr);
    const auto d = static_cast<std::size_t>(decimals);
    if (digits.size() <= d) {
        digits.insert(0, d + 1 - digits.size(), '0');
    }
    const std::string intPart = digits.substr(0, digits.size() - d);
    std::string frac = digits.substr(digits.size() - d);
    while (static_cast<int>(frac.size()) > minDecimals && frac.back() == '0') {
        frac.pop_back();
    }
    std::string out = (v < 0 ? "-" : "") + intPart;
    if (!frac.empty()) {
        out += '.';
        out += frac;
    }
    return out;
}

} // namespace

std::string formatDecimal(double v, int maxDecimals, int minDecimals)
{
    if (!std::isfinite(v)) {
        return nonFinite(v);
    }
    std::array<char, 400> buf{};
    const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed, maxDecimals);
    if (res.ec != std::errc{}) {
        return shortest(v); // astronomically large: scientific notation is the readable choice
    }
    std::string s(buf.data(), res.ptr);
    const auto dot = s.find('.');
    if (dot == std::string::npos) {
        if (minDecimals > 0) {
            s += '.';
            s.append(static_cast<std::size_t>(minDecimals), '0');
        }
        return s;
    }
    const std::size_t keepAtLeast = dot + 1 + static_cast<std::size_t>(minDecimals);
    while (s.size() > keepAtLeast && s.back() == '0') {
        s.pop_back();
    }
    if (s.back() == '.') {
        s.pop_back();
    }
    if (s == "-0" || s.rfind("-0.", 0) == 0) {
        // A value that rounds to zero shows no sign.
        bool allZero = true;
        for (char c : s) {
            allZero = allZero && (c == '-' || c == '0' || c == '.');
        }
        if (allZero) {
            s.erase(0, 1);
        }
    }
    return s;
}

DisplayValue display(Microamps v)
{
    return {scaledInteger(v.value(), 3, 1), "mA"};
}

DisplayValue display(MicroampsReal v)
{
    return {formatDecimal(v.value() / 1000.0, 3), "mA"};
}

DisplayValue display(Microseconds v, TimeStyle style)
{
    switch (style) {
    case TimeStyle::InMicroseconds:
        return {integerText(v.value()), "µs"};
    case TimeStyle::InMinutes:
        if (v.value() % 60'000'000 == 0) {
            return {integerText(v.value() / 60'000'000), "min"};
        }
        [[fallthrough]];
    case TimeStyle::InSeconds:
        return {scaledInteger(v.value(), 6, 1), "s"};
    }
    return {integerText(v.value()), "µs"};
}

DisplayValue display(Hertz v)
{
    return {shortest(v.value()), "Hz"};
}

DisplayValue display(Microjoules v)
{
    return {formatDecimal(v.value() / 1000.0, 6), "mJ"};
}

DisplayValue display(Millivolts v)
{
    return {scaledInteger(v.value(), 3, 1), "V"};
}

DisplayValue display(MillivoltsReal v)
{
    return {formatDecimal(v.value() / 1000.0, 3), "V"};
}

DisplayValue display(Ohms v)
{
    return {integerText(v.value()), "Ω"};
}

DisplayValue display(SquareCentimetres v)
{
    return {formatDecimal(v.value(), 6), "cm²"};
}

DisplayValue display(MicroampsPerSquareCentimetre v)
{
    return {formatDecimal(v.value() / 1000.0, 3), "mA/cm²"};
}

DisplayValue display(MilliwattsPerSquareCentimetre v)
{
    return {formatDecimal(v.value() / 1000.0, 6), "W/cm²"};
}

DisplayValue display(MicroampsPerSecond v)
{
    return {scaledInteger(v.value(), 3, 1), "mA/s"};
}

DisplayValue display(Microcoulombs v)
{
    return {formatDecimal(v.value() / 1000.0, 6), "mC"};
}

DisplayValue display(Permille v)
{
    return {scaledInteger(v.value(), 1, 1), "%"};
}

std::string joined(const DisplayValue& v)
{
    return v.unit.empty() ? v.number : v.number + " " + std::string(v.unit);
}

std::string joinedRange(const DisplayValue& lo, const DisplayValue& hi)
{
    if (lo.unit == hi.unit) {
        return joined(DisplayValue{lo.number + "–" + hi.number, hi.unit});
    }
    return joined(lo) + "–" + joined(hi);
}

std::string formatValue(Microseconds v, TimeStyle style)
{
    return joined(display(v, style));
}

std::string formatRange(Microseconds lo, Microseconds hi, TimeStyle style)
{
    if (style == TimeStyle::InMinutes && (lo.value() % 60'000'000 != 0 || hi.value() % 60'000'000 != 0)) {
        style = TimeStyle::InSeconds;
    }
    return joinedRange(display(lo, style), display(hi, style));
}

} // namespace galvani::core
