// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/presenters/CalibrationWizardPresenter.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace galvani::ui {

// The last step of the calibration wizard: the outcome of the run and of each channel (passed/failed with the
// reason, fitted gain and offset, the largest as-left error, the due date, the stored record), who signed the
// records, and, for a stopped run, what was and was not recorded. "New calibration" goes back to the set-up, which
// keeps what was entered. The words come from the presenter when the run ends; the page marks each channel's
// outcome with an icon and bold type as well.
// Thread affinity: GUI thread. Ownership: plain child widget; borrows the presenter (its wizard's, which outlives
// it).
class CalibrationResultPage : public QWidget {
    Q_OBJECT
public:
    explicit CalibrationResultPage(presenters::CalibrationWizardPresenter* presenter, QWidget* parent = nullptr);

Q_SIGNALS:
    void newCalibrationClicked();

private:
    void showOutcome();

    presenters::CalibrationWizardPresenter* m_presenter = nullptr;
    QLabel* m_headline = nullptr;
    QLabel* m_detail = nullptr;
    QLabel* m_signedBy = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace galvani::ui
