// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/calibration/ChannelCalibrationStatus.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace galvani::app {
class CalibrationService;
}

namespace galvani::ui::presenters {

// The drift of one channel over its past calibrations (app::CalibrationService::drift), for CalibrationDriftPanel:
// the report (which the panel's DriftChart draws), the trend in figures with its warning, and the calibration
// records the panel offers device serials from. A missing serial is named with what to do; the service's refusal
// comes back verbatim.
// Thread affinity: the RecordStore's thread (the GUI thread). Ownership: borrows the service, which must outlive it.
class CalibrationDriftPresenter : public QObject {
    Q_OBJECT
public:
    CalibrationDriftPresenter(app::CalibrationService& calibration, app::SignedInUser user, QObject* parent = nullptr);

    // Every calibration record, oldest first (empty when they could not be read): the panel's serial list.
    [[nodiscard]] QList<app::CalibrationHistoryEntry> records();
    // Reads the drift of `serial` (trimmed) and `channel`. Returns false and sets error() when there is none to
    // show; the report and figures stay those of the last success.
    bool show(const QString& serial, int channel);
    [[nodiscard]] const std::optional<app::DriftReport>& report() const { return m_report; }
    [[nodiscard]] const QString& error() const { return m_error; }
    // "Device P24-1, channel 2: 3 calibration records, 2 passed. Trend: …" with the warning when the trend leaves
    // the correction limit before the next due date.
    [[nodiscard]] static QString figuresText(const app::DriftReport& report);

private:
    app::CalibrationService& m_calibration;
    app::SignedInUser m_user;
    std::optional<app::DriftReport> m_report;
    QString m_error;
};

} // namespace galvani::ui::presenters
