// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/presenters/CalibrationWizardPresenter.h"

#include <QWidget>

class QLabel;
class QStackedWidget;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

class CalibrationResultPage;
class CalibrationRunPage;
class CalibrationSetupPage;

// The technician's calibration wizard, a stepped panel: set-up, run, result. Every decision is its
// presenters::CalibrationWizardPresenter's (the setup and its refusals, the procedure driven step by step from its
// own signals, the run's progress and outcome in words); the wizard stacks the three pages, which build their
// widgets and show what the presenter says. Nothing here waits or polls, so the GUI never blocks. Abort (and
// STOP) stop the output at once; the channel under way then keeps only its "incomplete" record.
// Thread affinity: GUI thread. Ownership: borrows the AppContext (must outlive it); owns the presenter, which owns
// the procedure (destroying the wizard mid-run stops the output and writes nothing more, like a crash).
class CalibrationWizard : public QWidget {
    Q_OBJECT
public:
    using Page = presenters::CalibrationWizardPresenter::Page;

    CalibrationWizard(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);
    ~CalibrationWizard() override;

    // The stimulator to calibrate (the Device tab's URL).
    void setDeviceUrl(const QString& url);
    [[nodiscard]] Page page() const { return m_presenter.page(); }
    [[nodiscard]] bool running() const { return m_presenter.running(); }
    [[nodiscard]] CalibrationSetupPage* setupPage() const { return m_setupPage; }
    // The last run's outcome (empty before the first run ends).
    [[nodiscard]] const app::CalibrationSummary& lastSummary() const { return m_presenter.lastSummary(); }

public Q_SLOTS:
    void start(); // the set-up page's Start
    void abort(const QString& reason = QString()); // Abort button and STOP
    void showSetup();

Q_SIGNALS:
    void runningChanged(bool running);
    void selfTestFinished(const galvani::app::SelfTestReport& report);
    void runFinished(const galvani::app::CalibrationSummary& summary);

private:
    void showPage(Page page);

    presenters::CalibrationWizardPresenter m_presenter;
    QLabel* m_steps = nullptr;
    QStackedWidget* m_stack = nullptr;
    CalibrationSetupPage* m_setupPage = nullptr;
    CalibrationRunPage* m_runPage = nullptr;
    CalibrationResultPage* m_resultPage = nullptr;
};

} // namespace galvani::ui
