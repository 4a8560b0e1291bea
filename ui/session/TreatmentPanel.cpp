// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/TreatmentPanel.h"

#include "app/AppContext.h"
#include "app/services/PatientService.h"
#include "app/session/SessionController.h"
#include "ui/session/FaultPanel.h"
#include "ui/session/PatientBanner.h"
#include "ui/session/PlanView.h"
#include "ui/session/SessionEndPage.h"
#include "ui/session/SessionFormat.h"
#include "ui/session/SessionRunPage.h"
#include "ui/session/SessionSetupPage.h"

#include <QStackedWidget>
#include <QVBoxLayout>

namespace galvani::ui {

using namespace galvani::ui::session;

TreatmentPanel::TreatmentPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_context(context), m_sessions(context.sessions()), m_user(user)
{
    setObjectName(QStringLiteral("treatmentPanel"));
    auto* layout = new QVBoxLayout(this);
    m_banner = new PatientBanner(this);
    m_fault = new FaultPanel(this);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("treatmentStages"));
    m_setup = new SessionSetupPage(context, user, m_stack);
    m_run = new SessionRunPage(m_sessions, user.username, m_stack);
    m_end = new SessionEndPage(m_stack);
    m_stack->addWidget(m_setup);
    m_stack->addWidget(m_run);
    m_stack->addWidget(m_end);
    layout->addWidget(m_banner);
    layout->addWidget(m_fault);
    layout->addWidget(m_stack, 1);

    using app::SessionController;
    connect(&m_sessions, &SessionController::stateChanged, this, &TreatmentPanel::onStateChanged);
    connect(&m_sessions, &SessionController::prepared, this, &TreatmentPanel::onPrepared);
    connect(&m_sessions, &SessionController::started, this, &TreatmentPanel::onStarted);
    connect(&m_sessions, &SessionController::channelStatusChanged, m_run, &SessionRunPage::setChannelStatus);
    connect(&m_sessions, &SessionController::progressChanged, m_run, &SessionRunPage::setProgress);
    connect(&m_sessions, &SessionController::pulsesDrained, m_run, &SessionRunPage::addPulses);
    connect(&m_sessions, &SessionController::faultRaised, this, &TreatmentPanel::onFault);
    connect(&m_sessions, &SessionController::recordingFailed, this, [this](const QString& message) {
        if (m_owner) {
            m_fault->showRecordingFailure(message);
        }
    });
    connect(&m_sessions, &SessionController::ended, this, &TreatmentPanel::onEnded);
    connect(&m_sessions, &SessionController::outcomeRecorded, this, &TreatmentPanel::onOutcomeRecorded);

    connect(m_setup, &SessionSetupPage::prepareRequested, this, &TreatmentPanel::prepare);
    connect(m_setup->planView(), &PlanView::startRequested, this, &TreatmentPanel::start);
    connect(m_setup->planView(), &PlanView::cancelRequested, this, &TreatmentPanel::cancelPlan);
    connect(m_end, &SessionEndPage::recordRequested, this, &TreatmentPanel::recordOutcome);
    connect(m_end, &SessionEndPage::finishRequested, this, [this] {
        finish(QStringLiteral("Session %1 finished without an outcome.").arg(m_summary ? m_summary->sessionId : 0));
    });

    m_active = sessionActive();
    onStateChanged(m_sessions.state());
    showPatientBanner();
}

TreatmentPanel::~TreatmentPanel() = default;

void TreatmentPanel::setPatient(const QString& mrn)
{
    m_mrn = mrn;
    // A treatment binds its patient when it is prepared (CLINICAL §7): a new choice waits until it is finished.
    if (!sessionActive() && !m_summary) {
        m_setup->loadPatient(mrn);
        m_setup->clearMessage();
        m_setup->planView()->clear(QStringLiteral("Prepare the session to see the plan here."));
    }
    showPatientBanner();
}

bool TreatmentPanel::sessionActive() const
{
    return m_owner && isActive(m_sessions.state());
}

