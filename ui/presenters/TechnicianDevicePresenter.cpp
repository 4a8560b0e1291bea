// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/TechnicianDevicePresenter.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
#include "app/services/PresetService.h"
#include "app/session/SessionController.h"
#include "ui/presenters/TechnicianText.h"

#include <QDate>

#include <algorithm>
#include <utility>

namespace galvani::ui::presenters {

namespace {

using Step = app::CalibrationProcedure::Step;

bool sessionUsesDevice(app::AppContext& context)
{
    const auto state = context.sessions().state();
    return state != app::SessionState::Idle && state != app::SessionState::Ended;
}

// "FAILED: <each failed check: what was found>", from the report's "failed: …" summary.
QString failedText(const app::SelfTestReport& report)
{
    return QStringLiteral("FAILED: ") + report.summary().section(QLatin1Char(':'), 1).trimmed();
}

} // namespace

TechnicianDevicePresenter::TechnicianDevicePresenter(app::AppContext& context, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_context(context), m_user(std::move(user)), m_url(context.deviceUrl().trimmed()),
      m_stateText(QStringLiteral("Not connected.")),
      m_historyNote(QStringLiteral("Connect a device to see its past self-tests."))
{
    m_choices.append({context.deviceUrl(), QString()});
    for (const QString& url : simulatorUrls()) {
        if (url != context.deviceUrl()) {
            m_choices.append({url, QString()});
        }
    }
}

TechnicianDevicePresenter::~TechnicianDevicePresenter()
{
    if (m_procedure) {
        // Hear nothing more from it while it goes; its destructor stops the output and closes the link.
        disconnect(m_procedure.get(), nullptr, this, nullptr);
    }
}

QStringList TechnicianDevicePresenter::simulatorUrls()
{
    return {QStringLiteral("sim:sciencemode4?channels=8"), QStringLiteral("sim:sciencemode4?channels=4"),
        QStringLiteral("sim:sciencemode4?channels=8&level=mid"), QStringLiteral("sim:sciencemode3"),
        QStringLiteral("sim:sciencemode2?device-serial=GSIM-0002")};
}

void TechnicianDevicePresenter::offerPorts(const QList<app::DeviceChoice>& ports)
{
    QStringList found;
    for (const app::DeviceChoice& port : ports) {
        auto known = std::find_if(
            m_choices.begin(), m_choices.end(), [&port](const app::DeviceChoice& c) { return c.url == port.url; });
        if (known == m_choices.end()) {
            m_choices.append(port);
        } else {
            known->label = port.label;
        }
        found.append(port.label);
    }
    m_portsText = found.isEmpty()
        ? QStringLiteral("No stimulator found on a serial port (none has the USB IDs of a ScienceMode device).")
        : QStringLiteral("Found on serial ports (in the list above): %1.").arg(found.join(QStringLiteral("; ")));
    Q_EMIT choicesChanged();
}

void TechnicianDevicePresenter::findPorts()
{
    offerPorts(app::availableStimulatorPorts());
}

void TechnicianDevicePresenter::setUrl(const QString& url)
{
    m_url = url.trimmed();
}

void TechnicianDevicePresenter::setDeviceInUse(bool inUse)
{
    m_inUseElsewhere = inUse;
    Q_EMIT stateChanged();
}

QString TechnicianDevicePresenter::connectToolTip() const
{
    return m_inUseElsewhere ? QStringLiteral("The calibration wizard is using the stimulator")
                            : QStringLiteral("Connect, run the power-on self-test and record it (Alt+C)");
}

TechnicianDevicePresenter::Result TechnicianDevicePresenter::refuse(Result result)
{
    m_feedback = std::move(result);
    Q_EMIT stateChanged();
    return m_feedback;
}

TechnicianDevicePresenter::Result TechnicianDevicePresenter::connectDevice()
{
    if (!canConnect()) {
        return {};
    }
    m_feedback = {};
    if (sessionUsesDevice(m_context)) {
        return refuse(
            Result::error(QStringLiteral("A treatment session is using the stimulator; connect when it has ended.")));
    }
    const auto caps = app::PresetService::deviceCaps(m_url);
    if (!caps.ok()) {
        return refuse(Result::error(caps.error().message, Field::Url));
    }
    m_channels = caps->channels;
    // A procedure set up for every channel, aborted as soon as its self-test is in: it never reaches a channel, so
    // the reference instrument and test points below are never used or recorded (begin() only checks them).
    app::CalibrationSetup setup;
    setup.deviceUrl = m_url;
    for (int ch = 1; ch <= m_channels && ch <= 8; ++ch) {
        setup.channels.append(ch);
    }
    setup.mode = app::MeasurementMode::Manual; // no measurement is made; this mode has no device precondition
    setup.pointsUa = {2'000, 4'000, 6'000};
    const QDate today = utcToday(m_context.clock());
    setup.instruments
        = {app::ReferenceInstrument{QStringLiteral("none: self-test only"), QStringLiteral("none"), today.addDays(1)}};
    auto began = m_context.calibration().begin(m_user, setup);
    if (!began.ok()) {
        return refuse(Result::error(began.error().message));
    }
    m_procedure = std::move(began).value();
    m_selfTestSeen = false;
    connect(m_procedure.get(), &app::CalibrationProcedure::stepChanged, this, &TechnicianDevicePresenter::onStep);
    connect(
        m_procedure.get(), &app::CalibrationProcedure::selfTestFinished, this, &TechnicianDevicePresenter::onSelfTest);
    connect(m_procedure.get(), &app::CalibrationProcedure::finished, this, &TechnicianDevicePresenter::onFinished);
    m_selfTest.reset();
    m_identity = Identity{};
    Q_EMIT selfTestChanged();
    Q_EMIT stateChanged();
    Q_EMIT busyChanged(true);
    m_procedure->start();
    return {};
}

void TechnicianDevicePresenter::cancel()
{
    if (m_procedure) {
        m_procedure->abort(QStringLiteral("connection cancelled by the technician"));
    }
}

void TechnicianDevicePresenter::stopOutput()
{
    if (m_procedure) {
        m_procedure->abort(QStringLiteral("STOP pressed"));
    }
}

void TechnicianDevicePresenter::onStep(Step step)
{
    switch (step) {
    case Step::Connecting:
        m_stateText = QStringLiteral("Connecting to %1 ...").arg(m_url);
        break;
    case Step::SelfTest:
        m_stateText = QStringLiteral("Running the power-on self-test ...");
        break;
    default:
        return;
    }
    Q_EMIT stateChanged();
}

void TechnicianDevicePresenter::onSelfTest(const app::SelfTestReport& report)
{
    m_selfTestSeen = true;
    showSelfTest(report);
    // The procedure checks for an abort right after this signal and ends before any channel begins.
    m_procedure->abort(QStringLiteral("self-test only (device panel)"));
}

void TechnicianDevicePresenter::onFinished(const app::CalibrationSummary& summary)
{
    // Inside the procedure's own signal: it cannot be deleted here. As this presenter's child it is deleted by the
    // event loop, or with the presenter if that goes first, so its device thread never outlives the context.
    disconnect(m_procedure.get(), nullptr, this, nullptr);
    auto* ended = m_procedure.release();
    ended->setParent(this);
    ended->deleteLater();
    const bool identified = m_selfTestSeen && summary.selfTest;
    if (!identified) {
        m_stateText = QStringLiteral("Not connected.");
        m_feedback = summary.abortReason.isEmpty() ? Result{} : Result::error(summary.abortReason);
    }
    Q_EMIT stateChanged();
    Q_EMIT busyChanged(false);
    if (identified) {
        Q_EMIT deviceIdentified(reportUrl(*summary.selfTest), summary.deviceSerial, m_channels);
    }
}

QString TechnicianDevicePresenter::reportUrl(const app::SelfTestReport& report) const
{
    return report.deviceUrl.isEmpty() ? m_url : report.deviceUrl;
}

void TechnicianDevicePresenter::showSelfTest(const app::SelfTestReport& report)
{
    Identity id;
    id.model = report.protocol.isEmpty() ? QStringLiteral("not reported") : report.protocol;
    for (const app::SelfTestCheck& c : report.checks) {
        if (c.name == QStringLiteral("handshake") && c.outcome == app::CheckOutcome::Passed) {
            // "<protocol> <level>, N channels, firmware …, serial …": the model as far as the app reports it.
            id.model = c.detail.section(QStringLiteral(", "), 0, 0);
        }
        if (c.name == QStringLiteral("battery")) {
            id.battery = QStringLiteral("%1 (%2)").arg(c.detail, outcomeText(c.outcome));
        }
    }
    const auto caps = app::PresetService::deviceCaps(reportUrl(report));
    id.channels = caps.ok() ? QString::number(caps->channels) : QStringLiteral("-");
    id.serial = report.deviceSerial.isEmpty() ? QStringLiteral("not reported") : report.deviceSerial;
    id.firmware = report.firmware.isEmpty() ? QStringLiteral("not reported") : report.firmware;
    id.selfTest = report.passed() ? QStringLiteral("Passed") : failedText(report);
    id.testedAt = QStringLiteral("%1, recorded in the audit trail").arg(dateTimeText(report.atUtcMs));
    m_identity = id;
    m_selfTest = report;
    readHistory(report.deviceSerial);
    m_stateText = QStringLiteral("Self-test of %1 done. The link is closed again; the calibration wizard "
                                 "connects on its own.")
                      .arg(reportUrl(report));
    Q_EMIT selfTestChanged();
    Q_EMIT stateChanged();
}

QStringList TechnicianDevicePresenter::historyColumnTitles()
{
    return {QStringLiteral("When"), QStringLiteral("Run by"), QStringLiteral("Run at"), QStringLiteral("Result")};
}

void TechnicianDevicePresenter::readHistory(const QString& deviceSerial)
{
    m_historyRows.clear();
    if (deviceSerial.isEmpty()) {
        m_historyNote = QStringLiteral("The device reports no serial number, so its self-tests cannot be told from "
                                       "another device's.");
        return;
    }
    const auto past = m_context.calibration().selfTestHistory(m_user, deviceSerial, kHistoryShown);
    if (!past.ok()) {
        m_historyNote = past.error().message;
        return;
    }
    m_historyNote = QStringLiteral("%1, newest first (at most %2), as recorded in the audit trail.")
                        .arg(deviceSerial)
                        .arg(kHistoryShown);
    for (const app::RecordedSelfTest& t : *past) {
        m_historyRows.append({dateTimeText(t.report.atUtcMs), t.operatorName,
            t.report.scope == app::SelfTestScope::Therapy ? QStringLiteral("session start")
                                                          : QStringLiteral("connection (full)"),
            t.report.passed() ? QStringLiteral("Passed") : failedText(t.report)});
    }
}

} // namespace galvani::ui::presenters
