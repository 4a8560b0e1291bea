// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace galvani::badinput {

// What a SQLite record store holds, for "zero partial writes": per table its row count and a SHA-256 over every
// row (ordered by rowid, every column), read through a read-only connection of its own.
// Two things a refused command may legitimately leave behind are set apart rather than hashed:
//  - the audit rows whose action is in `auditedByDesign` (e.g. "login": a command signs in before its values
//    reach the service; "login_failed": a refused sign-in is audited on purpose) — counted per action instead;
//  - users.updated_utc_ms, which every successful sign-in sets.
// Everything else must be byte-for-byte unchanged after a refusal.
// Thread affinity: the calling thread. Ownership: values.
struct StoreSnapshot {
    QMap<QString, qint64> rows; // table → row count (audit_log without the rows set apart)
    QMap<QString, QByteArray> hashes; // table → SHA-256 of its rows
    QMap<QString, qint64> setApart; // audit action → rows

    [[nodiscard]] static StoreSnapshot take(const QString& sqlitePath, const QSet<QString>& auditedByDesign);
    [[nodiscard]] bool operator==(const StoreSnapshot& other) const
    {
        return rows == other.rows && hashes == other.hashes;
    }
    // The tables whose rows or content differ, e.g. "patients (rows 3 → 4)".
    [[nodiscard]] QStringList differences(const StoreSnapshot& after) const;
    // Audit rows set apart that `after` added, summed over the actions.
    [[nodiscard]] qint64 setApartAdded(const StoreSnapshot& after) const;
};

} // namespace galvani::badinput
