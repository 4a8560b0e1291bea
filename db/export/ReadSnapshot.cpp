// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/export/ReadSnapshot.h"

#include "db/Database.h"
#include "db/sql/Query.h"

namespace galvani::db::exp {

ReadSnapshot::ReadSnapshot(Database& db) : m_db(db)
{
    if (m_db.inTransaction()) {
        return;
    }
    m_status = sql::execRaw(m_db,
        m_db.dialect() == Dialect::Sqlite
            ? QStringLiteral("BEGIN DEFERRED")
            : QStringLiteral("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
    m_open = m_status.ok();
}

ReadSnapshot::~ReadSnapshot()
{
    if (m_open) {
        (void)sql::execRaw(m_db, QStringLiteral("ROLLBACK"));
    }
}

Status ReadSnapshot::end()
{
    if (!m_open) {
        return {};
    }
    m_open = false;
    return sql::execRaw(m_db, QStringLiteral("COMMIT"));
}

} // namespace galvani::db::exp
