// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "app/services/MotorPointService.h"
#include "app/session/SessionTypes.h"

#include <QDialog>

#include <memory>
#include <optional>

class QLabel;
class QPushButton;
class QShortcut;

namespace galvani::app {
class AppContext;
class SessionController;
} // namespace galvani::app

namespace galvani::ui {

class PresetSettingsEditor;
namespace session {
class PlanView;
}

// The guided motor-point search on one placement (CLINICAL §4; issue #7 item 5). The therapist holds the probe on
// the skin, raises the current in small steps until a twitch is seen and marks the point: the motor threshold is
// the amplitude at that moment, recorded with the probe's width and rate through MotorPointService.
//
// There is no side door to the output: the search is an ordinary one-channel session of the built-in procedure
// "motor-point-search" (core::PresetCatalogue::kMotorPointSearchId: 2 Hz in 0.5–3 Hz, 200 µs in 150–300 µs,
// 0–20 mA) on the placement's channel and site, run by the application's SessionController — screening, placement,
// calibration and self-test interlocks, the plan and its notices (ui/session's PlanView), ramps, STOP (F12 / the
// main window's STOP reach the same controller) and the session record all apply, and the search ends recorded with
// the end reason of its stop. The probe settings use ui/widgets' PresetSettingsEditor (rate and width only, each
// with its range). The session starts at the device's smallest amplitude step (the controller refuses a 0 mA target;
// 0.5 mA on ScienceMode4); Up/Down (keys and buttons) move it by 0.5 mA (or the device's coarser step), never above
// the probe's cap (the preset's 20 mA, or the channel's lower cap from the plan): a step beyond it is refused here
// with a message naming the field and the range. "Twitch seen — mark point" stops the output first, then records the
// point; Stop ends the search without marking; closing the dialog stops a search in progress.
//
// The dialog reacts only to the session it prepared itself: a treatment running from the treatment panel makes
// prepare() refuse, and that refusal is shown verbatim.
// Thread affinity: GUI thread. Ownership: a QDialog (window-modal, opened with open()); borrows the context, which
// must outlive it. Units: µA inside, shown in mA with one decimal.
class MotorPointSearchDialog final : public QDialog {
    Q_OBJECT
public:
    MotorPointSearchDialog(app::AppContext& context, const app::SignedInUser& user, const QString& patientMrn,
        const app::PlacementView& placement, QWidget* parent = nullptr);
    ~MotorPointSearchDialog() override;
    MotorPointSearchDialog(const MotorPointSearchDialog&) = delete;
    MotorPointSearchDialog& operator=(const MotorPointSearchDialog&) = delete;

    // The amplitude the search runs at now (µA): the setpoint given to the controller.
    [[nodiscard]] qint64 amplitudeUa() const { return m_setpointUa; }
    // The session this dialog runs or ran, once started.
    [[nodiscard]] std::optional<qint64> sessionId() const { return m_sessionId; }

public Q_SLOTS:
    // Closing stops a search in progress first (the stop is recorded as the session's end).
    void reject() override;

Q_SIGNALS:
    void pointMarked(const galvani::app::MotorPointView& point);

private:
    void prepare();
    void start();
    void cancelPlan();
    void step(int direction);
    void markPoint();
    void stopSearch(const QString& how);
    void savePoint();
    void onStateChanged(app::SessionState state);
    void onPrepared(const app::AppResult<app::SessionPlan>& plan);
    void onStarted(const app::AppResult<qint64>& sessionId);
    void onChannelStatus(const app::ChannelStatus& status);
    void onEnded(const app::SessionSummary& summary);
    void showAmplitude();
    void updateControls();
    [[nodiscard]] bool running() const;
    [[nodiscard]] bool active() const;

    app::AppContext& m_context;
    app::SessionController& m_sessions;
    app::SignedInUser m_user;
    QString m_mrn;
    app::PlacementView m_placement;
    std::unique_ptr<app::MotorPointService> m_points;
    qint64 m_stepUa = 500;
    qint64 m_presetCapUa = 0;
    qint64 m_capUa = 0; // the smaller of the preset's cap and the channel's cap from the plan
    qint64 m_setpointUa = 0;
    // What the stimulator was last told on the searched channel (ChannelStatus::commandedUa); runs behind the
    // setpoint while the device follows quick presses. -1: no status yet.
    qint64 m_commandedUa = -1;
    double m_rateHz = 0.0; // the probe's values of the prepared session
    int m_widthUs = 0;
    bool m_ours = false; // this dialog prepared the controller's current session
    std::optional<qint64> m_sessionId;
    std::optional<app::MotorPointInput> m_pendingPoint; // marked, not yet recorded (a failed write can be retried)

    PresetSettingsEditor* m_settings = nullptr;
    QPushButton* m_prepare = nullptr;
    QLabel* m_message = nullptr;
    session::PlanView* m_plan = nullptr;
    QLabel* m_state = nullptr;
    QLabel* m_output = nullptr;
    QLabel* m_amplitude = nullptr;
    QLabel* m_delivered = nullptr;
    QLabel* m_range = nullptr;
    QPushButton* m_down = nullptr;
    QPushButton* m_up = nullptr;
    QPushButton* m_mark = nullptr;
    QPushButton* m_stop = nullptr;
    QPushButton* m_close = nullptr;
    QShortcut* m_upKey = nullptr;
    QShortcut* m_downKey = nullptr;
};

} // namespace galvani::ui
