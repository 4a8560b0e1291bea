// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/presenters/CalibrationWizardPresenter.h"

#include <QWidget>

class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace galvani::ui {

// The running step of the calibration wizard: what to do now (in large type), where the run is ("Channel 2 of 8
// (channel 3), point 2 of 3, as found"), a live table of every point (set, commanded, measured, error, tolerance,
// within tolerance yes/no), the outcome of each finished channel, and the controls the procedure's step asks for:
// Continue once the load is on the next channel, or, in manual mode, the meter reading with the commanded value
// shown (mA, 0-200 mA; optional width µs and rate Hz). Abort is always available while the run is under way.
// The page only shows and collects: what it shows and every check of a reading come from the presenter, which
// drives the procedure.
// Thread affinity: GUI thread. Ownership: plain child widget; borrows the presenter (its wizard's, which outlives
// it). Units: mA on screen.
class CalibrationRunPage : public QWidget {
    Q_OBJECT
public:
    explicit CalibrationRunPage(presenters::CalibrationWizardPresenter* presenter, QWidget* parent = nullptr);

Q_SIGNALS:
    void abortClicked();

private:
    void begin();
    void showState();
    void addPoint(const app::CalibrationPointResult& point);
    void addChannelResult(const app::ChannelCalibrationResult& result);
    void submitReading();

    presenters::CalibrationWizardPresenter* m_presenter = nullptr;
    presenters::CalibrationWizardPresenter::Ask m_asked = presenters::CalibrationWizardPresenter::Ask::Nothing;
    QLabel* m_prompt = nullptr;
    QLabel* m_progressText = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_selfTest = nullptr;
    QTableWidget* m_table = nullptr;
    QListWidget* m_channelResults = nullptr;
    QPushButton* m_continue = nullptr;
    QGroupBox* m_readingGroup = nullptr;
    QLabel* m_readingPrompt = nullptr;
    QLineEdit* m_reading = nullptr;
    QLineEdit* m_width = nullptr;
    QLineEdit* m_rate = nullptr;
    QPushButton* m_submit = nullptr;
    QLabel* m_readingError = nullptr;
    QPushButton* m_abort = nullptr;
};

} // namespace galvani::ui
