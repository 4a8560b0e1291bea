// SPDX-License-Identifier: GPL-3.0-or-later
// Contraindication screenings: the outcome follows the answers (CLINICAL.md §3), records are complete and immutable.
#include "ClinicalFixture.h"

#include "db/records/ContraindicationChecklist.h"
#include "db/records/PatientRepository.h"
#include "db/records/ScreeningRepository.h"

#include <catch2/catch.hpp>

#include <QSet>

using namespace galvani::db;
using namespace galvani::db::records;
using galvani::test::TestStore;

namespace {

constexpr qint64 kNow = 1'767'225'600'000;
constexpr qint64 kYear = 365LL * 24 * 3600 * 1000;

NewScreening with(NewScreening s, const char* code, Answer answer, bool ack = false)
{
    for (ScreeningItem& i : s.items) {
        if (i.code == QLatin1String(code)) {
            i.answer = answer;
            i.acknowledged = ack;
            i.detail = QStringLiteral("detail for %1").arg(QLatin1String(code));
        }
    }
    return s;
}

struct ScreeningRepositoryFixture {
    TestStore s;
    Actor therapist = s.addUser(QStringLiteral("t"), Role::Therapist);
    qint64 patient
        = PatientRepository(s.ctx()).create(galvani::test::samplePatient(QStringLiteral("SC-1")), therapist)->id;
    NewScreening base = galvani::test::sampleScreening(patient, kNow + kYear);
};

} // namespace

TEST_CASE("the checklist covers CLINICAL.md section 3 and every code is unique", "[db][screening]")
{
    const auto items = ContraindicationChecklist::items();
    CHECK(items.size() == 25);
    QSet<QString> codes;
    int forbiddenSites = 0;
    for (const auto& i : items) {
        codes.insert(QLatin1String(i.code));
        forbiddenSites += i.clearable ? 0 : 1;
        CHECK((i.clearable || i.severity == Severity::Absolute));
    }
    CHECK(codes.size() == static_cast<qsizetype>(items.size()));
    CHECK(forbiddenSites == 5);
    CHECK(ContraindicationChecklist::find(QStringLiteral("implanted_device"))->severity == Severity::Absolute);
    CHECK(ContraindicationChecklist::find(QStringLiteral("reduced_sensation"))->severity == Severity::Precaution);
    CHECK(ContraindicationChecklist::find(QStringLiteral("nonsense")) == nullptr);
}

TEST_CASE("the outcome is derived from the answers", "[db][screening]")
{
    ScreeningRepositoryFixture fx;
    const NewScreening& b = fx.base;
    using C = ContraindicationChecklist;
    CHECK(C::derive(b.items, std::nullopt) == ScreeningOutcome::Clear);
    CHECK(C::derive(with(b, "implanted_device", Answer::Yes).items, std::nullopt) == ScreeningOutcome::Blocked);
    // "unknown" counts as yes
    CHECK(C::derive(with(b, "epilepsy", Answer::Unknown).items, std::nullopt) == ScreeningOutcome::Blocked);
    // An absolute item with specialist clearance becomes a precaution that still needs acknowledging.
    CHECK(C::derive(with(b, "implanted_device", Answer::Yes).items, QStringLiteral("cardiologist letter"))
        == ScreeningOutcome::Blocked);
    CHECK(C::derive(with(b, "implanted_device", Answer::Yes, true).items, QStringLiteral("cardiologist letter"))
        == ScreeningOutcome::PrecautionsAcknowledged);
    CHECK(C::derive(with(b, "implanted_device", Answer::Yes, true).items, QStringLiteral("   "))
        == ScreeningOutcome::Blocked);
    // Forbidden sites are never cleared.
    CHECK(C::derive(with(b, "site_transthoracic", Answer::Yes, true).items, QStringLiteral("specialist says fine"))
        == ScreeningOutcome::Blocked);
    CHECK(C::derive(with(b, "reduced_sensation", Answer::Yes).items, std::nullopt) == ScreeningOutcome::Blocked);
    CHECK(C::derive(with(b, "reduced_sensation", Answer::Yes, true).items, std::nullopt)
        == ScreeningOutcome::PrecautionsAcknowledged);
}

