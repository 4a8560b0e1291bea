// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/PresetService.h"
#include "app/session/SessionTypes.h"

#include <QList>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QFrame;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {
class PresetSettingsEditor;
namespace presenters {
class SessionSetupPresenter;
}
namespace session {
class ClinicPresetBox;
}
} // namespace galvani::ui

namespace galvani::ui::session {

class ChannelSetupRow;
class PlanView;
class StatusMessage;

// Stage 1 of a treatment: the form a SessionRequest is made from (preset, device URL, one row per channel with a
// current placement, duration, NPRS before) with the Prepare button and the place where a refusal is shown
// verbatim, and beside it the PlanView with Start. Everything typed stays as it was when a prepare is refused.
// Presets are listed against the device the URL names (PresetService::deviceCaps), before connecting. What the
// page shows and allows comes from its presenters::SessionSetupPresenter; the page builds and fills its widgets.
// Thread affinity: GUI thread. Ownership: a child widget; borrows the AppContext, which must outlive it.
class SessionSetupPage final : public QWidget {
    Q_OBJECT
public:
    SessionSetupPage(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);
    ~SessionSetupPage() override;

    // Loads the channels (current placements) and the screening state of this patient; "" = none.
    void loadPatient(const QString& mrn);
    [[nodiscard]] QString patientMrn() const;
    // The request the form describes, or nullopt with *problem saying what is missing (no patient, no channel).
    [[nodiscard]] std::optional<app::SessionRequest> request(QString* problem) const;
    // The controller's state decides what can be edited and which buttons work. `ours`: the controller's session
    // was prepared from this page; another view's session (a motor-point search) never enables Start or Cancel.
    void setState(app::SessionState state, bool ours = true);
    // A refusal, verbatim; rows the message names ("channel N") are marked too.
    void showRefusal(const QString& message);
    void showProgress(const QString& message);
    void showInfo(const QString& message);
    void clearMessage();
    [[nodiscard]] PlanView* planView() const { return m_plan; }

Q_SIGNALS:
    void prepareRequested();

private:
    void reloadPresets(const QString& select = QString(), bool force = false);
    void presetChosen();
    void showChoice(); // the presenter's chosen preset in the form
    void applyLimits();
    void applyState(); // the presenter's state: what can be edited, which buttons work
    void updateButtons();

    presenters::SessionSetupPresenter* m_presenter = nullptr;

    QComboBox* m_preset = nullptr;
    QLabel* m_presetSummary = nullptr;
    PresetSettingsEditor* m_settings = nullptr;
    ClinicPresetBox* m_clinicPresets = nullptr; // only for a role that may edit presets
    QLineEdit* m_deviceUrl = nullptr;
    QLabel* m_deviceProblem = nullptr;
    QLabel* m_screening = nullptr;
    QLabel* m_noChannels = nullptr;
    QWidget* m_channelBox = nullptr;
    QGridLayout* m_channelGrid = nullptr;
    std::vector<std::unique_ptr<ChannelSetupRow>> m_rows;
    QSpinBox* m_duration = nullptr;
    QLabel* m_advised = nullptr;
    QSpinBox* m_nprsBefore = nullptr;
    QPushButton* m_prepare = nullptr;
    StatusMessage* m_message = nullptr;
    PlanView* m_plan = nullptr;
};

} // namespace galvani::ui::session
