// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/calibration/CalibrationText.h"

#include <QDateTime>

#include <chrono>
#include <cmath>

namespace galvani::app::calibration {

QString milliampsText(double microamps)
{
    return QStringLiteral("%1 mA").arg(std::fabs(microamps) < 0.5 ? 0.0 : microamps / 1000.0, 0, 'f', 3);
}

QString utcDateText(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).date().toString(Qt::ISODate);
}

qint64 utcNowMs(const core::Clock& clock)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock.utcNow().time_since_epoch()).count();
}

} // namespace galvani::app::calibration
