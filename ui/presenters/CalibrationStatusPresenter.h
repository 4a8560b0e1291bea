// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/calibration/ChannelCalibrationStatus.h"
#include "ui/presenters/Feedback.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace galvani::app {
class CalibrationService;
}

namespace galvani::core {
class Clock;
}

namespace galvani::ui::presenters {

// The calibration status of every channel of one device (app::CalibrationService::deviceStatus), for
// CalibrationStatusPanel: the table's text per channel (state with "due in N days" when due soon or overdue, usable
// or LOCKED, the correction in force, the calibrated range, the due date — none for a failed channel, which stays
// locked whatever the date — and the service's reason or notice), the reminders (every channel due within 30 days
// or overdue, or a line saying none is) with the state each goes with, the one-line summary, and the calibration
// records the panel offers device serials from. Statuses are judged against the service's clock at the moment they
// are read. A missing serial is refused naming the field; the service's refusals come back verbatim and leave the
// statuses shown as they were.
// Thread affinity: the RecordStore's thread (the GUI thread). Ownership: borrows the service and the clock, which
// must outlive it.
class CalibrationStatusPresenter : public QObject {
    Q_OBJECT
public:
    enum class Field { None, Serial };
    using Result = Feedback<Field>;

    enum Column {
        ChannelColumn,
        StateColumn,
        UseColumn,
        CorrectionColumn,
        RangeColumn,
        DueColumn,
        ReasonColumn,
        ColumnCount
    };

    // One reminder line and the state whose icon goes with it.
    struct Reminder {
        app::CalibrationState state = app::CalibrationState::Valid;
        QString text;
    };

    CalibrationStatusPresenter(app::CalibrationService& calibration, const core::Clock& clock, app::SignedInUser user,
        QObject* parent = nullptr);

    // Every calibration record, oldest first (empty when they could not be read): the panel's serial list.
    [[nodiscard]] QList<app::CalibrationHistoryEntry> records();
    // Reads the status of channels 1..channels of `serial` (trimmed) and shows it (statusesChanged). An error when
    // no serial is given (Field::Serial) or the service refuses (its message); kind None when the statuses are in.
    Result refresh(const QString& serial, int channels);
    // Shows statuses read elsewhere, judged against nowUtcMs; `serial` names the device in the summary when the
    // list is empty. Emits statusesChanged.
    void showStatuses(const QList<app::ChannelCalibrationStatus>& statuses, qint64 nowUtcMs, const QString& serial);

    [[nodiscard]] const QList<app::ChannelCalibrationStatus>& statuses() const { return m_statuses; }
    [[nodiscard]] qint64 nowUtcMs() const { return m_nowUtcMs; }
    [[nodiscard]] static QStringList columnTitles();
    [[nodiscard]] QStringList rowText(int row) const; // empty for a row not shown
    // Channels due within 30 days and overdue ones, in channel order; "No channel is due within 30 days." (with
    // the Valid state) when there are none.
    [[nodiscard]] QList<Reminder> reminders() const;
    // "Device P24-1: 8 channels, none locked." or "Device P24-1: 2 of 8 channels LOCKED for therapy."
    [[nodiscard]] QString summaryText() const;

Q_SIGNALS:
    void statusesChanged();

private:
    app::CalibrationService& m_calibration;
    const core::Clock& m_clock;
    app::SignedInUser m_user;
    QList<app::ChannelCalibrationStatus> m_statuses;
    qint64 m_nowUtcMs = 0;
    QString m_serial;
};

} // namespace galvani::ui::presenters
