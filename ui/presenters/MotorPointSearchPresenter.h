// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "app/services/MotorPointService.h"
#include "app/services/PresetService.h"
#include "app/session/SessionTypes.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace galvani::app {
class AppContext;
class SessionController;
} // namespace galvani::app

namespace galvani::ui::presenters {

// The guided motor-point search on one placement (CLINICAL §4), for MotorPointSearchDialog: an ordinary one-channel
// session of the built-in procedure "motor-point-search" on the placement's channel and site, run by the
// application's SessionController, so every interlock, the plan and its notices, ramps, STOP and the session record
// apply. It prepares the search with the probe's rate and width, starts it at the device's smallest step (the
// controller refuses a 0 mA target), moves the amplitude by 0.5 mA (or the device's coarser step) and refuses a
// step above the probe's cap (the preset's 20 mA, or the channel's lower cap from the plan) in words naming the
// field and the range; "mark" stops the output first and records the point (threshold: what the stimulator was
// last told) once the end of the session is recorded, so the two writes never meet; a failed write can be retried.
// It follows only the session it prepared itself; closing (or destroying it) stops a search in progress.
// Thread affinity: GUI thread. Ownership: borrows the context, which must outlive it. Units: µA, shown in mA.
class MotorPointSearchPresenter : public QObject {
    Q_OBJECT
public:
    enum class MessageKind { Clear, Info, Error };
    Q_ENUM(MessageKind)

    // Which of the dialog's controls work now, and the mark button's words.
    struct Controls {
        bool settingsEnabled = true; // also Prepare
        bool startAllowed = false;
        bool cancelAllowed = false;
        bool stepEnabled = false; // Up/Down keys and buttons
        bool markEnabled = false;
        QString markText;
        bool stopEnabled = false;
        bool planVisible = true; // hidden once output has started: the search controls get the room
    };

    MotorPointSearchPresenter(app::AppContext& context, app::SignedInUser user, QString patientMrn,
        app::PlacementView placement, QObject* parent = nullptr);
    ~MotorPointSearchPresenter() override;
    MotorPointSearchPresenter(const MotorPointSearchPresenter&) = delete;
    MotorPointSearchPresenter& operator=(const MotorPointSearchPresenter&) = delete;

    [[nodiscard]] static const QString& presetId();
    // The probe's rate and width with their ranges (the other values keep the preset's defaults); empty with
    // *problem set when the preset's fields cannot be read.
    [[nodiscard]] QList<app::PresetField> probeFields(QString* problem) const;
    [[nodiscard]] QString title() const; // "Channel 1: right lumbar erector spinae, prone (face down)"
    [[nodiscard]] QString howTo() const;
    [[nodiscard]] static QString settingsHint();

    [[nodiscard]] qint64 stepUa() const { return m_stepUa; }
    [[nodiscard]] qint64 presetCapUa() const { return m_presetCapUa; }
    [[nodiscard]] qint64 capUa() const { return m_capUa; }
    [[nodiscard]] qint64 setpointUa() const { return m_setpointUa; }
    [[nodiscard]] std::optional<qint64> sessionId() const { return m_sessionId; }
    [[nodiscard]] QString amplitudeText() const; // "4.5 mA"
    [[nodiscard]] QString rangeText() const; // "Search range 0–20.0 mA, steps of 0.5 mA"
    [[nodiscard]] const QString& deliveredText() const { return m_delivered; }
    [[nodiscard]] bool outputOn() const { return m_outputOn; }
    [[nodiscard]] const QString& stateText() const { return m_stateText; }
    // This search's session is preparing, ready, starting, running, paused or stopping / is running.
    [[nodiscard]] bool active() const;
    [[nodiscard]] bool running() const;
    [[nodiscard]] Controls controls() const;

    void prepare(const QList<app::ProgramSetting>& settings);
    void start();
    void cancelPlan();
    // One step up (+1) or down (−1) while running.
    void step(int direction);
    // The twitch is seen: output off, then the point recorded; or a failed write tried again.
    void markPoint();
    // Ends a search in progress without marking (`how`: "Stop search button", "dialog closed").
    void stop(const QString& how);

Q_SIGNALS:
    void message(galvani::ui::presenters::MotorPointSearchPresenter::MessageKind kind, const QString& text);
    void planShown(const galvani::app::SessionPlan& plan);
    void planCleared(const QString& placeholder);
    // Anything the dialog shows changed: the controls, amplitude, range, delivered current, output, state line.
    void changed();
    void pointMarked(const galvani::app::MotorPointView& point);

private:
    void onStateChanged(app::SessionState state);
    void onPrepared(const app::AppResult<app::SessionPlan>& plan);
    void onStarted(const app::AppResult<qint64>& sessionId);
    void onChannelStatus(const app::ChannelStatus& status);
    void onEnded(const app::SessionSummary& summary);
    void savePoint();
    void updateState();

    app::AppContext& m_context;
    app::SessionController& m_sessions;
    app::MotorPointService m_points;
    app::SignedInUser m_user;
    QString m_mrn;
    app::PlacementView m_placement;
    qint64 m_stepUa = 500;
    qint64 m_presetCapUa = 0;
    qint64 m_capUa = 0; // the smaller of the preset's cap and the channel's cap from the plan
    qint64 m_setpointUa = 0;
    // What the stimulator was last told on the searched channel (ChannelStatus::commandedUa); runs behind the
    // setpoint while the device follows quick presses. -1: no status yet.
    qint64 m_commandedUa = -1;
    double m_rateHz = 0.0; // the probe's values of the prepared session
    int m_widthUs = 0;
    bool m_ours = false; // this search prepared the controller's current session
    std::optional<qint64> m_sessionId;
    std::optional<app::MotorPointInput> m_pendingPoint; // marked, not yet recorded (a failed write can be retried)
    QString m_delivered;
    bool m_outputOn = false;
    QString m_stateText;
};

} // namespace galvani::ui::presenters
