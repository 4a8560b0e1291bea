// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/Format.h"

#include <QDateTime>

#include <algorithm>

namespace galvani::ui::presenters {

QString formatMa(qint64 microamps)
{
    return QString::number(static_cast<double>(microamps) / 1000.0, 'f', 1) + QStringLiteral(" mA");
}

QString formatMa(const std::optional<qint64>& microamps)
{
    return microamps ? formatMa(*microamps) : QStringLiteral("–");
}

QString formatLocalTime(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString formatLocalDay(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs).toLocalTime().toString(QStringLiteral("yyyy-MM-dd"));
}

QString formatLocalTimeOfDay(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs).toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString formatDuration(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace galvani::ui::presenters
