// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/SessionText.h"

#include <QDateTime>

#include <cmath>

namespace galvani::ui::presenters::sessiontext {

QString dateText(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs).toString(QStringLiteral("yyyy-MM-dd"));
}

QString screeningText(const app::AppResult<app::ScreeningView>& latest)
{
    if (!latest.ok()) {
        if (latest.error().kind == app::AppError::Kind::NotFound) {
            return QStringLiteral("⚠ No contraindication screening on record: screen the patient before treating.");
        }
        return QStringLiteral("⚠ Screening: ") + latest.error().message;
    }
    const app::ScreeningView& s = latest.value();
    if (s.expired) {
        return QStringLiteral("⚠ The screening expired on %1: screen the patient again before treating.")
            .arg(dateText(s.expiresUtcMs));
    }
    if (!s.permitsTreatment) {
        return QStringLiteral("⚠ The screening blocks treatment: %1").arg(s.reason);
    }
    return QStringLiteral("✓ Screening of %1 (%2), valid until %3.")
        .arg(dateText(s.screenedUtcMs), app::toString(s.outcome), dateText(s.expiresUtcMs));
}

QString placementText(const app::PlacementView& p)
{
    return QStringLiteral("%1 × %2 cm pads, %3")
        .arg(QString::number(p.electrodeWidthMm / 10.0, 'g', 3), QString::number(p.electrodeHeightMm / 10.0, 'g', 3),
            p.landmark);
}

QString milliampsNumber(qint64 microamps)
{
    // Round to 0.1 mA in integers so that 12'450 µA reads 12.5 and never 12.4 through binary rounding.
    const qint64 tenths = (microamps >= 0 ? microamps + 50 : microamps - 50) / 100;
    const qint64 whole = tenths / 10;
    const qint64 decimal = tenths < 0 ? -(tenths % 10) : tenths % 10;
    const QString sign = (tenths < 0 && whole == 0) ? QStringLiteral("-") : QString();
    return QStringLiteral("%1%2.%3").arg(sign).arg(whole).arg(decimal);
}

QString milliamps(qint64 microamps)
{
    return milliampsNumber(microamps) + QStringLiteral(" mA");
}

qint64 microampsFromMilliamps(double milliamps)
{
    return static_cast<qint64>(std::llround(milliamps * 10.0)) * 100;
}

QString charge(double microcoulombs)
{
    if (std::abs(microcoulombs) < 1000.0) {
        return QString::number(microcoulombs, 'f', 1) + QStringLiteral(" µC");
    }
    return QString::number(microcoulombs / 1000.0, 'f', 2) + QStringLiteral(" mC");
}

QString minutesSeconds(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(ms, 0) / 1000;
    return QStringLiteral("%1:%2")
        .arg(seconds / 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString siteText(const QString& id)
{
    QString text = id;
    text.replace(QLatin1Char('-'), QLatin1Char(' '));
    return text;
}

QString siteId(const QString& side, const QString& muscle)
{
    QString id = side.trimmed().toLower() + QLatin1Char('-') + muscle.trimmed().toLower();
    id.replace(QLatin1Char(' '), QLatin1Char('-'));
    return id;
}

QString endReasonText(app::SessionEndReason reason)
{
    switch (reason) {
    case app::SessionEndReason::Completed:
        return QStringLiteral("Completed: the session time ran out");
    case app::SessionEndReason::StoppedByTherapist:
        return QStringLiteral("Stopped by the therapist");
    case app::SessionEndReason::Fault:
        return QStringLiteral("Stopped because of a fault");
    case app::SessionEndReason::LinkLost:
        return QStringLiteral("Stopped: the connection to the stimulator was lost");
    }
    return QStringLiteral("Ended");
}

QString faultKindText(const QString& kind)
{
    if (kind == QStringLiteral("electrode")) {
        return QStringLiteral("Electrode problem");
    }
    if (kind == QStringLiteral("link_lost")) {
        return QStringLiteral("Connection to the stimulator lost");
    }
    return QStringLiteral("Stimulator fault");
}

QString stateText(app::SessionState state)
{
    switch (state) {
    case app::SessionState::Idle:
        return QStringLiteral("No session prepared");
    case app::SessionState::Preparing:
        return QStringLiteral("Preparing: connecting to the stimulator and checking the plan");
    case app::SessionState::Ready:
        return QStringLiteral("Ready to start");
    case app::SessionState::Starting:
        return QStringLiteral("Starting: recording the session before output begins");
    case app::SessionState::Running:
        return QStringLiteral("Running");
    case app::SessionState::Paused:
        return QStringLiteral("Paused: output is off");
    case app::SessionState::Stopping:
        return QStringLiteral("Stopping: output is being switched off");
    case app::SessionState::Ended:
        return QStringLiteral("Ended");
    }
    return QString();
}

} // namespace galvani::ui::presenters::sessiontext
