// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/TechnicianText.h"

#include <QDateTime>

#include <chrono>
#include <cmath>

namespace galvani::ui::presenters {

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

QString milliamps(double ua, int decimals, bool sign)
{
    // Below half the last digit shown the value prints as zero, never as "-0.0".
    const double half = 0.5 * std::pow(10.0, 3 - decimals);
    const double value = std::fabs(ua) < half ? 0.0 : ua / 1000.0;
    const QString text = QString::number(value, 'f', decimals);
    return sign && value >= 0.0 ? QStringLiteral("+") + text : text;
}

} // namespace

qint64 utcMsNow(const core::Clock& clock)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock.utcNow().time_since_epoch()).count();
}

QDate utcToday(const core::Clock& clock)
{
    return QDateTime::fromMSecsSinceEpoch(utcMsNow(clock), Qt::UTC).date();
}

QString milliamps1(double ua, bool sign)
{
    return milliamps(ua, 1, sign);
}

QString milliamps2(double ua, bool sign)
{
    return milliamps(ua, 2, sign);
}

QString dateText(qint64 utcMs)
{
    return utcMs > 0 ? QDateTime::fromMSecsSinceEpoch(utcMs).toLocalTime().date().toString(Qt::ISODate)
                     : QStringLiteral("-");
}

QString dateTimeText(qint64 utcMs)
{
    return utcMs > 0 ? QDateTime::fromMSecsSinceEpoch(utcMs).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                     : QStringLiteral("-");
}

qint64 daysUntil(qint64 utcMs, qint64 nowUtcMs)
{
    const qint64 left = utcMs - nowUtcMs;
    if (left >= 0) {
        return (left + kDayMs - 1) / kDayMs;
    }
    return -((-left + kDayMs - 1) / kDayMs);
}

QString dueInText(qint64 dueUtcMs, qint64 nowUtcMs)
{
    if (dueUtcMs <= 0) {
        return QString();
    }
    const qint64 days = daysUntil(dueUtcMs, nowUtcMs);
    if (days < 0) {
        return days == -1 ? QStringLiteral("overdue by 1 day") : QStringLiteral("overdue by %1 days").arg(-days);
    }
    if (days == 0) {
        return QStringLiteral("due today");
    }
    return days == 1 ? QStringLiteral("due in 1 day") : QStringLiteral("due in %1 days").arg(days);
}

QString stateText(app::CalibrationState state)
{
    switch (state) {
    case app::CalibrationState::None:
        return QStringLiteral("No calibration (factory)");
    case app::CalibrationState::Valid:
        return QStringLiteral("Valid");
    case app::CalibrationState::DueSoon:
        return QStringLiteral("Due soon");
    case app::CalibrationState::Overdue:
        return QStringLiteral("Overdue");
    case app::CalibrationState::Failed:
        return QStringLiteral("Failed");
    }
    return QStringLiteral("Unknown");
}

QString outcomeText(app::CheckOutcome outcome)
{
    switch (outcome) {
    case app::CheckOutcome::Passed:
        return QStringLiteral("Passed");
    case app::CheckOutcome::Warning:
        return QStringLiteral("Warning");
    case app::CheckOutcome::Failed:
        return QStringLiteral("FAILED");
    case app::CheckOutcome::NotAvailable:
        return QStringLiteral("Not available");
    }
    return QStringLiteral("Unknown");
}

} // namespace galvani::ui::presenters
