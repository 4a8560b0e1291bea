// SPDX-License-Identifier: GPL-3.0-or-later
// Electrode placements (versioned, append-only) and motor points.
#include "ClinicalFixture.h"

#include "db/audit/AuditTrail.h"
#include "db/records/MotorPointRepository.h"
#include "db/records/PatientRepository.h"
#include "db/records/PlacementRepository.h"

#include <catch2/catch.hpp>

using namespace galvani::db;
using namespace galvani::db::records;
using galvani::test::samplePlacement;
using galvani::test::TestStore;

namespace {

struct PlacementRepositoryFixture {
    TestStore s;
    Actor therapist = s.addUser(QStringLiteral("t"), Role::Therapist);
    qint64 patient
        = PatientRepository(s.ctx()).create(galvani::test::samplePatient(QStringLiteral("PL-1")), therapist)->id;
};

QByteArray fakeJpeg()
{
    QByteArray b("\xFF\xD8\xFF\xE0", 4);
    for (int i = 0; i < 3000; ++i) {
        b.append(static_cast<char>(i * 37 % 256)); // every byte value, including NUL
    }
    return b;
}

} // namespace

TEST_CASE("a placement round-trips with every field and its photo", "[db][placements]")
{
    PlacementRepositoryFixture fx;
    PlacementRepository repo(fx.s.ctx());
    PlacementFields f = samplePlacement(3);
    f.photo = fakeJpeg();
    f.photoMime = QStringLiteral("image/jpeg");
    const auto stored = repo.record(fx.patient, f, fx.therapist);
    INFO((stored.ok() ? QString() : stored.error().message).toStdString());
    REQUIRE(stored.ok());
    const auto read = repo.byId(stored->id);
    REQUIRE(read.ok());
    const PlacementFields& g = read->fields;
    CHECK(read->patientId == fx.patient);
    CHECK_FALSE(read->supersedesId.has_value());
    CHECK_FALSE(read->retired);
    CHECK(g.channel == 3);
    CHECK(g.leadLabel == QStringLiteral("A3"));
    CHECK(g.muscle == QStringLiteral("lumbar erector spinae"));
    CHECK(g.side == Side::Right);
    CHECK(g.landmark == QStringLiteral("L3 spinous process"));
    CHECK(g.offsetCranialMm == 15);
    CHECK(g.offsetLateralMm == -20);
    CHECK(g.electrodeWidthMm == 50);
    CHECK(g.electrodeHeightMm == 90);
    CHECK(g.electrodeAreaMm2 == 4500);
    CHECK(g.electrodeAreaCm2() == Approx(45.0));
    CHECK(g.electrodeType == ElectrodeType::CarbonSponge);
    CHECK(g.electrodeReuseCount == 3);
    CHECK(g.polarity == Polarity::ActiveCathode);
    CHECK(g.posture == Posture::Prone);
    CHECK(g.notes == QStringLiteral("paraspinal bulge"));
    CHECK(g.photo == f.photo);
    CHECK(g.photoMime == QStringLiteral("image/jpeg"));
    CHECK(read->recordedBy == *fx.therapist.userId);
}

TEST_CASE("placement input is validated", "[db][placements]")
{
    PlacementRepositoryFixture fx;
    PlacementRepository repo(fx.s.ctx());
    auto refusedWith = [&](auto change) {
        PlacementFields f = samplePlacement(1);
        change(f);
        const auto r = repo.record(fx.patient, f, fx.therapist);
        return !r.ok() && r.error().kind == DbError::Kind::Invalid;
    };
    CHECK(refusedWith([](PlacementFields& f) { f.channel = 9; }));
    CHECK(refusedWith([](PlacementFields& f) { f.electrodeAreaMm2 = 50 * 90 + 1; })); // larger than w × h
    CHECK(refusedWith([](PlacementFields& f) { f.muscle.clear(); }));
    CHECK(refusedWith([](PlacementFields& f) { f.notes = QString(251, QLatin1Char('x')); }));
    CHECK(refusedWith([](PlacementFields& f) {
        f.photo = QByteArray("x");
        f.photoMime = QStringLiteral("text/html");
    }));
    CHECK(refusedWith([](PlacementFields& f) { f.electrodeWidthMm = 0; }));
    CHECK(fx.s.scalar(QStringLiteral("SELECT count(*) FROM placements")).toInt() == 0);
}

