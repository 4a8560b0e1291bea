// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "core/safety/Caps.h"

#include <QString>

#include <optional>

namespace galvani::app {

class RecordStore;

// The clinic's own limits: the "clinic policy" layer of the safety kernel (DESIGN "Safety kernel", EffectiveLimits).
// Each is optional (absent: the clinic adds nothing to the standard's, the device's and the preset's limits) and can
// only tighten: a value must lie within the range the standard itself allows. Units: µA, µs, Hz, minutes.
// Plain value.
struct ClinicLimits {
    std::optional<qint64> amplitudeMaxUa; // peak current of any phase a patient receives
    std::optional<qint64> phaseWidthMaxUs;
    std::optional<double> pulseRateMaxHz;
    std::optional<int> sessionMinutesMax;

    friend bool operator==(const ClinicLimits&, const ClinicLimits&) = default;
};

// The ranges a clinic limit may take (the standard's own figures, core/safety/ClinicalLimits.h).
inline constexpr qint64 kClinicAmplitudeMinUa = 1'000;
inline constexpr qint64 kClinicAmplitudeMaxUa = 100'000;
inline constexpr qint64 kClinicPhaseWidthMinUs = 10;
inline constexpr qint64 kClinicPhaseWidthMaxUs = 4'000;
inline constexpr double kClinicPulseRateMinHz = 0.5;
inline constexpr double kClinicPulseRateMaxHz = 150.0;
inline constexpr int kClinicSessionMinutesMin = 1;
inline constexpr int kClinicSessionMinutesMax = 99;

// Reads and changes the clinic limits. They are kept in the audit trail itself, like the calibration policy: the
// newest `update` row of table `clinic_policy`, field `clinic_limits`, whose new value is the limits as JSON; so a
// change is audited by construction (old value, new value, reason, who) and verified with the trail.
//  - limits(): every role may read them (ViewPresets): a therapist's editors show them.
//  - setLimits(): admins (SetClinicPolicy); a reason of 1–1000 characters; every value within its range, else
//    Invalid naming the field and the range; an unchanged setting writes nothing.
//  - limitsUnchecked(): for the session controller and the preset service, which have checked their own action.
// SessionController applies them to every session (prepare() and each amplitude change): amplitude, phase width
// and pulse rate through the safety kernel (messages say "limited by clinic policy"), the duration before anything
// connects.
// Thread affinity: the RecordStore's thread. Ownership: borrows the store.
class ClinicLimitsService {
public:
    explicit ClinicLimitsService(RecordStore& store);

    [[nodiscard]] AppResult<ClinicLimits> limits(const SignedInUser& user);
    [[nodiscard]] AppStatus setLimits(const SignedInUser& user, const ClinicLimits& limits, const QString& reason);
    [[nodiscard]] AppResult<ClinicLimits> limitsUnchecked();

    // Invalid naming the first value outside its range, else nullopt.
    [[nodiscard]] static std::optional<AppError> check(const ClinicLimits& limits);
    // The kernel's clinic-policy layer for these limits (amplitude, phase width, pulse rate).
    [[nodiscard]] static core::safety::Caps caps(const ClinicLimits& limits);
    // "at most 40.0 mA, 300 µs, 80 Hz, 30 min" or "none".
    [[nodiscard]] static QString describe(const ClinicLimits& limits);

private:
    RecordStore& m_store;
};

} // namespace galvani::app
