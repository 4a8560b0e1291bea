// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "app/session/SessionTypes.h"

#include <QMap>
#include <QObject>
#include <QString>

#include <optional>

namespace galvani::app {
class AppContext;
class SessionController;
} // namespace galvani::app

namespace galvani::ui::presenters {

// The therapist's treatment flow on app::SessionController, for TreatmentPanel: which stage shows (setup and plan,
// the run screen, the end with the outcome), the patient banner, the setup page's message line and plan, the fault
// notice, the end summary and the outcome. The controller's state decides the stage; nothing resumes after a fault.
// The patient is bound when a session is prepared: setPatient() during a session (or while its outcome waits) takes
// effect once it is finished, and the banner says so.
// It follows only the sessions it prepared itself (owner()): while another view's session (the guided motor-point
// search) holds the controller, the setup page stays, read-only, saying the stimulator is in use, and that
// session's plan, faults, end and outcome are not this flow's. A session ended here whose outcome has not been
// recorded is finished without one when another session takes the controller.
// The panel hands over what the therapist asks (prepare with the setup page's request, start, cancel the plan,
// record the outcome or finish without one) and shows what the signals say; STOP and the run screen's controls go
// to the controller directly (SessionRunPage), as STOP must never wait on anything.
// Thread affinity: GUI thread. Ownership: borrows the AppContext (and its SessionController), which must outlive it.
class TreatmentPresenter : public QObject {
    Q_OBJECT
public:
    enum class Stage { Setup, Run, End };
    Q_ENUM(Stage)
    enum class SetupMessage { Clear, Info, Progress, Refusal };
    Q_ENUM(SetupMessage)

    // The patient banner: a patient (name, birth date, MRN) or, when `none` is not empty, why there is none; `note`
    // under it (a patient chosen meanwhile), or empty.
    struct Banner {
        QString name;
        QString birthDate;
        QString mrn;
        QString none;
        QString note;
    };

    TreatmentPresenter(app::AppContext& context, app::SignedInUser user, QObject* parent = nullptr);

    // Emits what the panel shows now (the controller's state, the banner); call once, after connecting the signals.
    void begin();
    // The patient chosen in the patient workspace ("" = none).
    void setPatient(const QString& mrn);
    [[nodiscard]] const QString& patient() const { return m_mrn; }
    // The patient the setup page has loaded (it follows the chosen one whenever no session binds another).
    [[nodiscard]] const QString& loadedPatient() const { return m_loadedMrn; }
    // A session prepared here is preparing, ready, starting, running, paused or stopping.
    [[nodiscard]] bool sessionActive() const;
    // The controller's current session was prepared here (or its outcome still waits here).
    [[nodiscard]] bool owner() const { return m_owner; }
    [[nodiscard]] Stage stage() const { return m_stage; }
    [[nodiscard]] const std::optional<app::SessionPlan>& plan() const { return m_plan; }
    [[nodiscard]] const std::optional<app::SessionSummary>& summary() const { return m_summary; }
    [[nodiscard]] const Banner& banner() const { return m_banner; }

    // The setup page's request (its own form checks passed).
    void prepare(const app::SessionRequest& request);
    void start();
    void cancelPlan();
    // The therapist's answer on the end page.
    void recordOutcome(const app::OutcomeAnswer& answer);
    void finishWithoutOutcome();

Q_SIGNALS:
    void setupStateChanged(galvani::app::SessionState state, bool ours);
    void runStateChanged(galvani::app::SessionState state);
    void stageChanged(galvani::ui::presenters::TreatmentPresenter::Stage stage);
    void setupMessage(galvani::ui::presenters::TreatmentPresenter::SetupMessage kind, const QString& text);
    void planShown(const galvani::app::SessionPlan& plan);
    void planCleared(const QString& placeholder);
    // The setup page is to load this patient's records.
    void patientToLoad(const QString& mrn);
    void bannerChanged();
    // A fault of this flow's session; `siteId` of its channel in the plan, or empty.
    void faultShown(const galvani::app::SessionFault& fault, const QString& siteId);
    void faultDismissed();
    void recordingFailed(const QString& message);
    // Just before the start is asked for: the run screen is set up for this plan.
    void runBegins(const galvani::app::SessionPlan& plan);
    // sites: the placement site id per channel; durationMs: the planned stimulation time.
    void endShown(const galvani::app::SessionSummary& summary, const QMap<int, QString>& sites, qint64 durationMs);
    void outcomeBusyChanged(bool busy);
    // A refusal or failure to record the outcome (empty: clear it).
    void outcomeError(const QString& message);
    void sessionActiveChanged(bool active);
    void sessionFinished(qint64 sessionId); // after the outcome was recorded (or declined)

private:
    void onStateChanged(app::SessionState state);
    void onPrepared(const app::AppResult<app::SessionPlan>& plan);
    void onStarted(const app::AppResult<qint64>& sessionId);
    void onFault(const app::SessionFault& fault);
    void onEnded(const app::SessionSummary& summary);
    void onOutcomeRecorded(const app::AppResult<qint64>& outcomeId);
    void finish(const QString& message);
    void releaseIfIdle(); // ends this flow's hold on a session that went back to Idle without an end
    void showOtherSession(app::SessionState state);
    void setStage(Stage stage);
    void loadPatient(const QString& mrn);
    void updateBanner();

    app::AppContext& m_context;
    app::SessionController& m_sessions;
    app::SignedInUser m_user;
    QString m_mrn; // chosen in the patient workspace
    QString m_loadedMrn; // loaded by the setup page
    std::optional<app::SessionPlan> m_plan; // of the session prepared or running
    std::optional<app::SessionSummary> m_summary; // of the session that ended, until its outcome is done
    std::optional<app::OutcomeAnswer> m_answer; // being recorded
    Stage m_stage = Stage::Setup;
    Banner m_banner;
    bool m_active = false;
    bool m_owner = false;
    bool m_claiming = false; // inside this flow's own call of prepare()
    bool m_otherShown = false; // the setup page says another session is using the stimulator
    bool m_awaitingPrepare = false;
    bool m_awaitingOutcome = false;
};

} // namespace galvani::ui::presenters
