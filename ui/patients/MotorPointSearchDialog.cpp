// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/MotorPointSearchDialog.h"

#include "app/AppContext.h"
#include "app/services/PresetService.h"
#include "app/session/SessionController.h"
#include "core/domain/PresetCatalogue.h"
#include "ui/patients/FieldMessages.h"
#include "ui/patients/PatientText.h"
#include "ui/presenters/DeviceStep.h"
#include "ui/presenters/PresetSummary.h"
#include "ui/session/PlanView.h"
#include "ui/session/SessionFormat.h"
#include "ui/widgets/PresetSettingsEditor.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace galvani::ui {

namespace {

const QString& searchPresetId()
{
    static const QString id = QString::fromUtf8(core::PresetCatalogue::kMotorPointSearchId.data(),
        static_cast<qsizetype>(core::PresetCatalogue::kMotorPointSearchId.size()));
    return id;
}

// The probe's fields the dialog offers: rate and width (CLINICAL §4). The others keep the preset's defaults.
bool isProbeField(const QString& name)
{
    return name == QStringLiteral("pulse rate") || name == QStringLiteral("phase width");
}

// The step the search moves in: 0.5 mA, or the device's grid when that is coarser (a multiple of the grid).
qint64 searchStepUa(const QString& deviceUrl)
{
    constexpr qint64 kSearchStepUa = 500;
    const qint64 grid = std::max<qint64>(presenters::amplitudeStepUa(deviceUrl), 1);
    return grid >= kSearchStepUa ? grid : (kSearchStepUa / grid) * grid;
}

QLabel* wrapped(const QString& objectName, const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    return label;
}

} // namespace

