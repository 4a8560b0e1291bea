// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/ScopedTransaction.h"

#include "db/Database.h"
#include "db/sql/Query.h"

namespace galvani::db {

namespace {

// BEGIN, COMMIT or ROLLBACK; a lock held elsewhere longer than the connection waits is reported as "busy".
Status run(Database& db, const QString& statement)
{
    return sql::execRaw(db, statement);
}

} // namespace

ScopedTransaction::ScopedTransaction(Database& db) : m_db(db)
{
    if (m_db.m_txDepth > 0) {
        ++m_db.m_txDepth;
        m_began = true;
        return;
    }
    const QString begin
        = m_db.dialect() == Dialect::Sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
    m_status = run(m_db, begin);
    if (!m_status.ok()) {
        return;
    }
    m_db.m_txDepth = 1;
    m_db.m_rollbackOnly = false;
    m_began = true;
    m_outermost = true;
}

ScopedTransaction::~ScopedTransaction()
{
    if (m_began && !m_done) {
        rollback();
    }
}

Status ScopedTransaction::commit()
{
    if (!m_began) {
        return m_status.ok() ? Status(storageError(QStringLiteral("commit without a transaction"))) : m_status;
    }
    if (m_done) {
        return storageError(QStringLiteral("transaction already finished"));
    }
    m_done = true;
    if (!m_outermost) {
        --m_db.m_txDepth;
        return {};
    }
    m_db.m_txDepth = 0;
    if (m_db.m_rollbackOnly) {
        m_db.m_rollbackOnly = false;
        (void)run(m_db, QStringLiteral("ROLLBACK"));
        return storageError(QStringLiteral("transaction rolled back: a step inside it failed"));
    }
    Status s = run(m_db, QStringLiteral("COMMIT"));
    if (!s.ok()) {
        // A failed COMMIT leaves SQLite in the transaction (e.g. busy); end it so the connection is usable.
        (void)run(m_db, QStringLiteral("ROLLBACK"));
    }
    return s;
}

void ScopedTransaction::rollback()
{
    if (!m_began || m_done) {
        return;
    }
    m_done = true;
    if (!m_outermost) {
        --m_db.m_txDepth;
        m_db.m_rollbackOnly = true;
        return;
    }
    m_db.m_txDepth = 0;
    m_db.m_rollbackOnly = false;
    (void)run(m_db, QStringLiteral("ROLLBACK"));
}

} // namespace galvani::db
