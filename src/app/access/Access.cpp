// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/access/Access.h"

namespace galvani::app {

QString toString(Role role)
{
    switch (role) {
    case Role::Therapist:
        return QStringLiteral("therapist");
    case Role::Admin:
        return QStringLiteral("admin");
    case Role::Technician:
        return QStringLiteral("technician");
    }
    return QStringLiteral("unknown");
}

QString toString(Action action)
{
    switch (action) {
    case Action::ViewPatients:
        return QStringLiteral("view_patients");
    case Action::EditPatients:
        return QStringLiteral("edit_patients");
    case Action::ViewScreening:
        return QStringLiteral("view_screening");
    case Action::RecordScreening:
        return QStringLiteral("record_screening");
    case Action::EditPlacements:
        return QStringLiteral("edit_placements");
    case Action::RunSession:
        return QStringLiteral("run_session");
    case Action::ViewSessionHistory:
        return QStringLiteral("view_session_history");
    case Action::ViewPresets:
        return QStringLiteral("view_presets");
    case Action::EditPresets:
        return QStringLiteral("edit_presets");
    case Action::ViewUsers:
        return QStringLiteral("view_users");
    case Action::ManageUsers:
        return QStringLiteral("manage_users");
    case Action::ExportRecords:
        return QStringLiteral("export_records");
    case Action::ExportOwnRecords:
        return QStringLiteral("export_own_records");
    case Action::BackupStore:
        return QStringLiteral("backup_store");
    case Action::RestoreStore:
        return QStringLiteral("restore_store");
    case Action::VerifyAudit:
        return QStringLiteral("verify_audit");
    case Action::SetClinicPolicy:
        return QStringLiteral("set_clinic_policy");
    case Action::Calibrate:
        return QStringLiteral("calibrate");
    case Action::ViewCalibrations:
        return QStringLiteral("view_calibrations");
    }
    return QStringLiteral("unknown");
}

bool parseRole(const QString& text, Role* role)
{
    for (Role r : kAllRoles) {
        if (text == toString(r)) {
            *role = r;
            return true;
        }
    }
    return false;
}

bool isAllowed(Role role, Action action)
{
    // Grants only; every pair not listed is refused. Technicians see calibration data and nothing about patients;
    // admins see demographics and manage accounts, exports, backups and the audit trail but do not treat;
    // therapists treat, edit the clinic's programmes and export the sessions they ran.
    switch (role) {
    case Role::Therapist:
        switch (action) {
        case Action::ViewPatients:
        case Action::EditPatients:
        case Action::ViewScreening:
        case Action::RecordScreening:
        case Action::EditPlacements:
        case Action::RunSession:
        case Action::ViewSessionHistory:
        case Action::ViewPresets:
        case Action::EditPresets:
        case Action::ExportOwnRecords:
        case Action::ViewCalibrations:
            return true;
        default:
            return false;
        }
    case Role::Admin:
        switch (action) {
        case Action::ViewPatients: // demographics only
        case Action::ViewSessionHistory: // with demographics; outcomes withheld (SessionHistoryService)
        case Action::ViewPresets:
        case Action::ViewUsers:
        case Action::ManageUsers:
        case Action::ExportRecords:
        case Action::BackupStore:
        case Action::RestoreStore:
        case Action::VerifyAudit:
        case Action::SetClinicPolicy:
        case Action::ViewCalibrations:
            return true;
        default:
            return false;
        }
    case Role::Technician:
        switch (action) {
        case Action::Calibrate:
        case Action::ViewCalibrations:
        case Action::ViewPresets:
            return true;
        default:
            return false;
        }
    }
    return false;
}

QString refusalMessage(const SignedInUser& user, Action action)
{
    return QStringLiteral("%1 (%2) is not allowed to %3")
        .arg(user.username, toString(user.role), toString(action).replace(QLatin1Char('_'), QLatin1Char(' ')));
}

} // namespace galvani::app
