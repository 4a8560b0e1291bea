// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/audit/AuditChain.h"

#include "db/audit/AuditKey.h"

#include <QCryptographicHash>

namespace galvani::db::audit::chain {

namespace {

void putInt(QByteArray& out, qint64 v)
{
    out.append('I').append(QByteArray::number(v)).append(';');
}

void putInt(QByteArray& out, const std::optional<qint64>& v)
{
    if (v) {
        putInt(out, *v);
    } else {
        out.append('N');
    }
}

void putText(QByteArray& out, const QString& s)
{
    const QByteArray utf8 = s.toUtf8();
    out.append('S').append(QByteArray::number(utf8.size())).append(':').append(utf8);
}

void putText(QByteArray& out, const std::optional<QString>& s)
{
    if (s) {
        putText(out, *s);
    } else {
        out.append('N');
    }
}

} // namespace

QByteArray genesisHash()
{
    return QByteArray(64, '0');
}

QByteArray canonical(const AuditEntry& e)
{
    QByteArray out("galvani-audit-v1|");
    putInt(out, e.atUtcMs);
    putInt(out, e.atMonoNs);
    putInt(out, e.actorId);
    putText(out, e.actorName);
    putText(out, e.action);
    putText(out, e.table);
    putInt(out, e.recordId);
    putText(out, e.field);
    putText(out, e.oldValue);
    putText(out, e.newValue);
    putText(out, e.reason);
    return out;
}

QByteArray link(const QByteArray& prevHashHex, const QByteArray& canonicalBytes)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArray::fromHex(prevHashHex));
    h.addData(canonicalBytes);
    return h.result().toHex();
}

QByteArray rowMac(const AuditKey& key, const QByteArray& hashHex)
{
    return key.mac(QByteArray("galvani-audit-row|") + hashHex).toHex();
}

bool sameHex(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size()) {
        return false;
    }
    // No early exit, so timing does not reveal how much of a MAC matched.
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        diff = static_cast<unsigned char>(diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
    }
    return diff == 0;
}

} // namespace galvani::db::audit::chain
