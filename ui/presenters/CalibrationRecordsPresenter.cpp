// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/CalibrationRecordsPresenter.h"

#include "app/calibration/CalibrationService.h"
#include "ui/presenters/TechnicianText.h"

#include <algorithm>
#include <utility>

namespace galvani::ui::presenters {

CalibrationRecordsPresenter::CalibrationRecordsPresenter(
    app::CalibrationService& calibration, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_calibration(calibration), m_user(std::move(user))
{
}

void CalibrationRecordsPresenter::reload()
{
    const auto all = m_calibration.allCalibrations(m_user);
    if (!all.ok()) {
        m_error = all.error().message;
        Q_EMIT recordsChanged();
        return;
    }
    m_error.clear();
    m_all = *all;
    std::reverse(m_all.begin(), m_all.end()); // newest first
    m_devices.clear();
    for (const auto& e : m_all) {
        if (!m_devices.contains(e.deviceSerial)) {
            m_devices.append(e.deviceSerial);
        }
    }
    if (!m_devices.contains(m_device)) {
        m_device.clear();
    }
    filter();
}

void CalibrationRecordsPresenter::chooseDevice(const QString& serial)
{
    m_device = serial;
    filter();
}

void CalibrationRecordsPresenter::filter()
{
    m_shown.clear();
    for (const auto& e : m_all) {
        if (m_device.isEmpty() || e.deviceSerial == m_device) {
            m_shown.append(e);
        }
    }
    Q_EMIT recordsChanged();
}

QStringList CalibrationRecordsPresenter::columnTitles()
{
    return {QStringLiteral("Record"), QStringLiteral("Performed"), QStringLiteral("Device"), QStringLiteral("Channel"),
        QStringLiteral("Result"), QStringLiteral("Gain"), QStringLiteral("Offset mA"), QStringLiteral("Points"),
        QStringLiteral("Due"), QStringLiteral("Technician"), QStringLiteral("Record hash")};
}

QStringList CalibrationRecordsPresenter::rowText(int row) const
{
    if (row < 0 || row >= m_shown.size()) {
        return {};
    }
    const auto& e = m_shown.at(row);
    const bool passed = e.status == QStringLiteral("passed");
    QStringList cells;
    cells.reserve(ColumnCount);
    cells << QStringLiteral("#%1").arg(e.calibrationId) << dateTimeText(e.performedUtcMs) << e.deviceSerial
          << QString::number(e.channel) << e.status << (e.gain ? QString::number(*e.gain, 'f', 4) : QStringLiteral("-"))
          << (e.offsetUa ? milliamps2(*e.offsetUa, true) : QStringLiteral("-")) << QString::number(e.points)
          << (passed ? dateText(e.dueUtcMs) : QStringLiteral("-"))
          << (e.technicianId == m_user.id ? QStringLiteral("%1 (you)").arg(m_user.username)
                                          : QStringLiteral("user #%1").arg(e.technicianId))
          << e.recordHash.left(16);
    return cells;
}

QString CalibrationRecordsPresenter::countText() const
{
    return QStringLiteral("%1 records").arg(m_shown.size());
}

QString CalibrationRecordsPresenter::detailsText(int row) const
{
    if (row < 0 || row >= m_shown.size()) {
        return {};
    }
    const auto& e = m_shown.at(row);
    return QStringLiteral("Record #%1, device %2 channel %3, %4, firmware %5, performed %6\n"
                          "record hash %7\n\n%8")
        .arg(e.calibrationId)
        .arg(e.deviceSerial)
        .arg(e.channel)
        .arg(e.status, e.firmware, dateTimeText(e.performedUtcMs), e.recordHash, pointsText(e.notes));
}

QString CalibrationRecordsPresenter::pointsText(const QString& notes)
{
    QStringList out;
    for (const QString& line : notes.split(QLatin1Char('\n'))) {
        for (const QString& phase : {QStringLiteral("as found: "), QStringLiteral("as left: ")}) {
            if (line.startsWith(phase)) {
                out.append(phase.trimmed());
                for (const QString& point : line.mid(phase.size()).split(QStringLiteral(", "))) {
                    out.append(QStringLiteral("    ") + point);
                }
                break;
            }
        }
        if (!line.startsWith(QStringLiteral("as found: ")) && !line.startsWith(QStringLiteral("as left: "))) {
            out.append(line);
        }
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace galvani::ui::presenters
