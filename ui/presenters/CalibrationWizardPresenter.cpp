// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/CalibrationWizardPresenter.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
#include "app/services/PresetService.h"
#include "app/session/SessionController.h"
#include "ui/presenters/TechnicianText.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <utility>

namespace galvani::ui::presenters {

namespace {

using Step = app::CalibrationProcedure::Step;
using Field = CalibrationWizardPresenter::Field;
using Result = CalibrationWizardPresenter::Result;

// A number typed by the technician: the workstation's locale first ("12,5"), then the C form ("12.5"). Never
// with group separators: on a German workstation "0.050" is 0.05, not 50.
std::optional<double> parseNumber(const QString& text)
{
    QLocale workstation;
    workstation.setNumberOptions(workstation.numberOptions() | QLocale::RejectGroupSeparator);
    bool ok = false;
    double value = workstation.toDouble(text.trimmed(), &ok);
    if (!ok) {
        value = QLocale::c().toDouble(text.trimmed(), &ok);
    }
    return ok && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

// An optional width or rate: empty is none (0), otherwise above 0 and at most `most`.
std::optional<double> optionalReading(const QString& text, double most)
{
    if (text.trimmed().isEmpty()) {
        return 0.0;
    }
    const auto value = parseNumber(text);
    return value && *value > 0.0 && *value <= most ? value : std::nullopt;
}

// The stimulator line of the set-up, rich text.
QString deviceTextOf(const QString& url, int channels, const QString& problem)
{
    if (url.isEmpty()) {
        return QStringLiteral("Stimulator: none chosen (pick it on the Device tab).");
    }
    if (!problem.isEmpty()) {
        return QStringLiteral("Stimulator: <b>%1</b>: %2").arg(url.toHtmlEscaped(), problem.toHtmlEscaped());
    }
    return QStringLiteral("Stimulator: <b>%1</b>, %2 channels (change it on the Device tab).")
        .arg(url.toHtmlEscaped())
        .arg(channels);
}

} // namespace

CalibrationWizardPresenter::CalibrationWizardPresenter(
    app::AppContext& context, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_context(context), m_user(std::move(user))
{
    setDeviceUrl(context.deviceUrl());
}

// A procedure still running goes with the presenter: output stops and nothing more is written.
CalibrationWizardPresenter::~CalibrationWizardPresenter()
{
    if (m_procedure) {
        disconnect(m_procedure.get(), nullptr, this, nullptr);
    }
}

void CalibrationWizardPresenter::setDeviceUrl(const QString& url)
{
    m_url = url.trimmed();
    const auto caps = app::PresetService::deviceCaps(m_url);
    m_deviceChannels = caps.ok() ? std::min(caps->channels, 8) : 8;
    m_deviceText = deviceTextOf(m_url, m_deviceChannels, caps.ok() ? QString() : caps.error().message);
    Q_EMIT deviceChanged();
}

QDate CalibrationWizardPresenter::today() const
{
    return utcToday(m_context.clock());
}

Result CalibrationWizardPresenter::addInstrument(const QString& nameTyped, const QString& serialTyped, const QDate& due)
{
    const QString name = nameTyped.trimmed();
    const QString serial = serialTyped.trimmed();
    if (name.isEmpty()) {
        return Result::error(
            QStringLiteral("Instrument name: type the instrument's name (e.g. Fluke 87V)."), Field::InstrumentName);
    }
    if (serial.isEmpty()) {
        return Result::error(
            QStringLiteral("Instrument serial: type the serial number of %1.").arg(name), Field::InstrumentSerial);
    }
    if (!due.isValid() || due < today()) {
        return Result::error(QStringLiteral("Instrument %1 (serial %2) was due on %3: its own calibration has "
                                            "lapsed, so it cannot support a calibration. Use an instrument within "
                                            "its calibration.")
                                 .arg(name, serial, due.toString(Qt::ISODate)),
            Field::InstrumentDue);
    }
    const bool listed = std::any_of(m_instruments.cbegin(), m_instruments.cend(),
        [&](const app::ReferenceInstrument& i) { return i.name == name && i.serial == serial; });
    if (listed) {
        return Result::error(QStringLiteral("Instrument %1 (serial %2) is already in the list.").arg(name, serial),
            Field::InstrumentName);
    }
    m_instruments.append(app::ReferenceInstrument{name, serial, due});
    if (m_setupFeedback.focus == Field::Instruments) {
        setSetupFeedback(Result{}); // a "no instrument" refusal no longer applies
    }
    Q_EMIT instrumentsChanged();
    return Result{};
}

void CalibrationWizardPresenter::removeInstrument(int row)
{
    if (row >= 0 && row < m_instruments.size()) {
        m_instruments.removeAt(row);
        Q_EMIT instrumentsChanged();
    }
}

QStringList CalibrationWizardPresenter::instrumentColumnTitles()
{
    return {QStringLiteral("Instrument"), QStringLiteral("Serial"), QStringLiteral("Calibration due")};
}

QStringList CalibrationWizardPresenter::instrumentRow(const app::ReferenceInstrument& instrument)
{
    return {instrument.name, instrument.serial, instrument.dueDate.toString(Qt::ISODate)};
}

std::optional<app::CalibrationSetup> CalibrationWizardPresenter::setupOf(const SetupForm& form, Result* refusal) const
{
    const auto refuse = [refusal](const QString& text, Field field) {
        *refusal = Result::error(text, field);
        return std::nullopt;
    };
    app::CalibrationSetup s;
    s.deviceUrl = m_url;
    if (m_url.isEmpty()) {
        return refuse(QStringLiteral("Stimulator: pick the device URL on the Device tab first."), Field::Device);
    }
    for (const int ch : form.channels) {
        if (ch < 1 || ch > m_deviceChannels) {
            return refuse(QStringLiteral("Channels: channel %1 is not on this stimulator; tick channels 1-%2.")
                              .arg(ch)
                              .arg(m_deviceChannels),
                Field::Channels);
        }
        if (!s.channels.contains(ch)) {
            s.channels.append(ch);
        }
    }
    if (s.channels.isEmpty()) {
        return refuse(
            QStringLiteral("Channels: tick at least one channel (1-%1).").arg(m_deviceChannels), Field::Channels);
    }
    s.loadOhms = form.loadOhms;
    QList<qint64> points;
    for (const QString& part : form.points.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto ma = parseNumber(part);
        if (!ma || !(*ma > 0.0) || *ma > kMaxPointMa) {
            return refuse(
                QStringLiteral("Test currents: '%1' is not a current above 0 and at most 100 mA.").arg(part.trimmed()),
                Field::Points);
        }
        points.append(std::llround(*ma * 1000.0));
    }
    if (points.size() < 3) {
        return refuse(
            QStringLiteral("Test currents: give at least 3 different currents in mA, e.g. 10, 25, 50."), Field::Points);
    }
    s.pointsUa = points;
    s.intervalMonths = form.intervalMonths;
    s.mode = form.manual ? app::MeasurementMode::Manual : app::MeasurementMode::Device;
    if (m_instruments.isEmpty()) {
        return refuse(
            QStringLiteral("Reference instruments: add at least one (name, serial and its calibration due date)."),
            Field::Instruments);
    }
    s.instruments = m_instruments;
    s.deviceSerial = form.deviceSerial.trimmed();
    s.notes = form.notes.trimmed();
    *refusal = Result{};
    return s;
}

Result CalibrationWizardPresenter::start(const SetupForm& form)
{
    if (running()) {
        return Result{};
    }
    const auto state = m_context.sessions().state();
    if (state != app::SessionState::Idle && state != app::SessionState::Ended) {
        setSetupFeedback(
            Result::error(QStringLiteral("A treatment session is using the stimulator; calibrate when it has ended.")));
        return m_setupFeedback;
    }
    Result refusal;
    const auto setup = setupOf(form, &refusal);
    if (!setup) {
        setSetupFeedback(refusal);
        return m_setupFeedback;
    }
    auto began = m_context.calibration().begin(m_user, *setup);
    if (!began.ok()) {
        setSetupFeedback(Result::error(began.error().message));
        return m_setupFeedback;
    }
    setSetupFeedback(Result{});
    m_procedure = std::move(began).value();
    m_setup = *setup;
    m_summary = app::CalibrationSummary{};
    m_aborting = false;
    m_channelIndex = 0;
    m_channelUnderWay = 0;
    m_phase = app::PointPhase::AsFound;
    m_pointsInPhase = 0;
    m_selfTestText.clear();
    m_readingFeedback = Result{};
    m_ask = Ask::Nothing;
    m_pending.reset();
    m_prompt = m_procedure->prompt();
    connect(m_procedure.get(), &app::CalibrationProcedure::stepChanged, this, &CalibrationWizardPresenter::onStep);
    connect(m_procedure.get(), &app::CalibrationProcedure::pointMeasured, this, &CalibrationWizardPresenter::onPoint);
    connect(
        m_procedure.get(), &app::CalibrationProcedure::channelFinished, this, &CalibrationWizardPresenter::onChannel);
    connect(m_procedure.get(), &app::CalibrationProcedure::finished, this, &CalibrationWizardPresenter::onFinished);
    connect(m_procedure.get(), &app::CalibrationProcedure::selfTestFinished, this,
        [this](const app::SelfTestReport& report) {
            m_selfTestText = QStringLiteral("Device %1, firmware %2. Power-on self-test: %3.")
                                 .arg(report.deviceSerial,
                                     report.firmware.isEmpty() ? QStringLiteral("not reported") : report.firmware,
                                     report.passed() ? QStringLiteral("passed") : report.summary());
            Q_EMIT runStateChanged();
            Q_EMIT selfTestFinished(report);
        });
    Q_EMIT runBegun(static_cast<int>(m_setup.channels.size()), static_cast<int>(m_setup.pointsUa.size()));
    updateProgress();
    setPage(Page::Run);
    Q_EMIT runningChanged(true);
    Q_EMIT runStateChanged();
    m_procedure->start();
    return Result{};
}

QString CalibrationWizardPresenter::stepsText(Page page)
{
    const QStringList steps{QStringLiteral("1 Set up"), QStringLiteral("2 Run"), QStringLiteral("3 Result")};
    QStringList shown;
    for (int i = 0; i < steps.size(); ++i) {
        shown.append(i == static_cast<int>(page) ? QStringLiteral("<b>%1</b>").arg(steps[i]) : steps[i]);
    }
    return shown.join(QStringLiteral(" &rsaquo; "));
}

void CalibrationWizardPresenter::showSetup()
{
    if (!running()) {
        setPage(Page::Setup);
    }
}

QString CalibrationWizardPresenter::continueText() const
{
    return QStringLiteral("&Continue: the %1 Ω load is on channel %2").arg(m_setup.loadOhms).arg(m_continueChannel);
}

QString CalibrationWizardPresenter::continueToolTip() const
{
    return QStringLiteral("Start measuring channel %1 (Alt+C or Enter)").arg(m_continueChannel);
}

QString CalibrationWizardPresenter::readingPrompt() const
{
    if (!m_pending) {
        return QString();
    }
    return QStringLiteral("Channel %1, %2: set %3 mA. The stimulator is commanded %4 mA now. "
                          "Read the meter and type its reading.")
        .arg(m_pending->channel)
        .arg(app::toString(m_pending->phase), milliamps1(static_cast<double>(m_pending->setUa)),
            milliamps1(static_cast<double>(m_pending->commandedUa)));
}

void CalibrationWizardPresenter::continueRun()
{
    if (m_procedure && m_procedure->step() == Step::ReadyForChannel) {
        m_procedure->runChannel();
    }
}

Result CalibrationWizardPresenter::submitReading(
    const QString& currentMa, const QString& widthUs, const QString& rateHz)
{
    if (!m_procedure || m_ask != Ask::Reading) {
        m_readingFeedback = Result::error(m_procedure && m_setup.mode == app::MeasurementMode::Device
                ? QStringLiteral("No reading is expected now: the stimulator measures each point.")
                : QStringLiteral("No reading is expected now."),
            Field::Current);
        Result out = m_readingFeedback;
        Q_EMIT runStateChanged();
        return out;
    }
    const auto current = parseNumber(currentMa);
    const auto width = optionalReading(widthUs, kMaxWidthUs);
    const auto rate = optionalReading(rateHz, kMaxRateHz);
    if (!current || *current < 0.0 || *current > kMaxReadingMa) {
        m_readingFeedback
            = Result::error(QStringLiteral("Current: '%1' is not a reading; type the meter's current in mA, 0-200 mA.")
                                .arg(currentMa.trimmed()),
                Field::Current);
    } else if (!width) {
        m_readingFeedback = Result::error(QStringLiteral("Width: '%1' is not a pulse width; type it in µs, above 0 "
                                                         "and at most 10000 µs, or leave it empty.")
                                              .arg(widthUs.trimmed()),
            Field::Width);
    } else if (!rate) {
        m_readingFeedback = Result::error(QStringLiteral("Rate: '%1' is not a pulse rate; type it in Hz, above 0 "
                                                         "and at most 10000 Hz, or leave it empty.")
                                              .arg(rateHz.trimmed()),
            Field::Rate);
    } else {
        const auto taken
            = m_procedure->submitReading(*current * 1000.0, *width > 0.0 ? std::optional<double>(*width) : std::nullopt,
                *rate > 0.0 ? std::optional<double>(*rate) : std::nullopt);
        m_readingFeedback = taken.ok() ? Result{} : Result::error(taken.error().message, Field::Current);
    }
    Result out = m_readingFeedback;
    Q_EMIT runStateChanged();
    return out;
}

void CalibrationWizardPresenter::abort(const QString& reason)
{
    if (!m_procedure) {
        return;
    }
    m_aborting = true;
    m_ask = Ask::Nothing;
    m_prompt = QStringLiteral("Stopping the output ...");
    Q_EMIT runStateChanged();
    m_procedure->abort(
        reason.isEmpty() ? QStringLiteral("aborted by the technician (%1)").arg(m_user.username) : reason);
}

void CalibrationWizardPresenter::onStep(app::CalibrationProcedure::Step step)
{
    if (!m_procedure) {
        return;
    }
    m_prompt = m_procedure->prompt();
    m_ask = Ask::Nothing;
    m_pending.reset();
    switch (step) {
    case Step::ReadyForChannel:
        m_ask = Ask::Continue;
        m_continueChannel = m_procedure->currentChannel();
        break;
    case Step::AwaitingReading:
        m_pending = m_procedure->pendingReading();
        if (m_pending) {
            m_phase = m_pending->phase;
            m_prompt = QStringLiteral("Channel %1: type the meter reading below.").arg(m_pending->channel);
            m_ask = Ask::Reading;
            m_readingFeedback = Result{};
        }
        break;
    case Step::Measuring:
        m_channelUnderWay = m_procedure->currentChannel();
        break;
    default:
        break;
    }
    updateProgress();
    Q_EMIT runStateChanged();
}

void CalibrationWizardPresenter::onPoint(const app::CalibrationPointResult& point)
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
    updateProgress();
    Q_EMIT pointMeasured(point);
    Q_EMIT runStateChanged();
}

void CalibrationWizardPresenter::onChannel(const app::ChannelCalibrationResult& result)
{
    ++m_channelIndex;
    m_channelUnderWay = 0;
    m_phase = app::PointPhase::AsFound;
    m_pointsInPhase = 0;
    updateProgress();
    Q_EMIT channelFinished(result);
    Q_EMIT runStateChanged();
}

void CalibrationWizardPresenter::onFinished(const app::CalibrationSummary& summary)
{
    m_summary = summary;
    retireProcedure();
    m_aborting = false;
    m_ask = Ask::Nothing;
    m_pending.reset();
    setPage(Page::Result);
    Q_EMIT runningChanged(false);
    Q_EMIT runStateChanged();
    Q_EMIT runFinished(summary);
}

void CalibrationWizardPresenter::retireProcedure()
{
    // Inside the procedure's own signal: it cannot be deleted here. As this presenter's child it is deleted by the
    // event loop, or with the presenter if that goes first, so its device thread never outlives the context.
    disconnect(m_procedure.get(), nullptr, this, nullptr);
    auto* ended = m_procedure.release();
    ended->setParent(this);
    ended->deleteLater();
}

void CalibrationWizardPresenter::updateProgress()
{
    const int channels = static_cast<int>(m_setup.channels.size());
    const int points = static_cast<int>(m_setup.pointsUa.size());
    m_progressTotal = std::max(1, channels * points * 2);
    const Step step = m_procedure ? m_procedure->step() : Step::NotStarted;
    if (step == Step::Connecting || step == Step::SelfTest || step == Step::NotStarted) {
        m_progressText = QStringLiteral("Connecting and self-testing");
        m_progressDone = 0;
        return;
    }
    if (m_channelIndex >= channels) {
        m_progressText = QStringLiteral("All %1 channels measured").arg(channels);
        m_progressDone = m_progressTotal;
        return;
    }
    m_progressDone = std::min(m_progressTotal,
        m_channelIndex * points * 2 + (m_phase == app::PointPhase::AsLeft ? points : 0) + m_pointsInPhase);
    const QString where = QStringLiteral("Channel %1 of %2 (output %3)")
                              .arg(m_channelIndex + 1)
                              .arg(channels)
                              .arg(m_setup.channels.at(m_channelIndex));
    if (step == Step::ReadyForChannel) {
        m_progressText = where + QStringLiteral(": waiting for the load");
        return;
    }
    m_progressText = where
        + QStringLiteral(", point %1 of %2, %3")
              .arg(std::min(m_pointsInPhase + 1, points))
              .arg(points)
              .arg(app::toString(m_phase));
}

QStringList CalibrationWizardPresenter::pointColumnTitles()
{
    return {QStringLiteral("Channel"), QStringLiteral("Phase"), QStringLiteral("Set mA"),
        QStringLiteral("Commanded mA"), QStringLiteral("Measured mA"), QStringLiteral("Error mA"),
        QStringLiteral("Tolerance mA"), QStringLiteral("Width µs"), QStringLiteral("Rate Hz"),
        QStringLiteral("Within tolerance")};
}

CalibrationWizardPresenter::PointRow CalibrationWizardPresenter::pointRow(const app::CalibrationPointResult& p)
{
    PointRow row;
    row.passed = p.passed;
    row.failure = p.failure;
    // Width and rate where the device measured them or the technician read them.
    row.cells = {QString::number(p.channel), app::toString(p.phase), milliamps1(static_cast<double>(p.setUa)),
        milliamps1(static_cast<double>(p.commandedUa)), milliamps2(p.measuredUa), milliamps2(p.errorUa(), true),
        QStringLiteral("±") + milliamps2(p.toleranceUa),
        p.measuredWidthUs ? QString::number(*p.measuredWidthUs, 'f', 1) : QStringLiteral("–"),
        p.measuredFrequencyHz ? QString::number(*p.measuredFrequencyHz, 'f', 2) : QStringLiteral("–"),
        p.passed ? QStringLiteral("Yes") : QStringLiteral("NO")};
    return row;
}

QString CalibrationWizardPresenter::channelResultText(const app::ChannelCalibrationResult& r)
{
    QString text = QStringLiteral("Channel %1: %2")
                       .arg(r.channel)
                       .arg(r.passed ? QStringLiteral("PASSED") : QStringLiteral("FAILED"));
    if (r.gain && r.offsetUa) {
        text += QStringLiteral(", gain %1, offset %2 mA").arg(*r.gain, 0, 'f', 4).arg(milliamps2(*r.offsetUa, true));
    }
    if (!r.passed && !r.reason.isEmpty()) {
        text += QStringLiteral(" - ") + r.reason;
    }
    return text;
}

CalibrationWizardPresenter::Outcome CalibrationWizardPresenter::outcome() const
{
    Outcome out;
    const auto& summary = m_summary;
    const auto passed = std::count_if(summary.channels.cbegin(), summary.channels.cend(),
        [](const app::ChannelCalibrationResult& r) { return r.passed; });
    if (summary.completed) {
        out.headline = QStringLiteral("%1 of %2 channels passed").arg(passed).arg(summary.channels.size());
        out.detail = passed == summary.channels.size()
            ? QStringLiteral("Device %1: every calibrated channel is usable with its new correction.")
                  .arg(summary.deviceSerial)
            : QStringLiteral("Device %1: failed channels are locked for therapy until a passing calibration.")
                  .arg(summary.deviceSerial);
    } else {
        out.headline = QStringLiteral("Calibration stopped: %1").arg(summary.abortReason);
        out.detail = summary.channels.isEmpty()
            ? QStringLiteral("No channel was finished.")
            : QStringLiteral("Channels finished before the stop keep their records.");
        if (m_channelUnderWay > 0) {
            out.detail += QStringLiteral(" Channel %1 was under way: it is recorded only as incomplete, which never "
                                         "changes its state (its previous calibration, if any, still applies).")
                              .arg(m_channelUnderWay);
        }
        QStringList notReached;
        for (const int ch : m_setup.channels) {
            const bool reached = std::any_of(summary.channels.cbegin(), summary.channels.cend(),
                [ch](const app::ChannelCalibrationResult& r) { return r.channel == ch; });
            if (!reached && ch != m_channelUnderWay) {
                notReached.append(QString::number(ch));
            }
        }
        if (!notReached.isEmpty()) {
            out.detail += QStringLiteral(" Not calibrated in this run: channel %1.")
                              .arg(notReached.join(QStringLiteral(", ")));
        }
    }
    out.signedBy = summary.channels.isEmpty()
        ? QStringLiteral("No record was signed.")
        : QStringLiteral("Records signed by %1 (login %2).")
              .arg(m_user.displayName.isEmpty() ? m_user.username : m_user.displayName, m_user.username);
    return out;
}

QStringList CalibrationWizardPresenter::resultColumnTitles()
{
    return {QStringLiteral("Channel"), QStringLiteral("Result"), QStringLiteral("Gain"), QStringLiteral("Offset mA"),
        QStringLiteral("Largest as-left error mA"), QStringLiteral("Next due"), QStringLiteral("Record"),
        QStringLiteral("Reason")};
}

QStringList CalibrationWizardPresenter::resultRow(const app::ChannelCalibrationResult& r)
{
    double worst = -1.0;
    for (const auto& p : r.points) {
        if (p.phase == app::PointPhase::AsLeft) {
            worst = std::max(worst, std::fabs(p.errorUa()));
        }
    }
    return {QString::number(r.channel), r.passed ? QStringLiteral("PASSED") : QStringLiteral("FAILED - locked"),
        r.gain ? QString::number(*r.gain, 'f', 4) : QStringLiteral("-"),
        r.offsetUa ? milliamps2(*r.offsetUa, true) : QStringLiteral("-"),
        worst >= 0.0 ? milliamps2(worst) : QStringLiteral("not reached"),
        r.passed ? dateText(r.dueUtcMs) : QStringLiteral("- (locked)"),
        QStringLiteral("#%1 (%2)").arg(r.calibrationId).arg(r.recordHash.left(12)), r.passed ? QString() : r.reason};
}

void CalibrationWizardPresenter::setPage(Page page)
{
    if (m_page != page) {
        m_page = page;
        Q_EMIT pageChanged(page);
    }
}

void CalibrationWizardPresenter::setSetupFeedback(Result feedback)
{
    m_setupFeedback = std::move(feedback);
    Q_EMIT setupFeedbackChanged();
}

} // namespace galvani::ui::presenters
