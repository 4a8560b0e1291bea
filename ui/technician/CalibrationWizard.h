// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/calibration/CalibrationProcedure.h"

#include <QWidget>

#include <memory>

class QLabel;
class QStackedWidget;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

class CalibrationResultPage;
class CalibrationRunPage;
class CalibrationSetupPage;

// The technician's calibration wizard, a stepped panel: set-up, run, result. It begins a CalibrationProcedure
// through CalibrationService::begin() (refusals shown verbatim next to Start) and drives it step by step from the
// procedure's own signals: ReadyForChannel waits for the technician's Continue (the load must be moved to the
// channel), AwaitingReading shows the commanded value and takes the meter reading, every measured point lands in
// the live table, and finished() shows the result. Nothing here waits or polls, so the GUI never blocks.
// Abort (and STOP) stop the output at once; the channel under way then keeps only its "incomplete" record.
// Thread affinity: GUI thread. Ownership: borrows the AppContext (must outlive it); owns the procedure while it runs
// (destroying the wizard mid-run stops the output and writes nothing more, like a crash).
class CalibrationWizard : public QWidget {
    Q_OBJECT
public:
    enum class Page { Setup, Run, Result };

    CalibrationWizard(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);
    ~CalibrationWizard() override;

    // The stimulator to calibrate (the Device tab's URL).
    void setDeviceUrl(const QString& url);
    [[nodiscard]] Page page() const;
    [[nodiscard]] bool running() const { return m_procedure != nullptr; }
    [[nodiscard]] CalibrationSetupPage* setupPage() const { return m_setupPage; }
    // The last run's outcome (empty before the first run ends).
    [[nodiscard]] const app::CalibrationSummary& lastSummary() const { return m_summary; }

public Q_SLOTS:
    void start(); // the set-up page's Start
    void abort(const QString& reason = QString()); // Abort button and STOP
    void showSetup();

Q_SIGNALS:
    void runningChanged(bool running);
    void selfTestFinished(const galvani::app::SelfTestReport& report);
    void runFinished(const galvani::app::CalibrationSummary& summary);

private:
    void onStep(app::CalibrationProcedure::Step step);
    void onPoint(const app::CalibrationPointResult& point);
    void onChannel(const app::ChannelCalibrationResult& result);
    void onFinished(const app::CalibrationSummary& summary);
    void onReading(double measuredUa, double widthUs, double rateHz);
    void updateProgress();

    app::AppContext& m_context;
    app::SignedInUser m_user;
    std::unique_ptr<app::CalibrationProcedure> m_procedure;
    app::CalibrationSetup m_setup;
    app::CalibrationSummary m_summary;
    // Where the run is, for "channel 2 of 8, point 2 of 3".
    int m_channelIndex = 0;
    app::PointPhase m_phase = app::PointPhase::AsFound;
    int m_pointsInPhase = 0;
    int m_channelUnderWay = 0; // begun (its incomplete record written) and not finished; 0 when none

    QLabel* m_steps = nullptr;
    QStackedWidget* m_stack = nullptr;
    CalibrationSetupPage* m_setupPage = nullptr;
    CalibrationRunPage* m_runPage = nullptr;
    CalibrationResultPage* m_resultPage = nullptr;
};

} // namespace galvani::ui