TEST_CASE("a screening round-trips with its answers, signer and expiry", "[db][screening]")
{
    ScreeningRepositoryFixture fx;
    ScreeningRepository repo(fx.s.ctx());
    NewScreening ns = with(fx.base, "heart_disease", Answer::Yes, true);
    ns.notes = QStringLiteral("GP letter on file");
    const auto stored = repo.record(ns, fx.therapist);
    REQUIRE(stored.ok());
    CHECK(stored->outcome == ScreeningOutcome::PrecautionsAcknowledged);
    const auto read = repo.byId(stored->id);
    REQUIRE(read.ok());
    CHECK(read->patientId == fx.patient);
    CHECK(read->screenedBy == *fx.therapist.userId);
    CHECK(read->screenedUtcMs == kNow);
    CHECK(read->expiresUtcMs == kNow + kYear);
    CHECK(read->notes == QStringLiteral("GP letter on file"));
    CHECK(read->outcome == ScreeningOutcome::PrecautionsAcknowledged);
    REQUIRE(read->items.size() == ns.items.size());
    int hits = 0;
    for (const ScreeningItem& i : read->items) {
        if (i.code == QStringLiteral("heart_disease")) {
            ++hits;
            CHECK(i.answer == Answer::Yes);
            CHECK(i.acknowledged);
            CHECK(i.severity == Severity::Precaution);
            CHECK(i.detail == QStringLiteral("detail for heart_disease"));
        } else {
            CHECK(i.answer == Answer::No);
        }
    }
    CHECK(hits == 1);
    CHECK(read->permitsTreatmentAt(kNow + 1000));
    CHECK_FALSE(read->permitsTreatmentAt(kNow + kYear));
}

TEST_CASE("incomplete or inconsistent checklists are refused", "[db][screening]")
{
    ScreeningRepositoryFixture fx;
    ScreeningRepository repo(fx.s.ctx());
    NewScreening missing = fx.base;
    missing.items.removeLast();
    CHECK(repo.record(missing, fx.therapist).error().kind == DbError::Kind::Invalid);
    NewScreening extra = fx.base;
    extra.items.append(ScreeningItem{QStringLiteral("made_up"), Severity::Precaution, Answer::No, false, {}});
    CHECK_FALSE(repo.record(extra, fx.therapist).ok());
    NewScreening twice = fx.base;
    twice.items.append(twice.items.first());
    CHECK_FALSE(repo.record(twice, fx.therapist).ok());
    NewScreening wrongSeverity = fx.base;
    wrongSeverity.items.first().severity = Severity::Precaution;
    CHECK_FALSE(repo.record(wrongSeverity, fx.therapist).ok());
    NewScreening expired = fx.base;
    expired.expiresUtcMs = kNow - 1;
    CHECK_FALSE(repo.record(expired, fx.therapist).ok());
    CHECK(fx.s.scalar(QStringLiteral("SELECT count(*) FROM screenings")).toInt() == 0);
}

TEST_CASE("the latest screening is the newest, and a blocked one is stored as blocked", "[db][screening]")
{
    ScreeningRepositoryFixture fx;
    ScreeningRepository repo(fx.s.ctx());
    CHECK(repo.latest(fx.patient).error().kind == DbError::Kind::NotFound);
    REQUIRE(repo.record(fx.base, fx.therapist).ok());
    fx.s.clock.advance(std::chrono::hours(24));
    const auto blocked = repo.record(with(fx.base, "site_anterior_neck", Answer::Yes), fx.therapist);
    REQUIRE(blocked.ok());
    const auto latest = repo.latest(fx.patient);
    REQUIRE(latest.ok());
    CHECK(latest->id == blocked->id);
    CHECK(latest->outcome == ScreeningOutcome::Blocked);
    CHECK_FALSE(latest->permitsTreatmentAt(kNow + 25 * 3600 * 1000LL));
    CHECK(repo.history(fx.patient)->size() == 2);
}