MotorPointSearchDialog::MotorPointSearchDialog(app::AppContext& context, const app::SignedInUser& user,
    const QString& patientMrn, const app::PlacementView& placement, QWidget* parent)
    : QDialog(parent), m_context(context), m_sessions(context.sessions()), m_user(user), m_mrn(patientMrn),
      m_placement(placement), m_points(std::make_unique<app::MotorPointService>(context.store())),
      m_stepUa(searchStepUa(context.deviceUrl())), m_presetCapUa(presenters::presetAmplitudeMaxUa(searchPresetId()))
{
    setObjectName(QStringLiteral("motorPointSearchDialog"));
    setWindowTitle(QStringLiteral("Guided motor-point search"));
    m_capUa = m_presetCapUa;
    auto* layout = new QVBoxLayout(this);

    auto* title = wrapped(QStringLiteral("searchPlacement"),
        QStringLiteral("Channel %1: %2, %3")
            .arg(placement.channel)
            .arg(patienttext::site(placement.muscle, placement.side), patienttext::posture(placement.posture)),
        this);
    title->setFont(session::scaledFont(title->font(), 1.3, true));
    layout->addWidget(title);
    layout->addWidget(wrapped(QStringLiteral("searchHowTo"),
        QStringLiteral("Probe (pen) as the active pole, the large reference pad on the same segment. The search runs "
                       "as a recorded session on this channel. Start under 10 mA and raise only while nothing "
                       "twitches; the search stops at %1. Mark the point at the first visible twitch.")
            .arg(session::milliamps(m_presetCapUa)),
        this));

    auto* probe = new QGroupBox(QStringLiteral("Probe settings"), this);
    auto* probeLayout = new QVBoxLayout(probe);
    m_settings = new PresetSettingsEditor(probe);
    m_settings->setObjectName(QStringLiteral("searchSettings"));
    probeLayout->addWidget(m_settings);
    probeLayout->addWidget(wrapped(QStringLiteral("searchSettingsHint"),
        QStringLiteral("2–3 Hz for most muscles, 0.5 Hz on the abdomen; 150–300 µs. The session timer (%1 min) is "
                       "only a backstop.")
            .arg(presenters::defaultDurationMinutes(searchPresetId())),
        probe));
    m_prepare = new QPushButton(QStringLiteral("&Prepare search"), probe);
    m_prepare->setObjectName(QStringLiteral("searchPrepare"));
    m_prepare->setToolTip(QStringLiteral("Check the interlocks and connect the stimulator; the plan follows (Alt+P)"));
    auto* prepareRow = new QHBoxLayout;
    prepareRow->addStretch(1);
    prepareRow->addWidget(m_prepare);
    probeLayout->addLayout(prepareRow);
    layout->addWidget(probe);

    m_message = FieldMessages::makeLabel(QStringLiteral("searchMessage"), this);
    layout->addWidget(m_message);

    m_plan = new session::PlanView(this);
    layout->addWidget(m_plan);

    auto* run = new QGroupBox(QStringLiteral("Search"), this);
    run->setObjectName(QStringLiteral("searchRun"));
    auto* grid = new QGridLayout(run);
    m_state = wrapped(QStringLiteral("searchState"), QString(), run);
    m_output = wrapped(QStringLiteral("searchOutput"), QString(), run);
    m_output->setFont(session::scaledFont(m_output->font(), 1.2, true));
    grid->addWidget(m_state, 0, 0, 1, 2);
    grid->addWidget(m_output, 0, 2, 1, 2);
    m_down = new QPushButton(QStringLiteral("− %1 mA").arg(session::milliampsNumber(m_stepUa)), run);
    m_down->setObjectName(QStringLiteral("searchDown"));
    m_down->setToolTip(QStringLiteral("Lower the current by %1 (Down key)").arg(session::milliamps(m_stepUa)));
    m_up = new QPushButton(QStringLiteral("+ %1 mA").arg(session::milliampsNumber(m_stepUa)), run);
    m_up->setObjectName(QStringLiteral("searchUp"));
    m_up->setToolTip(QStringLiteral("Raise the current by %1 (Up key)").arg(session::milliamps(m_stepUa)));
    for (auto* b : {m_down, m_up}) {
        b->setFont(session::scaledFont(b->font(), 1.5, true));
        b->setMinimumSize(120, 64);
        b->setFocusPolicy(Qt::NoFocus); // the keys work from anywhere in the dialog
    }
    m_amplitude = new QLabel(run);
    m_amplitude->setObjectName(QStringLiteral("searchAmplitude"));
    m_amplitude->setAlignment(Qt::AlignCenter);
    m_amplitude->setFont(session::scaledFont(m_amplitude->font(), 4.0, true));
    m_amplitude->setMinimumWidth(260);
    grid->addWidget(m_down, 1, 0);
    grid->addWidget(m_amplitude, 1, 1, 1, 2);
    grid->addWidget(m_up, 1, 3);
    m_delivered = wrapped(QStringLiteral("searchDelivered"), QString(), run);
    m_delivered->setAlignment(Qt::AlignCenter);
    m_delivered->setFont(session::scaledFont(m_delivered->font(), 1.2));
    grid->addWidget(m_delivered, 2, 0, 1, 4);
    m_range = wrapped(QStringLiteral("searchRange"), QString(), run);
    m_range->setAlignment(Qt::AlignCenter);
    grid->addWidget(m_range, 3, 0, 1, 4);
    m_mark = new QPushButton(QStringLiteral("&Twitch seen — mark point"), run);
    m_mark->setObjectName(QStringLiteral("searchMark"));
    m_mark->setToolTip(QStringLiteral("Stop the output and record the motor point with the current amplitude as its "
                                      "threshold, with this width and rate (Alt+T)"));
    m_mark->setFont(session::scaledFont(m_mark->font(), 1.3, true));
    m_mark->setMinimumHeight(56);
    m_stop = new QPushButton(QStringLiteral("St&op search"), run);
    m_stop->setObjectName(QStringLiteral("searchStop"));
    m_stop->setToolTip(QStringLiteral("End the search without marking a point (Alt+O). F12 stops every output."));
    m_stop->setMinimumHeight(56);
    grid->addWidget(m_mark, 4, 0, 1, 3);
    grid->addWidget(m_stop, 4, 3);
    layout->addWidget(run);

    m_close = new QPushButton(QStringLiteral("Clos&e"), this);
    m_close->setObjectName(QStringLiteral("searchClose"));
    m_close->setAutoDefault(false);
    m_close->setToolTip(QStringLiteral("Close; a search in progress is stopped first (Alt+E, Esc)"));
    auto* closeRow = new QHBoxLayout;
    closeRow->addStretch(1);
    closeRow->addWidget(m_close);
    layout->addStretch(1); // spare height below the controls, not inside the texts
    layout->addLayout(closeRow);

    // Probe settings: the preset's rate and width with their ranges (ViewPresets; a refusal is shown verbatim).
    const auto fields = m_context.presets().fields(m_user, searchPresetId());
    if (fields.ok()) {
        QList<app::PresetField> probeFields;
        for (const app::PresetField& f : fields.value()) {
            if (isProbeField(f.name)) {
                probeFields.append(f);
            }
        }
        m_settings->setFields(probeFields);
    } else {
        setErrorText(m_message, fields.error().message);
    }

    m_upKey = new QShortcut(QKeySequence(Qt::Key_Up), this);
    m_downKey = new QShortcut(QKeySequence(Qt::Key_Down), this);
    for (auto* key : {m_upKey, m_downKey}) {
        key->setContext(Qt::WindowShortcut);
        key->setAutoRepeat(false); // one press, one step: a held key must not run the current up
    }
    connect(m_upKey, &QShortcut::activated, this, [this] { step(+1); });
    connect(m_downKey, &QShortcut::activated, this, [this] { step(-1); });
    connect(m_up, &QPushButton::clicked, this, [this] { step(+1); });
    connect(m_down, &QPushButton::clicked, this, [this] { step(-1); });
    connect(m_prepare, &QPushButton::clicked, this, &MotorPointSearchDialog::prepare);
    connect(m_plan, &session::PlanView::startRequested, this, &MotorPointSearchDialog::start);
    connect(m_plan, &session::PlanView::cancelRequested, this, &MotorPointSearchDialog::cancelPlan);
    connect(m_mark, &QPushButton::clicked, this, &MotorPointSearchDialog::markPoint);
    connect(m_stop, &QPushButton::clicked, this, [this] { stopSearch(QStringLiteral("Stop search button")); });
    connect(m_close, &QPushButton::clicked, this, &MotorPointSearchDialog::reject);

    connect(&m_sessions, &app::SessionController::stateChanged, this, &MotorPointSearchDialog::onStateChanged);
    connect(&m_sessions, &app::SessionController::prepared, this, &MotorPointSearchDialog::onPrepared);
    connect(&m_sessions, &app::SessionController::started, this, &MotorPointSearchDialog::onStarted);
    connect(&m_sessions, &app::SessionController::channelStatusChanged, this, &MotorPointSearchDialog::onChannelStatus);
    connect(&m_sessions, &app::SessionController::ended, this, &MotorPointSearchDialog::onEnded);

    m_plan->clear(QStringLiteral("No plan yet: choose the probe settings, then Prepare search."));
    showAmplitude();
    updateControls();
}