TEST_CASE("revising and retiring append versions and current() shows the live ones", "[db][placements]")
{
    PlacementRepositoryFixture fx;
    PlacementRepository repo(fx.s.ctx());
    const auto v1 = repo.record(fx.patient, samplePlacement(1), fx.therapist).value();
    const auto other = repo.record(fx.patient, samplePlacement(2), fx.therapist).value();
    PlacementFields moved = v1.fields;
    moved.offsetCranialMm = 25;
    moved.posture = Posture::Sitting;
    CHECK_FALSE(repo.revise(v1.id, moved, fx.therapist, std::nullopt).ok()); // reason required
    const auto v2 = repo.revise(v1.id, moved, fx.therapist, QStringLiteral("patient prefers sitting"));
    REQUIRE(v2.ok());
    CHECK(v2->supersedesId == v1.id);
    const auto twice = repo.revise(v1.id, moved, fx.therapist, QStringLiteral("again"));
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().kind == DbError::Kind::Conflict);

    auto current = repo.current(fx.patient).value();
    REQUIRE(current.size() == 2);
    CHECK(current[0].id == v2->id);
    CHECK(current[1].id == other.id);
    CHECK(repo.byId(v1.id)->fields.offsetCranialMm == 15); // the old version is untouched

    const auto retired = repo.retire(other.id, fx.therapist, QStringLiteral("channel not used any more"));
    REQUIRE(retired.ok());
    CHECK(retired->retired);
    CHECK(repo.current(fx.patient)->size() == 1);
    CHECK(repo.retire(retired->id, fx.therapist, QStringLiteral("again")).error().kind == DbError::Kind::Refused);

    const auto history = repo.history(v2->id).value();
    REQUIRE(history.size() == 2);
    CHECK(history[0].id == v1.id);
    CHECK(history[1].id == v2->id);

    audit::AuditFilter f;
    f.table = QStringLiteral("placements");
    const auto rows = audit::AuditTrail(fx.s.ctx()).entries(f).value();
    REQUIRE(rows.size() == 4);
    CHECK(rows[2].reason == QStringLiteral("patient prefers sitting"));
    CHECK(rows[2].newValue->contains(QStringLiteral("\"posture\":\"sitting\"")));
}

TEST_CASE("motor points round-trip and can be withdrawn from reuse with a reason", "[db][motor-points]")
{
    PlacementRepositoryFixture fx;
    const auto placement = PlacementRepository(fx.s.ctx()).record(fx.patient, samplePlacement(1), fx.therapist).value();
    MotorPointRepository repo(fx.s.ctx());
    MotorPointFields f{placement.id, 9'500, 250, 2'000, 4'000, 30'000, 25'000, QStringLiteral("twitch at 9.5 mA")};
    const auto stored = repo.record(f, fx.therapist);
    REQUIRE(stored.ok());
    const auto read = repo.byId(stored->id).value();
    CHECK(read.fields.placementId == placement.id);
    CHECK(read.fields.thresholdUa == 9'500);
    CHECK(read.fields.pulseWidthUs == 250);
    CHECK(read.fields.frequencyMilliHz == 2'000);
    CHECK(read.fields.sensoryThresholdUa == 4'000);
    CHECK(read.fields.painThresholdUa == 30'000);
    CHECK(read.fields.mtiUa == 25'000);
    CHECK(read.fields.notes == QStringLiteral("twitch at 9.5 mA"));
    CHECK(read.reusable);
    CHECK(read.measuredBy == *fx.therapist.userId);

    MotorPointFields bare{placement.id, 12'000, 300, 500, std::nullopt, std::nullopt, std::nullopt, {}};
    const auto second = repo.record(bare, fx.therapist).value();
    CHECK_FALSE(repo.byId(second.id)->fields.mtiUa.has_value());
    CHECK(repo.forPlacement(placement.id)->size() == 2);
    CHECK(repo.reusableForPatient(fx.patient)->size() == 2);

    CHECK_FALSE(repo.setReusable(stored->id, false, fx.therapist, std::nullopt).ok());
    const auto withdrawn = repo.setReusable(stored->id, false, fx.therapist, QStringLiteral("posture changed"));
    REQUIRE(withdrawn.ok());
    CHECK_FALSE(withdrawn->reusable);
    const auto reusable = repo.reusableForPatient(fx.patient).value();
    REQUIRE(reusable.size() == 1);
    CHECK(reusable.first().id == second.id);

    MotorPointFields tooHigh = f;
    tooHigh.thresholdUa = 150'000;
    CHECK(repo.record(tooHigh, fx.therapist).error().kind == DbError::Kind::Invalid);
}
