// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "app/session/SessionTypes.h"

#include <QMap>
#include <QString>
#include <QWidget>

#include <optional>

class QStackedWidget;

namespace galvani::app {
class AppContext;
class SessionController;
} // namespace galvani::app

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
// and the end with the outcome (SessionEndPage). The controller's state decides the stage and which buttons work;
// STOP is never disabled. The patient is bound when a session is prepared: setPatient() during a session only
// takes effect once it is finished. Nothing resumes after a fault: the therapist prepares again.
// The panel follows only the sessions it prepared itself: while another view's session (the guided motor-point
// search) holds the controller, the setup page stays in place, read-only, saying which session is using the
// stimulator, and that session's plan, faults, end and outcome are not this panel's.
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
    void onStateChanged(app::SessionState state);
    void onPrepared(const app::AppResult<app::SessionPlan>& plan);
    void onStarted(const app::AppResult<qint64>& sessionId);
    void onFault(const app::SessionFault& fault);
    void onEnded(const app::SessionSummary& summary);
    void onOutcomeRecorded(const app::AppResult<qint64>& outcomeId);
    void prepare();
    void start();
    void cancelPlan();
    void recordOutcome();
    void finish(const QString& message);
    void showPatientBanner();
    void showOtherSession(app::SessionState state);
    void releaseIfIdle(); // ends this panel's hold on a session that went back to Idle without an end

    app::AppContext& m_context;
    app::SessionController& m_sessions;
    app::SignedInUser m_user;
    QString m_mrn; // chosen in the patient workspace
    std::optional<app::SessionPlan> m_plan; // of the session prepared or running
    std::optional<app::SessionSummary> m_summary; // of the session that ended, until its outcome is done
    bool m_active = false;
    bool m_owner = false; // the controller's current session was prepared here
    bool m_claiming = false; // inside this panel's own call of prepare()
    bool m_otherShown = false; // the setup page says another session is using the stimulator
    bool m_awaitingPrepare = false;
    bool m_awaitingOutcome = false;

    session::PatientBanner* m_banner = nullptr;
    session::FaultPanel* m_fault = nullptr;
    QStackedWidget* m_stack = nullptr;
    session::SessionSetupPage* m_setup = nullptr;
    session::SessionRunPage* m_run = nullptr;
    session::SessionEndPage* m_end = nullptr;
};

} // namespace galvani::ui
