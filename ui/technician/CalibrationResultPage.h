// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/calibration/CalibrationResults.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace galvani::ui {

// The last step of the calibration wizard: the outcome of the run and of each channel (passed/failed with the
// reason, fitted gain and offset, the largest as-left error, the due date, the stored record), who signed the
// records, and, for a stopped run, what was and was not recorded. "New calibration" goes back to the set-up, which
// keeps what was entered.
// Thread affinity: GUI thread. Ownership: plain child widget. Units: µA in, mA on screen; times UTC ms.
class CalibrationResultPage : public QWidget {
    Q_OBJECT
public:
    explicit CalibrationResultPage(QWidget* parent = nullptr);

    // requested: the channels the run was set up for, in order (to name those never reached); underWay: the channel
    // begun but not finished when the run stopped (0 when none).
    void showSummary(const app::CalibrationSummary& summary, const QList<int>& requested, int underWay,
        const app::SignedInUser& signer);

Q_SIGNALS:
    void newCalibrationClicked();

private:
    QLabel* m_headline = nullptr;
    QLabel* m_detail = nullptr;
    QLabel* m_signedBy = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace galvani::ui
