// SPDX-License-Identifier: GPL-3.0-or-later
// Programmes: clinic-editable, versioned, retired by a final version.
#include "ClinicalFixture.h"

#include "db/records/ProgramRepository.h"

#include <catch2/catch.hpp>

using namespace galvani::db;
using namespace galvani::db::records;
using galvani::test::sampleProgram;
using galvani::test::TestStore;

TEST_CASE("a programme round-trips and edits become new versions", "[db][programs]")
{
    TestStore s;
    const Actor t = s.addUser(QStringLiteral("t"), Role::Therapist);
    ProgramRepository repo(s.ctx());
    const auto v1 = repo.create(QStringLiteral("nmes-lumbar"), sampleProgram(), t);
    REQUIRE(v1.ok());
    CHECK(v1->version == 1);
    const auto read = repo.byId(v1->id).value();
    CHECK(read.key == QStringLiteral("nmes-lumbar"));
    CHECK(read.fields.name == QStringLiteral("NMES lumbar stabilisation"));
    CHECK(read.fields.modality == QStringLiteral("nmes-stabilisation"));
    CHECK(read.fields.waveform == QStringLiteral("symmetric-biphasic"));
    CHECK(read.fields.frequencyMilliHz == 50'000);
    CHECK(read.fields.pulseWidthUs == 300);
    CHECK(read.fields.durationS == 900);
    CHECK(read.fields.maxAmplitudeUa == 60'000);
    CHECK(read.fields.parametersJson == sampleProgram().parametersJson);
    CHECK(read.createdBy == *t.userId);
    CHECK_FALSE(read.retired);

    CHECK(repo.create(QStringLiteral("nmes-lumbar"), sampleProgram(), t).error().kind == DbError::Kind::Conflict);
    ProgramFields edited = sampleProgram();
    edited.pulseWidthUs = 350;
    CHECK_FALSE(repo.saveVersion(QStringLiteral("nmes-lumbar"), edited, t, std::nullopt).ok());
    const auto v2 = repo.saveVersion(QStringLiteral("nmes-lumbar"), edited, t, QStringLiteral("weak contractions"));
    REQUIRE(v2.ok());
    CHECK(v2->version == 2);
    CHECK(repo.byId(v1->id)->fields.pulseWidthUs == 300); // the version a past session ran is unchanged
    CHECK(repo.latest(QStringLiteral("nmes-lumbar"))->id == v2->id);
    CHECK(repo.history(QStringLiteral("nmes-lumbar"))->size() == 2);
}

TEST_CASE("retired programmes leave the list but keep their versions", "[db][programs]")
{
    TestStore s;
    const Actor t = s.addUser(QStringLiteral("t"), Role::Therapist);
    ProgramRepository repo(s.ctx());
    REQUIRE(repo.create(QStringLiteral("a"), sampleProgram(), t).ok());
    ProgramFields other = sampleProgram();
    other.name = QStringLiteral("Conventional TENS neck");
    REQUIRE(repo.create(QStringLiteral("b"), other, t).ok());
    CHECK(repo.listCurrent()->size() == 2);
    const auto retired = repo.retire(QStringLiteral("a"), t, QStringLiteral("replaced by b"));
    REQUIRE(retired.ok());
    CHECK(retired->retired);
    CHECK(retired->version == 2);
    const auto current = repo.listCurrent().value();
    REQUIRE(current.size() == 1);
    CHECK(current.first().key == QStringLiteral("b"));
    CHECK(repo.saveVersion(QStringLiteral("a"), sampleProgram(), t, QStringLiteral("x")).error().kind
        == DbError::Kind::Refused);
    CHECK(repo.history(QStringLiteral("a"))->size() == 2);
}

TEST_CASE("programme input is validated", "[db][programs]")
{
    TestStore s;
    const Actor t = s.addUser(QStringLiteral("t"), Role::Therapist);
    ProgramRepository repo(s.ctx());
    ProgramFields f = sampleProgram();
    f.parametersJson = QStringLiteral("[1,2]");
    CHECK(repo.create(QStringLiteral("x"), f, t).error().kind == DbError::Kind::Invalid);
    f = sampleProgram();
    f.parametersJson = QStringLiteral("{not json");
    CHECK_FALSE(repo.create(QStringLiteral("x"), f, t).ok());
    f = sampleProgram();
    f.maxAmplitudeUa = 100'001;
    CHECK_FALSE(repo.create(QStringLiteral("x"), f, t).ok());
    f = sampleProgram();
    f.durationS = 100 * 60;
    CHECK_FALSE(repo.create(QStringLiteral("x"), f, t).ok());
    CHECK_FALSE(repo.create(QString(), sampleProgram(), t).ok());
    CHECK(s.scalar(QStringLiteral("SELECT count(*) FROM programs")).toInt() == 0);
}
