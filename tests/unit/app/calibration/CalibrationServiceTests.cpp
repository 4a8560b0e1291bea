// SPDX-License-Identifier: GPL-3.0-or-later
// CalibrationService without a device: access, setup checks, channel state and lock, policy, drift, self-test.
// Records are written straight through the repository here (the procedure's own tests make them the real way).
#include "CalibrationFixture.h"

#include "app/store/RecordStoreImpl.h"
#include "db/records/CalibrationRepository.h"

#include <catch2/catch.hpp>

#include <QDateTime>
#include <QSqlQuery>

#include <functional>

using namespace galvani;
using app::CalibrationState;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
const QString kUrl = QStringLiteral("sim:sciencemode4?channels=8");

qint64 nowMs(const test::CalibrationFixture& f)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(f.files.clock.utcNow().time_since_epoch()).count();
}

// A record as the procedure writes it: three set values with measurements on gain·set + offset.
db::records::Calibration writeRecord(test::CalibrationFixture& f, int channel, db::records::CalibrationStatus status,
    double gain, qint64 offsetUa, qint64 dueInDays)
{
    db::records::NewCalibration c;
    c.deviceSerial = test::kSimulatorSerial;
    c.firmware = QStringLiteral("1.0");
    c.channel = channel;
    c.dueUtcMs = nowMs(f) + dueInDays * kDayMs;
    c.status = status;
    c.gainAfterPpm = std::llround(gain * 1e6);
    c.offsetAfterUa = offsetUa;
    c.instruments = {db::records::CalibrationInstrument{
        QStringLiteral("Fluke 87V"), QStringLiteral("FL-1"), QStringLiteral("2030-01-01")}};
    for (const qint64 set : {10'000, 25'000, 50'000}) {
        c.points.append(db::records::CalibrationPoint{500, 200, 100'000, set, set, true});
    }
    const auto written = db::records::CalibrationRepository(f.store->impl().context())
                             .record(c, db::Actor::user(f.technician.id, f.technician.username));
    INFO((written.ok() ? QString() : written.error().message).toStdString());
    REQUIRE(written.ok());
    return *written;
}

} // namespace

TEST_CASE("A channel without a record runs on the factory calibration with a notice", "[app][calibration]")
{
    test::CalibrationFixture f;
    const auto st = f.statusOf(1);
    CHECK(st.state == CalibrationState::None);
    CHECK_FALSE(st.locked);
    CHECK(st.factoryCalibration);
    CHECK(st.reason.contains(QStringLiteral("factory calibration")));
    CHECK(st.commandUaFor(12'500, 500) == 12'500);
}

TEST_CASE("The clinic policy can require a record and only an admin may set it, audited", "[app][calibration]")
{
    test::CalibrationFixture f;
    REQUIRE(f.service->requiresCalibrationRecord(f.therapist).ok());
    CHECK_FALSE(*f.service->requiresCalibrationRecord(f.therapist));

    const qint64 refusedBefore = f.auditRows(QStringLiteral("refused"));
    for (const auto& who : {f.therapist, f.technician}) {
        const auto refused = f.service->setRequiresCalibrationRecord(who, true, QStringLiteral("insurer"));
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().kind == app::AppError::Kind::Denied);
    }
    CHECK(f.auditRows(QStringLiteral("refused")) == refusedBefore + 2);
    CHECK_FALSE(*f.service->requiresCalibrationRecord(f.admin));

    const auto noReason = f.service->setRequiresCalibrationRecord(f.admin, true, QStringLiteral("  "));
    REQUIRE_FALSE(noReason.ok());
    CHECK(noReason.error().message.contains(QStringLiteral("reason")));

    REQUIRE(f.service->setRequiresCalibrationRecord(f.admin, true, QStringLiteral("insurer requires records")).ok());
    CHECK(*f.service->requiresCalibrationRecord(f.therapist));
    auto st = f.statusOf(1);
    CHECK(st.locked);
    CHECK(st.reason.contains(QStringLiteral("requires")));
    CHECK_FALSE(st.commandUaFor(10'000, 500));

    REQUIRE(f.service->setRequiresCalibrationRecord(f.admin, false, QStringLiteral("policy withdrawn")).ok());
    CHECK_FALSE(f.statusOf(1).locked);
    CHECK(f.auditRows(QStringLiteral("update")) >= 2);
}

TEST_CASE("Only a technician may begin a calibration and refusals are audited", "[app][calibration][access]")
{
    test::CalibrationFixture f;
    const qint64 before = f.auditRows(QStringLiteral("refused"));
    for (const auto& who : {f.therapist, f.admin}) {
        const auto refused = f.service->begin(who, test::CalibrationFixture::setup(kUrl, {1}));
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().kind == app::AppError::Kind::Denied);
        CHECK(refused.error().message.contains(QStringLiteral("calibrate")));
    }
    CHECK(f.auditRows(QStringLiteral("refused")) == before + 2);
    CHECK(f.service->begin(f.technician, test::CalibrationFixture::setup(kUrl, {1})).ok());
}

TEST_CASE("A calibration setup is refused with the field at fault", "[app][calibration][setup]")
{
    test::CalibrationFixture f;
    const auto refusal = [&](const app::CalibrationSetup& s) {
        const auto r = f.service->begin(f.technician, s);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == app::AppError::Kind::Invalid);
        return r.error().message;
    };
    auto s = test::CalibrationFixture::setup(kUrl, {1});
    s.instruments.front().dueDate = QDate(2025, 12, 31); // the fake clock stands at 2026-01-01
    CHECK(refusal(s).contains(QStringLiteral("lapsed")));
    s = test::CalibrationFixture::setup(kUrl, {1});
    s.instruments.clear();
    CHECK(refusal(s).contains(QStringLiteral("instruments")));
    s = test::CalibrationFixture::setup(kUrl, {1});
    s.pointsUa = {10'000, 25'000};
    CHECK(refusal(s).contains(QStringLiteral("at least 3")));
    s = test::CalibrationFixture::setup(kUrl, {1});
    s.pointsUa = {10'000, 25'250, 50'000};
    CHECK(refusal(s).contains(QStringLiteral("multiple of 0.5 mA")));
    s = test::CalibrationFixture::setup(kUrl, {1});
    s.loadOhms = 750;
    CHECK(refusal(s).contains(QStringLiteral("500, 1000, 2000 or 10000")));
    s = test::CalibrationFixture::setup(kUrl, {1});
    s.intervalMonths = 13;
    CHECK(refusal(s).contains(QStringLiteral("1..12")));
    s = test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode3"), {5});
    s.mode = app::MeasurementMode::Manual;
    CHECK(refusal(s).contains(QStringLiteral("outside 1..4")));
    s = test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4?level=mid"), {1});
    CHECK(refusal(s).contains(QStringLiteral("manual mode")));
    s = test::CalibrationFixture::setup(QStringLiteral("bogus:thing"), {1});
    CHECK(refusal(s).contains(QStringLiteral("device URL")));
    s = test::CalibrationFixture::setup(kUrl, {1, 1});
    CHECK(refusal(s).contains(QStringLiteral("given twice")));
    s = test::CalibrationFixture::setup(kUrl, {1});
    s.pointsUa = {10'000, 25'000, 120'000};
    CHECK(refusal(s).contains(QStringLiteral("120")));
}

TEST_CASE("Reference instruments parse from NAME:SERIAL:DUE", "[app][calibration][setup]")
{
    QString error;
    const auto i = app::ReferenceInstrument::parse(QStringLiteral("Fluke 87V:FL-1234:2027-06-30"), &error);
    REQUIRE(i);
    CHECK(i->name == QStringLiteral("Fluke 87V"));
    CHECK(i->serial == QStringLiteral("FL-1234"));
    CHECK(i->dueDate == QDate(2027, 6, 30));
    CHECK(i->toString() == QStringLiteral("Fluke 87V:FL-1234:2027-06-30"));
    const auto colon = app::ReferenceInstrument::parse(QStringLiteral("Tek: probe:P-9:2027-01-01"), &error);
    REQUIRE(colon);
    CHECK(colon->name == QStringLiteral("Tek: probe"));
    CHECK_FALSE(app::ReferenceInstrument::parse(QStringLiteral("Fluke:2027-06-30"), &error));
    CHECK(error.contains(QStringLiteral("NAME:SERIAL:DUE")));
    CHECK_FALSE(app::ReferenceInstrument::parse(QStringLiteral("Fluke::2027-06-30"), &error));
    CHECK(error.contains(QStringLiteral("SERIAL")));
    CHECK_FALSE(app::ReferenceInstrument::parse(QStringLiteral("Fluke:F1:2027-13-01"), &error));
    CHECK(error.contains(QStringLiteral("DUE")));
}

TEST_CASE("A passing record applies its correction and reminds 30 days before due", "[app][calibration][status]")
{
    test::CalibrationFixture f;
    const auto c = writeRecord(f, 2, db::records::CalibrationStatus::Passed, 1.08, 0, 365);
    auto st = f.statusOf(2);
    CHECK(st.state == CalibrationState::Valid);
    CHECK_FALSE(st.locked);
    CHECK_FALSE(st.factoryCalibration);
    CHECK(st.calibrationId == c.id);
    CHECK(st.recordHash == c.recordHash);
    CHECK(st.gain == Approx(1.08));
    CHECK(st.calibratedMinUa == 10'000);
    CHECK(st.calibratedMaxUa == 50'000);
    CHECK(st.commandUaFor(10'000, 500) == 9'500);
    CHECK(st.commandUaFor(50'000, 500) == 46'500);

    f.files.clock.advance(std::chrono::days(340));
    st = f.statusOf(2);
    CHECK(st.state == CalibrationState::DueSoon);
    CHECK_FALSE(st.locked);
    CHECK(st.reason.contains(QStringLiteral("due on")));
}

TEST_CASE("An overdue calibration locks the channel on the next day", "[app][calibration][status]")
{
    test::CalibrationFixture f;
    writeRecord(f, 1, db::records::CalibrationStatus::Passed, 1.02, 100, 30);
    f.files.clock.advance(std::chrono::days(29));
    CHECK_FALSE(f.statusOf(1).locked);
    f.files.clock.advance(std::chrono::days(1));
    const auto st = f.statusOf(1);
    CHECK(st.state == CalibrationState::Overdue);
    CHECK(st.locked);
    CHECK(st.reason.contains(QStringLiteral("was due on")));
    CHECK_FALSE(st.commandUaFor(10'000, 500));
}

TEST_CASE("A failed latest calibration locks the channel whatever came before", "[app][calibration][status]")
{
    test::CalibrationFixture f;
    writeRecord(f, 3, db::records::CalibrationStatus::Passed, 1.01, 0, 365);
    f.files.clock.advance(std::chrono::days(10));
    writeRecord(f, 3, db::records::CalibrationStatus::Failed, 1.15, 0, 365);
    const auto st = f.statusOf(3);
    CHECK(st.state == CalibrationState::Failed);
    CHECK(st.locked);
    CHECK_FALSE(st.commandUaFor(10'000, 500));
    // Other channels are untouched.
    CHECK(f.statusOf(4).state == CalibrationState::None);
}

TEST_CASE("An incomplete attempt never changes a channel's state", "[app][calibration][status]")
{
    test::CalibrationFixture f;
    const auto passed = writeRecord(f, 1, db::records::CalibrationStatus::Passed, 1.03, 0, 365);
    f.files.clock.advance(std::chrono::days(1));
    writeRecord(f, 1, db::records::CalibrationStatus::Incomplete, 1.5, 0, 365);
    const auto st = f.statusOf(1);
    CHECK(st.calibrationId == passed.id);
    CHECK(st.gain == Approx(1.03));
    CHECK_FALSE(st.locked);
}

TEST_CASE("A record altered behind the store's back locks its channel", "[app][calibration][status]")
{
    test::CalibrationFixture f;
    const auto c = writeRecord(f, 1, db::records::CalibrationStatus::Passed, 1.0, 0, 365);
    f.allowUpdates(QStringLiteral("calibrations"));
    f.exec(QStringLiteral("UPDATE calibrations SET gain_after_ppm = 1090000 WHERE id = %1").arg(c.id));
    const auto st = f.statusOf(1);
    CHECK(st.locked);
    CHECK(st.reason.contains(QStringLiteral("record hash")));
    CHECK_FALSE(st.commandUaFor(10'000, 500));
}

TEST_CASE("A failed power-on self-test locks its channel until one passes", "[app][calibration][selftest]")
{
    test::CalibrationFixture f;
    app::SelfTestReport report;
    report.deviceSerial = test::kSimulatorSerial;
    report.checks = {{QStringLiteral("handshake"), 0, app::CheckOutcome::Passed, QStringLiteral("ok")},
        {QStringLiteral("low-current check"), 2, app::CheckOutcome::Failed, QStringLiteral("3.4 mA at 2 mA")}};
    const qint64 before = f.auditRows(QStringLiteral("self_test"));
    REQUIRE(f.service->recordSelfTest(f.therapist, report).ok());
    CHECK(f.auditRows(QStringLiteral("self_test")) == before + 1);
    CHECK(f.statusOf(2).locked);
    CHECK(f.statusOf(2).reason.contains(QStringLiteral("self-test")));
    CHECK_FALSE(f.statusOf(1).locked);

    report.checks[1].outcome = app::CheckOutcome::Passed;
    REQUIRE(f.service->recordSelfTest(f.therapist, report).ok());
    CHECK_FALSE(f.statusOf(2).locked);

    // A passing calibration made after a failed self-test is the newer evidence; one made before is not.
    writeRecord(f, 3, db::records::CalibrationStatus::Passed, 1.0, 0, 365);
    f.files.clock.advance(std::chrono::hours(1));
    report.atUtcMs = nowMs(f);
    report.checks[1] = {QStringLiteral("low-current check"), 3, app::CheckOutcome::Failed, QStringLiteral("4 mA")};
    REQUIRE(f.service->recordSelfTest(f.therapist, report).ok());
    CHECK(f.statusOf(3).locked);
    f.files.clock.advance(std::chrono::hours(1));
    writeRecord(f, 3, db::records::CalibrationStatus::Passed, 1.0, 0, 365);
    CHECK_FALSE(f.statusOf(3).locked);

    const auto refused = f.service->recordSelfTest(f.admin, report);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == app::AppError::Kind::Denied);
}

TEST_CASE(
    "A therapy self-test does not clear a failed low-current check it does not run", "[app][calibration][selftest]")
{
    test::CalibrationFixture f;
    app::SelfTestReport full;
    full.deviceSerial = test::kSimulatorSerial;
    full.atUtcMs = nowMs(f);
    full.checks = {{QStringLiteral("handshake"), 0, app::CheckOutcome::Passed, QStringLiteral("ok")},
        {QStringLiteral("zero output"), 2, app::CheckOutcome::Passed, QStringLiteral("0.01 mA at 0 mA")},
        {QStringLiteral("low-current check"), 2, app::CheckOutcome::Failed, QStringLiteral("3.4 mA at 2 mA")}};
    REQUIRE(f.service->recordSelfTest(f.technician, full).ok());
    REQUIRE(f.statusOf(2).locked);

    // At the next session start the therapy scope passes the checks it runs: the 2 mA failure still stands.
    f.files.clock.advance(std::chrono::minutes(5));
    app::SelfTestReport therapy = full;
    therapy.scope = app::SelfTestScope::Therapy;
    therapy.atUtcMs = nowMs(f);
    therapy.checks.removeLast();
    REQUIRE(f.service->recordSelfTest(f.therapist, therapy).ok());
    CHECK(f.service->lastSelfTest(test::kSimulatorSerial)->scope == app::SelfTestScope::Therapy);
    const auto st = f.statusOf(2);
    CHECK(st.locked);
    CHECK(st.reason.contains(QStringLiteral("low-current check on channel 2")));

    // A passing full self-test (or a passing calibration after the failure) lifts it.
    full.atUtcMs = nowMs(f);
    full.checks.last().outcome = app::CheckOutcome::Passed;
    REQUIRE(f.service->recordSelfTest(f.technician, full).ok());
    CHECK_FALSE(f.statusOf(2).locked);

    // A failed zero-output check of a therapy self-test locks its channel like any failed check.
    therapy.atUtcMs = nowMs(f);
    therapy.checks[1] = {QStringLiteral("zero output"), 2, app::CheckOutcome::Failed,
        QStringLiteral("measured 0.60 mA at 0 mA commanded (allowed below 0.25 mA)")};
    REQUIRE(f.service->recordSelfTest(f.therapist, therapy).ok());
    CHECK(f.statusOf(2).locked);
}

TEST_CASE("Drift over past calibrations warns before the trend leaves tolerance", "[app][calibration][drift]")
{
    test::CalibrationFixture f;
    writeRecord(f, 1, db::records::CalibrationStatus::Passed, 1.00, 0, 365);
    f.files.clock.advance(std::chrono::days(365));
    writeRecord(f, 1, db::records::CalibrationStatus::Passed, 1.04, 0, 365);
    f.files.clock.advance(std::chrono::days(365));
    writeRecord(f, 1, db::records::CalibrationStatus::Passed, 1.08, 0, 365);
    const auto drift = f.service->drift(f.technician, test::kSimulatorSerial, 1);
    REQUIRE(drift.ok());
    CHECK(drift->history.size() == 3);
    CHECK(drift->trendKnown);
    CHECK(drift->gainPerYear == Approx(0.04 * 365.25 / 365.0).epsilon(1e-3));
    CHECK(drift->gainAtDue == Approx(1.12).epsilon(1e-3));
    REQUIRE(drift->warning());
    CHECK(*drift->leavesToleranceUtcMs < drift->dueUtcMs);
    CHECK(drift->message.contains(QStringLiteral("leaves tolerance")));

    writeRecord(f, 2, db::records::CalibrationStatus::Passed, 1.01, 0, 365);
    const auto steady = f.service->drift(f.technician, test::kSimulatorSerial, 2);
    REQUIRE(steady.ok());
    CHECK_FALSE(steady->warning());
    CHECK_FALSE(steady->trendKnown);
}

TEST_CASE("Every calibration of every device is listed", "[app][calibration][history]")
{
    test::CalibrationFixture f;
    writeRecord(f, 1, db::records::CalibrationStatus::Passed, 1.0, 0, 365);
    writeRecord(f, 2, db::records::CalibrationStatus::Failed, 1.2, 0, 365);
    const auto all = f.service->allCalibrations(f.admin);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 2);
    CHECK(all->at(0).status == QStringLiteral("passed"));
    CHECK(all->at(1).status == QStringLiteral("failed"));
    CHECK(all->at(1).channel == 2);
}

namespace {

// Every row of the calibration tables and the audit trail: what a refused call must leave unchanged.
qint64 writtenRows(test::CalibrationFixture& f)
{
    QSqlQuery q(f.store->impl().db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM calibrations) + (SELECT COUNT(*) FROM "
                                  "calibration_instruments) + (SELECT COUNT(*) FROM audit_log)")));
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}

QString withNul(const QString& text)
{
    return text.left(1) + QChar(u'\0') + text.mid(1);
}

} // namespace

TEST_CASE(
    "A calibration setup's texts are held to the record's limits before anything connects", "[app][calibration][setup]")
{
    test::CalibrationFixture f;
    const qint64 rows = writtenRows(f);
    const auto refusal = [&](const std::function<void(app::CalibrationSetup&)>& edit) {
        auto s = test::CalibrationFixture::setup(kUrl, {1});
        edit(s);
        const auto r = f.service->begin(f.technician, s);
        REQUIRE_FALSE(r.ok()); // refused by begin() itself: no procedure, so nothing was ever connected
        CHECK(r.error().kind == app::AppError::Kind::Invalid);
        return r.error().message;
    };
    const QString x = QStringLiteral("x");
    QString m = refusal([&](auto& s) { s.instruments.front().name = x.repeated(app::kMaxInstrumentNameChars + 1); });
    CHECK(m.contains(QStringLiteral("instrument name")));
    CHECK(m.contains(QStringLiteral("at most 200")));
    m = refusal([&](auto& s) { s.instruments.front().serial = x.repeated(app::kMaxInstrumentSerialChars + 1); });
    CHECK(m.contains(QStringLiteral("instrument serial")));
    CHECK(m.contains(QStringLiteral("at most 100")));
    m = refusal([&](auto& s) { s.deviceSerial = x.repeated(app::kMaxDeviceSerialChars + 1); });
    CHECK(m.contains(QStringLiteral("device serial")));
    CHECK(m.contains(QStringLiteral("at most 100")));
    m = refusal([&](auto& s) { s.notes = x.repeated(app::kMaxCalibrationNotesChars + 1); });
    CHECK(m.contains(QStringLiteral("calibration notes")));
    CHECK(m.contains(QStringLiteral("at most 4000")));
    m = refusal([&](auto& s) { s.instruments.front().name = withNul(QStringLiteral("Fluke")); });
    CHECK(m.contains(QStringLiteral("instrument name contains a NUL")));
    m = refusal([&](auto& s) { s.instruments.front().serial = withNul(QStringLiteral("FL-1")); });
    CHECK(m.contains(QStringLiteral("instrument serial contains a NUL")));
    m = refusal([&](auto& s) { s.deviceSerial = withNul(QStringLiteral("GSIM")); });
    CHECK(m.contains(QStringLiteral("device serial contains a NUL")));
    m = refusal([&](auto& s) { s.notes = withNul(QStringLiteral("note")); });
    CHECK(m.contains(QStringLiteral("calibration notes contains a NUL")));
    CHECK(writtenRows(f) == rows);

    // At the limits the setup is good.
    auto s = test::CalibrationFixture::setup(kUrl, {1});
    s.instruments.front().name = x.repeated(app::kMaxInstrumentNameChars);
    s.instruments.front().serial = x.repeated(app::kMaxInstrumentSerialChars);
    CHECK(f.service->begin(f.technician, s).ok());
}

TEST_CASE(
    "A simulator's options are checked when a calibration begins, not when it connects", "[app][calibration][setup]")
{
    test::CalibrationFixture f;
    const auto refusal = [&](const QString& url) {
        const auto r = f.service->begin(f.technician, test::CalibrationFixture::setup(url, {1}));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == app::AppError::Kind::Invalid);
        CHECK(r.error().message.startsWith(QStringLiteral("device URL")));
        CHECK(r.error().message.count(QStringLiteral("device URL")) == 1);
        return r.error().message;
    };
    QString m = refusal(QStringLiteral("sim:sciencemode4?channels=9"));
    CHECK(m.contains(QStringLiteral("channels")));
    CHECK(m.contains(QStringLiteral("1..8")));
    m = refusal(QStringLiteral("sim:sciencemode4?load-ohms=-5"));
    CHECK(m.contains(QStringLiteral("load-ohms")));
    CHECK(m.contains(QStringLiteral("1..10000000")));
    m = refusal(QStringLiteral("sim:sciencemode4?battery=101"));
    CHECK(m.contains(QStringLiteral("battery")));
    CHECK(m.contains(QStringLiteral("0..100")));
    m = refusal(QStringLiteral("sim:sciencemode4?frobnicate=1"));
    CHECK(m.contains(QStringLiteral("unknown simulator option 'frobnicate'")));
    // The host's own option (level) is not a simulator option.
    auto manual = test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4?level=mid&battery=50"), {1});
    manual.mode = app::MeasurementMode::Manual;
    CHECK(f.service->begin(f.technician, manual).ok());
}

TEST_CASE("A reference instrument's due date is YYYY-MM-DD exactly", "[app][calibration][setup]")
{
    QString error;
    for (const char* due : {"2099,01,01", "2099/01/01", "2099.01.01", "20990101", "2099-1-1", "2099-01-01T00:00",
             "\xd9\xa2\xd9\xa0\xd9\xa9\xd9\xa9-\xd9\xa0\xd9\xa1-\xd9\xa0\xd9\xa1"}) {
        INFO(due);
        CHECK_FALSE(app::ReferenceInstrument::parse(QStringLiteral("Fluke:F1:") + QString::fromUtf8(due), &error));
        CHECK(error.contains(QStringLiteral("YYYY-MM-DD")));
    }
    const auto good = app::ReferenceInstrument::parse(QStringLiteral("Fluke:F1: 2099-01-01"), &error);
    REQUIRE(good);
    CHECK(good->dueDate == QDate(2099, 1, 1));
}

TEST_CASE("A clinic policy change's reason has at most 1000 characters", "[app][calibration]")
{
    test::CalibrationFixture f;
    const qint64 updates = f.auditRows(QStringLiteral("update"));
    const QString x = QStringLiteral("x");
    const auto tooLong = f.service->setRequiresCalibrationRecord(f.admin, true, x.repeated(1001));
    REQUIRE_FALSE(tooLong.ok());
    CHECK(tooLong.error().kind == app::AppError::Kind::Invalid);
    CHECK(tooLong.error().message.contains(QStringLiteral("reason")));
    CHECK(tooLong.error().message.contains(QStringLiteral("at most 1000")));
    const auto nul = f.service->setRequiresCalibrationRecord(f.admin, true, withNul(QStringLiteral("insurer")));
    REQUIRE_FALSE(nul.ok());
    CHECK(nul.error().message.contains(QStringLiteral("NUL")));
    CHECK(f.auditRows(QStringLiteral("update")) == updates);
    CHECK_FALSE(*f.service->requiresCalibrationRecord(f.admin));
    REQUIRE(f.service->setRequiresCalibrationRecord(f.admin, true, x.repeated(1000)).ok());
    CHECK(*f.service->requiresCalibrationRecord(f.admin));
}

TEST_CASE("A device serial no record can have is refused, not answered with none", "[app][calibration][status]")
{
    test::CalibrationFixture f;
    const QString tooLong = QStringLiteral("S").repeated(app::kMaxDeviceSerialChars + 1);
    const auto refused = [](const app::AppError& e) {
        CHECK(e.kind == app::AppError::Kind::Invalid);
        CHECK(e.message.contains(QStringLiteral("device serial")));
        CHECK(e.message.contains(QStringLiteral("at most 100")));
    };
    const auto one = f.service->status(f.therapist, tooLong, 1);
    REQUIRE_FALSE(one.ok());
    refused(one.error());
    const auto device = f.service->deviceStatus(f.therapist, tooLong, 8);
    REQUIRE_FALSE(device.ok());
    refused(device.error());
    const auto history = f.service->history(f.technician, tooLong, 1);
    REQUIRE_FALSE(history.ok());
    refused(history.error());
    const auto drift = f.service->drift(f.technician, tooLong, 1);
    REQUIRE_FALSE(drift.ok());
    refused(drift.error());
    const auto nul = f.service->status(f.therapist, withNul(test::kSimulatorSerial), 1);
    REQUIRE_FALSE(nul.ok());
    CHECK(nul.error().message.contains(QStringLiteral("NUL")));

    const auto longest = f.service->status(f.therapist, tooLong.left(app::kMaxDeviceSerialChars), 1);
    REQUIRE(longest.ok());
    CHECK(longest->state == CalibrationState::None);
}

TEST_CASE(
    "Past self-tests of a device are read back from the audit trail, newest first", "[app][calibration][selftest]")
{
    test::CalibrationFixture f;
    const auto report = [](const QString& serial, app::SelfTestScope scope, qint64 atUtcMs, app::CheckOutcome zero) {
        app::SelfTestReport r;
        r.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8");
        r.deviceSerial = serial;
        r.firmware = QStringLiteral("2.1");
        r.protocol = QStringLiteral("ScienceMode4");
        r.atUtcMs = atUtcMs;
        r.scope = scope;
        r.checks = {{QStringLiteral("handshake"), 0, app::CheckOutcome::Passed, QStringLiteral("firmware 2.1")},
            {QStringLiteral("zero output"), 3, zero, QStringLiteral("measured 0.60 mA at 0 mA commanded")}};
        return r;
    };
    REQUIRE(f.service
                ->recordSelfTest(f.technician,
                    report(QStringLiteral("SN-A"), app::SelfTestScope::Full, 1'000, app::CheckOutcome::Failed))
                .ok());
    REQUIRE(f.service
                ->recordSelfTest(f.therapist,
                    report(QStringLiteral("SN-B"), app::SelfTestScope::Full, 2'000, app::CheckOutcome::Passed))
                .ok());
    REQUIRE(f.service
                ->recordSelfTest(f.therapist,
                    report(QStringLiteral("SN-A"), app::SelfTestScope::Therapy, 3'000, app::CheckOutcome::Passed))
                .ok());

    // Read by another service object, as another screen or process would: the trail, not this one's memory.
    app::CalibrationService reader(f.service->store());
    const auto history = reader.selfTestHistory(f.technician, QStringLiteral("SN-A"));
    REQUIRE(history.ok());
    REQUIRE(history->size() == 2);
    const app::RecordedSelfTest& newest = history->at(0);
    CHECK(newest.report.scope == app::SelfTestScope::Therapy);
    CHECK(newest.operatorName == f.therapist.username);
    CHECK(newest.report.passed());
    const app::RecordedSelfTest& oldest = history->at(1);
    CHECK(oldest.report.scope == app::SelfTestScope::Full);
    CHECK(oldest.operatorName == f.technician.username);
    CHECK(oldest.report.deviceSerial == QStringLiteral("SN-A"));
    CHECK(oldest.report.deviceUrl == QStringLiteral("sim:sciencemode4?channels=8"));
    CHECK(oldest.report.firmware == QStringLiteral("2.1"));
    CHECK(oldest.report.protocol == QStringLiteral("ScienceMode4"));
    CHECK(oldest.report.atUtcMs <= newest.report.atUtcMs);
    REQUIRE(oldest.report.checks.size() == 2);
    CHECK(oldest.report.checks.at(1).name == QStringLiteral("zero output"));
    CHECK(oldest.report.checks.at(1).channel == 3);
    CHECK(oldest.report.checks.at(1).outcome == app::CheckOutcome::Failed);
    CHECK(oldest.report.checks.at(1).detail == QStringLiteral("measured 0.60 mA at 0 mA commanded"));
    CHECK(oldest.report.summary().contains(QStringLiteral("zero output on channel 3")));

    const auto newestOnly = reader.selfTestHistory(f.technician, QStringLiteral("SN-A"), 1);
    REQUIRE(newestOnly.ok());
    REQUIRE(newestOnly->size() == 1);
    CHECK(newestOnly->front().report.scope == app::SelfTestScope::Therapy);
    CHECK(reader.selfTestHistory(f.technician, QStringLiteral("SN-C"))->isEmpty());

    const auto badLimit = reader.selfTestHistory(f.technician, QStringLiteral("SN-A"), 0);
    REQUIRE_FALSE(badLimit.ok());
    CHECK(badLimit.error().message.contains(QStringLiteral("1–1000")));
    CHECK_FALSE(reader.selfTestHistory(f.technician, QStringLiteral("SN") + QChar(0)).ok()); // as status() refuses
}
