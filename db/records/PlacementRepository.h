// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"
#include "db/Result.h"
#include "db/StoreContext.h"
#include "db/records/Placement.h"

#include <QList>

namespace galvani::db::records {

// Electrode placements. Append-only versions (the database refuses UPDATE and DELETE), so a past session always
// points at the placement exactly as it was. current() lists a patient's versions that are neither superseded nor
// retired. Every record, revision and retirement is audited in the same transaction.
// Thread affinity: the Database's thread. Ownership: borrows the context.
class PlacementRepository {
public:
    static constexpr int kMaxNotesChars = 250;
    static constexpr qsizetype kMaxPhotoBytes = qsizetype{8} * 1024 * 1024;

    explicit PlacementRepository(const StoreContext& ctx);

    [[nodiscard]] Result<Placement> record(qint64 patientId, const PlacementFields& fields, const Actor& actor);
    // Records a new version of a current placement.
    [[nodiscard]] Result<Placement> revise(
        qint64 placementId, const PlacementFields& fields, const Actor& actor, const std::optional<QString>& reason);
    // Takes a current placement out of use (a final version with retired = true).
    [[nodiscard]] Result<Placement> retire(
        qint64 placementId, const Actor& actor, const std::optional<QString>& reason);
    [[nodiscard]] Result<Placement> byId(qint64 id);
    [[nodiscard]] Result<QList<Placement>> current(qint64 patientId);
    // The versions leading to `placementId`, oldest first.
    [[nodiscard]] Result<QList<Placement>> history(qint64 placementId);

    [[nodiscard]] static Status validate(const PlacementFields& fields);

private:
    [[nodiscard]] Result<Placement> insert(qint64 patientId, std::optional<qint64> supersedes, bool retired,
        const PlacementFields& fields, const Actor& actor, const std::optional<QString>& reason);

    StoreContext m_ctx;
};

} // namespace galvani::db::records
