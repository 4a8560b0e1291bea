// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/SessionRunPage.h"

#include "ui/plot/LivePlot.h"
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
#include <QVBoxLayout>

#include <algorithm>

namespace galvani::ui::session {

using presenters::SessionRunPresenter;

namespace {

constexpr int kStripColumns = 4;

const QString kOutputOnStyle = QStringLiteral(
    "QLabel { background: #ffb000; color: #000000; border: 2px solid #5a3d00; border-radius: 6px; padding: 6px; }");
const QString kOutputOffStyle = QStringLiteral(
    "QLabel { background: #eeeeee; color: #424242; border: 2px solid #9e9e9e; border-radius: 6px; padding: 6px; }");

} // namespace

SessionRunPage::SessionRunPage(app::SessionController& controller, const QString& username, QWidget* parent)
    : QWidget(parent), m_presenter(new SessionRunPresenter(controller, username, this))
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
    const auto fine = [this] { return m_presenter->steps().fineUa; };
    const auto coarse = [this] { return m_presenter->steps().coarseUa; };
    shortcut(QKeySequence(Qt::Key_Up), [this, fine] { stepSelected(fine()); });
    shortcut(QKeySequence(Qt::Key_Down), [this, fine] { stepSelected(-fine()); });
    shortcut(QKeySequence(Qt::SHIFT | Qt::Key_Up), [this, coarse] { stepSelected(coarse()); });
    shortcut(QKeySequence(Qt::SHIFT | Qt::Key_Down), [this, coarse] { stepSelected(-coarse()); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Up), [this, fine] { stepAll(fine()); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Down), [this, fine] { stepAll(-fine()); });
    shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Up), [this, coarse] { stepAll(coarse()); });
    shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Down), [this, coarse] { stepAll(-coarse()); });
    shortcut(QKeySequence(Qt::Key_P), [this] { togglePause(); })->setAutoRepeat(false);

    m_keyHelp->setText(m_presenter->keyHelp());
    setState(app::SessionState::Idle);
    setProgress(app::SessionProgress{});
    updateOutputIndicator();
}

void SessionRunPage::begin(const app::SessionPlan& plan)
{
    qDeleteAll(m_strips);
    m_strips.clear();
    m_presenter->begin(plan);
    const SessionRunPresenter::Steps& steps = m_presenter->steps();
    m_keyHelp->setText(m_presenter->keyHelp());
    m_battery->setText(m_presenter->batteryWarning());
    m_battery->setVisible(!m_presenter->batteryWarning().isEmpty());
    QList<int> channels;
    const int columns = std::min<int>(kStripColumns, std::max<int>(1, static_cast<int>(plan.channels.size())));
    int index = 0;
    for (const app::ChannelPlan& c : plan.channels) {
        auto* strip = new ChannelStrip(
            c.channel, c.siteId, plan.measuresDeliveredCurrent, steps.fineUa, steps.coarseUa, m_stripBox);
        strip->setCapUa(c.amplitudeMaxUa);
        strip->setSetpoint(c.targetUa);
        connect(strip, &ChannelStrip::amplitudeStepRequested, this, [this](int channel, qint64 delta) {
            selectChannel(channel);
            showStep(m_presenter->step(channel, delta), false);
        });
        connect(strip, &ChannelStrip::selectRequested, this, &SessionRunPage::selectChannel);
        m_stripGrid->addWidget(strip, index / columns, index % columns);
        m_strips.insert(c.channel, strip);
        channels.append(c.channel);
        ++index;
    }
    m_plot->setChannels(channels, plan.measuresDeliveredCurrent);
    selectChannel(m_presenter->selected());
    m_message->clear();
    m_message->hide();
    setProgress(app::SessionProgress{0, plan.durationS * 1000});
    updateOutputIndicator();
    setState(m_presenter->state());
}

void SessionRunPage::setState(app::SessionState state)
{
    const SessionRunPresenter::StateView v = m_presenter->setState(state);
    m_stateLabel->setText(v.state);
    m_pause->setText(v.pauseButton);
    m_pause->setEnabled(v.pauseEnabled);
    m_pause->setToolTip(v.pauseTip);
    for (ChannelStrip* strip : std::as_const(m_strips)) {
        strip->setAdjustable(v.adjustable);
        strip->setOverride(v.stripOverride);
    }
    updatePhases();
}

void SessionRunPage::setChannelStatus(const app::ChannelStatus& status)
{
    m_presenter->setChannelStatus(status);
    if (ChannelStrip* s = strip(status.channel)) {
        s->setStatus(status);
    }
    updateOutputIndicator();
}

void SessionRunPage::setProgress(const app::SessionProgress& progress)
{
    const SessionRunPresenter::ProgressView v = SessionRunPresenter::progress(progress);
    m_elapsed->setText(v.elapsed);
    m_remaining->setText(v.remaining);
    m_progress->setRange(0, v.maxSeconds);
    m_progress->setValue(v.valueSeconds);
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

int SessionRunPage::selectedChannel() const
{
    return m_presenter->selected();
}

void SessionRunPage::selectChannel(int channel)
{
    if (!m_presenter->select(channel)) {
        return;
    }
    for (ChannelStrip* strip : std::as_const(m_strips)) {
        strip->setSelected(strip->channel() == channel);
    }
}

void SessionRunPage::stepSelected(qint64 deltaUa)
{
    if (m_presenter->selected() > 0) {
        showStep(m_presenter->stepSelected(deltaUa), true);
    }
}

void SessionRunPage::stepAll(qint64 deltaUa)
{
    const SessionRunPresenter::StepResult r = m_presenter->stepAll(deltaUa);
    syncSetpoints();
    showMessage(r.message);
}

void SessionRunPage::togglePause()
{
    if (m_presenter->state() == app::SessionState::Running || m_presenter->state() == app::SessionState::Paused) {
        showMessage(m_presenter->togglePause());
    }
}

void SessionRunPage::stop(const QString& how)
{
    m_presenter->stop(how);
}

void SessionRunPage::showStep(const SessionRunPresenter::StepResult& result, bool clearOnChange)
{
    syncSetpoints();
    if (!result.changed) {
        showMessage(result.message);
    } else if (clearOnChange) {
        showMessage(QString());
    }
}

void SessionRunPage::syncSetpoints()
{
    for (ChannelStrip* strip : std::as_const(m_strips)) {
        if (strip->status().setpointUa != m_presenter->setpoint(strip->channel())) {
            strip->setSetpoint(m_presenter->setpoint(strip->channel()));
        }
    }
}

void SessionRunPage::updateOutputIndicator()
{
    const bool on = m_presenter->outputOn();
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
    const QString text = m_presenter->phase();
    for (ChannelStrip* strip : std::as_const(m_strips)) {
        strip->setPhase(text);
    }
}

} // namespace galvani::ui::session
