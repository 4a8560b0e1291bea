// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/session/SessionTypes.h"

#include <QFrame>
#include <QString>

class QLabel;
class QPushButton;

namespace galvani::ui::session {
class IconLabel;
}

namespace galvani::ui {

// One channel of the run screen, readable from the treatment table: the channel number and placement site, the
// setpoint in large digits (mA), the current the device reports — "delivered" when it measures, "commanded" when
// it does not — the ramp state, the contraction phase for on/off presets, the electrode status (text and icon,
// never colour alone) and −/+ buttons in 0.1 and 0.5 mA steps (or the device's coarser step). The strip only asks:
// amplitudeStepRequested() goes to the run screen, which sends an absolute target to SessionController::setAmplitude. A
// selected strip (keys 1–8 or a click) is framed and says "selected". Thread affinity: GUI thread. Ownership: a child
// widget of the run screen. Units: µA in, mA shown.
class ChannelStrip final : public QFrame {
    Q_OBJECT
public:
    // fineUa / coarseUa: the steps of the ± buttons (0.1 and 0.5 mA, or the device's coarser step; when both are
    // the same only one pair of buttons is shown).
    ChannelStrip(int channel, const QString& siteId, bool deviceMeasures, qint64 fineUa = 100, qint64 coarseUa = 500,
        QWidget* parent = nullptr);

    [[nodiscard]] int channel() const { return m_channel; }
    void setStatus(const app::ChannelStatus& status);
    [[nodiscard]] const app::ChannelStatus& status() const { return m_status; }
    // The setpoint as last set, before the next status report arrives (µA).
    void setSetpoint(qint64 setpointUa);
    void setCapUa(qint64 capUa) { m_capUa = capUa; }
    [[nodiscard]] qint64 capUa() const { return m_capUa; }
    void setSelected(bool selected);
    [[nodiscard]] bool isSelected() const { return m_selected; }
    // Whether the ± buttons work (only while the session runs).
    void setAdjustable(bool adjustable);
    // "Contraction: on (6 s)" / "Rest (12 s)"; empty hides the line (continuous presets).
    void setPhase(const QString& phase);
    // "Paused: output off", "Stopped"; shown in place of the ramp state when not empty.
    void setOverride(const QString& text);

Q_SIGNALS:
    void amplitudeStepRequested(int channel, qint64 deltaUa);
    void selectRequested(int channel);

protected:
    void mousePressEvent(QMouseEvent* event) override;

private:
    void refresh();
    void updateFrame();

    int m_channel;
    bool m_measures;
    qint64 m_fineUa;
    qint64 m_coarseUa;
    bool m_selected = false;
    qint64 m_capUa = 0;
    QString m_override;
    QString m_style;
    app::ChannelStatus m_status;
    QLabel* m_title = nullptr;
    QLabel* m_site = nullptr;
    QLabel* m_setpoint = nullptr;
    QLabel* m_current = nullptr;
    QLabel* m_ramp = nullptr;
    QLabel* m_phase = nullptr;
    session::IconLabel* m_electrode = nullptr;
    QPushButton* m_down05 = nullptr;
    QPushButton* m_down01 = nullptr;
    QPushButton* m_up01 = nullptr;
    QPushButton* m_up05 = nullptr;
};

} // namespace galvani::ui
