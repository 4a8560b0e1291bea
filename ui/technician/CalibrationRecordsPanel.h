// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/calibration/ChannelCalibrationStatus.h"
#include "ui/presenters/CalibrationRecordsPresenter.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

// Every calibration record on file (CalibrationService::allCalibrations), newest first, optionally of one device:
// when, device, channel, outcome (word and icon; "incomplete" for an attempt that was stopped), fit, number of
// points, due date, technician and record hash. Selecting a record shows its points (as found, then as left, set
// vs measured) and the conditions, as the record's notes carry them. The panel builds and binds;
// presenters::CalibrationRecordsPresenter reads, filters and words.
// Thread affinity: GUI thread. Ownership: borrows the AppContext, which must outlive the panel.
class CalibrationRecordsPanel : public QWidget {
    Q_OBJECT
public:
    CalibrationRecordsPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);

    [[nodiscard]] const QList<app::CalibrationHistoryEntry>& shown() const { return m_presenter.shown(); }

public Q_SLOTS:
    void reload() { m_presenter.reload(); }

private:
    void showRecords();
    void showDetails();

    presenters::CalibrationRecordsPresenter m_presenter;

    QComboBox* m_device = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_count = nullptr;
    QTableWidget* m_table = nullptr;
    QPlainTextEdit* m_details = nullptr;
};

} // namespace galvani::ui
