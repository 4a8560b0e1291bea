// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/calibration/CalibrationProcedure.h"

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
// The page only shows and collects: CalibrationWizard drives the procedure.
// Thread affinity: GUI thread. Ownership: plain child widget. Units: µA in, mA on screen.
class CalibrationRunPage : public QWidget {
    Q_OBJECT
public:
    explicit CalibrationRunPage(QWidget* parent = nullptr);

    void begin(int channelCount, int pointsPerPhase);
    void setPrompt(const QString& prompt);
    void setProgress(const QString& text, int done, int total);
    void showSelfTest(const app::SelfTestReport& report);
    void addPoint(const app::CalibrationPointResult& point);
    void addChannelResult(const app::ChannelCalibrationResult& result);
    // Which control the procedure's step needs now.
    void askToContinue(int channel, int loadOhms);
    void askForReading(const app::PendingReading& pending);
    void showWorking(); // measuring, connecting: no input expected
    void setReadingError(const QString& message); // empty hides it
    void setAbortEnabled(bool enabled);

Q_SIGNALS:
    void continueClicked();
    // A reading that passed the page's range check, µA; widthUs and rateHz are 0 when not given.
    void readingEntered(double measuredUa, double widthUs, double rateHz);
    void abortClicked();

private:
    void submitReading();

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
