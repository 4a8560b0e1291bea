// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"
#include "db/Result.h"
#include "db/StoreContext.h"
#include "db/records/Patient.h"

#include <QList>

namespace galvani::db::records {

// Patients and their notes. Every create, update (one audit row per changed field, old and new value) and delete
// is audited in the same transaction. Delete succeeds only for a patient with no other records (a typo caught at
// once); anything with sessions, notes or screenings is kept for good. Notes are append-only.
// Thread affinity: the Database's thread. Ownership: borrows the context.
class PatientRepository {
public:
    explicit PatientRepository(const StoreContext& ctx);

    [[nodiscard]] Result<Patient> create(const PatientFields& fields, const Actor& actor);
    [[nodiscard]] Result<Patient> update(
        qint64 id, const PatientFields& fields, const Actor& actor, const std::optional<QString>& reason);
    [[nodiscard]] Status remove(qint64 id, const Actor& actor, const std::optional<QString>& reason);
    [[nodiscard]] Result<Patient> byId(qint64 id);
    [[nodiscard]] Result<Patient> byMrn(const QString& mrn);
    // Family or given name containing `name` (case-insensitive), optionally with an exact birth date.
    [[nodiscard]] Result<QList<Patient>> search(
        const QString& name, const std::optional<QString>& birthDate, int limit = 100);

    [[nodiscard]] Result<PatientNote> addNote(const NewNote& note, const Actor& actor);
    [[nodiscard]] Result<QList<PatientNote>> notes(qint64 patientId);

private:
    [[nodiscard]] Status validate(const PatientFields& f) const;
    StoreContext m_ctx;
};

} // namespace galvani::db::records
