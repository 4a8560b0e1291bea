// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/TreatmentPanel.h"

#include "app/AppContext.h"
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
    : QWidget(parent), m_presenter(new presenters::TreatmentPresenter(context, user, this))
{
    setObjectName(QStringLiteral("treatmentPanel"));
    app::SessionController& sessions = context.sessions();
    auto* layout = new QVBoxLayout(this);
    m_banner = new PatientBanner(this);
    m_fault = new FaultPanel(this);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("treatmentStages"));
    m_setup = new SessionSetupPage(context, user, m_stack);
    m_run = new SessionRunPage(sessions, user.username, m_stack);
    m_end = new SessionEndPage(m_stack);
    m_stack->addWidget(m_setup);
    m_stack->addWidget(m_run);
    m_stack->addWidget(m_end);
    layout->addWidget(m_banner);
    layout->addWidget(m_fault);
    layout->addWidget(m_stack, 1);

    // The run screen follows the stimulator as it streams.
    using app::SessionController;
    connect(&sessions, &SessionController::channelStatusChanged, m_run, &SessionRunPage::setChannelStatus);
    connect(&sessions, &SessionController::progressChanged, m_run, &SessionRunPage::setProgress);
    connect(&sessions, &SessionController::pulsesDrained, m_run, &SessionRunPage::addPulses);

    using presenters::TreatmentPresenter;
    connect(m_presenter, &TreatmentPresenter::setupStateChanged, m_setup, &SessionSetupPage::setState);
    connect(m_presenter, &TreatmentPresenter::runStateChanged, m_run, &SessionRunPage::setState);
    connect(m_presenter, &TreatmentPresenter::stageChanged, this, &TreatmentPanel::showStage);
    connect(m_presenter, &TreatmentPresenter::setupMessage, this, &TreatmentPanel::showSetupMessage);
    connect(m_presenter, &TreatmentPresenter::planShown, m_setup->planView(), &PlanView::showPlan);
    connect(m_presenter, &TreatmentPresenter::planCleared, m_setup->planView(), &PlanView::clear);
    connect(m_presenter, &TreatmentPresenter::patientToLoad, m_setup, &SessionSetupPage::loadPatient);
    connect(m_presenter, &TreatmentPresenter::bannerChanged, this, &TreatmentPanel::showBanner);
    connect(m_presenter, &TreatmentPresenter::faultShown, this,
        [this](const app::SessionFault& fault, const QString& siteId) {
            m_fault->showFault(fault, siteId.isEmpty() ? QString() : siteText(siteId));
        });
    connect(m_presenter, &TreatmentPresenter::faultDismissed, m_fault, &FaultPanel::dismiss);
    connect(m_presenter, &TreatmentPresenter::recordingFailed, m_fault, &FaultPanel::showRecordingFailure);
    connect(m_presenter, &TreatmentPresenter::runBegins, m_run, &SessionRunPage::begin);
    connect(m_presenter, &TreatmentPresenter::endShown, m_end, &SessionEndPage::showSummary);
    connect(m_presenter, &TreatmentPresenter::outcomeBusyChanged, m_end, &SessionEndPage::setBusy);
    connect(m_presenter, &TreatmentPresenter::outcomeError, m_end, &SessionEndPage::showOutcomeError);
    connect(m_presenter, &TreatmentPresenter::sessionActiveChanged, this, &TreatmentPanel::sessionActiveChanged);
    connect(m_presenter, &TreatmentPresenter::sessionFinished, this, &TreatmentPanel::sessionFinished);

    connect(m_setup, &SessionSetupPage::prepareRequested, this, &TreatmentPanel::prepare);
    connect(m_setup->planView(), &PlanView::startRequested, m_presenter, &TreatmentPresenter::start);
    connect(m_setup->planView(), &PlanView::cancelRequested, m_presenter, &TreatmentPresenter::cancelPlan);
    connect(m_end, &SessionEndPage::recordRequested, this, [this] { m_presenter->recordOutcome(m_end->answer()); });
    connect(m_end, &SessionEndPage::finishRequested, m_presenter, &TreatmentPresenter::finishWithoutOutcome);

    m_presenter->begin();
}

TreatmentPanel::~TreatmentPanel() = default;

void TreatmentPanel::setPatient(const QString& mrn)
{
    m_presenter->setPatient(mrn);
}

bool TreatmentPanel::sessionActive() const
{
    return m_presenter->sessionActive();
}

void TreatmentPanel::prepare()
{
    QString problem;
    const auto request = m_setup->request(&problem);
    if (!request) {
        m_setup->showRefusal(problem);
        return;
    }
    m_presenter->prepare(*request);
}

void TreatmentPanel::showStage(presenters::TreatmentPresenter::Stage stage)
{
    switch (stage) {
    case presenters::TreatmentPresenter::Stage::Setup:
        m_stack->setCurrentWidget(m_setup);
        break;
    case presenters::TreatmentPresenter::Stage::Run:
        m_stack->setCurrentWidget(m_run);
        m_run->setFocus(Qt::OtherFocusReason);
        break;
    case presenters::TreatmentPresenter::Stage::End:
        m_stack->setCurrentWidget(m_end);
        m_end->focusAnswer();
        break;
    }
}

void TreatmentPanel::showSetupMessage(presenters::TreatmentPresenter::SetupMessage kind, const QString& text)
{
    switch (kind) {
    case presenters::TreatmentPresenter::SetupMessage::Clear:
        m_setup->clearMessage();
        break;
    case presenters::TreatmentPresenter::SetupMessage::Info:
        m_setup->showInfo(text);
        break;
    case presenters::TreatmentPresenter::SetupMessage::Progress:
        m_setup->showProgress(text);
        break;
    case presenters::TreatmentPresenter::SetupMessage::Refusal:
        m_setup->showRefusal(text);
        break;
    }
}

void TreatmentPanel::showBanner()
{
    const auto& b = m_presenter->banner();
    m_banner->setNote(b.note);
    if (!b.none.isEmpty()) {
        m_banner->showNone(b.none);
    } else {
        m_banner->showPatient(b.name, b.birthDate, b.mrn);
    }
}

} // namespace galvani::ui
