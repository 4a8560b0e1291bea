// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"

#include <QByteArray>
#include <QString>

namespace galvani::db::audit {

// The secret that MACs every audit row (HMAC-SHA-256). It lives in a file OUTSIDE the record store, so someone
// who can rewrite the database (and recompute the plain hash chain) still cannot produce valid MACs.
// File format: 64 hexadecimal characters (256 bits) and a newline; mode 0600. A key file that others can read or
// write is refused. Keep a copy of the key with the backups: without it, old audit rows can still be checked
// for chain breaks but not for forgery.
// Thread affinity: immutable after loading; any thread. Ownership: owns the key bytes and wipes them on destruction.
class AuditKey {
public:
    static constexpr int kKeyBytes = 32;

    // Loads the key, creating the file (and its folder, mode 0700) with a fresh random key if it does not exist.
    [[nodiscard]] static Result<AuditKey> loadOrCreate(const QString& path);
    // Loads an existing key; never creates one (verification of a store from elsewhere).
    [[nodiscard]] static Result<AuditKey> load(const QString& path);

    AuditKey(const AuditKey& other) = default;
    AuditKey& operator=(const AuditKey& other) = default;
    AuditKey(AuditKey&& other) noexcept = default;
    AuditKey& operator=(AuditKey&& other) noexcept = default;
    ~AuditKey();

    // HMAC-SHA-256 of message under this key (32 raw bytes).
    [[nodiscard]] QByteArray mac(const QByteArray& message) const;
    [[nodiscard]] const QString& path() const { return m_path; }

private:
    AuditKey(QByteArray key, QString path);
    QByteArray m_key;
    QString m_path;
};

} // namespace galvani::db::audit
