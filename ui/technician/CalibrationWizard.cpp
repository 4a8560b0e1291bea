// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/CalibrationWizard.h"

#include "ui/technician/CalibrationResultPage.h"
#include "ui/technician/CalibrationRunPage.h"
#include "ui/technician/CalibrationSetupPage.h"

#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace galvani::ui {

CalibrationWizard::CalibrationWizard(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_presenter(context, user)
{
    setObjectName(QStringLiteral("calibrationWizard"));
    auto* layout = new QVBoxLayout(this);
    m_steps = new QLabel;
    m_steps->setObjectName(QStringLiteral("wizardStepLabel"));
    layout->addWidget(m_steps);
    m_stack = new QStackedWidget;
    m_setupPage = new CalibrationSetupPage(&m_presenter);
    m_runPage = new CalibrationRunPage(&m_presenter);
    m_resultPage = new CalibrationResultPage(&m_presenter);
    m_stack->addWidget(m_setupPage);
    m_stack->addWidget(m_runPage);
    m_stack->addWidget(m_resultPage);
    layout->addWidget(m_stack, 1);

    connect(m_setupPage, &CalibrationSetupPage::startRequested, this, &CalibrationWizard::start);
    connect(m_runPage, &CalibrationRunPage::abortClicked, this, [this] { abort(); });
    connect(m_resultPage, &CalibrationResultPage::newCalibrationClicked, this, &CalibrationWizard::showSetup);
    connect(&m_presenter, &presenters::CalibrationWizardPresenter::pageChanged, this, &CalibrationWizard::showPage);
    connect(&m_presenter, &presenters::CalibrationWizardPresenter::runningChanged, this,
        &CalibrationWizard::runningChanged);
    connect(&m_presenter, &presenters::CalibrationWizardPresenter::selfTestFinished, this,
        &CalibrationWizard::selfTestFinished);
    connect(&m_presenter, &presenters::CalibrationWizardPresenter::runFinished, this, &CalibrationWizard::runFinished);
    showPage(m_presenter.page());
}

CalibrationWizard::~CalibrationWizard()
{
    // The pages first: they point to the presenter, a member, which would otherwise go before its child widgets.
    delete m_stack;
    // Then a procedure still running goes with the presenter: output stops and nothing more is written.
}

void CalibrationWizard::setDeviceUrl(const QString& url)
{
    m_presenter.setDeviceUrl(url);
}

void CalibrationWizard::showSetup()
{
    m_presenter.showSetup();
}

void CalibrationWizard::start()
{
    m_presenter.start(m_setupPage->form());
}

void CalibrationWizard::abort(const QString& reason)
{
    m_presenter.abort(reason);
}

void CalibrationWizard::showPage(Page page)
{
    QWidget* const pages[] = {m_setupPage, m_runPage, m_resultPage};
    m_stack->setCurrentWidget(pages[static_cast<int>(page)]);
    m_steps->setText(presenters::CalibrationWizardPresenter::stepsText(page));
}

} // namespace galvani::ui
