// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "ui/presenters/CalibrationPolicyPresenter.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

// The clinic policies an admin may set: "require a calibration record for every channel" (app::CalibrationService;
// default off; off: a channel with no calibration on record may be used and the session plan shows a notice; on:
// such a channel is locked for therapy until a technician calibrates it) and the clinic's output limits
// (ClinicLimitsBox). A change needs a reason; the services record it in the audit trail (old value, new value,
// reason) and their messages are shown verbatim. Below them, the clinic's own presets (ClinicPresetService), read
// only: saving and retiring them is the therapists' (CLINICAL §7, programme contents), from the treatment setup.
// The panel builds and binds; presenters::CalibrationPolicyPresenter reads, words and applies.
// Thread affinity: GUI thread. Ownership: borrows the AppContext, which must outlive it.
class PolicyPanel : public QWidget {
    Q_OBJECT
public:
    PolicyPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);

    // Reads the policy again. Returns the setting in force, or nothing when it could not be read (shown).
    std::optional<bool> refresh() { return m_presenter.refresh(); }
    // Lists the clinic's presets again.
    void refreshPresets() { m_presenter.refreshPresets(); }

private:
    void apply();
    void updateApply();
    void showPolicy();
    void showPresets();

    presenters::CalibrationPolicyPresenter m_presenter;

    QLabel* m_currentLabel = nullptr;
    QCheckBox* m_require = nullptr;
    QLineEdit* m_reason = nullptr;
    QPushButton* m_apply = nullptr;
    QLabel* m_message = nullptr;
    QTableWidget* m_presets = nullptr;
    QLabel* m_presetsMessage = nullptr;
};

} // namespace galvani::ui
