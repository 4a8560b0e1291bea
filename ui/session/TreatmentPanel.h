// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "ui/presenters/TreatmentPresenter.h"

#include <QString>
#include <QWidget>

class QStackedWidget;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

namespace session {
class FaultPanel;
class PatientBanner;
class SessionEndPage;
class SessionRunPage;
class SessionSetupPage;
} // namespace session

// The therapist's treatment flow on app::SessionController, in one panel the main window embeds: the patient banner
// (name and date of birth, and MRN) on top at every stage, the fault notice under it when there is one, and a stack
// of stages — setup and plan (SessionSetupPage), the run screen (SessionRunPage: channel strips, STOP, live plot),
// and the end with the outcome (SessionEndPage). What shows and when is decided by its
// presenters::TreatmentPresenter (the flow, the patient bound while a session is prepared, the sessions of other
// views that are not this panel's, nothing resumed after a fault); this widget builds the stages, hands over what
// the therapist asks and shows what the presenter says. The run screen's controls and STOP go to the controller
// directly; STOP is never disabled.
// Thread affinity: GUI thread. Ownership: a child widget; borrows the AppContext (and its SessionController),
// which must outlive it.
class TreatmentPanel : public QWidget {
    Q_OBJECT
public:
    TreatmentPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);
    ~TreatmentPanel() override;

    void setPatient(const QString& mrn); // the patient chosen in the patient workspace ("" = none)
    // A session this panel prepared is preparing, ready, starting, running, paused or stopping.
    [[nodiscard]] bool sessionActive() const;

Q_SIGNALS:
    void sessionActiveChanged(bool active);
    void sessionFinished(qint64 sessionId); // after the outcome was recorded (or declined)

private:
    void prepare();
    void showStage(presenters::TreatmentPresenter::Stage stage);
    void showSetupMessage(presenters::TreatmentPresenter::SetupMessage kind, const QString& text);
    void showBanner();

    presenters::TreatmentPresenter* m_presenter = nullptr;
    session::PatientBanner* m_banner = nullptr;
    session::FaultPanel* m_fault = nullptr;
    QStackedWidget* m_stack = nullptr;
    session::SessionSetupPage* m_setup = nullptr;
    session::SessionRunPage* m_run = nullptr;
    session::SessionEndPage* m_end = nullptr;
};

} // namespace galvani::ui
