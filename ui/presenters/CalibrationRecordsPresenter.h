// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/calibration/ChannelCalibrationStatus.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace galvani::app {
class CalibrationService;
}

namespace galvani::ui::presenters {

// Every calibration record on file (app::CalibrationService::allCalibrations), newest first, optionally of one
// device, for CalibrationRecordsPanel: the table's text (record, when, device, channel, outcome, fit, number of
// points, due date, technician, the start of the record hash), the devices to choose from, and a record's points
// (as found, then as left, each on a line of its own) with its conditions, as the record's notes carry them.
// The service's refusal comes back verbatim.
// Thread affinity: the RecordStore's thread (the GUI thread). Ownership: borrows the service, which must outlive it.
class CalibrationRecordsPresenter : public QObject {
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        PerformedColumn,
        DeviceColumn,
        ChannelColumn,
        StatusColumn,
        GainColumn,
        OffsetColumn,
        PointsColumn,
        DueColumn,
        TechnicianColumn,
        HashColumn,
        ColumnCount
    };

    CalibrationRecordsPresenter(
        app::CalibrationService& calibration, app::SignedInUser user, QObject* parent = nullptr);

    // Reads the records again, keeping the chosen device. Emits recordsChanged.
    void reload();
    // Why the records could not be read (the service's message), or empty.
    [[nodiscard]] const QString& error() const { return m_error; }
    // The device serials on file, newest record's first, each once.
    [[nodiscard]] const QStringList& devices() const { return m_devices; }
    // Shows only one device's records (empty: every device). Emits recordsChanged.
    void chooseDevice(const QString& serial);
    [[nodiscard]] const QString& device() const { return m_device; }

    [[nodiscard]] const QList<app::CalibrationHistoryEntry>& shown() const { return m_shown; }
    [[nodiscard]] static QStringList columnTitles();
    [[nodiscard]] QStringList rowText(int row) const;
    [[nodiscard]] QString countText() const; // "12 records"
    // The record's header line, hash and its points and conditions; empty for a row not shown.
    [[nodiscard]] QString detailsText(int row) const;
    // The record's notes with each point of the "as found: a, b, c" and "as left: …" lines on a line of its own.
    [[nodiscard]] static QString pointsText(const QString& notes);

Q_SIGNALS:
    void recordsChanged();

private:
    void filter();

    app::CalibrationService& m_calibration;
    app::SignedInUser m_user;
    QString m_error;
    QList<app::CalibrationHistoryEntry> m_all;
    QList<app::CalibrationHistoryEntry> m_shown;
    QStringList m_devices;
    QString m_device;
};

} // namespace galvani::ui::presenters
