// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::db::records {

// What clinic staff enter and may correct. A patient is identified twice over (CLINICAL.md §5): by the MRN and
// by name + date of birth, both shown on the run screen. Plain value.
struct PatientFields {
    QString mrn; // medical record number, unique, 1–64 characters
    QString familyName;
    QString givenNames;
    QString birthDate; // calendar date "YYYY-MM-DD"
    QString phone;
    QString email;
    QString address;
};

// A stored patient. pseudonym is a random identifier used instead of name and MRN in exports (FHIR, CSV).
// Times in UTC ms.
struct Patient {
    qint64 id = 0;
    QString pseudonym;
    PatientFields fields;
    qint64 createdBy = 0;
    qint64 createdUtcMs = 0;
    qint64 updatedUtcMs = 0;
};

// A clinical note. Append-only: a correction is a new note naming the one it corrects.
struct NewNote {
    qint64 patientId = 0;
    std::optional<qint64> sessionId;
    QString body; // 1–4000 characters
    std::optional<qint64> correctsNoteId;
};

struct PatientNote {
    qint64 id = 0;
    qint64 patientId = 0;
    std::optional<qint64> sessionId;
    qint64 authorId = 0;
    qint64 writtenUtcMs = 0;
    QString body;
    std::optional<qint64> correctsNoteId;
};

} // namespace galvani::db::records
