// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/session/SessionTypes.h"
#include "ui/presenters/PresetSummary.h"

#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>

#include <optional>

namespace galvani::app {
class SessionController;
}

namespace galvani::ui::presenters {

// The run screen's decisions, for SessionRunPage: the amplitude steps the device allows (0.1 and 0.5 mA, or the
// device's coarser step) and the key help saying so; each channel's setpoint and cap and the selected channel;
// every amplitude change as an absolute target at most 0.5 mA from the setpoint, on the device's grid, never below
// 0 or above the channel's cap, sent to SessionController::setAmplitude with its refusal in words; pause and resume;
// STOP with the reason naming the user; the state, times and contraction phase in words; whether any channel
// delivers output. STOP goes to the controller at once: nothing here waits.
// Thread affinity: GUI thread. Ownership: borrows the controller (AppContext owns it). Units: µA, ms.
class SessionRunPresenter : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 kFineStepUa = 100; // the UI's finest step, where the device's grid allows it
    static constexpr qint64 kCoarseStepUa = 500; // the largest live change SessionController accepts

    struct Steps {
        qint64 gridUa = kFineStepUa; // the device's amplitude step
        qint64 fineUa = kFineStepUa; // Up/Down and the small ± buttons
        qint64 coarseUa = kCoarseStepUa; // Shift+Up/Down and the large ± buttons
    };

    // What the state changes on the screen.
    struct StateView {
        QString state; // "Running", "Paused", …
        QString pauseButton; // "&Pause" or "&Resume"
        bool pauseEnabled = false;
        QString pauseTip;
        QString stripOverride; // shown on every strip instead of its ramp state ("paused: output off"); or empty
        bool adjustable = false; // the ± buttons work
    };

    struct ProgressView {
        QString elapsed; // "03:07 elapsed"
        QString remaining; // "16:53 left"
        int maxSeconds = 1;
        int valueSeconds = 0;
    };

    // One amplitude change: whether the setpoint moved, and what to say (a refusal in words) when it did not.
    struct StepResult {
        bool changed = false;
        QString message;
    };

    SessionRunPresenter(app::SessionController& controller, QString username, QObject* parent = nullptr);

    // A new session: the steps, each channel's setpoint and cap, the first channel selected, the on/off cycle.
    void begin(const app::SessionPlan& plan);
    [[nodiscard]] const Steps& steps() const { return m_steps; }
    [[nodiscard]] QString keyHelp() const;
    // The plan's battery warning from the session-start self-test, in words; empty when there is none.
    [[nodiscard]] const QString& batteryWarning() const { return m_battery; }

    // The controller's state; the on/off cycle restarts whenever output (re)starts.
    [[nodiscard]] StateView setState(app::SessionState state);
    [[nodiscard]] app::SessionState state() const { return m_state; }
    [[nodiscard]] static ProgressView progress(const app::SessionProgress& progress);
    // A channel's status as reported: its setpoint is kept.
    void setChannelStatus(const app::ChannelStatus& status);
    [[nodiscard]] qint64 setpoint(int channel) const;
    // Any channel reports output present.
    [[nodiscard]] bool outputOn() const;
    // "Contraction: on · 6 s left" while output runs with an on/off preset; empty otherwise.
    [[nodiscard]] QString phase() const;

    // Selects a channel of the plan; false (and no change) for any other.
    bool select(int channel);
    [[nodiscard]] int selected() const { return m_selected; }

    // The selected channel by deltaUa (nothing without a selection).
    StepResult stepSelected(qint64 deltaUa);
    // Every channel by deltaUa; the message lists each channel's refusal on a line of its own.
    StepResult stepAll(qint64 deltaUa);
    StepResult step(int channel, qint64 deltaUa);
    // Pause while running, resume while paused; the refusal in words, or empty.
    QString togglePause();
    // STOP: "STOP pressed by <user>", with how it was pressed in brackets when given ("Esc key").
    void stop(const QString& how);

private:
    struct Channel {
        qint64 setpointUa = 0;
        qint64 capUa = 0;
        bool output = false;
    };

    app::SessionController& m_controller;
    QString m_username;
    app::SessionState m_state = app::SessionState::Idle;
    QMap<int, Channel> m_channels;
    int m_selected = 0;
    Steps m_steps;
    QString m_battery;
    std::optional<ContractionCycle> m_cycle;
    QElapsedTimer m_outputClock; // since output (re)started
};

} // namespace galvani::ui::presenters
