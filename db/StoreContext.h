// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace galvani::core {
class Clock;
}

namespace galvani::db {

class Database;
namespace audit {
class AuditKey;
}

// What every repository needs: the connection, the clock that stamps records, and the key that MACs audit rows.
// Non-owning bundle of references; the composition root (or a test) owns the three and keeps them alive as long
// as any repository built from the context. Thread affinity: the Database's thread.
struct StoreContext {
    Database& db;
    const core::Clock& clock;
    const audit::AuditKey& auditKey;
};

} // namespace galvani::db