MotorPointSearchDialog::~MotorPointSearchDialog()
{
    // Never leave output running behind a closed dialog.
    if (active()) {
        m_sessions.stop(QStringLiteral("motor-point search closed by %1").arg(m_user.username));
    }
}

bool MotorPointSearchDialog::active() const
{
    return m_ours && session::isActive(m_sessions.state());
}

bool MotorPointSearchDialog::running() const
{
    return m_ours && m_sessions.state() == app::SessionState::Running;
}

void MotorPointSearchDialog::prepare()
{
    m_pendingPoint.reset();
    app::SessionRequest request;
    request.user = m_user;
    request.patientMrn = m_mrn;
    request.deviceUrl = m_context.deviceUrl();
    request.presetId = searchPresetId();
    request.durationS = static_cast<qint64>(presenters::defaultDurationMinutes(searchPresetId())) * 60;
    request.settings = m_settings->settings();
    app::ChannelRequest channel;
    channel.channel = m_placement.channel;
    channel.siteId
        = m_placement.siteId.isEmpty() ? session::siteId(m_placement.side, m_placement.muscle) : m_placement.siteId;
    channel.targetUa = m_stepUa; // the lowest amplitude the controller takes: it refuses a 0 mA target
    request.channels = {channel};

    // The probe values as they will run: the preset's defaults overridden by what was changed.
    const auto fields = m_context.presets().fields(m_user, searchPresetId());
    if (fields.ok()) {
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
        setErrorText(m_message, status.error().message);
        m_plan->clear(QStringLiteral("No plan: the search was not prepared."));
        return;
    }
    m_ours = true;
    m_sessionId.reset();
    m_setpointUa = 0;
    m_commandedUa = -1;
    m_capUa = m_presetCapUa;
    setOkText(m_message,
        QStringLiteral("Connecting to the stimulator (%1) and checking the interlocks…").arg(request.deviceUrl));
    m_plan->clear(QStringLiteral("Preparing…"));
    updateControls();
}

