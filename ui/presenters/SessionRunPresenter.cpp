// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/SessionRunPresenter.h"

#include "app/session/SessionController.h"
#include "ui/presenters/DeviceStep.h"
#include "ui/presenters/SessionText.h"

#include <QStringList>

#include <algorithm>
#include <utility>

namespace galvani::ui::presenters {

using sessiontext::milliamps;
using sessiontext::milliampsNumber;

SessionRunPresenter::SessionRunPresenter(app::SessionController& controller, QString username, QObject* parent)
    : QObject(parent), m_controller(controller), m_username(std::move(username))
{
}

void SessionRunPresenter::begin(const app::SessionPlan& plan)
{
    // Live changes move by the UI's steps, or by the device's coarser amplitude step when it has one.
    m_steps.gridUa = std::max<qint64>(amplitudeStepUa(plan.deviceUrl), 1);
    m_steps.fineUa = std::max(kFineStepUa, m_steps.gridUa);
    m_steps.coarseUa = std::max(kCoarseStepUa, m_steps.gridUa);
    m_battery = plan.batteryWarning.isEmpty() ? QString() : QStringLiteral("Stimulator %1").arg(plan.batteryWarning);
    m_channels.clear();
    for (const app::ChannelPlan& c : plan.channels) {
        m_channels.insert(c.channel, Channel{c.targetUa, c.amplitudeMaxUa, false});
    }
    m_cycle = contractionCycle(plan.presetId);
    m_selected = m_channels.isEmpty() ? 0 : m_channels.firstKey();
    m_outputClock.invalidate();
}

QString SessionRunPresenter::keyHelp() const
{
    const QString fine = milliampsNumber(m_steps.fineUa);
    QString text = m_steps.fineUa == m_steps.coarseUa
        ? QStringLiteral("Keys: 1–8 select a channel · ↑/↓ ±%1 mA · Ctrl+↑/↓ all channels · P pause/resume · Esc STOP")
              .arg(fine)
        : QStringLiteral("Keys: 1–8 select a channel · ↑/↓ ±%1 mA · Shift+↑/↓ ±%2 mA · Ctrl+↑/↓ all channels · "
                         "P pause/resume · Esc STOP")
              .arg(fine, milliampsNumber(m_steps.coarseUa));
    if (m_steps.gridUa > kFineStepUa) {
        text += QStringLiteral(" · this stimulator sets amplitude in %1 mA steps").arg(milliampsNumber(m_steps.gridUa));
    }
    return text;
}

SessionRunPresenter::StateView SessionRunPresenter::setState(app::SessionState state)
{
    const app::SessionState before = m_state;
    m_state = state;
    if (state == app::SessionState::Running && before != app::SessionState::Running) {
        m_outputClock.start();
    } else if (state != app::SessionState::Running) {
        m_outputClock.invalidate();
    }
    StateView v;
    v.state = sessiontext::stateText(state);
    const bool paused = state == app::SessionState::Paused;
    v.pauseButton = paused ? QStringLiteral("&Resume") : QStringLiteral("&Pause");
    v.pauseEnabled = state == app::SessionState::Running || paused;
    v.pauseTip = paused ? QStringLiteral("Resume (P): output ramps up again from zero to each setpoint")
                        : QStringLiteral("Pause (P): output off now; paused time does not count");
    switch (state) {
    case app::SessionState::Starting:
        v.stripOverride = QStringLiteral("starting…");
        break;
    case app::SessionState::Paused:
        v.stripOverride = QStringLiteral("paused: output off");
        break;
    case app::SessionState::Stopping:
        v.stripOverride = QStringLiteral("stopping…");
        break;
    case app::SessionState::Ended:
    case app::SessionState::Idle:
        v.stripOverride = QStringLiteral("stopped");
        break;
    case app::SessionState::Preparing:
    case app::SessionState::Ready:
    case app::SessionState::Running:
        break;
    }
    v.adjustable = state == app::SessionState::Running;
    return v;
}

SessionRunPresenter::ProgressView SessionRunPresenter::progress(const app::SessionProgress& progress)
{
    ProgressView v;
    v.elapsed = QStringLiteral("%1 elapsed").arg(sessiontext::minutesSeconds(progress.elapsedMs));
    v.remaining = QStringLiteral("%1 left").arg(
        sessiontext::minutesSeconds(std::max<qint64>(progress.durationMs - progress.elapsedMs, 0)));
    v.maxSeconds = static_cast<int>(std::max<qint64>(progress.durationMs / 1000, 1));
    v.valueSeconds = static_cast<int>(std::max<qint64>(std::min(progress.elapsedMs, progress.durationMs), 0) / 1000);
    return v;
}

void SessionRunPresenter::setChannelStatus(const app::ChannelStatus& status)
{
    const auto it = m_channels.find(status.channel);
    if (it == m_channels.end()) {
        return;
    }
    it->setpointUa = status.setpointUa;
    it->output = status.outputPresent;
}

qint64 SessionRunPresenter::setpoint(int channel) const
{
    return m_channels.value(channel).setpointUa;
}

bool SessionRunPresenter::outputOn() const
{
    return std::any_of(m_channels.cbegin(), m_channels.cend(), [](const Channel& c) { return c.output; });
}

QString SessionRunPresenter::phase() const
{
    if (!m_cycle || m_state != app::SessionState::Running || !m_outputClock.isValid()) {
        return QString();
    }
    const CyclePhase p = phaseAt(*m_cycle, m_outputClock.elapsed());
    return QStringLiteral("%1 · %2 s left").arg(p.text).arg((p.remainingMs + 999) / 1000);
}

bool SessionRunPresenter::select(int channel)
{
    if (!m_channels.contains(channel)) {
        return false;
    }
    m_selected = channel;
    return true;
}

SessionRunPresenter::StepResult SessionRunPresenter::stepSelected(qint64 deltaUa)
{
    return m_selected > 0 ? step(m_selected, deltaUa) : StepResult{};
}

SessionRunPresenter::StepResult SessionRunPresenter::stepAll(qint64 deltaUa)
{
    StepResult all;
    QStringList problems;
    for (auto it = m_channels.cbegin(); it != m_channels.cend(); ++it) {
        const StepResult r = step(it.key(), deltaUa);
        all.changed = all.changed || r.changed;
        if (!r.changed) {
            problems.append(r.message);
        }
    }
    all.message = problems.join(QStringLiteral("\n"));
    return all;
}

SessionRunPresenter::StepResult SessionRunPresenter::step(int channel, qint64 deltaUa)
{
    const auto it = m_channels.find(channel);
    if (it == m_channels.end()) {
        return StepResult{false, QStringLiteral("Channel %1 is not in this session").arg(channel)};
    }
    if (m_state != app::SessionState::Running) {
        return StepResult{
            false, QStringLiteral("Channel %1: the amplitude can be changed only while output runs").arg(channel)};
    }
    const qint64 current = it->setpointUa;
    qint64 target = std::max<qint64>(current + deltaUa, 0);
    if (it->capUa > 0) {
        target = std::min(target, it->capUa);
    }
    target = target / m_steps.gridUa * m_steps.gridUa; // on the device's grid, never above the cap
    if (target == current) {
        return StepResult{false,
            deltaUa > 0 ? QStringLiteral("Channel %1 is at its cap of %2").arg(channel).arg(milliamps(it->capUa))
                        : QStringLiteral("Channel %1 is at 0 mA").arg(channel)};
    }
    const app::AppStatus status = m_controller.setAmplitude(channel, target);
    if (!status.ok()) {
        return StepResult{false, status.error().message};
    }
    it->setpointUa = target;
    return StepResult{true, QString()};
}

QString SessionRunPresenter::togglePause()
{
    app::AppStatus status;
    if (m_state == app::SessionState::Running) {
        status = m_controller.pause();
    } else if (m_state == app::SessionState::Paused) {
        status = m_controller.resume();
    } else {
        return QString();
    }
    return status.ok() ? QString() : status.error().message;
}

void SessionRunPresenter::stop(const QString& how)
{
    QString reason = QStringLiteral("STOP pressed by %1").arg(m_username);
    if (!how.isEmpty()) {
        reason += QStringLiteral(" (%1)").arg(how);
    }
    m_controller.stop(reason);
}

} // namespace galvani::ui::presenters
