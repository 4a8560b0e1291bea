// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/ClinicPresetService.h"
#include "ui/presenters/Feedback.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace galvani::app {
class CalibrationService;
}

namespace galvani::ui::presenters {

// The clinic policies of PolicyPanel apart from the output limits (ClinicLimitsPresenter): "require a calibration
// record for every channel" (app::CalibrationService; off: a channel with no calibration on record may be used
// and the session plan shows a notice; on: such a channel is locked for therapy until a technician calibrates it)
// and the list of the clinic's own presets (app::ClinicPresetService), read only here. A policy change needs a
// reason, which the audit trail keeps; the services' messages come back verbatim.
// Thread affinity: the RecordStore's thread (the GUI thread). Ownership: borrows the services, which must outlive
// it.
class CalibrationPolicyPresenter : public QObject {
    Q_OBJECT
public:
    enum class Field { None, Reason };
    using Result = Feedback<Field>;

    CalibrationPolicyPresenter(app::CalibrationService& calibration, app::ClinicPresetService& presets,
        app::SignedInUser user, QObject* parent = nullptr);

    // Reads the policy again. Emits policyChanged. Returns the setting in force, or nothing when it could not be
    // read (readError() says why).
    std::optional<bool> refresh();
    [[nodiscard]] const std::optional<bool>& required() const { return m_required; }
    [[nodiscard]] const QString& readError() const { return m_readError; }
    [[nodiscard]] QString currentText() const;
    [[nodiscard]] bool canApply(bool wanted) const;
    // Sets the policy to `wanted` with `reason`; nothing to do (kind None) when it is the one in force.
    Result apply(bool wanted, const QString& reason);

    // Lists the clinic's presets again. Emits presetsChanged.
    void refreshPresets();
    [[nodiscard]] static QStringList presetColumnTitles();
    [[nodiscard]] const QList<QStringList>& presetRows() const { return m_presetRows; }
    // The count of clinic presets, a note that there are none, or why they could not be listed.
    [[nodiscard]] const Result& presetsFeedback() const { return m_presetsFeedback; }

Q_SIGNALS:
    void policyChanged();
    void presetsChanged();

private:
    app::CalibrationService& m_calibration;
    app::ClinicPresetService& m_presets;
    app::SignedInUser m_user;
    std::optional<bool> m_required;
    QString m_readError;
    QList<QStringList> m_presetRows;
    Result m_presetsFeedback;
};

} // namespace galvani::ui::presenters
