// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TestStore.h"

#include "db/records/Calibration.h"
#include "db/records/Patient.h"
#include "db/records/Placement.h"
#include "db/records/Program.h"
#include "db/records/Screening.h"

namespace galvani::test {

// Valid inputs for each record family, and a store populated with one of everything through the repositories.
db::records::PatientFields samplePatient(const QString& mrn);
db::records::NewScreening sampleScreening(qint64 patientId, qint64 expiresUtcMs); // all answers "no"
db::records::PlacementFields samplePlacement(int channel);
db::records::ProgramFields sampleProgram();
db::records::NewCalibration sampleCalibration(const QString& serial, int channel, qint64 dueUtcMs);

struct ClinicalFixture {
    db::Actor therapist;
    db::Actor technician;
    qint64 patientId = 0;
    qint64 noteId = 0;
    qint64 screeningId = 0;
    qint64 placementId = 0;
    qint64 motorPointId = 0;
    qint64 programId = 0;
    qint64 calibrationId = 0;
    qint64 openSessionId = 0; // running on device "DEV-OPEN"
    qint64 closedSessionId = 0; // completed on device "DEV-1", with events and summaries
    qint64 outcomeId = 0;
};

// REQUIREs every step.
ClinicalFixture populate(TestStore& s);

} // namespace galvani::test
