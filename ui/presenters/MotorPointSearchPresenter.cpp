// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/MotorPointSearchPresenter.h"

#include "app/AppContext.h"
#include "app/session/SessionController.h"
#include "core/domain/PresetCatalogue.h"
#include "ui/presenters/DeviceStep.h"
#include "ui/presenters/PatientText.h"
#include "ui/presenters/PresetSummary.h"
#include "ui/presenters/SessionText.h"

#include <QTimer>

#include <algorithm>
#include <cmath>
#include <utility>

namespace galvani::ui::presenters {

namespace {

using sessiontext::milliamps;

// The probe's fields the search offers: rate and width (CLINICAL §4). The others keep the preset's defaults.
bool isProbeField(const QString& name)
{
    return name == QStringLiteral("pulse rate") || name == QStringLiteral("phase width");
}

// The step the search moves in: 0.5 mA, or the device's grid when that is coarser (a multiple of the grid).
qint64 searchStepUa(const QString& deviceUrl)
{
    constexpr qint64 kSearchStepUa = 500;
    const qint64 grid = std::max<qint64>(amplitudeStepUa(deviceUrl), 1);
    return grid >= kSearchStepUa ? grid : (kSearchStepUa / grid) * grid;
}

} // namespace

MotorPointSearchPresenter::MotorPointSearchPresenter(
    app::AppContext& context, app::SignedInUser user, QString patientMrn, app::PlacementView placement, QObject* parent)
    : QObject(parent), m_context(context), m_sessions(context.sessions()), m_points(context.store()),
      m_user(std::move(user)), m_mrn(std::move(patientMrn)), m_placement(std::move(placement)),
      m_stepUa(searchStepUa(context.deviceUrl())), m_presetCapUa(presetAmplitudeMaxUa(presetId())),
      m_capUa(m_presetCapUa)
{
    m_delivered = QStringLiteral("Output starts at %1 when the search starts.").arg(milliamps(m_stepUa));
    connect(&m_sessions, &app::SessionController::stateChanged, this, &MotorPointSearchPresenter::onStateChanged);
    connect(&m_sessions, &app::SessionController::prepared, this, &MotorPointSearchPresenter::onPrepared);
    connect(&m_sessions, &app::SessionController::started, this, &MotorPointSearchPresenter::onStarted);
    connect(
        &m_sessions, &app::SessionController::channelStatusChanged, this, &MotorPointSearchPresenter::onChannelStatus);
    connect(&m_sessions, &app::SessionController::ended, this, &MotorPointSearchPresenter::onEnded);
    updateState();
}

MotorPointSearchPresenter::~MotorPointSearchPresenter()
{
    // Never leave output running behind a closed search.
    if (active()) {
        m_sessions.stop(QStringLiteral("motor-point search closed by %1").arg(m_user.username));
    }
}

const QString& MotorPointSearchPresenter::presetId()
{
    static const QString id = QString::fromUtf8(core::PresetCatalogue::kMotorPointSearchId.data(),
        static_cast<qsizetype>(core::PresetCatalogue::kMotorPointSearchId.size()));
    return id;
}

QList<app::PresetField> MotorPointSearchPresenter::probeFields(QString* problem) const
{
    QList<app::PresetField> probe;
    const auto fields = m_context.presets().fields(m_user, presetId());
    if (!fields.ok()) {
        *problem = fields.error().message;
        return probe;
    }
    for (const app::PresetField& f : fields.value()) {
        if (isProbeField(f.name)) {
            probe.append(f);
        }
    }
    return probe;
}

QString MotorPointSearchPresenter::title() const
{
    return QStringLiteral("Channel %1: %2, %3")
        .arg(m_placement.channel)
        .arg(patienttext::site(m_placement.muscle, m_placement.side), patienttext::posture(m_placement.posture));
}

QString MotorPointSearchPresenter::howTo() const
{
    return QStringLiteral("Probe (pen) as the active pole, the large reference pad on the same segment. The search "
                          "runs as a recorded session on this channel. Start under 10 mA and raise only while nothing "
                          "twitches; the search stops at %1. Mark the point at the first visible twitch.")
        .arg(milliamps(m_presetCapUa));
}

QString MotorPointSearchPresenter::settingsHint()
{
    return QStringLiteral("2–3 Hz for most muscles, 0.5 Hz on the abdomen; 150–300 µs. The session timer (%1 min) is "
                          "only a backstop.")
        .arg(defaultDurationMinutes(presetId()));
}

QString MotorPointSearchPresenter::amplitudeText() const
{
    return sessiontext::milliampsNumber(m_setpointUa) + QStringLiteral(" mA");
}

QString MotorPointSearchPresenter::rangeText() const
{
    return QStringLiteral("Search range 0–%1, steps of %2").arg(milliamps(m_capUa), milliamps(m_stepUa));
}

bool MotorPointSearchPresenter::active() const
{
    return m_ours && app::isActive(m_sessions.state());
}

bool MotorPointSearchPresenter::running() const
{
    return m_ours && m_sessions.state() == app::SessionState::Running;
}

MotorPointSearchPresenter::Controls MotorPointSearchPresenter::controls() const
{
    const app::SessionState state = m_sessions.state();
    const bool isRunning = running();
    const bool isActive = active();
    Controls c;
    c.settingsEnabled = !isActive;
    c.startAllowed = m_ours && state == app::SessionState::Ready;
    c.cancelAllowed = m_ours && (state == app::SessionState::Ready || state == app::SessionState::Preparing);
    c.stepEnabled = isRunning;
    c.markEnabled = isRunning || (m_pendingPoint.has_value() && !isActive);
    c.markText = m_pendingPoint && !isRunning ? QStringLiteral("&Try recording the point again")
                                              : QStringLiteral("&Twitch seen — mark point");
    c.stopEnabled = isActive;
    c.planVisible = !(m_ours && m_sessionId && isActive);
    return c;
}

void MotorPointSearchPresenter::updateState()
{
    // A search of ours says its state; after it, the line keeps what the end said until the next search.
    const bool stale = m_stateText.isEmpty() || m_stateText.startsWith(QStringLiteral("Search:"));
    m_stateText = active() || m_ours ? QStringLiteral("Search: %1").arg(sessiontext::stateText(m_sessions.state()))
        : stale                      ? QStringLiteral("No search running.")
                                     : m_stateText;
    Q_EMIT changed();
}

void MotorPointSearchPresenter::prepare(const QList<app::ProgramSetting>& settings)
{
    m_pendingPoint.reset();
    app::SessionRequest request;
    request.user = m_user;
    request.patientMrn = m_mrn;
    request.deviceUrl = m_context.deviceUrl();
    request.presetId = presetId();
    request.durationS = static_cast<qint64>(defaultDurationMinutes(presetId())) * 60;
    request.settings = settings;
    app::ChannelRequest channel;
    channel.channel = m_placement.channel;
    channel.siteId
        = m_placement.siteId.isEmpty() ? sessiontext::siteId(m_placement.side, m_placement.muscle) : m_placement.siteId;
    channel.targetUa = m_stepUa; // the lowest amplitude the controller takes: it refuses a 0 mA target
    request.channels = {channel};

    // The probe values as they will run: the preset's defaults overridden by what was changed.
    if (const auto fields = m_context.presets().fields(m_user, presetId()); fields.ok()) {
        for (const app::PresetField& f : fields.value()) {
            if (f.name == QStringLiteral("pulse rate")) {
                m_rateHz = f.defaultValue;
            } else if (f.name == QStringLiteral("phase width")) {
                m_widthUs = static_cast<int>(std::lround(f.defaultValue));
            }
        }
    }
    for (const app::ProgramSetting& s : request.settings) {
        if (s.field == QStringLiteral("pulse rate")) {
            m_rateHz = s.value;
        } else if (s.field == QStringLiteral("phase width")) {
            m_widthUs = static_cast<int>(std::lround(s.value));
        }
    }

    const app::AppStatus status = m_sessions.prepare(request);
    if (!status.ok()) {
        Q_EMIT message(MessageKind::Error, status.error().message);
        Q_EMIT planCleared(QStringLiteral("No plan: the search was not prepared."));
        return;
    }
    m_ours = true;
    m_sessionId.reset();
    m_setpointUa = 0;
    m_commandedUa = -1;
    m_capUa = m_presetCapUa;
    Q_EMIT message(MessageKind::Info,
        QStringLiteral("Connecting to the stimulator (%1) and checking the interlocks…").arg(request.deviceUrl));
    Q_EMIT planCleared(QStringLiteral("Preparing…"));
    updateState();
}

void MotorPointSearchPresenter::onPrepared(const app::AppResult<app::SessionPlan>& plan)
{
    if (!m_ours) {
        return;
    }
    if (!plan.ok()) {
        m_ours = false;
        Q_EMIT message(MessageKind::Error, plan.error().message);
        Q_EMIT planCleared(QStringLiteral("No plan: the search was not prepared."));
        updateState();
        return;
    }
    for (const app::ChannelPlan& c : plan->channels) {
        if (c.channel == m_placement.channel && c.amplitudeMaxUa > 0) {
            m_capUa = std::min(m_presetCapUa, c.amplitudeMaxUa);
        }
    }
    Q_EMIT planShown(plan.value());
    Q_EMIT message(MessageKind::Info,
        plan->notices.isEmpty()
            ? QStringLiteral("Plan ready: check it, then start. Output starts at %1.").arg(milliamps(m_stepUa))
            : QStringLiteral("Plan ready: read the notices and confirm, then start. Output starts at %1.")
                  .arg(milliamps(m_stepUa)));
    updateState();
}

void MotorPointSearchPresenter::start()
{
    if (!m_ours) {
        return;
    }
    const app::AppStatus status = m_sessions.start();
    if (!status.ok()) {
        Q_EMIT message(MessageKind::Error, status.error().message);
    }
}

void MotorPointSearchPresenter::onStarted(const app::AppResult<qint64>& sessionId)
{
    if (!m_ours) {
        return;
    }
    if (!sessionId.ok()) {
        Q_EMIT message(MessageKind::Error, sessionId.error().message);
        updateState();
        return;
    }
    m_sessionId = sessionId.value();
    m_setpointUa = m_stepUa;
    m_commandedUa = -1;
    Q_EMIT message(MessageKind::Clear, QString());
    updateState();
}

void MotorPointSearchPresenter::cancelPlan()
{
    if (!m_ours) {
        return;
    }
    m_sessions.stop(QStringLiteral("motor-point search plan cancelled by %1").arg(m_user.username));
    m_ours = false;
    Q_EMIT planCleared(QStringLiteral("Plan cancelled: nothing was recorded and no output was given."));
    Q_EMIT message(MessageKind::Clear, QString());
    updateState();
}

void MotorPointSearchPresenter::step(int direction)
{
    if (!running()) {
        return;
    }
    const qint64 target = m_setpointUa + direction * m_stepUa;
    if (target > m_capUa) {
        Q_EMIT message(MessageKind::Error,
            QStringLiteral("amplitude: %1 is outside the search range 0–%2%3; the search stops at %2. If nothing "
                           "twitches, move the probe or stop the search.")
                .arg(milliamps(target), milliamps(m_capUa),
                    m_capUa < m_presetCapUa ? QStringLiteral(" (the channel's cap from the plan)") : QString()));
        return;
    }
    const qint64 clamped = std::max<qint64>(target, 0);
    if (clamped == m_setpointUa) {
        return;
    }
    const app::AppStatus status = m_sessions.setAmplitude(m_placement.channel, clamped);
    if (!status.ok()) {
        Q_EMIT message(MessageKind::Error, status.error().message);
        return;
    }
    m_setpointUa = clamped;
    Q_EMIT message(MessageKind::Clear, QString());
    Q_EMIT changed();
}

void MotorPointSearchPresenter::markPoint()
{
    if (m_pendingPoint && !active()) { // a write that failed: try again with the values marked
        savePoint();
        return;
    }
    if (!running()) {
        return;
    }
    app::MotorPointInput in;
    in.placementId = m_placement.id;
    // The twitch came at what the stimulator was told, not at a setpoint it has not reached yet (the setpoint only
    // until the first status of a non-zero output arrives).
    in.thresholdUa = m_commandedUa > 0 ? m_commandedUa : m_setpointUa;
    in.pulseWidthUs = m_widthUs;
    in.frequencyMilliHz = std::llround(m_rateHz * 1000.0);
    in.notes
        = m_sessionId ? QStringLiteral("guided search, session %1").arg(*m_sessionId) : QStringLiteral("guided search");
    m_pendingPoint = in;
    // Output off first. The point is written once the end of the session is recorded (onEnded), so the two writes
    // never meet in the store.
    stop(QStringLiteral("motor point marked at %1").arg(milliamps(in.thresholdUa)));
    Q_EMIT message(MessageKind::Info,
        QStringLiteral("Marked at %1: stopping the output; the motor point is recorded as soon as the stop is.")
            .arg(milliamps(in.thresholdUa)));
    updateState();
}

void MotorPointSearchPresenter::savePoint()
{
    if (!m_pendingPoint) {
        return;
    }
    const auto recorded = m_points.record(m_user, m_mrn, *m_pendingPoint);
    if (!recorded.ok()) {
        Q_EMIT message(MessageKind::Error,
            recorded.error().message
                + QStringLiteral(" The output is stopped; press \"Try recording the point again\"."));
        updateState();
        return;
    }
    m_pendingPoint.reset();
    Q_EMIT message(MessageKind::Info,
        QStringLiteral("Motor point recorded on channel %1: threshold %2 at %3 µs, %4 Hz.")
            .arg(recorded->channel)
            .arg(milliamps(recorded->thresholdUa))
            .arg(recorded->pulseWidthUs)
            .arg(static_cast<double>(recorded->frequencyMilliHz) / 1000.0, 0, 'f', 1));
    updateState();
    Q_EMIT pointMarked(recorded.value());
}

void MotorPointSearchPresenter::stop(const QString& how)
{
    if (!active()) {
        return;
    }
    // The device first: SessionController::stop never waits on the database and is never refused.
    m_sessions.stop(QStringLiteral("motor-point search stopped by %1 (%2)").arg(m_user.username, how));
}

void MotorPointSearchPresenter::onStateChanged(app::SessionState state)
{
    if (m_ours && state == app::SessionState::Idle) {
        // The plan was dropped (cancelled, a refusal, or STOP before the start). A refusal's prepared()/started()
        // follows this change in the same call, so the search lets go of the controller only after it.
        QTimer::singleShot(0, this, [this] {
            if (m_ours && m_sessions.state() == app::SessionState::Idle) {
                m_ours = false;
                Q_EMIT planCleared(QStringLiteral("No plan: prepare the search again."));
                updateState();
            }
        });
    }
    updateState();
}

void MotorPointSearchPresenter::onChannelStatus(const app::ChannelStatus& status)
{
    if (!m_ours || status.channel != m_placement.channel) {
        return;
    }
    m_commandedUa = status.commandedUa;
    const QString commanded = QStringLiteral("commanded %1").arg(milliamps(status.commandedUa));
    m_delivered = status.measuredUa
        ? QStringLiteral("delivered %1 · %2").arg(milliamps(*status.measuredUa), commanded)
        : QStringLiteral("%1 (the stimulator does not report delivered current)").arg(commanded);
    m_outputOn = status.outputPresent;
    Q_EMIT changed();
}

void MotorPointSearchPresenter::onEnded(const app::SessionSummary& summary)
{
    if (!m_ours) {
        return;
    }
    m_ours = false;
    m_outputOn = false;
    const QString ended = QStringLiteral("Search session %1 ended: %2%3.")
                              .arg(summary.sessionId)
                              .arg(sessiontext::endReasonText(summary.reason),
                                  summary.recorded ? QString() : QStringLiteral(" (the end could not be recorded)"));
    if (m_pendingPoint) {
        m_stateText = ended;
        savePoint();
    } else {
        Q_EMIT message(MessageKind::Error, ended + QStringLiteral(" No motor point was marked."));
    }
    Q_EMIT planCleared(QStringLiteral("The search has ended. Prepare again to search once more."));
    updateState();
}

} // namespace galvani::ui::presenters
