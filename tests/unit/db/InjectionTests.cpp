// SPDX-License-Identifier: GPL-3.0-or-later
// SQL-injection payloads in every text field are stored and read back verbatim, and nothing else happens.
#include "ClinicalFixture.h"

#include "db/audit/AuditTrail.h"
#include "db/audit/AuditVerifier.h"
#include "db/records/CalibrationRepository.h"
#include "db/records/MotorPointRepository.h"
#include "db/records/OutcomeRepository.h"
#include "db/records/PatientRepository.h"
#include "db/records/PlacementRepository.h"
#include "db/records/ProgramRepository.h"
#include "db/records/ScreeningRepository.h"
#include "db/records/SessionLog.h"
#include "db/records/SessionRepository.h"
#include "db/records/UserRepository.h"

#include <catch2/catch.hpp>

#include <QJsonDocument>
#include <QJsonObject>

using namespace galvani::db;
using namespace galvani::db::records;
using galvani::test::TestStore;

TEST_CASE("injection payloads are plain text to every repository", "[db][injection]")
{
    TestStore s;
    const auto f = galvani::test::populate(s);
    const auto ctx = s.ctx();
    const qint64 later = 1'767'225'600'000 + 365LL * 24 * 3600 * 1000;
    const QStringList payloads = galvani::test::injectionPayloads();
    const auto tablesBefore
        = s.scalar(s.dialect() == Dialect::Sqlite
                   ? QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'table'")
                   : QStringLiteral(
                       "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"))
              .toInt();
    int n = 0;
    for (const QString& p : payloads) {
        INFO("payload " << p.toStdString());
        ++n;
        // Users: name, display name, and a password made of the payload.
        const QString password = p + QStringLiteral("-padding-to-length");
        const auto user = UserRepository(ctx).create(NewUser{p, p, Role::Therapist, password}, f.therapist);
        REQUIRE(user.ok());
        CHECK(UserRepository(ctx).byUsername(p)->displayName == p);
        CHECK(UserRepository(ctx).authenticate(p, password)->ok());

        // Patients and notes.
        PatientFields pf{p, p, p, QStringLiteral("1960-01-01"), p, p, p};
        const auto patient = PatientRepository(ctx).create(pf, f.therapist);
        REQUIRE(patient.ok());
        const auto readPatient = PatientRepository(ctx).byMrn(p).value();
        CHECK(readPatient.fields.familyName == p);
        CHECK(readPatient.fields.givenNames == p);
        CHECK(readPatient.fields.phone == p);
        CHECK(readPatient.fields.email == p);
        CHECK(readPatient.fields.address == p);
        CHECK(PatientRepository(ctx).search(p, std::nullopt)->size() >= 1);
        pf.phone = p + QStringLiteral("!");
        REQUIRE(PatientRepository(ctx).update(patient->id, pf, f.therapist, p).ok());
        REQUIRE(PatientRepository(ctx).addNote(NewNote{patient->id, std::nullopt, p, std::nullopt}, f.therapist).ok());
        CHECK(PatientRepository(ctx).notes(patient->id)->first().body == p);

        // Screening notes, clearance reason and item detail.
        NewScreening ns = galvani::test::sampleScreening(patient->id, later);
        ns.notes = p;
        ns.clearanceReason = p;
        ns.items.first().detail = p;
        const auto screening = ScreeningRepository(ctx).record(ns, f.therapist);
        REQUIRE(screening.ok());
        const auto readScreening = ScreeningRepository(ctx).byId(screening->id).value();
        CHECK(readScreening.notes == p);
        CHECK(readScreening.clearanceReason == p);
        bool detailFound = false;
        for (const auto& item : readScreening.items) {
            detailFound = detailFound || item.detail == p;
        }
        CHECK(detailFound);

        // Placement and motor point text.
        PlacementFields plf = galvani::test::samplePlacement(1);
        plf.leadLabel = p.left(32);
        plf.muscle = p;
        plf.landmark = p;
        plf.notes = p;
        const auto placement = PlacementRepository(ctx).record(patient->id, plf, f.therapist);
        REQUIRE(placement.ok());
        const auto readPlacement = PlacementRepository(ctx).byId(placement->id).value();
        CHECK(readPlacement.fields.leadLabel == p.left(32));
        CHECK(readPlacement.fields.muscle == p);
        CHECK(readPlacement.fields.landmark == p);
        CHECK(readPlacement.fields.notes == p);
        const auto point = MotorPointRepository(ctx).record(
            MotorPointFields{placement->id, 8'000, 200, 2'000, std::nullopt, std::nullopt, std::nullopt, p},
            f.therapist);
        REQUIRE(point.ok());
        CHECK(MotorPointRepository(ctx).byId(point->id)->fields.notes == p);

        // Programme key, name, modality, waveform, and a JSON string value.
        ProgramFields prf = galvani::test::sampleProgram();
        prf.name = p;
        prf.modality = p;
        prf.waveform = p;
        prf.parametersJson
            = QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("note"), p}}).toJson(QJsonDocument::Compact));
        const auto program = ProgramRepository(ctx).create(p, prf, f.therapist);
        REQUIRE(program.ok());
        const auto readProgram = ProgramRepository(ctx).latest(p).value();
        CHECK(readProgram.fields.name == p);
        CHECK(readProgram.fields.modality == p);
        CHECK(readProgram.fields.waveform == p);
        CHECK(readProgram.fields.parametersJson == prf.parametersJson);

        // Session identifiers, event detail, end detail, outcome notes.
        NewSession sn;
        sn.patientId = patient->id;
        sn.workstation = p;
        sn.deviceId = p;
        sn.firmware = p;
        sn.channels = {SessionChannelSpec{1, program->id, placement->id, std::nullopt, std::nullopt}};
        const auto session = SessionRepository(ctx).start(sn, f.therapist);
        REQUIRE(session.ok());
        CHECK(SessionRepository(ctx).openSessions(p)->size() == 1);
        REQUIRE(SessionLog(ctx).appendEvent(session->id, NewEvent{EventKind::Fault, 1, std::nullopt, p}).ok());
        const auto ended = SessionRepository(ctx).end(session->id, EndReason::Fault, f.therapist, p);
        REQUIRE(ended.ok());
        CHECK(ended->workstation == p);
        CHECK(ended->deviceId == p);
        CHECK(ended->firmware == p);
        const auto events = SessionLog(ctx).events(session->id).value();
        CHECK(events[1].detail == p);
        OutcomeFields of;
        of.nprsBefore = 5;
        of.notes = p;
        const auto outcome = OutcomeRepository(ctx).record(patient->id, of, f.therapist);
        REQUIRE(outcome.ok());
        CHECK(OutcomeRepository(ctx).byId(outcome->id)->fields.notes == p);

        // Calibration text.
        NewCalibration nc = galvani::test::sampleCalibration(p, 1, later);
        nc.firmware = p;
        nc.notes = p;
        nc.instruments[0].description = p;
        nc.instruments[0].serial = p;
        const auto cal = CalibrationRepository(ctx).record(nc, f.technician);
        REQUIRE(cal.ok());
        const auto readCal = CalibrationRepository(ctx).history(p, 1).value();
        REQUIRE(readCal.size() == 1);
        CHECK(readCal[0].record.firmware == p);
        CHECK(readCal[0].record.notes == p);
        CHECK(readCal[0].record.instruments[0].description == p);
        CHECK(readCal[0].record.instruments[0].serial == p);

        // The audit trail kept the payload as the reason of the patient correction.
        audit::AuditFilter af;
        af.table = QStringLiteral("patients");
        af.recordId = patient->id;
        CHECK(audit::AuditTrail(ctx).entries(af)->last().reason == p);
    }
    const auto tablesAfter
        = s.scalar(s.dialect() == Dialect::Sqlite
                   ? QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'table'")
                   : QStringLiteral(
                       "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"))
              .toInt();
    CHECK(tablesAfter == tablesBefore);
    CHECK(s.scalar(QStringLiteral("SELECT count(*) FROM patients")).toInt() == 1 + n);
    CHECK(s.scalar(QStringLiteral("SELECT count(*) FROM users")).toInt() == 2 + n);
    CHECK(audit::AuditVerifier(*s.db, *s.key).verify().ok());
}
