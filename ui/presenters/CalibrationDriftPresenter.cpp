// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/CalibrationDriftPresenter.h"

#include "app/calibration/CalibrationService.h"
#include "ui/presenters/TechnicianText.h"

#include <utility>

namespace galvani::ui::presenters {

CalibrationDriftPresenter::CalibrationDriftPresenter(
    app::CalibrationService& calibration, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_calibration(calibration), m_user(std::move(user))
{
}

QList<app::CalibrationHistoryEntry> CalibrationDriftPresenter::records()
{
    const auto all = m_calibration.allCalibrations(m_user);
    return all.ok() ? *all : QList<app::CalibrationHistoryEntry>{};
}

bool CalibrationDriftPresenter::show(const QString& serial, int channel)
{
    const QString device = serial.trimmed();
    if (device.isEmpty()) {
        m_error = QStringLiteral("Device serial: connect a device on the Device tab, or type its serial.");
        return false;
    }
    const auto drift = m_calibration.drift(m_user, device, channel);
    if (!drift.ok()) {
        m_error = drift.error().message;
        return false;
    }
    m_error.clear();
    m_report = *drift;
    return true;
}

QString CalibrationDriftPresenter::figuresText(const app::DriftReport& drift)
{
    int passed = 0;
    for (const auto& e : drift.history) {
        passed += e.status == QStringLiteral("passed") ? 1 : 0;
    }
    QString figures = QStringLiteral("Device %1, channel %2: %3 calibration records, %4 passed.")
                          .arg(drift.deviceSerial)
                          .arg(drift.channel)
                          .arg(drift.history.size())
                          .arg(passed);
    if (drift.trendKnown) {
        figures += QStringLiteral(" Trend: gain %1 per year, offset %2 mA per year; at the due date (%3) gain %4, "
                                  "offset %5 mA.")
                       .arg(drift.gainPerYear, 0, 'f', 4)
                       .arg(milliamps2(drift.offsetUaPerYear, true), dateText(drift.dueUtcMs))
                       .arg(drift.gainAtDue, 0, 'f', 4)
                       .arg(milliamps2(drift.offsetUaAtDue, true));
    } else {
        figures += QStringLiteral(" A trend needs two passing calibrations on different days.");
    }
    if (drift.leavesToleranceUtcMs) {
        figures += QStringLiteral(" WARNING: the trend leaves the correction limit on %1.")
                       .arg(dateText(*drift.leavesToleranceUtcMs));
    }
    return figures;
}

} // namespace galvani::ui::presenters
