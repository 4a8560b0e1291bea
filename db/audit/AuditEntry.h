// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::db::audit {

// Action names written to audit_log.action. Stable strings: verifiers, exports and reports match on them.
namespace action {
inline constexpr char kCreate[] = "create";
inline constexpr char kUpdate[] = "update";
inline constexpr char kDelete[] = "delete";
inline constexpr char kLogin[] = "login";
inline constexpr char kLoginFailed[] = "login_failed";
inline constexpr char kAccountLocked[] = "account_locked";
inline constexpr char kAccountUnlocked[] = "account_unlocked";
inline constexpr char kPasswordChanged[] = "password_changed";
inline constexpr char kSessionStart[] = "session_start";
inline constexpr char kSessionStop[] = "session_stop";
inline constexpr char kSessionInterrupted[] = "session_interrupted";
inline constexpr char kCalibration[] = "calibration";
inline constexpr char kExport[] = "export";
inline constexpr char kBackup[] = "backup";
inline constexpr char kRestore[] = "restore";
inline constexpr char kRefused[] = "refused";
} // namespace action

// What a caller asks to record. Values are text: numbers in decimal, whole records as compact JSON.
struct AuditRecord {
    Actor actor;
    QString action; // one of audit::action
    std::optional<QString> table; // e.g. "patients"
    std::optional<qint64> recordId;
    std::optional<QString> field; // for a one-field update
    std::optional<QString> oldValue;
    std::optional<QString> newValue;
    std::optional<QString> reason;
};

// One stored audit row. Times: atUtcMs in ms since the epoch (UTC), atMonoNs monotonic ns.
// prevHash/hash/mac are lowercase hexadecimal SHA-256 / HMAC-SHA-256 values.
struct AuditEntry {
    qint64 id = 0;
    qint64 atUtcMs = 0;
    qint64 atMonoNs = 0;
    std::optional<qint64> actorId;
    QString actorName;
    QString action;
    std::optional<QString> table;
    std::optional<qint64> recordId;
    std::optional<QString> field;
    std::optional<QString> oldValue;
    std::optional<QString> newValue;
    std::optional<QString> reason;
    QByteArray prevHash;
    QByteArray hash;
    QByteArray mac;
};

} // namespace galvani::db::audit
