// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/audit/AuditEntry.h"

#include <QByteArray>

namespace galvani::db::audit {

class AuditKey;

// The audit chain's arithmetic, shared by the writer and the verifier. Pure functions; thread-safe.
//   h_0 = 32 zero bytes;  h_i = SHA-256(h_{i-1} ‖ canonical(entry_i));  mac_i = HMAC-SHA-256(key, h_i)
// canonical() covers every recorded field except the id and the hash columns, each length-prefixed so that no two
// different entries serialise alike (a NULL is distinct from an empty string). The order of rows is bound by
// the chain itself; ids are checked separately for gaps.
namespace chain {

// Hex of h_0.
[[nodiscard]] QByteArray genesisHash();
[[nodiscard]] QByteArray canonical(const AuditEntry& e);
// Hex SHA-256 of the raw previous hash followed by the canonical bytes.
[[nodiscard]] QByteArray link(const QByteArray& prevHashHex, const QByteArray& canonicalBytes);
// Hex HMAC of a row hash.
[[nodiscard]] QByteArray rowMac(const AuditKey& key, const QByteArray& hashHex);
// Constant-time comparison of two hex strings.
[[nodiscard]] bool sameHex(const QByteArray& a, const QByteArray& b);

} // namespace chain
} // namespace galvani::db::audit
