// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

#include <cstdint>
#include <string_view>

// Checked conversions between units and checked derived quantities.
// Every function here accepts any input, including NaN, infinities, negative values and values near the limits of
// the representation, and reports a problem as a ConversionError instead of invoking undefined behaviour (a
// float-to-integer cast of an out-of-range value, a signed overflow). Values that come from outside the program
// (user input, configuration, device replies) go through these functions; compile-time constants may use the
// plain helpers of Units.h.
// Thread affinity: pure functions, callable from any thread. Ownership: values only.

namespace galvani::core {

enum class ConversionError : std::uint8_t {
    NotFinite, // NaN or ±infinity
    Negative, // a negative value where only zero or positive values have a meaning (a magnitude, a duration)
    Overflow, // the result does not fit the target representation
    ZeroDivisor, // a quotient with a zero (or negative) denominator, e.g. a density over an area of 0 cm²
};

[[nodiscard]] std::string_view toString(ConversionError e);

// A value or the reason there is none. value() of a failed result is the target type's zero, never garbage.
template <typename T>
class Checked {
public:
    [[nodiscard]] static constexpr Checked success(T v) { return Checked(v, false, ConversionError::NotFinite); }
    [[nodiscard]] static constexpr Checked failure(ConversionError e) { return Checked(T{}, true, e); }

    [[nodiscard]] constexpr bool ok() const { return !m_failed; }
    constexpr explicit operator bool() const { return ok(); }
    [[nodiscard]] constexpr const T& value() const { return m_value; }
    [[nodiscard]] constexpr T valueOr(T fallback) const { return m_failed ? fallback : m_value; }
    // Meaningful only when !ok().
    [[nodiscard]] constexpr ConversionError error() const { return m_error; }

private:
    constexpr Checked(T v, bool failed, ConversionError e) : m_value(v), m_failed(failed), m_error(e) { }
    T m_value{};
    bool m_failed = false;
    ConversionError m_error = ConversionError::NotFinite;
};

// Integer arithmetic that reports overflow instead of wrapping.
[[nodiscard]] Checked<std::int64_t> checkedAdd(std::int64_t a, std::int64_t b);
[[nodiscard]] Checked<std::int64_t> checkedMultiply(std::int64_t a, std::int64_t b);
// Rounds a finite double to the nearest integer (half away from zero); NotFinite or Overflow otherwise.
[[nodiscard]] Checked<std::int64_t> checkedRound(double v);

// Current. Magnitudes only: negative currents are reported (polarity is part of the waveform, not the amplitude).
[[nodiscard]] Checked<Microamps> microampsFromMilliamps(double milliamps);
// Rounds a computed current down to a whole µA (never up: used to turn a limit into a commandable amplitude).
[[nodiscard]] Checked<Microamps> microampsRoundedDown(MicroampsReal current);

// Durations. Negative durations are reported.
[[nodiscard]] Checked<Microseconds> microsecondsFromMilliseconds(std::int64_t ms);
[[nodiscard]] Checked<Microseconds> microsecondsFromSeconds(double s);
[[nodiscard]] Checked<Microseconds> microsecondsFromMinutes(std::int64_t min);
[[nodiscard]] Checked<Microseconds> checkedSum(Microseconds a, Microseconds b);

// Frequency: finite and not negative (0 Hz passes here; the domain decides whether 0 is meaningful).
[[nodiscard]] Checked<Hertz> hertzFromDouble(double hz);

// Area of a rectangular pad from its sides in cm: finite, not negative.
[[nodiscard]] Checked<SquareCentimetres> rectangleArea(double widthCm, double heightCm);

// Ratio: percent (e.g. 50.0) to whole permille, rounded to nearest; 0–100 % only (Negative / Overflow otherwise).
[[nodiscard]] Checked<Permille> permilleFromPercent(double percent);

// Energy and voltage unit changes.
[[nodiscard]] Checked<Microjoules> microjoulesFromMillijoules(double millijoules);
[[nodiscard]] Checked<Millivolts> millivoltsFromVolts(double volts);

// Derived quantities (all inputs are magnitudes; negative inputs are reported).
// Charge of one phase: |I| · t, in µC (1 µA · 1 µs = 10⁻⁶ µC).
[[nodiscard]] Checked<Microcoulombs> phaseCharge(Microamps current, Microseconds width);
// Energy of a rectangular phase into a resistive load: I² · R · t, in µJ.
[[nodiscard]] Checked<Microjoules> phaseEnergy(Microamps current, Microseconds width, Ohms load);
// Voltage across a resistive load at a current: I · R, rounded UP to the next whole mV (so a comparison with a
// whole-mV limit stays exact and never passes a value that is really above it).
[[nodiscard]] Checked<Millivolts> voltageAcross(Microamps current, Ohms load);
// Current density over an area (rms or mean current / pad area).
[[nodiscard]] Checked<MicroampsPerSquareCentimetre> currentDensity(MicroampsReal current, SquareCentimetres area);
// Power dissipated by an rms current in a resistive load, spread over an area: I_rms² · R / A, in mW/cm².
[[nodiscard]] Checked<MilliwattsPerSquareCentimetre> powerDensity(MicroampsReal rms, Ohms load, SquareCentimetres area);

} // namespace galvani::core
