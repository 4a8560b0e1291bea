// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"
#include "db/Result.h"
#include "db/StoreContext.h"
#include "db/records/Screening.h"

#include <QList>

namespace galvani::db::records {

// Contraindication screenings (CLINICAL.md §3). A screening is signed once and never changes: a change in the
// patient's health is a new screening. The outcome is derived here from the answers; a checklist that is incomplete
// or inconsistent is refused. Recording is audited (the whole screening as JSON) in the same transaction.
// Thread affinity: the Database's thread. Ownership: borrows the context.
class ScreeningRepository {
public:
    explicit ScreeningRepository(const StoreContext& ctx);

    [[nodiscard]] Result<Screening> record(const NewScreening& screening, const Actor& actor);
    [[nodiscard]] Result<Screening> byId(qint64 id);
    // The most recent screening of a patient (whatever its outcome), or NotFound.
    [[nodiscard]] Result<Screening> latest(qint64 patientId);
    [[nodiscard]] Result<QList<Screening>> history(qint64 patientId);

private:
    [[nodiscard]] Status loadItems(Screening& s);
    StoreContext m_ctx;
};

} // namespace galvani::db::records
