// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/PatientNoteService.h"

#include "app/access/AccessGuard.h"
#include "app/services/PatientLookup.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "db/records/PatientRepository.h"

namespace galvani::app {

PatientNoteService::PatientNoteService(RecordStore& store) : m_store(store)
{
}

AppResult<PatientNoteView> PatientNoteService::add(
    const SignedInUser& user, const QString& patientMrn, const QString& body)
{
    const auto patient = detail::allowedPatient(m_store, user, Action::EditPatients, patientMrn);
    if (!patient.ok()) {
        return patient.error();
    }
    db::records::NewNote note;
    note.patientId = patient->id;
    note.body = body;
    const auto written = db::records::PatientRepository(m_store.impl().context()).addNote(note, detail::actorOf(user));
    if (!written.ok()) {
        return detail::fromDb(written.error());
    }
    const auto& n = written.value();
    return PatientNoteView{n.id, n.authorId, n.writtenUtcMs, n.body};
}

} // namespace galvani::app
