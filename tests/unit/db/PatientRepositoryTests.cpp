// SPDX-License-Identifier: GPL-3.0-or-later
// Patients and notes: round trips, per-field audit of corrections, deletion rules, search.
#include "ClinicalFixture.h"

#include "db/audit/AuditTrail.h"
#include "db/records/PatientRepository.h"

#include <catch2/catch.hpp>

using namespace galvani::db;
using namespace galvani::db::records;
using galvani::test::samplePatient;
using galvani::test::TestStore;

TEST_CASE("a patient round-trips with both identifiers and contact details", "[db][patients]")
{
    TestStore s;
    const Actor t = s.addUser(QStringLiteral("t"), Role::Therapist);
    PatientRepository repo(s.ctx());
    const auto created = repo.create(samplePatient(QStringLiteral("MRN-7")), t);
    REQUIRE(created.ok());
    const auto read = repo.byId(created->id);
    REQUIRE(read.ok());
    const PatientFields& f = read->fields;
    CHECK(f.mrn == QStringLiteral("MRN-7"));
    CHECK(f.familyName == QStringLiteral("Okafor"));
    CHECK(f.givenNames == QStringLiteral("Ada Grace"));
    CHECK(f.birthDate == QStringLiteral("1971-04-23"));
    CHECK(f.phone == QStringLiteral("+44 20 7946 0000"));
    CHECK(f.email == QStringLiteral("ada@example.org"));
    CHECK(f.address == QStringLiteral("1 Main Street"));
    CHECK(read->createdBy == *t.userId);
    CHECK(read->pseudonym.size() == 36);
    CHECK(repo.byMrn(QStringLiteral("MRN-7"))->id == created->id);
    CHECK(repo.byMrn(QStringLiteral("MRN-8")).error().kind == DbError::Kind::NotFound);
}

TEST_CASE("patient input is validated", "[db][patients]")
{
    TestStore s;
    const Actor t = s.addUser(QStringLiteral("t"), Role::Therapist);
    PatientRepository repo(s.ctx());
    PatientFields f = samplePatient(QStringLiteral("V-1"));
    f.birthDate = QStringLiteral("1971-02-30");
    CHECK(repo.create(f, t).error().kind == DbError::Kind::Invalid);
    f.birthDate = QStringLiteral("2090-01-01");
    CHECK(repo.create(f, t).error().kind == DbError::Kind::Invalid);
    f = samplePatient(QString());
    CHECK(repo.create(f, t).error().kind == DbError::Kind::Invalid);
    CHECK(repo.create(samplePatient(QStringLiteral("V-2")), Actor::system()).error().kind == DbError::Kind::Invalid);
    CHECK(s.scalar(QStringLiteral("SELECT count(*) FROM patients")).toInt() == 0);
}

TEST_CASE("a correction writes one audit row per changed field with old and new value", "[db][patients][audit]")
{
    TestStore s;
    const Actor t = s.addUser(QStringLiteral("t"), Role::Therapist);
    PatientRepository repo(s.ctx());
    const auto p = repo.create(samplePatient(QStringLiteral("MRN-9")), t).value();
    PatientFields changed = p.fields;
    changed.phone = QStringLiteral("+44 20 7946 0999");
    changed.familyName = QStringLiteral("Okafor-Hale");
    s.clock.advance(std::chrono::minutes(3));
    const auto updated = repo.update(p.id, changed, t, QStringLiteral("married name"));
    REQUIRE(updated.ok());
    CHECK(updated->fields.familyName == QStringLiteral("Okafor-Hale"));
    CHECK(updated->updatedUtcMs == p.createdUtcMs + 180'000);

    audit::AuditFilter filter;
    filter.table = QStringLiteral("patients");
    filter.recordId = p.id;
    const auto rows = audit::AuditTrail(s.ctx()).entries(filter).value();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].action == QStringLiteral("create"));
    CHECK(rows[0].newValue->contains(QStringLiteral("\"mrn\":\"MRN-9\"")));
    QMap<QString, audit::AuditEntry> byField;
    for (int i = 1; i < 3; ++i) {
        CHECK(rows[i].action == QStringLiteral("update"));
        CHECK(rows[i].reason == QStringLiteral("married name"));
        CHECK(rows[i].actorId == t.userId);
        byField[*rows[i].field] = rows[i];
    }
    CHECK(byField[QStringLiteral("family_name")].oldValue == QStringLiteral("Okafor"));
    CHECK(byField[QStringLiteral("family_name")].newValue == QStringLiteral("Okafor-Hale"));
    CHECK(byField[QStringLiteral("phone")].oldValue == QStringLiteral("+44 20 7946 0000"));

    // An update that changes nothing writes nothing.
    REQUIRE(repo.update(p.id, changed, t, QStringLiteral("no-op")).ok());
    CHECK(audit::AuditTrail(s.ctx()).entries(filter)->size() == 3);
}

