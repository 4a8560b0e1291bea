// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/session/SessionTypes.h"
#include "ui/presenters/SessionRunPresenter.h"

#include <QMap>
#include <QWidget>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QGridLayout;

namespace galvani::app {
class SessionController;
}

namespace galvani::ui {
class ChannelStrip;
class LivePlot;
} // namespace galvani::ui

namespace galvani::ui::session {

class IconLabel;

// Stage 2, the run screen: the STOP button (objectName "runStop", never disabled), the output indicator
// ("outputIndicator": "OUTPUT ON" with a bolt icon on amber while any channel delivers), elapsed and remaining
// stimulation time, Pause/Resume, one ChannelStrip per channel and the live plot fed from pulsesDrained().
// Keyboard (shortcuts limited to this page and its children): 1–8 select a channel, Up/Down ±0.1 mA on the
// selected channel, Shift+Up/Down ±0.5 mA, Ctrl+Up/Down ±0.1 mA on every channel (Ctrl+Shift: ±0.5 mA), P pause
// or resume, Escape STOP. On a device whose amplitude step is coarser than 0.1 mA (ScienceMode4: 0.5 mA) the
// fine step is the device's step. Amplitude changes go to SessionController::setAmplitude as absolute targets at
// most 0.5 mA from the setpoint, on the device's grid and never above the channel's cap; a refusal is shown
// verbatim. What the page shows and every decision come from its presenters::SessionRunPresenter; the page builds
// its widgets, maps the keys and shows what the presenter says.
// Thread affinity: GUI thread. Ownership: a child widget; borrows the controller (AppContext owns it).
// Units: µA from the controller, mA shown; times in ms.
class SessionRunPage final : public QWidget {
    Q_OBJECT
public:
    SessionRunPage(app::SessionController& controller, const QString& username, QWidget* parent = nullptr);

    // A new session: strips for the plan's channels, the plot reset. presetId picks the on/off cycle shown.
    void begin(const app::SessionPlan& plan);
    void setState(app::SessionState state);
    void setChannelStatus(const app::ChannelStatus& status);
    void setProgress(const app::SessionProgress& progress);
    void addPulses(const QList<app::PulseSample>& pulses);
    void showMessage(const QString& message);
    [[nodiscard]] ChannelStrip* strip(int channel) const { return m_strips.value(channel, nullptr); }
    [[nodiscard]] int selectedChannel() const;
    [[nodiscard]] LivePlot* plot() const { return m_plot; }

    // What the keys do, callable directly (tests, the main window's own shortcuts).
    void selectChannel(int channel);
    void stepSelected(qint64 deltaUa);
    void stepAll(qint64 deltaUa);
    void togglePause();
    void stop(const QString& how);

private:
    void showStep(const presenters::SessionRunPresenter::StepResult& result, bool clearOnChange);
    void syncSetpoints();
    void updateOutputIndicator();
    void updatePhases();

    presenters::SessionRunPresenter* m_presenter = nullptr;
    QMap<int, ChannelStrip*> m_strips;
    std::optional<bool> m_outputShown;

    IconLabel* m_output = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_elapsed = nullptr;
    QLabel* m_remaining = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_pause = nullptr;
    QPushButton* m_stop = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_battery = nullptr; // the plan's battery warning from the session-start self-test (hidden when none)
    QLabel* m_keyHelp = nullptr;
    QWidget* m_stripBox = nullptr;
    QGridLayout* m_stripGrid = nullptr;
    LivePlot* m_plot = nullptr;
};

} // namespace galvani::ui::session
