// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/ClinicLimitsService.h"
#include "ui/presenters/Feedback.h"

#include <QObject>
#include <QString>

#include <optional>

namespace galvani::ui::presenters {

// The clinic's own output limits (app::ClinicLimitsService), for ClinicLimitsBox: amplitude, phase width, pulse
// rate and session length, each either off or a value within the range the standard allows. It reads the limits
// in force, says whether the limits being edited differ from them (only then is there anything to apply), and
// applies them with the reason the audit trail keeps; the service checks the grant and every range, and its
// refusals come back verbatim.
// Thread affinity: the RecordStore's thread (the GUI thread). Ownership: borrows the service, which must outlive it.
class ClinicLimitsPresenter : public QObject {
    Q_OBJECT
public:
    enum class Field { None, Reason };
    using Result = Feedback<Field>;

    ClinicLimitsPresenter(app::ClinicLimitsService& service, app::SignedInUser user, QObject* parent = nullptr);

    // Reads the limits in force again. Emits limitsChanged. Returns them, or nothing when they could not be read
    // (readError() says why).
    std::optional<app::ClinicLimits> refresh();
    [[nodiscard]] const std::optional<app::ClinicLimits>& current() const { return m_current; }
    [[nodiscard]] const QString& readError() const { return m_readError; }
    // "at most 40.0 mA, 300 µs, 80 Hz, 30 min", "none", or "unknown" when they could not be read.
    [[nodiscard]] QString currentText() const;
    // True when `edited` differs from the limits in force (and those are known).
    [[nodiscard]] bool canApply(const app::ClinicLimits& edited) const;
    // Applies `edited` with `reason`; nothing to do (kind None) when they are the limits in force.
    Result apply(const app::ClinicLimits& edited, const QString& reason);

Q_SIGNALS:
    void limitsChanged();

private:
    app::ClinicLimitsService& m_service;
    app::SignedInUser m_user;
    std::optional<app::ClinicLimits> m_current;
    QString m_readError;
};

} // namespace galvani::ui::presenters
