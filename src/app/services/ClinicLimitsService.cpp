// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/ClinicLimitsService.h"

#include "app/access/AccessGuard.h"
#include "app/services/PolicyTrail.h"
#include "app/services/ServiceSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <cmath>

namespace galvani::app {

namespace {

const QString kLimitsField = QStringLiteral("clinic_limits");
const QString kAmplitudeKey = QStringLiteral("amplitude_max_ua");
const QString kPhaseWidthKey = QStringLiteral("phase_width_max_us");
const QString kPulseRateKey = QStringLiteral("pulse_rate_max_hz");
const QString kSessionKey = QStringLiteral("session_minutes_max");

// The limits as the audit row keeps them: one key per limit that is set, in a fixed order (compact JSON).
QString toJson(const ClinicLimits& l)
{
    QJsonObject o;
    if (l.amplitudeMaxUa) {
        o.insert(kAmplitudeKey, static_cast<double>(*l.amplitudeMaxUa));
    }
    if (l.phaseWidthMaxUs) {
        o.insert(kPhaseWidthKey, static_cast<double>(*l.phaseWidthMaxUs));
    }
    if (l.pulseRateMaxHz) {
        o.insert(kPulseRateKey, *l.pulseRateMaxHz);
    }
    if (l.sessionMinutesMax) {
        o.insert(kSessionKey, *l.sessionMinutesMax);
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// A whole number stored as a JSON number, or nullopt when the key is absent; false when it is not a whole number.
bool wholeNumber(const QJsonObject& o, const QString& key, std::optional<qint64>* out)
{
    if (!o.contains(key)) {
        return true;
    }
    const double v = o.value(key).toDouble(std::nan(""));
    if (!std::isfinite(v) || std::trunc(v) != v) {
        return false;
    }
    *out = static_cast<qint64>(v);
    return true;
}

std::optional<ClinicLimits> fromJson(const QString& text)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    ClinicLimits l;
    std::optional<qint64> minutes;
    if (!wholeNumber(o, kAmplitudeKey, &l.amplitudeMaxUa) || !wholeNumber(o, kPhaseWidthKey, &l.phaseWidthMaxUs)
        || !wholeNumber(o, kSessionKey, &minutes)) {
        return std::nullopt;
    }
    if (minutes) {
        if (*minutes < kClinicSessionMinutesMin || *minutes > kClinicSessionMinutesMax) {
            return std::nullopt;
        }
        l.sessionMinutesMax = static_cast<int>(*minutes);
    }
    if (o.contains(kPulseRateKey)) {
        const double rate = o.value(kPulseRateKey).toDouble(std::nan(""));
        if (!std::isfinite(rate)) {
            return std::nullopt;
        }
        l.pulseRateMaxHz = rate;
    }
    return l;
}

QString rateText(double hz)
{
    return QString::number(hz, 'g', 6);
}

} // namespace

ClinicLimitsService::ClinicLimitsService(RecordStore& store) : m_store(store)
{
}

std::optional<AppError> ClinicLimitsService::check(const ClinicLimits& l)
{
    if (l.amplitudeMaxUa && (*l.amplitudeMaxUa < kClinicAmplitudeMinUa || *l.amplitudeMaxUa > kClinicAmplitudeMaxUa)) {
        return detail::invalidInput(QStringLiteral("clinic amplitude limit: %1 mA is outside %2–%3 mA")
                                        .arg(static_cast<double>(*l.amplitudeMaxUa) / 1000.0)
                                        .arg(kClinicAmplitudeMinUa / 1000)
                                        .arg(kClinicAmplitudeMaxUa / 1000));
    }
    if (l.phaseWidthMaxUs
        && (*l.phaseWidthMaxUs < kClinicPhaseWidthMinUs || *l.phaseWidthMaxUs > kClinicPhaseWidthMaxUs)) {
        return detail::invalidInput(QStringLiteral("clinic phase width limit: %1 µs is outside %2–%3 µs")
                                        .arg(*l.phaseWidthMaxUs)
                                        .arg(kClinicPhaseWidthMinUs)
                                        .arg(kClinicPhaseWidthMaxUs));
    }
    if (l.pulseRateMaxHz
        && (!std::isfinite(*l.pulseRateMaxHz) || *l.pulseRateMaxHz < kClinicPulseRateMinHz
            || *l.pulseRateMaxHz > kClinicPulseRateMaxHz)) {
        return detail::invalidInput(
            QStringLiteral("clinic pulse rate limit: %1 Hz is outside %2–%3 Hz")
                .arg(rateText(*l.pulseRateMaxHz), rateText(kClinicPulseRateMinHz), rateText(kClinicPulseRateMaxHz)));
    }
    if (l.sessionMinutesMax
        && (*l.sessionMinutesMax < kClinicSessionMinutesMin || *l.sessionMinutesMax > kClinicSessionMinutesMax)) {
        return detail::invalidInput(QStringLiteral("clinic session duration limit: %1 min is outside %2–%3 min")
                                        .arg(*l.sessionMinutesMax)
                                        .arg(kClinicSessionMinutesMin)
                                        .arg(kClinicSessionMinutesMax));
    }
    return std::nullopt;
}

core::safety::Caps ClinicLimitsService::caps(const ClinicLimits& l)
{
    core::safety::Caps c;
    if (l.amplitudeMaxUa) {
        c.amplitudeMax = core::Microamps(*l.amplitudeMaxUa);
    }
    if (l.phaseWidthMaxUs) {
        c.phaseWidthMax = core::Microseconds(*l.phaseWidthMaxUs);
    }
    if (l.pulseRateMaxHz) {
        c.frequencyMax = core::Hertz(*l.pulseRateMaxHz);
    }
    return c;
}

QString ClinicLimitsService::describe(const ClinicLimits& l)
{
    QStringList parts;
    if (l.amplitudeMaxUa) {
        parts.append(QStringLiteral("%1 mA").arg(static_cast<double>(*l.amplitudeMaxUa) / 1000.0, 0, 'f', 1));
    }
    if (l.phaseWidthMaxUs) {
        parts.append(QStringLiteral("%1 µs phase width").arg(*l.phaseWidthMaxUs));
    }
    if (l.pulseRateMaxHz) {
        parts.append(QStringLiteral("%1 Hz pulse rate").arg(rateText(*l.pulseRateMaxHz)));
    }
    if (l.sessionMinutesMax) {
        parts.append(QStringLiteral("%1 min per session").arg(*l.sessionMinutesMax));
    }
    return parts.isEmpty() ? QStringLiteral("none") : QStringLiteral("at most ") + parts.join(QStringLiteral(", "));
}

AppResult<ClinicLimits> ClinicLimitsService::limitsUnchecked()
{
    const auto newest = detail::newestPolicyValue(m_store, kLimitsField);
    if (!newest.ok()) {
        return newest.error();
    }
    if (!newest->has_value()) {
        return ClinicLimits{};
    }
    const auto parsed = fromJson(**newest);
    // A value this service did not write (the trail's hash chain says whether the row was altered): refuse rather
    // than run without the clinic's limits.
    if (!parsed || check(*parsed)) {
        return AppError{AppError::Kind::Storage,
            QStringLiteral("clinic limits: the recorded setting '%1' cannot be read; an admin must set the limits "
                           "again (and verify the audit trail)")
                .arg(**newest)};
    }
    return *parsed;
}

AppResult<ClinicLimits> ClinicLimitsService::limits(const SignedInUser& user)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewPresets, kLimitsField)) {
        return *denied;
    }
    return limitsUnchecked();
}

AppStatus ClinicLimitsService::setLimits(const SignedInUser& user, const ClinicLimits& limits, const QString& reason)
{
    if (auto denied = checkAccess(m_store, user, Action::SetClinicPolicy, kLimitsField)) {
        return *denied;
    }
    if (auto bad = check(limits)) {
        return *bad;
    }
    const auto newest = detail::newestPolicyValue(m_store, kLimitsField);
    if (!newest.ok()) {
        return newest.error();
    }
    const QString before = newest->value_or(toJson(ClinicLimits{}));
    const QString after = toJson(limits);
    if (before == after) {
        return {};
    }
    return detail::recordPolicyChange(m_store, user, kLimitsField, before, after, reason);
}

} // namespace galvani::app
