// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/CalibrationStatusPresenter.h"

#include "app/calibration/CalibrationService.h"
#include "core/Clock.h"
#include "ui/presenters/TechnicianText.h"

#include <utility>

namespace galvani::ui::presenters {

namespace {

using app::CalibrationState;

bool due(CalibrationState state)
{
    return state == CalibrationState::DueSoon || state == CalibrationState::Overdue;
}

} // namespace

CalibrationStatusPresenter::CalibrationStatusPresenter(
    app::CalibrationService& calibration, const core::Clock& clock, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_calibration(calibration), m_clock(clock), m_user(std::move(user))
{
}

QList<app::CalibrationHistoryEntry> CalibrationStatusPresenter::records()
{
    const auto all = m_calibration.allCalibrations(m_user);
    return all.ok() ? *all : QList<app::CalibrationHistoryEntry>{};
}

CalibrationStatusPresenter::Result CalibrationStatusPresenter::refresh(const QString& serial, int channels)
{
    const QString device = serial.trimmed();
    if (device.isEmpty()) {
        return Result::error(
            QStringLiteral("Device serial: connect a device on the Device tab, or type its serial."), Field::Serial);
    }
    const auto statuses = m_calibration.deviceStatus(m_user, device, channels);
    if (!statuses.ok()) {
        return Result::error(statuses.error().message);
    }
    showStatuses(*statuses, utcMsNow(m_clock), device);
    return {};
}

void CalibrationStatusPresenter::showStatuses(
    const QList<app::ChannelCalibrationStatus>& statuses, qint64 nowUtcMs, const QString& serial)
{
    m_statuses = statuses;
    m_nowUtcMs = nowUtcMs;
    m_serial = statuses.isEmpty() ? serial : statuses.front().deviceSerial;
    Q_EMIT statusesChanged();
}

QStringList CalibrationStatusPresenter::columnTitles()
{
    return {QStringLiteral("Channel"), QStringLiteral("State"), QStringLiteral("Therapy"),
        QStringLiteral("Correction in force"), QStringLiteral("Calibrated range"), QStringLiteral("Due"),
        QStringLiteral("Reason / notice")};
}

QStringList CalibrationStatusPresenter::rowText(int row) const
{
    if (row < 0 || row >= m_statuses.size()) {
        return {};
    }
    const app::ChannelCalibrationStatus& s = m_statuses.at(row);
    QString state = stateText(s.state);
    if (due(s.state)) {
        state += QStringLiteral(": ") + dueInText(s.dueUtcMs, m_nowUtcMs);
    }
    QString correction;
    if (s.locked) {
        correction = QStringLiteral("none (locked)");
    } else if (s.factoryCalibration) {
        correction = QStringLiteral("none (factory calibration)");
    } else {
        correction = QStringLiteral("gain %1, offset %2 mA (record #%3)")
                         .arg(s.gain, 0, 'f', 4)
                         .arg(milliamps2(s.offsetUa, true))
                         .arg(s.calibrationId);
    }
    const QString range = s.calibratedMaxUa > 0 ? QStringLiteral("%1-%2 mA")
                                                      .arg(milliamps1(static_cast<double>(s.calibratedMinUa)),
                                                          milliamps1(static_cast<double>(s.calibratedMaxUa)))
                                                : QStringLiteral("-");
    // A failed record's due date means nothing: the channel is locked until a passing calibration.
    const bool dated = s.dueUtcMs > 0 && (s.state == CalibrationState::Valid || due(s.state));
    const QString dueText = dated
        ? QStringLiteral("%1 (%2)").arg(dateText(s.dueUtcMs), dueInText(s.dueUtcMs, m_nowUtcMs))
        : QStringLiteral("-");
    QStringList cells;
    cells.reserve(ColumnCount);
    cells << QString::number(s.channel) << state << (s.locked ? QStringLiteral("LOCKED") : QStringLiteral("Usable"))
          << correction << range << dueText << s.reason;
    return cells;
}

QList<CalibrationStatusPresenter::Reminder> CalibrationStatusPresenter::reminders() const
{
    QList<Reminder> out;
    for (const app::ChannelCalibrationStatus& s : m_statuses) {
        if (!due(s.state)) {
            continue;
        }
        const bool overdue = s.state == CalibrationState::Overdue;
        out.append({s.state,
            QStringLiteral("Channel %1: calibration %2 (%3)%4")
                .arg(s.channel)
                .arg(dueInText(s.dueUtcMs, m_nowUtcMs), dateText(s.dueUtcMs),
                    overdue ? QStringLiteral(" - LOCKED until recalibrated") : QString())});
    }
    if (out.isEmpty()) {
        out.append({CalibrationState::Valid, QStringLiteral("No channel is due within 30 days.")});
    }
    return out;
}

QString CalibrationStatusPresenter::summaryText() const
{
    qsizetype locked = 0;
    for (const app::ChannelCalibrationStatus& s : m_statuses) {
        locked += s.locked ? 1 : 0;
    }
    return locked == 0 ? QStringLiteral("Device %1: %2 channels, none locked.").arg(m_serial).arg(m_statuses.size())
                       : QStringLiteral("Device %1: %2 of %3 channels LOCKED for therapy.")
                             .arg(m_serial)
                             .arg(locked)
                             .arg(m_statuses.size());
}

} // namespace galvani::ui::presenters
