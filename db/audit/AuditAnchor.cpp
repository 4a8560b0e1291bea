// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/audit/AuditAnchor.h"

#include "db/audit/AuditChain.h"
#include "db/audit/AuditKey.h"

#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

namespace galvani::db::audit {

namespace {

QByteArray anchorMac(qint64 id, const QByteArray& hashHex, const AuditKey& key)
{
    return key.mac(QByteArray("galvani-audit-anchor|") + QByteArray::number(id) + '|' + hashHex).toHex();
}

} // namespace

AuditAnchor AuditAnchor::make(qint64 id, const QByteArray& hashHex, const AuditKey& key)
{
    return AuditAnchor{id, hashHex, anchorMac(id, hashHex, key)};
}

bool AuditAnchor::authentic(const AuditKey& key) const
{
    return chain::sameHex(mac, anchorMac(id, hash, key));
}

QString AuditAnchor::toText() const
{
    return QStringLiteral("galvani-audit-anchor v1 id=%1 hash=%2 mac=%3\n")
        .arg(id)
        .arg(QString::fromLatin1(hash), QString::fromLatin1(mac));
}

std::optional<AuditAnchor> AuditAnchor::parse(const QString& text)
{
    static const QRegularExpression kLine(
        QStringLiteral("^galvani-audit-anchor v1 id=(\\d{1,18}) hash=([0-9a-f]{64}) mac=([0-9a-f]{64})$"));
    const auto m = kLine.match(text.trimmed());
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    return AuditAnchor{m.captured(1).toLongLong(), m.captured(2).toLatin1(), m.captured(3).toLatin1()};
}

Status writeAnchorFile(const AuditAnchor& anchor, const QString& path)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return storageError(QStringLiteral("cannot write the audit anchor '%1': %2").arg(path, f.errorString()));
    }
    f.write(anchor.toText().toLatin1());
    if (!f.commit()) {
        return storageError(QStringLiteral("cannot write the audit anchor '%1': %2").arg(path, f.errorString()));
    }
    return {};
}

Result<AuditAnchor> readAnchorFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return notFound(QStringLiteral("cannot read the audit anchor '%1': %2").arg(path, f.errorString()));
    }
    const auto anchor = AuditAnchor::parse(QString::fromLatin1(f.read(1024)));
    if (!anchor) {
        return invalid(QStringLiteral("'%1' is not an audit anchor").arg(path));
    }
    return *anchor;
}

} // namespace galvani::db::audit
