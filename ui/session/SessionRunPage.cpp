// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/SessionRunPage.h"

#include "app/session/SessionController.h"
#include "ui/plot/LivePlot.h"
#include "ui/presenters/DeviceStep.h"
#include "ui/session/ChannelStrip.h"
#include "ui/session/IconLabel.h"
#include "ui/session/SessionFormat.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QStringList>
#include <QVBoxLayout>

#include <algorithm>

namespace galvani::ui::session {

namespace {

constexpr qint64 kFineStepUa = 100; // the UI's finest step, where the device's grid allows it
constexpr qint64 kCoarseStepUa = 500; // the largest live change SessionController accepts
constexpr int kStripColumns = 4;

const QString kOutputOnStyle = QStringLiteral(
    "QLabel { background: #ffb000; color: #000000; border: 2px solid #5a3d00; border-radius: 6px; padding: 6px; }");
const QString kOutputOffStyle = QStringLiteral(
    "QLabel { background: #eeeeee; color: #424242; border: 2px solid #9e9e9e; border-radius: 6px; padding: 6px; }");

} // namespace

SessionRunPage::SessionRunPage(app::SessionController& controller, const QString& username, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_username(username)
{
    setObjectName(QStringLiteral("sessionRun"));
    setFocusPolicy(Qt::StrongFocus);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* top = new QHBoxLayout();
    m_output = new IconLabel(40, this);
    m_output->setObjectName(QStringLiteral("outputIndicator"));
    m_output->setFont(scaledFont(font(), 1.8, true));
    m_output->setMinimumWidth(250);
    m_output->setToolTip(QStringLiteral("Shows OUTPUT ON while any channel delivers current"));
    top->addWidget(m_output);

    auto* timeBox = new QVBoxLayout();
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("runState"));
    m_stateLabel->setFont(scaledFont(font(), 1.3, true));
    auto* times = new QHBoxLayout();
    m_elapsed = new QLabel(this);
    m_elapsed->setObjectName(QStringLiteral("elapsedLabel"));
    m_elapsed->setFont(scaledFont(font(), 2.0, true));
    m_remaining = new QLabel(this);
    m_remaining->setObjectName(QStringLiteral("remainingLabel"));
    m_remaining->setFont(scaledFont(font(), 2.0, true));
    times->addWidget(m_elapsed);
    times->addSpacing(24);
    times->addWidget(m_remaining);
    times->addStretch(1);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("sessionProgress"));
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(12);
    timeBox->addWidget(m_stateLabel);
    timeBox->addLayout(times);
    timeBox->addWidget(m_progress);
    top->addLayout(timeBox, 1);

    m_pause = new QPushButton(QStringLiteral("&Pause"), this);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_pause->setMinimumSize(150, 70);
    m_pause->setFont(scaledFont(font(), 1.5, true));
    top->addWidget(m_pause);

