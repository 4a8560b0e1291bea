// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

#include <string>
#include <string_view>

// Human-readable text for quantities, used in safety messages ("62.0 mA", "300 µs", "1–99 min").
// Values are shown in the unit a clinician reads (mA, µs, s, min, Hz, mJ, V, cm²) with as many decimals as needed
// to show every representable step (a 1 µA difference is visible: "50.001 mA"), trailing zeros trimmed.
// Thread affinity: pure functions, callable from any thread. No locale: '.' is always the decimal separator.

namespace galvani::core {

// A number and its unit, kept apart so that a range can share one unit ("0.0–50.0 mA").
struct DisplayValue {
    std::string number;
    std::string_view unit;
};

// How a duration reads best: pulse timing in µs, envelope times in s, session lengths in min (falls back to s
// when the value is not a whole number of minutes, so no precision is hidden).
enum class TimeStyle : std::uint8_t { InMicroseconds, InSeconds, InMinutes };

// Fixed-point text of v with at most maxDecimals decimals and at least minDecimals (trailing zeros trimmed).
// NaN and infinities read "NaN", "inf", "-inf".
[[nodiscard]] std::string formatDecimal(double v, int maxDecimals, int minDecimals = 1);

[[nodiscard]] DisplayValue display(Microamps v); // mA
[[nodiscard]] DisplayValue display(MicroampsReal v); // mA
[[nodiscard]] DisplayValue display(Microseconds v, TimeStyle style);
[[nodiscard]] DisplayValue display(Hertz v); // Hz, shortest exact text
[[nodiscard]] DisplayValue display(Microjoules v); // mJ
[[nodiscard]] DisplayValue display(Millivolts v); // V
[[nodiscard]] DisplayValue display(MillivoltsReal v); // V
[[nodiscard]] DisplayValue display(Ohms v); // Ω
[[nodiscard]] DisplayValue display(SquareCentimetres v); // cm²
[[nodiscard]] DisplayValue display(MicroampsPerSquareCentimetre v); // mA/cm²
[[nodiscard]] DisplayValue display(MilliwattsPerSquareCentimetre v); // W/cm²
[[nodiscard]] DisplayValue display(MicroampsPerSecond v); // mA/s
[[nodiscard]] DisplayValue display(Microcoulombs v); // mC
[[nodiscard]] DisplayValue display(Permille v); // %

[[nodiscard]] std::string joined(const DisplayValue& v);
// "lo–hi unit" when both share a unit, else "lo unit–hi unit". An empty unit (a plain count) adds no space.
[[nodiscard]] std::string joinedRange(const DisplayValue& lo, const DisplayValue& hi);

template <typename Q>
[[nodiscard]] std::string formatValue(Q v)
{
    return joined(display(v));
}
template <typename Q>
[[nodiscard]] std::string formatRange(Q lo, Q hi)
{
    return joinedRange(display(lo), display(hi));
}
[[nodiscard]] std::string formatValue(Microseconds v, TimeStyle style);
// Both ends in the same style; for InMinutes, both fall back to seconds unless both are whole minutes.
[[nodiscard]] std::string formatRange(Microseconds lo, Microseconds hi, TimeStyle style);

} // namespace galvani::core
