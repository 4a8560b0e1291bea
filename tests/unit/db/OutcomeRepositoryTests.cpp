// SPDX-License-Identifier: GPL-3.0-or-later
// Outcome measures: ranges, links to the patient's own sessions, audited corrections.
#include "ClinicalFixture.h"

#include "db/audit/AuditTrail.h"
#include "db/records/OutcomeRepository.h"
#include "db/records/PatientRepository.h"

#include <catch2/catch.hpp>

using namespace galvani::db;
using namespace galvani::db::records;
using galvani::test::TestStore;

TEST_CASE("an outcome round-trips and a correction is audited per score", "[db][outcomes]")
{
    TestStore s;
    const auto f = galvani::test::populate(s);
    OutcomeRepository repo(s.ctx());
    OutcomeFields baseline;
    baseline.ndiRaw = 22;
    baseline.odiPercent = 38;
    baseline.notes = QStringLiteral("baseline questionnaires");
    const auto stored = repo.record(f.patientId, baseline, f.therapist);
    REQUIRE(stored.ok());
    const auto read = repo.byId(stored->id).value();
    CHECK(read.patientId == f.patientId);
    CHECK_FALSE(read.fields.sessionId.has_value());
    CHECK_FALSE(read.fields.nprsBefore.has_value());
    CHECK(read.fields.ndiRaw == 22);
    CHECK(read.fields.odiPercent == 38);
    CHECK(read.fields.notes == QStringLiteral("baseline questionnaires"));
    CHECK(read.recordedBy == *f.therapist.userId);

    const auto withSession = repo.byId(f.outcomeId).value();
    CHECK(withSession.fields.sessionId == f.closedSessionId);
    CHECK(withSession.fields.nprsBefore == 7);
    CHECK(withSession.fields.nprsAfter == 4);

    OutcomeFields fixed = withSession.fields;
    fixed.nprsAfter = 3;
    CHECK_FALSE(repo.update(f.outcomeId, fixed, f.therapist, std::nullopt).ok());
    const auto updated = repo.update(f.outcomeId, fixed, f.therapist, QStringLiteral("patient re-rated"));
    REQUIRE(updated.ok());
    CHECK(updated->fields.nprsAfter == 3);
    audit::AuditFilter af;
    af.table = QStringLiteral("outcomes");
    af.recordId = f.outcomeId;
    const auto rows = audit::AuditTrail(s.ctx()).entries(af).value();
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].field == QStringLiteral("nprs_after"));
    CHECK(rows[1].oldValue == QStringLiteral("4"));
    CHECK(rows[1].newValue == QStringLiteral("3"));
    CHECK(repo.forPatient(f.patientId)->size() == 2);
}

TEST_CASE("outcome scores are range-checked and tied to the patient's own sessions", "[db][outcomes]")
{
    TestStore s;
    const auto f = galvani::test::populate(s);
    OutcomeRepository repo(s.ctx());
    auto refused = [&](OutcomeFields o, qint64 patient) {
        const auto r = repo.record(patient, o, f.therapist);
        return !r.ok() && r.error().kind == DbError::Kind::Invalid;
    };
    OutcomeFields o;
    CHECK(refused(o, f.patientId)); // no score at all
    o.nprsBefore = 11;
    CHECK(refused(o, f.patientId));
    o.nprsBefore = -1;
    CHECK(refused(o, f.patientId));
    o = OutcomeFields{};
    o.ndiRaw = 51;
    CHECK(refused(o, f.patientId));
    o = OutcomeFields{};
    o.odiPercent = 101;
    CHECK(refused(o, f.patientId));
    const auto other
        = PatientRepository(s.ctx()).create(galvani::test::samplePatient(QStringLiteral("O-2")), f.therapist).value();
    o = OutcomeFields{};
    o.nprsBefore = 5;
    o.sessionId = f.closedSessionId;
    CHECK(refused(o, other.id));
    o.nprsBefore = 0;
    o.nprsAfter = 10;
    CHECK(repo.record(f.patientId, o, f.therapist).ok()); // the bounds themselves are allowed
}
