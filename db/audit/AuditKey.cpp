// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/audit/AuditKey.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageAuthenticationCode>

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace galvani::db::audit {

namespace {

QString errnoText(int err)
{
    return qt_error_string(err);
}

// Creates the key file with O_EXCL and mode 0600 from the start (never a window where it is world-readable).
// Returns Conflict if another process created it first.
Status createKeyFile(const QString& path)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return storageError(QStringLiteral("cannot create the audit key folder '%1'").arg(info.absolutePath()));
    }
    if (sodium_init() < 0) {
        return storageError(QStringLiteral("libsodium failed to initialise"));
    }
    unsigned char raw[AuditKey::kKeyBytes];
    randombytes_buf(raw, sizeof raw);
    QByteArray text = QByteArray(reinterpret_cast<const char*>(raw), sizeof raw).toHex();
    sodium_memzero(raw, sizeof raw);
    text.append('\n');

    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        const int err = errno;
        sodium_memzero(text.data(), static_cast<size_t>(text.size()));
        if (err == EEXIST) {
            return DbError{DbError::Kind::Conflict, QStringLiteral("created concurrently")};
        }
        return storageError(QStringLiteral("cannot create the audit key file '%1': %2").arg(path, errnoText(err)));
    }
    const auto size = static_cast<size_t>(text.size());
    const ssize_t written = ::write(fd, text.constData(), size);
    const int syncRc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    sodium_memzero(text.data(), size);
    if (written != static_cast<ssize_t>(size) || syncRc != 0) {
        ::unlink(native.constData());
        return storageError(QStringLiteral("cannot write the audit key file '%1': %2").arg(path, errnoText(err)));
    }
    // Make the new directory entry durable too.
    const QByteArray dir = QFile::encodeName(info.absolutePath());
    const int dfd = ::open(dir.constData(), O_RDONLY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

} // namespace

AuditKey::AuditKey(QByteArray key, QString path) : m_key(std::move(key)), m_path(std::move(path))
{
}

AuditKey::~AuditKey()
{
    if (!m_key.isEmpty()) {
        sodium_memzero(m_key.data(), static_cast<size_t>(m_key.size()));
    }
}

Result<AuditKey> AuditKey::load(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st { };
    if (::lstat(native.constData(), &st) != 0) {
        return notFound(QStringLiteral("audit key file '%1': %2").arg(path, errnoText(errno)));
    }
    if (!S_ISREG(st.st_mode)) {
        return refused(QStringLiteral("audit key '%1' is not a regular file").arg(path));
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        return refused(QStringLiteral("audit key file '%1' is accessible to other users (mode %2); it must be 0600")
                           .arg(path)
                           .arg(st.st_mode & 0777, 3, 8, QLatin1Char('0')));
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return storageError(QStringLiteral("cannot read the audit key file '%1': %2").arg(path, f.errorString()));
    }
    QByteArray text = f.read(256).trimmed();
    const qsizetype hexChars = qsizetype{2} * kKeyBytes;
    const bool wellFormed = text.size() == hexChars && std::all_of(text.cbegin(), text.cend(), [](char c) {
        return std::isxdigit(static_cast<unsigned char>(c)) != 0;
    });
    QByteArray key = wellFormed ? QByteArray::fromHex(text) : QByteArray();
    sodium_memzero(text.data(), static_cast<size_t>(text.size()));
    if (!wellFormed) {
        return invalid(QStringLiteral("audit key file '%1' does not hold 64 hexadecimal characters").arg(path));
    }
    return AuditKey(std::move(key), path);
}

Result<AuditKey> AuditKey::loadOrCreate(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st { };
    if (::lstat(native.constData(), &st) != 0) {
        if (errno != ENOENT) {
            return storageError(QStringLiteral("audit key file '%1': %2").arg(path, errnoText(errno)));
        }
        const Status created = createKeyFile(path);
        if (!created.ok() && created.error().kind != DbError::Kind::Conflict) {
            return created.error();
        }
    }
    return load(path);
}

QByteArray AuditKey::mac(const QByteArray& message) const
{
    return QMessageAuthenticationCode::hash(message, m_key, QCryptographicHash::Sha256);
}

} // namespace galvani::db::audit