void MotorPointSearchDialog::onPrepared(const app::AppResult<app::SessionPlan>& plan)
{
    if (!m_ours) {
        return;
    }
    if (!plan.ok()) {
        m_ours = false;
        setErrorText(m_message, plan.error().message);
        m_plan->clear(QStringLiteral("No plan: the search was not prepared."));
        updateControls();
        return;
    }
    for (const app::ChannelPlan& c : plan->channels) {
        if (c.channel == m_placement.channel && c.amplitudeMaxUa > 0) {
            m_capUa = std::min(m_presetCapUa, c.amplitudeMaxUa);
        }
    }
    m_plan->showPlan(plan.value());
    setOkText(m_message,
        plan->notices.isEmpty()
            ? QStringLiteral("Plan ready: check it, then start. Output starts at %1.").arg(session::milliamps(m_stepUa))
            : QStringLiteral("Plan ready: read the notices and confirm, then start. Output starts at %1.")
                  .arg(session::milliamps(m_stepUa)));
    updateControls();
}

void MotorPointSearchDialog::start()
{
    if (!m_ours) {
        return;
    }
    const app::AppStatus status = m_sessions.start();
    if (!status.ok()) {
        setErrorText(m_message, status.error().message);
    }
}

void MotorPointSearchDialog::onStarted(const app::AppResult<qint64>& sessionId)
{
    if (!m_ours) {
        return;
    }
    if (!sessionId.ok()) {
        setErrorText(m_message, sessionId.error().message);
        updateControls();
        return;
    }
    m_sessionId = sessionId.value();
    m_setpointUa = m_stepUa;
    m_commandedUa = -1;
    m_message->clear();
    m_message->setVisible(false);
    showAmplitude();
    updateControls();
}

void MotorPointSearchDialog::cancelPlan()
{
    if (!m_ours) {
        return;
    }
    m_sessions.stop(QStringLiteral("motor-point search plan cancelled by %1").arg(m_user.username));
    m_ours = false;
    m_plan->clear(QStringLiteral("Plan cancelled: nothing was recorded and no output was given."));
    m_message->clear();
    m_message->setVisible(false);
    updateControls();
}

void MotorPointSearchDialog::step(int direction)
{
    if (!running()) {
        return;
    }
    const qint64 target = m_setpointUa + direction * m_stepUa;
    if (target > m_capUa) {
        setErrorText(m_message,
            QStringLiteral("amplitude: %1 is outside the search range 0–%2%3; the search stops at %2. If nothing "
                           "twitches, move the probe or stop the search.")
                .arg(session::milliamps(target), session::milliamps(m_capUa),
                    m_capUa < m_presetCapUa ? QStringLiteral(" (the channel's cap from the plan)") : QString()));
        return;
    }
    const qint64 clamped = std::max<qint64>(target, 0);
    if (clamped == m_setpointUa) {
        return;
    }
    const app::AppStatus status = m_sessions.setAmplitude(m_placement.channel, clamped);
    if (!status.ok()) {
        setErrorText(m_message, status.error().message);
        return;
    }
    m_setpointUa = clamped;
    m_message->clear();
    m_message->setVisible(false);
    showAmplitude();
}

void MotorPointSearchDialog::markPoint()
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
    stopSearch(QStringLiteral("motor point marked at %1").arg(session::milliamps(in.thresholdUa)));
    setOkText(m_message,
        QStringLiteral("Marked at %1: stopping the output; the motor point is recorded as soon as the stop is.")
            .arg(session::milliamps(in.thresholdUa)));
    updateControls();
}

void MotorPointSearchDialog::savePoint()
{
    if (!m_pendingPoint) {
        return;
    }
    const auto recorded = m_points->record(m_user, m_mrn, *m_pendingPoint);
    if (!recorded.ok()) {
        setErrorText(m_message,
            recorded.error().message
                + QStringLiteral(" The output is stopped; press \"Try recording the point again\"."));
        updateControls();
        return;
    }
    m_pendingPoint.reset();
    setOkText(m_message,
        QStringLiteral("Motor point recorded on channel %1: threshold %2 at %3 µs, %4 Hz.")
            .arg(recorded->channel)
            .arg(session::milliamps(recorded->thresholdUa))
            .arg(recorded->pulseWidthUs)
            .arg(static_cast<double>(recorded->frequencyMilliHz) / 1000.0, 0, 'f', 1));
    updateControls();
    Q_EMIT pointMarked(recorded.value());
}

void MotorPointSearchDialog::stopSearch(const QString& how)
{
    if (!active()) {
        return;
    }
    // The device first: SessionController::stop never waits on the database and is never refused.
    m_sessions.stop(QStringLiteral("motor-point search stopped by %1 (%2)").arg(m_user.username, how));
}

void MotorPointSearchDialog::reject()
{
    stopSearch(QStringLiteral("dialog closed"));
    QDialog::reject();
}

