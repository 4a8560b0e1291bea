// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"
#include "db/Result.h"
#include "db/StoreContext.h"
#include "db/records/Program.h"

#include <QList>

#include <optional>

namespace galvani::db::records {

// Versioned programmes. Editing saves version + 1 under the same key; retiring saves a final version marked
// retired. A session names the exact version it ran. Every version is audited in the same transaction.
// Thread affinity: the Database's thread. Ownership: borrows the context.
class ProgramRepository {
public:
    explicit ProgramRepository(const StoreContext& ctx);

    // Version 1 of a new key; Conflict if the key exists. reason, when given, goes into the audit row.
    [[nodiscard]] Result<Program> create(const QString& key, const ProgramFields& fields, const Actor& actor,
        const std::optional<QString>& reason = std::nullopt);
    [[nodiscard]] Result<Program> saveVersion(
        const QString& key, const ProgramFields& fields, const Actor& actor, const std::optional<QString>& reason);
    [[nodiscard]] Result<Program> retire(const QString& key, const Actor& actor, const std::optional<QString>& reason);
    [[nodiscard]] Result<Program> byId(qint64 id);
    [[nodiscard]] Result<Program> latest(const QString& key);
    [[nodiscard]] Result<QList<Program>> history(const QString& key);
    // The latest version of every key that is not retired, by name.
    [[nodiscard]] Result<QList<Program>> listCurrent();

    [[nodiscard]] static Status validate(const ProgramFields& fields);

private:
    [[nodiscard]] Result<Program> insert(const QString& key, int version, bool retired, const ProgramFields& fields,
        const Actor& actor, const std::optional<QString>& reason);
    StoreContext m_ctx;
};

} // namespace galvani::db::records
