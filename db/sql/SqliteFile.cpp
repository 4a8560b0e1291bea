// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/sql/SqliteFile.h"

#include "db/Database.h"
#include "db/sql/Query.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace galvani::db::sql {

Status checkIntegrity(Database& db)
{
    {
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("PRAGMA integrity_check"))) {
            return storageError(QStringLiteral("integrity check could not run on %1").arg(db.url().toUrl()));
        }
        QStringList problems;
        while (q.next()) {
            const QString line = q.value(0).toString();
            if (line != QLatin1String("ok")) {
                problems.append(line);
            }
        }
        if (!problems.isEmpty()) {
            return storageError(QStringLiteral("integrity check failed on %1: %2")
                                    .arg(db.url().toUrl(), problems.mid(0, 5).join(QStringLiteral("; "))));
        }
    }
    QSqlQuery fk(db.connection());
    fk.setForwardOnly(true);
    if (!fk.exec(QStringLiteral("PRAGMA foreign_key_check"))) {
        return storageError(QStringLiteral("foreign key check could not run on %1").arg(db.url().toUrl()));
    }
    if (fk.next()) {
        return storageError(QStringLiteral("foreign key check failed on %1: table %2 row %3 points nowhere")
                                .arg(db.url().toUrl(), fk.value(0).toString(), fk.value(1).toString()));
    }
    return {};
}

Status vacuumInto(Database& db, const QString& path)
{
    if (QFileInfo::exists(path)) {
        return DbError{DbError::Kind::Conflict, QStringLiteral("backup file '%1' already exists").arg(path)};
    }
    Query q(db, QStringLiteral("VACUUM INTO :path"));
    q.bind(QStringLiteral(":path"), path);
    if (Status s = q.exec(QStringLiteral("copy the store to '%1'").arg(path)); !s.ok()) {
        return s;
    }
    q.finish();
    return fsyncPath(path);
}

Status fsyncPath(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return storageError(QStringLiteral("cannot open '%1' to flush it: %2").arg(path, qt_error_string(errno)));
    }
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) {
        return storageError(QStringLiteral("cannot flush '%1': %2").arg(path, qt_error_string(err)));
    }
    return {};
}

Status atomicReplace(const QString& from, const QString& to)
{
    const QByteArray a = QFile::encodeName(from);
    const QByteArray b = QFile::encodeName(to);
    if (::rename(a.constData(), b.constData()) != 0) {
        return storageError(QStringLiteral("cannot rename '%1' to '%2': %3").arg(from, to, qt_error_string(errno)));
    }
    return fsyncPath(QFileInfo(to).absolutePath());
}

Status copyFileDurably(const QString& from, const QString& to)
{
    if (QFileInfo::exists(to)) {
        return DbError{DbError::Kind::Conflict, QStringLiteral("'%1' already exists").arg(to)};
    }
    if (!QFile::copy(from, to)) {
        return storageError(QStringLiteral("cannot copy '%1' to '%2'").arg(from, to));
    }
    // QFile::copy keeps the source's permissions; records are private to the service account.
    QFile::setPermissions(to, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return fsyncPath(to);
}

Result<int> sqliteUserVersion(Database& db)
{
    const Result<QVariant> v = scalar(db, QStringLiteral("PRAGMA user_version"));
    if (!v.ok()) {
        return v.error();
    }
    return v.value().toInt();
}

} // namespace galvani::db::sql
