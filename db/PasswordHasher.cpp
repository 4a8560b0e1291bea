// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/PasswordHasher.h"

#include <sodium.h>

#include <array>
#include <mutex>

namespace galvani::db {

namespace {

bool sodiumReady()
{
    static std::once_flag once;
    static bool ready = false;
    std::call_once(once, [] { ready = sodium_init() >= 0; });
    return ready;
}

} // namespace

Status PasswordHasher::checkPolicy(const QString& password)
{
    if (password.size() < kMinLength) {
        return invalid(QStringLiteral("a password needs at least %1 characters").arg(kMinLength));
    }
    if (password.size() > kMaxLength) {
        return invalid(QStringLiteral("a password may have at most %1 characters").arg(kMaxLength));
    }
    return {};
}

Result<QString> PasswordHasher::hash(const QString& password)
{
    if (Status s = checkPolicy(password); !s.ok()) {
        return s.error();
    }
    if (!sodiumReady()) {
        return storageError(QStringLiteral("libsodium failed to initialise"));
    }
    QByteArray utf8 = password.toUtf8();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    const int rc = crypto_pwhash_str(out.data(), utf8.constData(), static_cast<unsigned long long>(utf8.size()),
        crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sodium_memzero(utf8.data(), static_cast<size_t>(utf8.size()));
    if (rc != 0) {
        return storageError(QStringLiteral("password hashing ran out of memory"));
    }
    return QString::fromLatin1(out.data());
}

bool PasswordHasher::verify(const QString& storedHash, const QString& password)
{
    if (!sodiumReady() || password.size() > kMaxLength) {
        return false;
    }
    const QByteArray stored = storedHash.toLatin1();
    if (stored.isEmpty() || stored.size() >= static_cast<qsizetype>(crypto_pwhash_STRBYTES)) {
        return false;
    }
    std::array<char, crypto_pwhash_STRBYTES> buf{};
    std::copy(stored.cbegin(), stored.cend(), buf.begin());
    QByteArray utf8 = password.toUtf8();
    const int rc = crypto_pwhash_str_verify(buf.data(), utf8.constData(), static_cast<unsigned long long>(utf8.size()));
    sodium_memzero(utf8.data(), static_cast<size_t>(utf8.size()));
    return rc == 0;
}

bool PasswordHasher::needsRehash(const QString& storedHash)
{
    if (!sodiumReady()) {
        return false;
    }
    const QByteArray stored = storedHash.toLatin1();
    if (stored.size() >= static_cast<qsizetype>(crypto_pwhash_STRBYTES)) {
        return true;
    }
    std::array<char, crypto_pwhash_STRBYTES> buf{};
    std::copy(stored.cbegin(), stored.cend(), buf.begin());
    return crypto_pwhash_str_needs_rehash(
               buf.data(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0;
}

void PasswordHasher::burnVerification(const QString& password)
{
    // A fixed hash of a random string with the current limits; verifying against it costs one full Argon2id run.
    static const QString kDummy = [] {
        const auto h = hash(QStringLiteral("galvani-dummy-password-for-timing"));
        return h.ok() ? h.value() : QString();
    }();
    (void)verify(kDummy, password);
}

} // namespace galvani::db