void TreatmentPanel::onStateChanged(app::SessionState state)
{
    if (state == app::SessionState::Preparing && !m_claiming && m_owner && m_summary) {
        // Another view prepared a session while this panel's ended one waited for its outcome: that end is over.
        finish(QStringLiteral("Session %1 ended without an outcome: the stimulator was taken by another session.")
                   .arg(m_summary ? m_summary->sessionId : 0));
    }
    m_setup->setState(state, m_owner);
    if (!m_owner) {
        showOtherSession(state);
        return;
    }
    if (state == app::SessionState::Idle && !m_summary) {
        // A cancelled plan, a STOP while preparing, a prepare refused after connecting or a failed start. The
        // controller emits the answer that explains it (prepared() or started() with the error) right after this
        // state change, so the session stays this panel's until control is back in the event loop.
        QMetaObject::invokeMethod(
            this, [this] { releaseIfIdle(); }, Qt::QueuedConnection);
    }
    m_run->setState(state);
    switch (state) {
    case app::SessionState::Idle:
        m_plan.reset();
        if (!m_summary) {
            m_stack->setCurrentWidget(m_setup);
        }
        break;
    case app::SessionState::Preparing:
    case app::SessionState::Ready:
        m_stack->setCurrentWidget(m_setup);
        break;
    case app::SessionState::Starting:
    case app::SessionState::Running:
    case app::SessionState::Paused:
    case app::SessionState::Stopping:
        if (m_stack->currentWidget() != m_run) {
            m_stack->setCurrentWidget(m_run);
            m_run->setFocus(Qt::OtherFocusReason);
        }
        break;
    case app::SessionState::Ended:
        break; // the end page follows with ended()
    }
    const bool active = m_owner && isActive(state);
    if (active != m_active) {
        m_active = active;
        if (!active && !m_summary && m_setup->patientMrn() != m_mrn) {
            m_setup->loadPatient(m_mrn); // the patient chosen meanwhile
        }
        showPatientBanner();
        Q_EMIT sessionActiveChanged(active);
    }
}

void TreatmentPanel::prepare()
{
    QString problem;
    const auto request = m_setup->request(&problem);
    if (!request) {
        m_setup->showRefusal(problem);
        return;
    }
    m_setup->clearMessage();
    m_otherShown = false;
    m_owner = true; // before prepare(): its state changes are this panel's
    m_claiming = true;
    const app::AppStatus status = m_sessions.prepare(*request);
    m_claiming = false;
    if (!status.ok()) {
        m_owner = false;
        m_setup->setState(m_sessions.state(), false);
        m_setup->showRefusal(status.error().message);
        m_setup->planView()->clear(QStringLiteral("No plan: the session was not prepared."));
        return;
    }
    m_awaitingPrepare = true;
    m_setup->planView()->clear(QStringLiteral("Preparing…"));
    m_setup->showProgress(
        QStringLiteral("Connecting to the stimulator (%1) and checking the plan…").arg(request->deviceUrl));
}

void TreatmentPanel::onPrepared(const app::AppResult<app::SessionPlan>& plan)
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
        m_setup->showRefusal(plan.error().message);
        m_setup->planView()->clear(QStringLiteral("No plan: the session was not prepared."));
        return;
    }
    m_plan = plan.value();
    m_fault->dismiss(); // a new plan supersedes the last fault notice
    m_setup->planView()->showPlan(plan.value());
    m_setup->showInfo(plan->notices.isEmpty()
            ? QStringLiteral("Plan ready: check it, then start.")
            : QStringLiteral("Plan ready: read the notices and confirm, then start."));
    showPatientBanner();
}

void TreatmentPanel::start()
{
    if (!m_plan) {
        return;
    }
    m_run->begin(*m_plan); // before start(): the state change to Starting shows the run screen at once
    const app::AppStatus status = m_sessions.start();
    if (!status.ok()) {
        m_setup->showRefusal(status.error().message);
    }
}

void TreatmentPanel::onStarted(const app::AppResult<qint64>& sessionId)
{
    if (!m_owner) {
        return;
    }
    if (!sessionId.ok()) {
        m_stack->setCurrentWidget(m_setup);
        m_setup->showRefusal(sessionId.error().message);
        if (m_sessions.state() != app::SessionState::Ready) {
            m_setup->planView()->clear(QStringLiteral("No plan: prepare the session again."));
        }
    }
}

void TreatmentPanel::cancelPlan()
{
    m_sessions.stop(QStringLiteral("plan cancelled by %1").arg(m_user.username));
    m_setup->planView()->clear(QStringLiteral("Plan cancelled: nothing was recorded and no output was given."));
    m_setup->clearMessage();
}

void TreatmentPanel::onFault(const app::SessionFault& fault)
{
    if (!m_owner) {
        return; // the view that runs that session shows it
    }
    QString site;
    if (m_plan) {
        for (const app::ChannelPlan& c : m_plan->channels) {
            if (c.channel == fault.channel) {
                site = siteText(c.siteId);
            }
        }
    }
    m_fault->showFault(fault, site);
    if (m_stack->currentWidget() == m_setup) {
        m_setup->planView()->clear(QStringLiteral("The plan was dropped: see the notice above, then prepare again."));
    }
}

void TreatmentPanel::onEnded(const app::SessionSummary& summary)
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
    m_end->showSummary(summary, sites, durationMs);
    m_stack->setCurrentWidget(m_end);
    m_end->focusAnswer();
}