    m_stop = new QPushButton(QStringLiteral("STOP"), this);
    m_stop->setObjectName(QStringLiteral("runStop"));
    m_stop->setMinimumSize(220, 90);
    QFont stopFont = font();
    stopFont.setPointSizeF(30.0);
    stopFont.setBold(true);
    m_stop->setFont(stopFont);
    m_stop->setToolTip(QStringLiteral("Stop all output now (Esc on this screen)"));
    m_stop->setStyleSheet(QStringLiteral(
        "QPushButton#runStop { background: #c62828; color: white; border: 3px solid #5d0000; border-radius: 10px; }"
        "QPushButton#runStop:pressed { background: #8e0000; }"
        "QPushButton#runStop:focus { border: 4px solid #000000; }"));
    top->addWidget(m_stop);
    layout->addLayout(top);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("runMessage"));
    m_message->setWordWrap(true);
    m_message->setFont(scaledFont(font(), 1.15, true));
    m_message->setStyleSheet(
        QStringLiteral("QLabel { background: #fff8e1; border: 1px solid #ffb000; padding: 4px; }"));
    m_message->hide();
    layout->addWidget(m_message);

    m_battery = new QLabel(this);
    m_battery->setObjectName(QStringLiteral("batteryWarning"));
    m_battery->setWordWrap(true);
    m_battery->setStyleSheet(
        QStringLiteral("QLabel { background: #fff8e1; border: 1px solid #ffb000; padding: 4px; }"));
    m_battery->hide();
    layout->addWidget(m_battery);

    m_stripBox = new QWidget(this);
    m_stripGrid = new QGridLayout(m_stripBox);
    m_stripGrid->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stripBox);

    m_plot = new LivePlot(this);
    m_plot->setObjectName(QStringLiteral("livePlot"));
    m_plot->setMinimumHeight(200);
    layout->addWidget(m_plot, 1);

    m_keyHelp = new QLabel(this);
    m_keyHelp->setObjectName(QStringLiteral("keyHelp"));
    m_keyHelp->setWordWrap(true);
    layout->addWidget(m_keyHelp);

    connect(m_stop, &QPushButton::clicked, this, [this] { stop(QString()); });
    connect(m_pause, &QPushButton::clicked, this, &SessionRunPage::togglePause);

    const auto shortcut = [this](const QKeySequence& sequence, auto slot) {
        auto* s = new QShortcut(sequence, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        s->setAutoRepeat(true);
        connect(s, &QShortcut::activated, this, slot);
        return s;
    };
    shortcut(QKeySequence(Qt::Key_Escape), [this] { stop(QStringLiteral("Esc key")); })->setAutoRepeat(false);
    for (int ch = 1; ch <= 8; ++ch) {
        shortcut(QKeySequence(static_cast<Qt::Key>(Qt::Key_0 + ch)), [this, ch] { selectChannel(ch); });
    }
    shortcut(QKeySequence(Qt::Key_Up), [this] { stepSelected(m_fineUa); });
    shortcut(QKeySequence(Qt::Key_Down), [this] { stepSelected(-m_fineUa); });
    shortcut(QKeySequence(Qt::SHIFT | Qt::Key_Up), [this] { stepSelected(m_coarseUa); });
    shortcut(QKeySequence(Qt::SHIFT | Qt::Key_Down), [this] { stepSelected(-m_coarseUa); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Up), [this] { stepAll(m_fineUa); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Down), [this] { stepAll(-m_fineUa); });
    shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Up), [this] { stepAll(m_coarseUa); });
    shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Down), [this] { stepAll(-m_coarseUa); });
    shortcut(QKeySequence(Qt::Key_P), [this] { togglePause(); })->setAutoRepeat(false);

    updateKeyHelp();
    setState(app::SessionState::Idle);
    setProgress(app::SessionProgress{});
    updateOutputIndicator();
}

void SessionRunPage::begin(const app::SessionPlan& plan)
{
    qDeleteAll(m_strips);
    m_strips.clear();
    // Live changes move by the UI's steps, or by the device's coarser amplitude step when it has one.
    m_gridUa = std::max<qint64>(presenters::amplitudeStepUa(plan.deviceUrl), 1);
    m_fineUa = std::max(kFineStepUa, m_gridUa);
    m_coarseUa = std::max(kCoarseStepUa, m_gridUa);
    updateKeyHelp();
    m_battery->setText(QStringLiteral("Stimulator %1").arg(plan.batteryWarning));
    m_battery->setVisible(!plan.batteryWarning.isEmpty());
    QList<int> channels;
    const int columns = std::min<int>(kStripColumns, std::max<int>(1, static_cast<int>(plan.channels.size())));
    int index = 0;
    for (const app::ChannelPlan& c : plan.channels) {
        auto* strip
            = new ChannelStrip(c.channel, c.siteId, plan.measuresDeliveredCurrent, m_fineUa, m_coarseUa, m_stripBox);
        strip->setCapUa(c.amplitudeMaxUa);
        strip->setSetpoint(c.targetUa);
        connect(strip, &ChannelStrip::amplitudeStepRequested, this, [this](int channel, qint64 delta) {
            selectChannel(channel);
            step(channel, delta);
        });
        connect(strip, &ChannelStrip::selectRequested, this, &SessionRunPage::selectChannel);
        m_stripGrid->addWidget(strip, index / columns, index % columns);
        m_strips.insert(c.channel, strip);
        channels.append(c.channel);
        ++index;
    }
    m_plot->setChannels(channels, plan.measuresDeliveredCurrent);
    m_cycle = presenters::contractionCycle(plan.presetId);
    m_selected = 0;
    if (!channels.isEmpty()) {
        selectChannel(channels.first());
    }
    m_message->clear();
    m_message->hide();
    m_outputClock.invalidate();
    setProgress(app::SessionProgress{0, plan.durationS * 1000});
    updateOutputIndicator();
    setState(m_state);
}

