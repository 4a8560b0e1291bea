// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/ClinicLimitsService.h"
#include "ui/presenters/ClinicLimitsPresenter.h"

#include <QGroupBox>

#include <optional>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

// The clinic's own output limits (app::ClinicLimitsService): amplitude, phase width, pulse rate and session length,
// each either off or a value within the range the standard allows (the editors cannot go outside it; the range is
// in their tooltips and the service's message names the field). A change needs a reason and is kept in the audit
// trail; the service's refusals are shown verbatim. Every session is held to the limits in force. The box builds and
// binds; presenters::ClinicLimitsPresenter reads, compares and applies.
// Thread affinity: GUI thread. Ownership: a child widget; borrows the AppContext, which must outlive it.
class ClinicLimitsBox final : public QGroupBox {
    Q_OBJECT
public:
    ClinicLimitsBox(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);

    // Reads the limits again and shows them in the editors. Returns them, or nothing when they could not be read.
    std::optional<app::ClinicLimits> refresh() { return m_presenter.refresh(); }

private:
    [[nodiscard]] app::ClinicLimits edited() const;
    void apply();
    void updateEditors();
    void showLimits();

    presenters::ClinicLimitsPresenter m_presenter;
    QLabel* m_currentLabel = nullptr;
    QCheckBox* m_limitAmplitude = nullptr;
    QDoubleSpinBox* m_amplitudeMa = nullptr;
    QCheckBox* m_limitWidth = nullptr;
    QSpinBox* m_widthUs = nullptr;
    QCheckBox* m_limitRate = nullptr;
    QDoubleSpinBox* m_rateHz = nullptr;
    QCheckBox* m_limitMinutes = nullptr;
    QSpinBox* m_minutes = nullptr;
    QLineEdit* m_reason = nullptr;
    QPushButton* m_apply = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace galvani::ui
