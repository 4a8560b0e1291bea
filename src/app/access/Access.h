// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <array>

namespace galvani::app {

// The roles of CLINICAL.md §7. Plain value.
enum class Role { Therapist, Admin, Technician };
inline constexpr std::array kAllRoles{Role::Therapist, Role::Admin, Role::Technician};

// Everything a signed-in user can ask the app services to do. Each service method checks exactly one action
// before it touches the store; anything not granted below is refused (deny by default).
enum class Action {
    ViewPatients, // find/list patients and their identifiers
    EditPatients, // create/update patients, add notes
    ViewScreening,
    RecordScreening,
    EditPlacements, // electrode placements and motor points
    RunSession, // start, adjust, pause and stop stimulation; record outcomes
    ViewSessionHistory,
    ViewPresets,
    EditPresets, // the clinic's programme catalogue
    ViewUsers,
    ManageUsers, // create, deactivate, unlock, change roles
    ExportRecords, // any patient's sessions
    ExportOwnRecords, // the sessions the user ran (the export filter is forced to them)
    BackupStore,
    RestoreStore,
    VerifyAudit,
    SetClinicPolicy,
    Calibrate, // run and record channel calibrations, self-tests
    ViewCalibrations, // calibration state and history (no patient data)
};
inline constexpr std::array kAllActions{Action::ViewPatients, Action::EditPatients, Action::ViewScreening,
    Action::RecordScreening, Action::EditPlacements, Action::RunSession, Action::ViewSessionHistory,
    Action::ViewPresets, Action::EditPresets, Action::ViewUsers, Action::ManageUsers, Action::ExportRecords,
    Action::ExportOwnRecords, Action::BackupStore, Action::RestoreStore, Action::VerifyAudit, Action::SetClinicPolicy,
    Action::Calibrate, Action::ViewCalibrations};

[[nodiscard]] QString toString(Role role); // "therapist", "admin", "technician"
[[nodiscard]] QString toString(Action action); // "run_session", …
[[nodiscard]] bool parseRole(const QString& text, Role* role);

// The signed-in person every service call is made for. Only AuthService creates one from a successful sign-in
// (tests and the first-run path may build one directly). Plain value.
struct SignedInUser {
    qint64 id = 0;
    QString username;
    QString displayName;
    Role role = Role::Therapist;
};

// The role × action grant table of CLINICAL.md §7. Pure function; deny by default.
[[nodiscard]] bool isAllowed(Role role, Action action);

// The message a refused call carries: names the user, the role and what was refused.
[[nodiscard]] QString refusalMessage(const SignedInUser& user, Action action);

} // namespace galvani::app