void SessionRunPage::setState(app::SessionState state)
{
    const app::SessionState before = m_state;
    m_state = state;
    m_stateLabel->setText(stateText(state));
    if (state == app::SessionState::Running && before != app::SessionState::Running) {
        m_outputClock.start();
    } else if (state != app::SessionState::Running) {
        m_outputClock.invalidate();
    }
    const bool paused = state == app::SessionState::Paused;
    m_pause->setText(paused ? QStringLiteral("&Resume") : QStringLiteral("&Pause"));
    m_pause->setEnabled(state == app::SessionState::Running || paused);
    m_pause->setToolTip(paused ? QStringLiteral("Resume (P): output ramps up again from zero to each setpoint")
                               : QStringLiteral("Pause (P): output off now; paused time does not count"));
    QString override;
    switch (state) {
    case app::SessionState::Starting:
        override = QStringLiteral("starting…");
        break;
    case app::SessionState::Paused:
        override = QStringLiteral("paused: output off");
        break;
    case app::SessionState::Stopping:
        override = QStringLiteral("stopping…");
        break;
    case app::SessionState::Ended:
    case app::SessionState::Idle:
        override = QStringLiteral("stopped");
        break;
    case app::SessionState::Preparing:
    case app::SessionState::Ready:
    case app::SessionState::Running:
        break;
    }
    for (ChannelStrip* strip : std::as_const(m_strips)) {
        strip->setAdjustable(state == app::SessionState::Running);
        strip->setOverride(override);
    }
    updatePhases();
}

void SessionRunPage::setChannelStatus(const app::ChannelStatus& status)
{
    if (ChannelStrip* s = strip(status.channel)) {
        s->setStatus(status);
    }
    updateOutputIndicator();
}

void SessionRunPage::setProgress(const app::SessionProgress& progress)
{
    m_elapsed->setText(QStringLiteral("%1 elapsed").arg(minutesSeconds(progress.elapsedMs)));
    m_remaining->setText(
        QStringLiteral("%1 left").arg(minutesSeconds(std::max<qint64>(progress.durationMs - progress.elapsedMs, 0))));
    m_progress->setRange(0, static_cast<int>(std::max<qint64>(progress.durationMs / 1000, 1)));
    m_progress->setValue(static_cast<int>(std::min(progress.elapsedMs, progress.durationMs) / 1000));
    updatePhases();
}

void SessionRunPage::addPulses(const QList<app::PulseSample>& pulses)
{
    m_plot->addPulses(pulses);
}

