// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "app/services/MotorPointService.h"
#include "app/session/SessionTypes.h"
#include "ui/presenters/MotorPointSearchPresenter.h"

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
// must outlive it. Units: µA inside, shown in mA with one decimal. The session, the steps, the mark and every word
// of a result are its presenters::MotorPointSearchPresenter's; the dialog builds its widgets and maps the keys.
class MotorPointSearchDialog final : public QDialog {
    Q_OBJECT
public:
    MotorPointSearchDialog(app::AppContext& context, const app::SignedInUser& user, const QString& patientMrn,
        const app::PlacementView& placement, QWidget* parent = nullptr);
    ~MotorPointSearchDialog() override;
    MotorPointSearchDialog(const MotorPointSearchDialog&) = delete;
    MotorPointSearchDialog& operator=(const MotorPointSearchDialog&) = delete;

    // The amplitude the search runs at now (µA): the setpoint given to the controller.
    [[nodiscard]] qint64 amplitudeUa() const;
    // The session this dialog runs or ran, once started.
    [[nodiscard]] std::optional<qint64> sessionId() const;

public Q_SLOTS:
    // Closing stops a search in progress first (the stop is recorded as the session's end).
    void reject() override;

Q_SIGNALS:
    void pointMarked(const galvani::app::MotorPointView& point);

private:
    // Everything the presenter decides, in the widgets: the controls that work, the amplitude, the range, the
    // delivered current, the output sign and the state line.
    void updateControls();

    presenters::MotorPointSearchPresenter* m_presenter = nullptr;
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