void MotorPointSearchDialog::onStateChanged(app::SessionState state)
{
    if (m_ours && state == app::SessionState::Idle) {
        // The plan was dropped (cancelled, a refusal, or STOP before the start). A refusal's prepared()/started()
        // follows this change in the same call, so the search lets go of the controller only after it.
        QTimer::singleShot(0, this, [this] {
            if (m_ours && m_sessions.state() == app::SessionState::Idle) {
                m_ours = false;
                m_plan->clear(QStringLiteral("No plan: prepare the search again."));
                updateControls();
            }
        });
    }
    updateControls();
}

void MotorPointSearchDialog::onChannelStatus(const app::ChannelStatus& status)
{
    if (!m_ours || status.channel != m_placement.channel) {
        return;
    }
    m_commandedUa = status.commandedUa;
    const QString commanded = QStringLiteral("commanded %1").arg(session::milliamps(status.commandedUa));
    m_delivered->setText(status.measuredUa
            ? QStringLiteral("delivered %1 · %2").arg(session::milliamps(*status.measuredUa), commanded)
            : QStringLiteral("%1 (the stimulator does not report delivered current)").arg(commanded));
    m_output->setText(status.outputPresent ? QStringLiteral("⚡ OUTPUT ON") : QStringLiteral("○ Output off"));
    m_output->setStyleSheet(
        status.outputPresent ? QStringLiteral("background: #ffb000; color: black; padding: 4px;") : QString());
}

void MotorPointSearchDialog::onEnded(const app::SessionSummary& summary)
{
    if (!m_ours) {
        return;
    }
    m_ours = false;
    const QString ended = QStringLiteral("Search session %1 ended: %2%3.")
                              .arg(summary.sessionId)
                              .arg(session::endReasonText(summary.reason),
                                  summary.recorded ? QString() : QStringLiteral(" (the end could not be recorded)"));
    m_output->setText(QStringLiteral("○ Output off"));
    m_output->setStyleSheet(QString());
    if (m_pendingPoint) {
        m_state->setText(ended);
        savePoint();
    } else {
        setErrorText(m_message, ended + QStringLiteral(" No motor point was marked."));
    }
    m_output->setText(QStringLiteral("○ Output off"));
    m_output->setStyleSheet(QString());
    m_plan->clear(QStringLiteral("The search has ended. Prepare again to search once more."));
    updateControls();
}

void MotorPointSearchDialog::showAmplitude()
{
    m_amplitude->setText(session::milliampsNumber(m_setpointUa) + QStringLiteral(" mA"));
    m_range->setText(QStringLiteral("Search range 0–%1, steps of %2")
                         .arg(session::milliamps(m_capUa), session::milliamps(m_stepUa)));
}

void MotorPointSearchDialog::updateControls()
{
    const app::SessionState state = m_sessions.state();
    const bool isRunning = running();
    const bool isActive = active();
    const bool ready = m_ours && state == app::SessionState::Ready;
    m_settings->setEnabled(!isActive);
    m_prepare->setEnabled(!isActive);
    m_plan->setStartAllowed(ready);
    m_plan->setCancelAllowed(m_ours && (state == app::SessionState::Ready || state == app::SessionState::Preparing));
    m_up->setEnabled(isRunning);
    m_down->setEnabled(isRunning);
    m_upKey->setEnabled(isRunning);
    m_downKey->setEnabled(isRunning);
    m_mark->setEnabled(isRunning || (m_pendingPoint.has_value() && !isActive));
    m_mark->setText(m_pendingPoint && !isRunning ? QStringLiteral("&Try recording the point again")
                                                 : QStringLiteral("&Twitch seen — mark point"));
    m_stop->setEnabled(isActive);
    // Once output has started the plan was read and confirmed: the search controls get the room.
    m_plan->setVisible(!(m_ours && m_sessionId && isActive));
    if (isActive || m_ours) {
        m_state->setText(QStringLiteral("Search: %1").arg(session::stateText(state)));
    } else if (m_state->text().isEmpty() || m_state->text().startsWith(QStringLiteral("Search:"))) {
        m_state->setText(QStringLiteral("No search running."));
    }
    if (!isRunning && m_delivered->text().isEmpty()) {
        m_delivered->setText(
            QStringLiteral("Output starts at %1 when the search starts.").arg(session::milliamps(m_stepUa)));
    }
    if (!isActive && m_output->text().isEmpty()) {
        m_output->setText(QStringLiteral("○ Output off"));
    }
}

} // namespace galvani::ui