void TreatmentPanel::recordOutcome()
{
    if (m_summary && m_sessions.sessionId() != std::optional<qint64>(m_summary->sessionId)) {
        // Another view prepared a session meanwhile (and was refused): the ended session is no longer the
        // controller's, so its outcome cannot be recorded any more.
        finish(QStringLiteral("Session %1 ended without an outcome: another session was prepared on the stimulator "
                              "before it was recorded.")
                   .arg(m_summary->sessionId));
        return;
    }
    const app::AppStatus status = m_sessions.recordOutcome(m_end->answer());
    if (!status.ok()) {
        m_end->showOutcomeError(status.error().message);
        return;
    }
    m_awaitingOutcome = true;
    m_end->showOutcomeError(QString());
    m_end->setBusy(true);
}

void TreatmentPanel::onOutcomeRecorded(const app::AppResult<qint64>& outcomeId)
{
    if (!m_owner || !m_awaitingOutcome) {
        return;
    }
    m_awaitingOutcome = false;
    m_end->setBusy(false);
    if (!outcomeId.ok()) {
        m_end->showOutcomeError(outcomeId.error().message);
        return;
    }
    const app::OutcomeAnswer answer = m_end->answer();
    const auto score
        = [](const std::optional<int>& v) { return v ? QString::number(*v) : QStringLiteral("not given"); };
    finish(QStringLiteral("Session %1: outcome recorded (pain before %2, after %3).")
               .arg(m_summary ? m_summary->sessionId : 0)
               .arg(score(m_summary ? m_summary->nprsBefore : std::nullopt), score(answer.nprsAfter)));
}

void TreatmentPanel::finish(const QString& message)
{
    const qint64 sessionId = m_summary ? m_summary->sessionId : 0;
    m_summary.reset();
    m_plan.reset();
    m_owner = false;
    m_awaitingOutcome = false;
    m_end->setBusy(false);
    if (m_setup->patientMrn() != m_mrn) {
        m_setup->loadPatient(m_mrn);
    }
    m_setup->setState(m_sessions.state(), false);
    m_setup->planView()->clear(QStringLiteral("Prepare the next session to see its plan here."));
    m_setup->showInfo(message);
    m_stack->setCurrentWidget(m_setup);
    showPatientBanner();
    Q_EMIT sessionFinished(sessionId);
}

void TreatmentPanel::releaseIfIdle()
{
    if (!m_owner || m_summary || m_sessions.state() != app::SessionState::Idle) {
        return;
    }
    m_owner = false;
    m_setup->setState(app::SessionState::Idle, false);
    if (m_awaitingPrepare) {
        // Stopped while it connected (STOP, Cancel): no answer comes for that preparation.
        m_awaitingPrepare = false;
        m_setup->planView()->clear(QStringLiteral("No plan: the preparation was stopped before it finished."));
        m_setup->showInfo(QStringLiteral("Preparation stopped: nothing was recorded and no output was given."));
    }
}

void TreatmentPanel::showOtherSession(app::SessionState state)
{
    if (isActive(state)) {
        const QString name = m_sessions.presetName();
        m_setup->showInfo(QStringLiteral("The stimulator is in use by another session (%1). A treatment can be "
                                         "prepared here once it has ended.")
                              .arg(name.isEmpty() ? QStringLiteral("not prepared here") : name));
        m_otherShown = true;
    } else if (m_otherShown) {
        m_setup->clearMessage();
        m_otherShown = false;
    }
}

void TreatmentPanel::showPatientBanner()
{
    if (m_plan && (sessionActive() || m_summary)) {
        m_banner->showPatient(m_plan->patientName, m_plan->patientBirthDate, m_plan->patientMrn);
        m_banner->setNote(m_mrn != m_plan->patientMrn
                ? QStringLiteral("The patient chosen in the workspace (%1) is loaded when this session is finished.")
                      .arg(m_mrn.isEmpty() ? QStringLiteral("none") : QStringLiteral("MRN ") + m_mrn)
                : QString());
        return;
    }
    m_banner->setNote(QString());
    if (m_mrn.isEmpty()) {
        m_banner->showNone(QStringLiteral("No patient chosen: choose one in the patient workspace"));
        return;
    }
    const auto found = m_context.patients().findByMrn(m_user, m_mrn);
    if (!found.ok()) {
        m_banner->showNone(found.error().message);
        return;
    }
    const app::PatientSummary& p = found->summary;
    m_banner->showPatient(QStringLiteral("%1, %2").arg(p.familyName, p.givenNames), p.birthDate, p.mrn);
}

} // namespace galvani::ui
