// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"
#include "db/Result.h"
#include "db/StoreContext.h"
#include "db/records/Outcome.h"

#include <QList>

namespace galvani::db::records {

// Outcome records. Corrections are updates with a reason, audited field by field (old and new score) in the same
// transaction. Thread affinity: the Database's thread. Ownership: borrows the context.
class OutcomeRepository {
public:
    explicit OutcomeRepository(const StoreContext& ctx);

    [[nodiscard]] Result<Outcome> record(qint64 patientId, const OutcomeFields& fields, const Actor& actor);
    [[nodiscard]] Result<Outcome> update(
        qint64 id, const OutcomeFields& fields, const Actor& actor, const std::optional<QString>& reason);
    [[nodiscard]] Result<Outcome> byId(qint64 id);
    [[nodiscard]] Result<QList<Outcome>> forPatient(qint64 patientId);

    [[nodiscard]] static Status validate(const OutcomeFields& fields);

private:
    [[nodiscard]] Status checkSessionOfPatient(const std::optional<qint64>& sessionId, qint64 patientId);
    StoreContext m_ctx;
};

} // namespace galvani::db::records