void SessionRunPage::showMessage(const QString& message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void SessionRunPage::selectChannel(int channel)
{
    if (!m_strips.contains(channel)) {
        return;
    }
    m_selected = channel;
    for (ChannelStrip* strip : std::as_const(m_strips)) {
        strip->setSelected(strip->channel() == channel);
    }
}

void SessionRunPage::stepSelected(qint64 deltaUa)
{
    if (m_selected > 0 && step(m_selected, deltaUa)) {
        showMessage(QString());
    }
}

void SessionRunPage::stepAll(qint64 deltaUa)
{
    QStringList problems;
    for (ChannelStrip* strip : std::as_const(m_strips)) {
        if (!step(strip->channel(), deltaUa)) {
            problems.append(m_message->text());
        }
    }
    showMessage(problems.join(QStringLiteral("\n")));
}

void SessionRunPage::togglePause()
{
    app::AppStatus status;
    if (m_state == app::SessionState::Running) {
        status = m_controller.pause();
    } else if (m_state == app::SessionState::Paused) {
        status = m_controller.resume();
    } else {
        return;
    }
    showMessage(status.ok() ? QString() : status.error().message);
}

void SessionRunPage::stop(const QString& how)
{
    QString reason = QStringLiteral("STOP pressed by %1").arg(m_username);
    if (!how.isEmpty()) {
        reason += QStringLiteral(" (%1)").arg(how);
    }
    m_controller.stop(reason);
}

bool SessionRunPage::step(int channel, qint64 deltaUa)
{
    ChannelStrip* s = strip(channel);
    if (s == nullptr) {
        return false;
    }
    if (m_state != app::SessionState::Running) {
        showMessage(QStringLiteral("Channel %1: the amplitude can be changed only while output runs").arg(channel));
        return false;
    }
    const qint64 current = s->status().setpointUa;
    qint64 target = std::max<qint64>(current + deltaUa, 0);
    if (s->capUa() > 0) {
        target = std::min(target, s->capUa());
    }
    target = target / m_gridUa * m_gridUa; // on the device's grid, never above the cap
    if (target == current) {
        showMessage(deltaUa > 0
                ? QStringLiteral("Channel %1 is at its cap of %2").arg(channel).arg(milliamps(s->capUa()))
                : QStringLiteral("Channel %1 is at 0 mA").arg(channel));
        return false;
    }
    const app::AppStatus status = m_controller.setAmplitude(channel, target);
    if (!status.ok()) {
        showMessage(status.error().message);
        return false;
    }
    s->setSetpoint(target);
    return true;
}

void SessionRunPage::updateKeyHelp()
{
    const QString fine = milliampsNumber(m_fineUa);
    const QString coarse = milliampsNumber(m_coarseUa);
    QString text = m_fineUa == m_coarseUa
        ? QStringLiteral("Keys: 1–8 select a channel · ↑/↓ ±%1 mA · Ctrl+↑/↓ all channels · P pause/resume · Esc STOP")
              .arg(fine)
        : QStringLiteral("Keys: 1–8 select a channel · ↑/↓ ±%1 mA · Shift+↑/↓ ±%2 mA · Ctrl+↑/↓ all channels · "
                         "P pause/resume · Esc STOP")
              .arg(fine, coarse);
    if (m_gridUa > kFineStepUa) {
        text += QStringLiteral(" · this stimulator sets amplitude in %1 mA steps").arg(milliampsNumber(m_gridUa));
    }
    m_keyHelp->setText(text);
}

void SessionRunPage::updateOutputIndicator()
{
    const bool on = std::any_of(
        m_strips.cbegin(), m_strips.cend(), [](const ChannelStrip* s) { return s->status().outputPresent; });
    if (m_outputShown == on) {
        return; // restyling re-polishes the label: only on a change
    }
    m_outputShown = on;
    m_output->setText(on ? QStringLiteral("OUTPUT ON") : QStringLiteral("Output off"));
    m_output->setIcon(on ? StatusIcon::Output : StatusIcon::NoOutput);
    m_output->setStyleSheet(on ? kOutputOnStyle : kOutputOffStyle);
}

void SessionRunPage::updatePhases()
{
    QString text;
    if (m_cycle && m_state == app::SessionState::Running && m_outputClock.isValid()) {
        const presenters::CyclePhase phase = presenters::phaseAt(*m_cycle, m_outputClock.elapsed());
        text = QStringLiteral("%1 · %2 s left").arg(phase.text).arg((phase.remainingMs + 999) / 1000);
    }
    for (ChannelStrip* strip : std::as_const(m_strips)) {
        strip->setPhase(text);
    }
}

} // namespace galvani::ui::session
