// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/CalibrationWizard.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
#include "app/services/PresetService.h"
#include "app/session/SessionController.h"
#include "ui/technician/CalibrationResultPage.h"
#include "ui/technician/CalibrationRunPage.h"
#include "ui/technician/CalibrationSetupPage.h"

#include <QDateTime>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <chrono>

namespace galvani::ui {

namespace {

using Step = app::CalibrationProcedure::Step;

QDate utcToday(const core::Clock& clock)
{
    const qint64 ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock.utcNow().time_since_epoch()).count();
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date();
}

} // namespace

CalibrationWizard::CalibrationWizard(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_context(context), m_user(user)
{
    setObjectName(QStringLiteral("calibrationWizard"));
    auto* layout = new QVBoxLayout(this);
    m_steps = new QLabel;
    m_steps->setObjectName(QStringLiteral("wizardStepLabel"));
    layout->addWidget(m_steps);
    m_stack = new QStackedWidget;
    m_setupPage = new CalibrationSetupPage;
    m_runPage = new CalibrationRunPage;
    m_resultPage = new CalibrationResultPage;
    m_stack->addWidget(m_setupPage);
    m_stack->addWidget(m_runPage);
    m_stack->addWidget(m_resultPage);
    layout->addWidget(m_stack, 1);

    connect(m_setupPage, &CalibrationSetupPage::startRequested, this, &CalibrationWizard::start);
    connect(m_runPage, &CalibrationRunPage::continueClicked, this, [this] {
        if (m_procedure && m_procedure->step() == Step::ReadyForChannel) {
            m_procedure->runChannel();
        }
    });
    connect(m_runPage, &CalibrationRunPage::readingEntered, this, &CalibrationWizard::onReading);
    connect(m_runPage, &CalibrationRunPage::abortClicked, this, [this] { abort(); });
    connect(m_resultPage, &CalibrationResultPage::newCalibrationClicked, this, &CalibrationWizard::showSetup);
    m_setupPage->setToday(utcToday(m_context.clock()));
    setDeviceUrl(context.deviceUrl());
    showSetup();
}

// A procedure still running is destroyed with the wizard: output stops and nothing more is written.
CalibrationWizard::~CalibrationWizard() = default;

void CalibrationWizard::setDeviceUrl(const QString& url)
{
    const auto caps = app::PresetService::deviceCaps(url);
    m_setupPage->setDevice(
        url, caps.ok() ? std::min(caps->channels, 8) : 8, caps.ok() ? QString() : caps.error().message);
}

CalibrationWizard::Page CalibrationWizard::page() const
{
    return static_cast<Page>(m_stack->currentIndex());
}

void CalibrationWizard::showSetup()
{
    if (running()) {
        return;
    }
    m_stack->setCurrentWidget(m_setupPage);
    m_steps->setText(QStringLiteral("<b>1 Set up</b> &rsaquo; 2 Run &rsaquo; 3 Result"));
}

void CalibrationWizard::start()
{
    if (running()) {
        return;
    }
    m_setupPage->showError(QString());
    const auto state = m_context.sessions().state();
    if (state != app::SessionState::Idle && state != app::SessionState::Ended) {
        m_setupPage->showError(
            QStringLiteral("A treatment session is using the stimulator; calibrate when it has ended."));
        return;
    }
    m_setupPage->setToday(utcToday(m_context.clock()));
    QString error;
    const auto setup = m_setupPage->setup(&error);
    if (!setup) {
        m_setupPage->showError(error);
        return;
    }
    auto began = m_context.calibration().begin(m_user, *setup);
    if (!began.ok()) {
        m_setupPage->showError(began.error().message);
        return;
    }
    m_procedure = std::move(began).value();
    m_setup = *setup;
    m_summary = app::CalibrationSummary{};
    m_channelIndex = 0;
    m_channelUnderWay = 0;
    m_phase = app::PointPhase::AsFound;
    m_pointsInPhase = 0;
    connect(m_procedure.get(), &app::CalibrationProcedure::stepChanged, this, &CalibrationWizard::onStep);
    connect(m_procedure.get(), &app::CalibrationProcedure::pointMeasured, this, &CalibrationWizard::onPoint);
    connect(m_procedure.get(), &app::CalibrationProcedure::channelFinished, this, &CalibrationWizard::onChannel);
    connect(m_procedure.get(), &app::CalibrationProcedure::finished, this, &CalibrationWizard::onFinished);
    connect(m_procedure.get(), &app::CalibrationProcedure::selfTestFinished, this,
        [this](const app::SelfTestReport& report) {
            m_runPage->showSelfTest(report);
            Q_EMIT selfTestFinished(report);
        });
    m_runPage->begin(static_cast<int>(m_setup.channels.size()), static_cast<int>(m_setup.pointsUa.size()));
    m_stack->setCurrentWidget(m_runPage);
    m_steps->setText(QStringLiteral("1 Set up &rsaquo; <b>2 Run</b> &rsaquo; 3 Result"));
    Q_EMIT runningChanged(true);
    m_procedure->start();
}

void CalibrationWizard::abort(const QString& reason)
{
    if (!m_procedure) {
        return;
    }
    m_runPage->setAbortEnabled(false);
    m_runPage->showWorking();
    m_runPage->setPrompt(QStringLiteral("Stopping the output ..."));
    m_procedure->abort(
        reason.isEmpty() ? QStringLiteral("aborted by the technician (%1)").arg(m_user.username) : reason);
}

void CalibrationWizard::onStep(app::CalibrationProcedure::Step step)
{
    if (!m_procedure) {
        return;
    }
    m_runPage->setPrompt(m_procedure->prompt());
    switch (step) {
    case Step::ReadyForChannel:
        m_runPage->askToContinue(m_procedure->currentChannel(), m_setup.loadOhms);
        break;
    case Step::AwaitingReading:
        if (const auto pending = m_procedure->pendingReading()) {
            m_phase = pending->phase;
            m_runPage->setPrompt(QStringLiteral("Channel %1: type the meter reading below.").arg(pending->channel));
            m_runPage->askForReading(*pending);
        }
        break;
    case Step::Measuring:
        m_channelUnderWay = m_procedure->currentChannel();
        m_runPage->showWorking();
        break;
    default:
        m_runPage->showWorking();
        break;
    }
    updateProgress();
}

void CalibrationWizard::onPoint(const app::CalibrationPointResult& point)
{
    if (point.phase != m_phase) {
        m_phase = point.phase;
        m_pointsInPhase = 0;
    }
    ++m_pointsInPhase;
    if (m_phase == app::PointPhase::AsFound && m_pointsInPhase >= m_setup.pointsUa.size()) {
        m_phase = app::PointPhase::AsLeft; // the next point measured is the first as left
        m_pointsInPhase = 0;
    }
    m_runPage->addPoint(point);
    updateProgress();
}

void CalibrationWizard::onChannel(const app::ChannelCalibrationResult& result)
{
    ++m_channelIndex;
    m_channelUnderWay = 0;
    m_phase = app::PointPhase::AsFound;
    m_pointsInPhase = 0;
    m_runPage->addChannelResult(result);
    updateProgress();
}

void CalibrationWizard::onFinished(const app::CalibrationSummary& summary)
{
    m_summary = summary;
    // Inside the procedure's own signal: let the event loop delete it.
    m_procedure.release()->deleteLater();
    m_resultPage->showSummary(summary, m_setup.channels, m_channelUnderWay, m_user);
    m_stack->setCurrentWidget(m_resultPage);
    m_steps->setText(QStringLiteral("1 Set up &rsaquo; 2 Run &rsaquo; <b>3 Result</b>"));
    Q_EMIT runningChanged(false);
    Q_EMIT runFinished(summary);
}

void CalibrationWizard::onReading(double measuredUa, double widthUs, double rateHz)
{
    if (!m_procedure) {
        return;
    }
    const auto taken
        = m_procedure->submitReading(measuredUa, widthUs > 0.0 ? std::optional<double>(widthUs) : std::nullopt,
            rateHz > 0.0 ? std::optional<double>(rateHz) : std::nullopt);
    m_runPage->setReadingError(taken.ok() ? QString() : taken.error().message);
}

void CalibrationWizard::updateProgress()
{
    if (!m_procedure) {
        return;
    }
    const int channels = static_cast<int>(m_setup.channels.size());
    const int points = static_cast<int>(m_setup.pointsUa.size());
    const int total = channels * points * 2;
    const Step step = m_procedure->step();
    if (step == Step::Connecting || step == Step::SelfTest || step == Step::NotStarted) {
        m_runPage->setProgress(QStringLiteral("Connecting and self-testing"), 0, total);
        return;
    }
    if (m_channelIndex >= channels) {
        m_runPage->setProgress(QStringLiteral("All %1 channels measured").arg(channels), total, total);
        return;
    }
    const int done = m_channelIndex * points * 2 + (m_phase == app::PointPhase::AsLeft ? points : 0) + m_pointsInPhase;
    const QString where = QStringLiteral("Channel %1 of %2 (output %3)")
                              .arg(m_channelIndex + 1)
                              .arg(channels)
                              .arg(m_setup.channels.at(m_channelIndex));
    if (step == Step::ReadyForChannel) {
        m_runPage->setProgress(where + QStringLiteral(": waiting for the load"), done, total);
        return;
    }
    m_runPage->setProgress(where
            + QStringLiteral(", point %1 of %2, %3")
                  .arg(std::min(m_pointsInPhase + 1, points))
                  .arg(points)
                  .arg(app::toString(m_phase)),
        done, total);
}

} // namespace galvani::ui
