// SPDX-License-Identifier: GPL-3.0-or-later
// Calibration records: complete round trip, acceptance rules, state in force, record hash.
#include "ClinicalFixture.h"

#include "db/audit/AuditTrail.h"
#include "db/records/CalibrationRepository.h"

#include <catch2/catch.hpp>

using namespace galvani::db;
using namespace galvani::db::records;
using galvani::test::sampleCalibration;
using galvani::test::TestStore;

namespace {
constexpr qint64 kNow = 1'767'225'600'000;
constexpr qint64 kYear = 365LL * 24 * 3600 * 1000;
} // namespace

TEST_CASE("a calibration round-trips with instruments, points, errors, gains and hash", "[db][calibration]")
{
    TestStore s;
    const Actor tech = s.addUser(QStringLiteral("tech"), Role::Technician);
    CalibrationRepository repo(s.ctx());
    const NewCalibration nc = sampleCalibration(QStringLiteral("SN-42"), 3, kNow + kYear);
    const auto stored = repo.record(nc, tech);
    INFO((stored.ok() ? QString() : stored.error().message).toStdString());
    REQUIRE(stored.ok());
    const auto read = repo.byId(stored->id).value();
    CHECK(read.technicianId == *tech.userId);
    CHECK(read.performedUtcMs == kNow);
    const NewCalibration& r = read.record;
    CHECK(r.deviceSerial == QStringLiteral("SN-42"));
    CHECK(r.firmware == QStringLiteral("4.2.1"));
    CHECK(r.channel == 3);
    CHECK(r.dueUtcMs == kNow + kYear);
    CHECK(r.status == CalibrationStatus::Passed);
    CHECK(r.gainBeforePpm == 1'030'000);
    CHECK(r.offsetBeforeUa == 120);
    CHECK(r.gainAfterPpm == 1'000'400);
    CHECK(r.offsetAfterUa == -15);
    CHECK(r.notes == QStringLiteral("annual"));
    REQUIRE(r.instruments.size() == 2);
    CHECK(r.instruments[0].serial == QStringLiteral("DP-778"));
    CHECK(r.instruments[1].dueDate == QStringLiteral("2027-01-31"));
    REQUIRE(r.points.size() == 4);
    CHECK(r.points[2].commandedUa == 50'000);
    CHECK(r.points[2].measuredUa == 50'300);
    CHECK(r.points[2].errorUa() == 300);
    CHECK(r.points[3].loadOhms == 1000);
    CHECK(s.scalar(QStringLiteral("SELECT error_ua FROM calibration_points WHERE idx = 1")).toLongLong() == -100);
    CHECK(read.recordHash.size() == 64);
    CHECK(read.recordHash == stored->recordHash);
    CHECK(CalibrationRepository::recordHash(read) == read.recordHash); // recomputable from what was stored

    Calibration altered = read;
    altered.record.points[0].measuredUa += 1;
    CHECK(CalibrationRepository::recordHash(altered) != read.recordHash);

    audit::AuditFilter af;
    af.table = QStringLiteral("calibrations");
    const auto rows = audit::AuditTrail(s.ctx()).entries(af).value();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].action == QStringLiteral("calibration"));
    CHECK(rows[0].newValue->contains(read.recordHash));
}

TEST_CASE("a passing calibration must meet the acceptance rules", "[db][calibration]")
{
    TestStore s;
    const Actor tech = s.addUser(QStringLiteral("tech"), Role::Technician);
    CalibrationRepository repo(s.ctx());
    auto refusedWith = [&](auto change) {
        NewCalibration c = sampleCalibration(QStringLiteral("SN-1"), 1, kNow + kYear);
        change(c);
        const auto r = repo.record(c, tech);
        return !r.ok() && r.error().kind == DbError::Kind::Invalid;
    };
    CHECK(refusedWith([](NewCalibration& c) { c.points.resize(2); }));
    CHECK(refusedWith([](NewCalibration& c) { c.points[1].passed = false; }));
    CHECK(refusedWith([](NewCalibration& c) { c.instruments.clear(); }));
    CHECK(refusedWith([](NewCalibration& c) { c.instruments[0].dueDate = QStringLiteral("2025-12-31"); }));
    CHECK(refusedWith([](NewCalibration& c) { c.gainAfterPpm.reset(); }));
    CHECK(refusedWith([](NewCalibration& c) { c.dueUtcMs = kNow; }));
    CHECK(refusedWith([](NewCalibration& c) { c.channel = 0; }));
    CHECK(refusedWith([](NewCalibration& c) { c.instruments[0].dueDate = QStringLiteral("31/01/2027"); }));
    // The same measurements may be recorded as failed or incomplete.
    CHECK(repo.record(
                  [] {
                      NewCalibration c = sampleCalibration(QStringLiteral("SN-1"), 1, kNow + kYear);
                      c.status = CalibrationStatus::Failed;
                      c.points[1].passed = false;
                      return c;
                  }(),
                  tech)
              .ok());
    CHECK(s.scalar(QStringLiteral("SELECT count(*) FROM calibrations")).toInt() == 1);
    CHECK(repo.record(sampleCalibration(QStringLiteral("SN-1"), 1, kNow + kYear), Actor::system()).error().kind
        == DbError::Kind::Invalid);
}

TEST_CASE("the calibration in force follows the latest completed record and its due date", "[db][calibration]")
{
    TestStore s;
    const Actor tech = s.addUser(QStringLiteral("tech"), Role::Technician);
    CalibrationRepository repo(s.ctx());
    const QString sn = QStringLiteral("SN-7");
    CHECK(repo.inForce(sn, 2)->state == CalibrationState::NotCalibrated);

    const auto passed = repo.record(sampleCalibration(sn, 2, kNow + 30LL * 24 * 3600 * 1000), tech).value();
    auto state = repo.inForce(sn, 2).value();
    CHECK(state.state == CalibrationState::Valid);
    CHECK(state.latest->id == passed.id);
    CHECK(repo.inForce(sn, 3)->state == CalibrationState::NotCalibrated); // per channel
    CHECK(repo.inForce(QStringLiteral("SN-8"), 2)->state == CalibrationState::NotCalibrated); // per device

    s.clock.advance(std::chrono::hours(24));
    NewCalibration attempt = sampleCalibration(sn, 2, kNow + kYear);
    attempt.status = CalibrationStatus::Incomplete;
    attempt.points.resize(1);
    REQUIRE(repo.record(attempt, tech).ok());
    CHECK(repo.inForce(sn, 2)->latest->id == passed.id); // an unfinished attempt changes nothing

    s.clock.advance(std::chrono::hours(24 * 31));
    CHECK(repo.inForce(sn, 2)->state == CalibrationState::Overdue);

    NewCalibration failed = sampleCalibration(sn, 2, kNow + kYear + kYear);
    failed.status = CalibrationStatus::Failed;
    failed.points[0].passed = false;
    REQUIRE(repo.record(failed, tech).ok());
    CHECK(repo.inForce(sn, 2)->state == CalibrationState::Failed);
    REQUIRE(repo.record(sampleCalibration(sn, 2, kNow + kYear + kYear), tech).ok());
    CHECK(repo.inForce(sn, 2)->state == CalibrationState::Valid);
    CHECK(repo.history(sn, 2)->size() == 4);
}
