// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"

#include <QString>

namespace galvani::db {

// Password hashing with Argon2id (libsodium crypto_pwhash_str, "interactive" limits: 2 passes over 64 MiB,
// roughly 0.1–0.3 s per hash here). The stored string carries its own salt and parameters, so limits can be
// raised later: needsRehash() tells when a stored hash is weaker than today's and should be replaced at the next
// successful sign-in. Passwords are taken as UTF-8 and never stored or logged.
// Thread affinity: stateless; any thread (libsodium is initialised once, thread-safely).
class PasswordHasher {
public:
    static constexpr int kMinLength = 10; // characters (clinic policy floor; NIST SP 800-63B asks ≥ 8)
    static constexpr int kMaxLength = 1024; // characters; bounds the work an attacker can request

    // Checks length rules; returns Invalid with the rule broken.
    [[nodiscard]] static Status checkPolicy(const QString& password);
    [[nodiscard]] static Result<QString> hash(const QString& password);
    // False for a wrong password or a malformed stored hash.
    [[nodiscard]] static bool verify(const QString& storedHash, const QString& password);
    [[nodiscard]] static bool needsRehash(const QString& storedHash);
    // Spends the time of one verification without a stored hash, so a sign-in for an unknown user name takes as
    // long as one for a known user (no user enumeration by timing).
    static void burnVerification(const QString& password);
};

} // namespace galvani::db