TEST_CASE("a patient without records can be deleted with a reason but one with records cannot", "[db][patients]")
{
    TestStore s;
    const Actor t = s.addUser(QStringLiteral("t"), Role::Therapist);
    PatientRepository repo(s.ctx());
    const auto typo = repo.create(samplePatient(QStringLiteral("TYPO")), t).value();
    CHECK_FALSE(repo.remove(typo.id, t, std::nullopt).ok());
    REQUIRE(repo.remove(typo.id, t, QStringLiteral("duplicate entry")).ok());
    CHECK(repo.byId(typo.id).error().kind == DbError::Kind::NotFound);
    audit::AuditFilter filter;
    filter.recordId = typo.id;
    filter.table = QStringLiteral("patients");
    const auto rows = audit::AuditTrail(s.ctx()).entries(filter).value();
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].action == QStringLiteral("delete"));
    CHECK(rows[1].oldValue->contains(QStringLiteral("TYPO")));

    const auto kept = repo.create(samplePatient(QStringLiteral("KEEP")), t).value();
    REQUIRE(repo.addNote(NewNote{kept.id, std::nullopt, QStringLiteral("seen today"), std::nullopt}, t).ok());
    const Status refusedDelete = repo.remove(kept.id, t, QStringLiteral("try"));
    REQUIRE_FALSE(refusedDelete.ok());
    CHECK(refusedDelete.error().kind == DbError::Kind::Conflict);
    CHECK(repo.byId(kept.id).ok());
}

TEST_CASE("notes append, and a correction names the note it corrects", "[db][patients]")
{
    TestStore s;
    const Actor t = s.addUser(QStringLiteral("t"), Role::Therapist);
    PatientRepository repo(s.ctx());
    const auto p = repo.create(samplePatient(QStringLiteral("N-1")), t).value();
    const auto other = repo.create(samplePatient(QStringLiteral("N-2")), t).value();
    const auto first = repo.addNote(NewNote{p.id, std::nullopt, QStringLiteral("pain 7/10 at L4"), std::nullopt}, t);
    REQUIRE(first.ok());
    s.clock.advance(std::chrono::seconds(30));
    const auto fix = repo.addNote(NewNote{p.id, std::nullopt, QStringLiteral("correction: L5"), first->id}, t);
    REQUIRE(fix.ok());
    CHECK_FALSE(repo.addNote(NewNote{other.id, std::nullopt, QStringLiteral("wrong patient"), first->id}, t).ok());
    CHECK_FALSE(repo.addNote(NewNote{p.id, std::nullopt, QStringLiteral("   "), std::nullopt}, t).ok());
    const auto notes = repo.notes(p.id);
    REQUIRE(notes->size() == 2);
    CHECK(notes->at(0).body == QStringLiteral("pain 7/10 at L4"));
    CHECK(notes->at(0).authorId == *t.userId);
    CHECK(notes->at(1).correctsNoteId == first->id);
    CHECK(notes->at(1).writtenUtcMs == notes->at(0).writtenUtcMs + 30'000);
}

TEST_CASE("search matches names case-insensitively and treats wildcards literally", "[db][patients]")
{
    TestStore s;
    const Actor t = s.addUser(QStringLiteral("t"), Role::Therapist);
    PatientRepository repo(s.ctx());
    PatientFields a = samplePatient(QStringLiteral("S-1"));
    a.familyName = QStringLiteral("Marsh");
    PatientFields b = samplePatient(QStringLiteral("S-2"));
    b.familyName = QStringLiteral("Amarsh_100%");
    b.birthDate = QStringLiteral("1990-01-01");
    PatientFields c = samplePatient(QStringLiteral("S-3"));
    c.familyName = QStringLiteral("Other");
    for (const auto& f : {a, b, c}) {
        REQUIRE(repo.create(f, t).ok());
    }
    CHECK(repo.search(QStringLiteral("MARSH"), std::nullopt)->size() == 2);
    CHECK(repo.search(QStringLiteral("marsh"), QStringLiteral("1990-01-01"))->size() == 1);
    CHECK(repo.search(QStringLiteral("_100%"), std::nullopt)->size() == 1);
    CHECK(repo.search(QStringLiteral("%"), std::nullopt)->size() == 1);
    CHECK(repo.search(QStringLiteral("ada"), std::nullopt)->size() == 3); // given names
}
