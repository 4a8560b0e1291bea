// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::db::audit {

class AuditKey;

// The position of the audit chain's tail (last id and its hash) at some moment, MACed with the audit key.
// Exported outside the store (a file on other media, a printout, a second workstation), it lets a verifier see
// that rows were cut off the end, which the chain alone cannot show.
// Text form, one line: "galvani-audit-anchor v1 id=<n> hash=<64 hex> mac=<64 hex>". Plain value.
struct AuditAnchor {
    qint64 id = 0; // 0: the chain was empty
    QByteArray hash; // hex hash of row `id` (the genesis hash when id is 0)
    QByteArray mac; // hex HMAC over id and hash

    [[nodiscard]] static AuditAnchor make(qint64 id, const QByteArray& hashHex, const AuditKey& key);
    [[nodiscard]] bool authentic(const AuditKey& key) const;
    [[nodiscard]] QString toText() const;
    [[nodiscard]] static std::optional<AuditAnchor> parse(const QString& text);
};

// Writes an anchor file atomically (temporary file, flush, rename).
[[nodiscard]] Status writeAnchorFile(const AuditAnchor& anchor, const QString& path);
[[nodiscard]] Result<AuditAnchor> readAnchorFile(const QString& path);

} // namespace galvani::db::audit
