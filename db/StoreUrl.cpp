// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/StoreUrl.h"

#include <QDir>
#include <QRegularExpression>
#include <QUrl>

namespace galvani::db {

QString StoreUrl::toUrl() const
{
    if (kind == Kind::Sqlite) {
        return vfs.isEmpty() ? QStringLiteral("sqlite:") + path : QStringLiteral("sqlite:%1?vfs=%2").arg(path, vfs);
    }
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host, QString::number(port), database);
}

std::variant<StoreUrl, StoreUrlError> parseStoreUrl(const QString& url)
{
    const QString sqlitePrefix = QStringLiteral("sqlite:");
    if (url.startsWith(sqlitePrefix)) {
        QString path = url.mid(sqlitePrefix.size());
        if (path.startsWith(QStringLiteral("//"))) {
            path = path.mid(2); // sqlite:///abs/path
        }
        if (path.isEmpty()) {
            return StoreUrlError{
                QStringLiteral("store URL '%1' names no file; expected sqlite:/path/to/file").arg(url)};
        }
        if (path.contains(QChar(u'\0'))) {
            return StoreUrlError{QStringLiteral("store URL path contains a NUL character")};
        }
        StoreUrl s;
        s.kind = StoreUrl::Kind::Sqlite;
        static const QRegularExpression vfsSuffix(QStringLiteral("\\?vfs=([A-Za-z0-9_-]+)$"));
        if (const auto m = vfsSuffix.match(path); m.hasMatch()) {
            s.vfs = m.captured(1);
            path.chop(m.capturedLength(0));
            if (path.isEmpty()) {
                return StoreUrlError{
                    QStringLiteral("store URL '%1' names no file; expected sqlite:/path/to/file").arg(url)};
            }
        }
        s.path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
        return s;
    }
    if (url.startsWith(QStringLiteral("postgresql://")) || url.startsWith(QStringLiteral("postgres://"))) {
        const QUrl u(url, QUrl::StrictMode);
        if (!u.isValid()) {
            return StoreUrlError{QStringLiteral("store URL '%1' is not a valid URL: %2").arg(url, u.errorString())};
        }
        StoreUrl s;
        s.kind = StoreUrl::Kind::Postgresql;
        s.user = u.userName();
        s.host = u.host();
        s.port = u.port(5432);
        s.database = u.path().mid(1);
        if (s.host.isEmpty()) {
            return StoreUrlError{
                QStringLiteral("store URL '%1' names no host; expected postgresql://user@host/db").arg(url)};
        }
        if (s.database.isEmpty() || s.database.contains(QChar(u'/'))) {
            return StoreUrlError{
                QStringLiteral("store URL '%1' must name exactly one database after the host, e.g. /galvani").arg(url)};
        }
        if (s.port < 1 || s.port > 65535) {
            return StoreUrlError{QStringLiteral("store URL port %1 is outside 1–65535").arg(s.port)};
        }
        return s;
    }
    return StoreUrlError{
        QStringLiteral("store URL '%1' has an unsupported scheme; use sqlite:PATH or postgresql://user@host/db")
            .arg(url)};
}

} // namespace galvani::db
