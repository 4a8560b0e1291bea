// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/TreatmentPresenter.h"

#include "app/AppContext.h"
#include "app/services/PatientService.h"
#include "app/session/SessionController.h"

#include <utility>

namespace galvani::ui::presenters {

TreatmentPresenter::TreatmentPresenter(app::AppContext& context, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_context(context), m_sessions(context.sessions()), m_user(std::move(user))
{
    using app::SessionController;
    connect(&m_sessions, &SessionController::stateChanged, this, &TreatmentPresenter::onStateChanged);
    connect(&m_sessions, &SessionController::prepared, this, &TreatmentPresenter::onPrepared);
    connect(&m_sessions, &SessionController::started, this, &TreatmentPresenter::onStarted);
    connect(&m_sessions, &SessionController::faultRaised, this, &TreatmentPresenter::onFault);
    connect(&m_sessions, &SessionController::recordingFailed, this, [this](const QString& message) {
        if (m_owner) {
            Q_EMIT recordingFailed(message);
        }
    });
    connect(&m_sessions, &SessionController::ended, this, &TreatmentPresenter::onEnded);
    connect(&m_sessions, &SessionController::outcomeRecorded, this, &TreatmentPresenter::onOutcomeRecorded);
}

void TreatmentPresenter::begin()
{
    m_active = sessionActive();
    onStateChanged(m_sessions.state());
    updateBanner();
}

void TreatmentPresenter::setPatient(const QString& mrn)
{
    m_mrn = mrn;
    // A treatment binds its patient when it is prepared (CLINICAL §7): a new choice waits until it is finished.
    if (!sessionActive() && !m_summary) {
        loadPatient(mrn);
        Q_EMIT setupMessage(SetupMessage::Clear, QString());
        Q_EMIT planCleared(QStringLiteral("Prepare the session to see the plan here."));
    }
    updateBanner();
}

bool TreatmentPresenter::sessionActive() const
{
    return m_owner && isActive(m_sessions.state());
}

void TreatmentPresenter::setStage(Stage stage)
{
    if (m_stage != stage) {
        m_stage = stage;
        Q_EMIT stageChanged(stage);
    }
}

void TreatmentPresenter::loadPatient(const QString& mrn)
{
    m_loadedMrn = mrn;
    Q_EMIT patientToLoad(mrn);
}

void TreatmentPresenter::onStateChanged(app::SessionState state)
{
    if (state == app::SessionState::Preparing && !m_claiming && m_owner && m_summary) {
        // Another view prepared a session while this flow's ended one waited for its outcome: that end is over.
        finish(QStringLiteral("Session %1 ended without an outcome: the stimulator was taken by another session.")
                   .arg(m_summary->sessionId));
    }
    Q_EMIT setupStateChanged(state, m_owner);
    if (!m_owner) {
        showOtherSession(state);
        return;
    }
    if (state == app::SessionState::Idle && !m_summary) {
        // A cancelled plan, a STOP while preparing, a prepare refused after connecting or a failed start. The
        // controller emits the answer that explains it (prepared() or started() with the error) right after this
        // state change, so the session stays this flow's until control is back in the event loop.
        QMetaObject::invokeMethod(
            this, [this] { releaseIfIdle(); }, Qt::QueuedConnection);
    }
    Q_EMIT runStateChanged(state);
    switch (state) {
    case app::SessionState::Idle:
        m_plan.reset();
        if (!m_summary) {
            setStage(Stage::Setup);
        }
        break;
    case app::SessionState::Preparing:
    case app::SessionState::Ready:
        setStage(Stage::Setup);
        break;
    case app::SessionState::Starting:
    case app::SessionState::Running:
    case app::SessionState::Paused:
    case app::SessionState::Stopping:
        setStage(Stage::Run);
        break;
    case app::SessionState::Ended:
        break; // the end follows with ended()
    }
    const bool active = m_owner && isActive(state);
    if (active != m_active) {
        m_active = active;
        // Ended comes just before ended(): the session stays bound to its patient until its outcome is done.
        if (!active && !m_summary && state != app::SessionState::Ended && m_loadedMrn != m_mrn) {
            loadPatient(m_mrn); // the patient chosen meanwhile
        }
        updateBanner();
        Q_EMIT sessionActiveChanged(active);
    }
}

void TreatmentPresenter::prepare(const app::SessionRequest& request)
{
    Q_EMIT setupMessage(SetupMessage::Clear, QString());
    m_otherShown = false;
    m_owner = true; // before prepare(): its state changes are this flow's
    m_claiming = true;
    const app::AppStatus status = m_sessions.prepare(request);
    m_claiming = false;
    if (!status.ok()) {
        m_owner = false;
        Q_EMIT setupStateChanged(m_sessions.state(), false);
        Q_EMIT setupMessage(SetupMessage::Refusal, status.error().message);
        Q_EMIT planCleared(QStringLiteral("No plan: the session was not prepared."));
        return;
    }
    m_awaitingPrepare = true;
    Q_EMIT planCleared(QStringLiteral("Preparing…"));
    Q_EMIT setupMessage(SetupMessage::Progress,
        QStringLiteral("Connecting to the stimulator (%1) and checking the plan…").arg(request.deviceUrl));
}

void TreatmentPresenter::onPrepared(const app::AppResult<app::SessionPlan>& plan)
{
    if (!m_owner) {
        return;
    }
    m_awaitingPrepare = false;
    if (!plan.ok()) {
        if (m_sessions.state() == app::SessionState::Idle) {
            m_owner = false; // refused after connecting: nothing of it is left
        }
        m_plan.reset();
        Q_EMIT setupMessage(SetupMessage::Refusal, plan.error().message);
        Q_EMIT planCleared(QStringLiteral("No plan: the session was not prepared."));
        return;
    }
    m_plan = plan.value();
    Q_EMIT faultDismissed(); // a new plan supersedes the last fault notice
    Q_EMIT planShown(plan.value());
    Q_EMIT setupMessage(SetupMessage::Info,
        plan->notices.isEmpty() ? QStringLiteral("Plan ready: check it, then start.")
                                : QStringLiteral("Plan ready: read the notices and confirm, then start."));
    updateBanner();
}

void TreatmentPresenter::start()
{
    if (!m_plan) {
        return;
    }
    Q_EMIT runBegins(*m_plan); // before start(): the state change to Starting shows the run screen at once
    const app::AppStatus status = m_sessions.start();
    if (!status.ok()) {
        Q_EMIT setupMessage(SetupMessage::Refusal, status.error().message);
    }
}

void TreatmentPresenter::onStarted(const app::AppResult<qint64>& sessionId)
{
    if (!m_owner || sessionId.ok()) {
        return;
    }
    setStage(Stage::Setup);
    Q_EMIT setupMessage(SetupMessage::Refusal, sessionId.error().message);
    if (m_sessions.state() != app::SessionState::Ready) {
        Q_EMIT planCleared(QStringLiteral("No plan: prepare the session again."));
    }
}

void TreatmentPresenter::cancelPlan()
{
    m_sessions.stop(QStringLiteral("plan cancelled by %1").arg(m_user.username));
    Q_EMIT planCleared(QStringLiteral("Plan cancelled: nothing was recorded and no output was given."));
    Q_EMIT setupMessage(SetupMessage::Clear, QString());
}

void TreatmentPresenter::onFault(const app::SessionFault& fault)
{
    if (!m_owner) {
        return; // the view that runs that session shows it
    }
    QString site;
    if (m_plan) {
        for (const app::ChannelPlan& c : m_plan->channels) {
            if (c.channel == fault.channel) {
                site = c.siteId;
            }
        }
    }
    Q_EMIT faultShown(fault, site);
    if (m_stage == Stage::Setup) {
        Q_EMIT planCleared(QStringLiteral("The plan was dropped: see the notice above, then prepare again."));
    }
}

void TreatmentPresenter::onEnded(const app::SessionSummary& summary)
{
    if (!m_owner) {
        return;
    }
    m_summary = summary;
    QMap<int, QString> sites;
    qint64 durationMs = 0;
    if (m_plan) {
        for (const app::ChannelPlan& c : m_plan->channels) {
            sites.insert(c.channel, c.siteId);
        }
        durationMs = m_plan->durationS * 1000;
    }
    Q_EMIT endShown(summary, sites, durationMs);
    setStage(Stage::End);
    updateBanner();
}

void TreatmentPresenter::recordOutcome(const app::OutcomeAnswer& answer)
{
    if (m_summary && m_sessions.sessionId() != std::optional<qint64>(m_summary->sessionId)) {
        // Another view prepared a session meanwhile (and was refused): the ended session is no longer the
        // controller's, so its outcome cannot be recorded any more.
        finish(QStringLiteral("Session %1 ended without an outcome: another session was prepared on the stimulator "
                              "before it was recorded.")
                   .arg(m_summary->sessionId));
        return;
    }
    const app::AppStatus status = m_sessions.recordOutcome(answer);
    if (!status.ok()) {
        Q_EMIT outcomeError(status.error().message);
        return;
    }
    m_answer = answer;
    m_awaitingOutcome = true;
    Q_EMIT outcomeError(QString());
    Q_EMIT outcomeBusyChanged(true);
}

void TreatmentPresenter::finishWithoutOutcome()
{
    finish(QStringLiteral("Session %1 finished without an outcome.").arg(m_summary ? m_summary->sessionId : 0));
}

void TreatmentPresenter::onOutcomeRecorded(const app::AppResult<qint64>& outcomeId)
{
    if (!m_owner || !m_awaitingOutcome) {
        return;
    }
    m_awaitingOutcome = false;
    Q_EMIT outcomeBusyChanged(false);
    if (!outcomeId.ok()) {
        Q_EMIT outcomeError(outcomeId.error().message);
        return;
    }
    const auto score
        = [](const std::optional<int>& v) { return v ? QString::number(*v) : QStringLiteral("not given"); };
    finish(QStringLiteral("Session %1: outcome recorded (pain before %2, after %3).")
               .arg(m_summary ? m_summary->sessionId : 0)
               .arg(score(m_summary ? m_summary->nprsBefore : std::nullopt),
                   score(m_answer ? m_answer->nprsAfter : std::nullopt)));
}

void TreatmentPresenter::finish(const QString& message)
{
    const qint64 sessionId = m_summary ? m_summary->sessionId : 0;
    m_summary.reset();
    m_plan.reset();
    m_answer.reset();
    m_owner = false;
    m_awaitingOutcome = false;
    Q_EMIT outcomeBusyChanged(false);
    if (m_loadedMrn != m_mrn) {
        loadPatient(m_mrn);
    }
    Q_EMIT setupStateChanged(m_sessions.state(), false);
    Q_EMIT planCleared(QStringLiteral("Prepare the next session to see its plan here."));
    Q_EMIT setupMessage(SetupMessage::Info, message);
    setStage(Stage::Setup);
    updateBanner();
    Q_EMIT sessionFinished(sessionId);
}

void TreatmentPresenter::releaseIfIdle()
{
    if (!m_owner || m_summary || m_sessions.state() != app::SessionState::Idle) {
        return;
    }
    m_owner = false;
    Q_EMIT setupStateChanged(app::SessionState::Idle, false);
    if (m_awaitingPrepare) {
        // Stopped while it connected (STOP, Cancel): no answer comes for that preparation.
        m_awaitingPrepare = false;
        Q_EMIT planCleared(QStringLiteral("No plan: the preparation was stopped before it finished."));
        Q_EMIT setupMessage(
            SetupMessage::Info, QStringLiteral("Preparation stopped: nothing was recorded and no output was given."));
    }
}

void TreatmentPresenter::showOtherSession(app::SessionState state)
{
    if (isActive(state)) {
        const QString name = m_sessions.presetName();
        Q_EMIT setupMessage(SetupMessage::Info,
            QStringLiteral("The stimulator is in use by another session (%1). A treatment can be prepared here once "
                           "it has ended.")
                .arg(name.isEmpty() ? QStringLiteral("not prepared here") : name));
        m_otherShown = true;
    } else if (m_otherShown) {
        Q_EMIT setupMessage(SetupMessage::Clear, QString());
        m_otherShown = false;
    }
}

void TreatmentPresenter::updateBanner()
{
    Banner b;
    const bool ending = m_owner && m_sessions.state() == app::SessionState::Ended;
    if (m_plan && (sessionActive() || ending || m_summary)) {
        b.name = m_plan->patientName;
        b.birthDate = m_plan->patientBirthDate;
        b.mrn = m_plan->patientMrn;
        if (m_mrn != m_plan->patientMrn) {
            b.note = QStringLiteral("The patient chosen in the workspace (%1) is loaded when this session is finished.")
                         .arg(m_mrn.isEmpty() ? QStringLiteral("none") : QStringLiteral("MRN ") + m_mrn);
        }
    } else if (m_mrn.isEmpty()) {
        b.none = QStringLiteral("No patient chosen: choose one in the patient workspace");
    } else if (const auto found = m_context.patients().findByMrn(m_user, m_mrn); !found.ok()) {
        b.none = found.error().message;
    } else {
        const app::PatientSummary& p = found->summary;
        b.name = QStringLiteral("%1, %2").arg(p.familyName, p.givenNames);
        b.birthDate = p.birthDate;
        b.mrn = p.mrn;
    }
    m_banner = b;
    Q_EMIT bannerChanged();
}

} // namespace galvani::ui::presenters
