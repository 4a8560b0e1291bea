// SPDX-License-Identifier: GPL-3.0-or-later
// SessionController::prepare(): every interlock refuses with a message naming what is missing, and nothing is
// recorded or started when one does.
#include "SessionFixture.h"

#include "app/services/ClinicLimitsService.h"
#include "app/store/RecordStoreImpl.h"
#include "core/Clock.h"
#include "db/records/SessionRepository.h"
#include "support/FakeClock.h"

#include <catch2/catch.hpp>

using namespace galvani;
using namespace galvani::test;
using db::records::Side;

namespace {

void requireContains(const QString& text, const char* needle)
{
    INFO(text.toStdString());
    REQUIRE(text.contains(QString::fromUtf8(needle)));
}

// No session row may exist after a refused preparation.
qint64 sessionRows(SessionFixture& f)
{
    const auto sessions = db::records::SessionRepository(f.ctx()).forPatient(f.patientId);
    REQUIRE(sessions.ok());
    return sessions->size();
}

} // namespace

TEST_CASE("Preparing without a screening on record is refused with the screening named", "[session][interlock]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.place(1, Side::Right, QStringLiteral("lumbar erector spinae"));
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    const QString error = probe.prepare(f.request({SessionFixture::channel(1, 10'000)}, 3));
    requireContains(error, "screening: no contraindication screening is on record for patient MRN-7001");
    REQUIRE(controller.state() == app::SessionState::Idle);
    REQUIRE(probe.simulator() == nullptr); // the device was never contacted
    REQUIRE(sessionRows(f) == 0);
}

TEST_CASE("A blocked screening is refused with the blocking answer named", "[session][interlock]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.screen(true);
    f.place(1, Side::Right, QStringLiteral("lumbar erector spinae"));
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    const QString error = probe.prepare(f.request({SessionFixture::channel(1, 10'000)}, 3));
    requireContains(error, "blocks treatment");
    requireContains(error, "Demand pacemaker, ICD, or any implanted electronic or neurostimulating device (yes)");
}

TEST_CASE("An expired screening is refused, by its own expiry and by the validity period", "[session][interlock]")
{
    FakeClock clock;
    SessionFixture f(clock);
    f.place(1, Side::Right, QStringLiteral("lumbar erector spinae"));
    app::SessionController controller(f.store());
    SessionProbe probe(controller);

    SECTION("its own expiry")
    {
        f.screen(false, 2 * kDayMs);
        clock.advance(std::chrono::hours(24 * 3));
        requireContains(probe.prepare(f.request({SessionFixture::channel(1, 10'000)}, 3)), "expired on 2026-01-03");
    }
    SECTION("the validity ceiling of kScreeningValidity, whatever expiry the screening states")
    {
        f.screen(false, 3 * 365 * kDayMs);
        clock.advance(std::chrono::hours(24 * 364));
        // Still valid after 364 days: the refusal comes from the next interlock (the device), not the screening.
        const QString stillValid = probe.prepare(f.request({SessionFixture::channel(1, 10'000)}, 3,
            QStringLiteral("serial:/dev/galvani-no-such-port?protocol=sciencemode4")));
        requireContains(stillValid, "is not reachable");
        clock.advance(std::chrono::hours(24 * 2));
        const QString error = probe.prepare(f.request({SessionFixture::channel(1, 10'000)}, 3));
        requireContains(error, "expired on 2027-01-01 (valid 365 days at most)");
    }
}

TEST_CASE(
    "A channel without a placement at the requested site is refused with the channel named", "[session][interlock]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);

    SECTION("nothing recorded on the channel")
    {
        const QString error
            = probe.prepare(f.request({SessionFixture::channel(1, 10'000), SessionFixture::channel(2, 10'000)}, 3));
        requireContains(
            error, "placement: no electrode placement is recorded for channel 2 (right-lumbar-erector-spinae)");
    }
    SECTION("recorded at another site")
    {
        f.place(2, Side::Left, QStringLiteral("lumbar multifidus"));
        const QString error
            = probe.prepare(f.request({SessionFixture::channel(1, 10'000), SessionFixture::channel(2, 10'000)}, 3));
        requireContains(
            error, "placement: channel 2 is recorded at left-lumbar-multifidus, not at right-lumbar-erector-spinae");
    }
    REQUIRE(controller.state() == app::SessionState::Idle);
}

TEST_CASE("A failed or overdue calibration locks its channel, naming channel and device", "[session][interlock]")
{
    FakeClock clock;
    SessionFixture f(clock);
    app::SessionController controller(f.store());
    SessionProbe probe(controller);

    SECTION("failed")
    {
        f.readyFor({1, 2});
        f.calibrate(1, true, 365 * kDayMs);
        f.calibrate(2, false, 365 * kDayMs);
        const QString error
            = probe.prepare(f.request({SessionFixture::channel(1, 10'000), SessionFixture::channel(2, 10'000)}, 3));
        requireContains(error, "calibration: channel 2 of device GSIM-0001 failed its calibration");
    }
    SECTION("overdue")
    {
        f.calibrate(3, true, 10 * kDayMs);
        clock.advance(std::chrono::hours(24 * 11));
        f.readyFor({3});
        const QString error = probe.prepare(f.request({SessionFixture::channel(3, 10'000)}, 3));
        requireContains(error, "calibration: channel 3 of device GSIM-0001 is overdue");
    }
    REQUIRE(controller.state() == app::SessionState::Idle);
    // The device connection used for the check is closed again; no session was recorded.
    REQUIRE(sessionRows(f) == 0);
}

TEST_CASE("A stimulator that reports no serial is refused until its device URL names one", "[session][interlock]")
{
    // Regression: ScienceMode2 reports no device id, so prepare() checked calibrations and recorded self-tests under
    // the device URL, while the technician's procedure records them under the serial typed in its setup. A failed
    // calibration of such a device never locked its channel for therapy.
    FakeClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    f.calibrate(1, false, 365 * kDayMs, QStringLiteral("RS2-0042"));
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    // ScienceMode2 runs at most 50 Hz: a 2 Hz preset.
    auto request = f.request({SessionFixture::channel(1, 10'000)}, 3, QStringLiteral("sim:sciencemode2"));
    request.presetId = QStringLiteral("acupuncture-like-tens");

    SECTION("no serial anywhere")
    {
        const QString error = probe.prepare(request);
        requireContains(error, "device: sim:sciencemode2 reports no serial number");
        requireContains(error, "device-serial=");
    }
    SECTION("the URL names the serial the technician calibrated")
    {
        request.deviceUrl = QStringLiteral("sim:sciencemode2?device-serial=RS2-0042");
        const QString error = probe.prepare(request);
        requireContains(error, "calibration: channel 1 of device RS2-0042 failed its calibration");
    }
    REQUIRE(controller.state() == app::SessionState::Idle);
    REQUIRE(sessionRows(f) == 0);
}

TEST_CASE(
    "A serial named in the device URL is the device's identity when the device reports none", "[session][interlock]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    const qint64 calibrationId = f.calibrate(1, true, 365 * kDayMs, QStringLiteral("RS2-0042"));
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    auto request
        = f.request({SessionFixture::channel(1, 10'000)}, 3, QStringLiteral("sim:sciencemode2?device-serial=RS2-0042"));
    request.presetId = QStringLiteral("acupuncture-like-tens");
    const QString error = probe.prepare(request);
    INFO(error.toStdString());
    REQUIRE(error.isEmpty());
    const app::SessionPlan plan = *controller.plan();
    CHECK(plan.deviceId == QStringLiteral("RS2-0042"));
    REQUIRE(plan.channels.size() == 1);
    CHECK(plan.channels.at(0).calibrationId == calibrationId);
    controller.stop(QStringLiteral("test over"));
}

TEST_CASE("A device URL naming another serial than the device reports is refused", "[session][interlock]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    const QString error = probe.prepare(f.request(
        {SessionFixture::channel(1, 10'000)}, 3, QStringLiteral("sim:sciencemode4?channels=8&device-serial=P24-0007")));
    requireContains(error, "the device reports serial GSIM-0001, but the device URL names device-serial=P24-0007");
    REQUIRE(controller.state() == app::SessionState::Idle);
    REQUIRE(sessionRows(f) == 0);
}

TEST_CASE("A device-serial in the device URL is checked like any device serial", "[session][interlock]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    const QString url = QStringLiteral("sim:sciencemode2?device-serial=") + QString(101, QLatin1Char('S'));
    const QString error = probe.prepare(f.request({SessionFixture::channel(1, 10'000)}, 3, url));
    requireContains(error, "device-serial");
    requireContains(error, "100");
    REQUIRE(controller.state() == app::SessionState::Idle);
}

TEST_CASE("The clinic's limits are held before connecting and by the safety kernel", "[session][interlock][clinic]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::ClinicLimits clinic;
    clinic.amplitudeMaxUa = 20'000;
    clinic.sessionMinutesMax = 5;
    clinic.pulseRateMaxHz = 90.0;
    REQUIRE(app::ClinicLimitsService(f.store()).setLimits(f.admin, clinic, QStringLiteral("clinic rule")).ok());
    app::SessionController controller(f.store());
    SessionProbe probe(controller);

    SECTION("a target above the clinic's amplitude limit")
    {
        requireContains(probe.prepare(f.request({SessionFixture::channel(1, 20'500)}, 60)),
            "channel 1: target amplitude 20.5 mA is above the clinic's limit of 20.0 mA");
    }
    SECTION("a duration above the clinic's limit")
    {
        requireContains(probe.prepare(f.request({SessionFixture::channel(1, 10'000)}, 6 * 60)),
            "duration: 6.0 min is above the clinic's limit of 5 min");
    }
    SECTION("a pulse rate above the clinic's limit, through the safety kernel")
    {
        auto request = f.request({SessionFixture::channel(1, 10'000)}, 60);
        request.settings = {app::ProgramSetting{QStringLiteral("pulse rate"), 100.0}};
        const QString error = probe.prepare(request);
        requireContains(error, "safety kernel: ");
        requireContains(error, "clinic policy");
    }
    REQUIRE(controller.state() == app::SessionState::Idle);
    REQUIRE(sessionRows(f) == 0);

    // Within them, the same request goes through.
    auto request = f.request({SessionFixture::channel(1, 20'000)}, 5 * 60);
    request.settings = {app::ProgramSetting{QStringLiteral("pulse rate"), 90.0}};
    const QString error = probe.prepare(request);
    INFO(error.toStdString());
    REQUIRE(error.isEmpty());
    controller.stop(QStringLiteral("test over"));
}

TEST_CASE("A channel with no calibration on record is allowed with a visible notice", "[session][interlock]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1, 2});
    const qint64 calibrationId = f.calibrate(1, true, 365 * kDayMs);
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 10'000), SessionFixture::channel(2, 12'000)}, 3))
                .isEmpty());
    REQUIRE(controller.state() == app::SessionState::Ready);
    const app::SessionPlan plan = *controller.plan();
    REQUIRE(plan.deviceId == QString::fromLatin1(kSimSerial));
    REQUIRE(plan.channels.size() == 2);
    REQUIRE(plan.channels.at(0).calibrationId == calibrationId);
    REQUIRE_FALSE(plan.channels.at(1).calibrationId.has_value());
    REQUIRE(plan.channels.at(1).calibrationNote == QStringLiteral("no calibration on record"));
    REQUIRE(plan.notices.contains(QStringLiteral("channel 2: no calibration of device GSIM-0001 is on record")));
    // The calibrated range (up to 50 mA) caps channel 1; channel 2 has only the other layers.
    REQUIRE(plan.channels.at(0).amplitudeMaxUa <= 50'000);
    controller.stop(QStringLiteral("not today"));
    REQUIRE(controller.state() == app::SessionState::Idle);
}

TEST_CASE("An unreachable device is refused with the device named", "[session][interlock]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    const QString url = QStringLiteral("serial:/dev/galvani-no-such-port?protocol=sciencemode4");
    const QString error = probe.prepare(f.request({SessionFixture::channel(1, 10'000)}, 3, url));
    requireContains(error, "device: serial:/dev/galvani-no-such-port?protocol=sciencemode4 is not reachable");
    REQUIRE(controller.state() == app::SessionState::Idle);
    // The session lock is released again: the next process may mark crashed sessions.
    QString lockError;
    REQUIRE(f.store().tryLockSessions(&lockError));
    f.store().unlockSessions();
}

TEST_CASE("Admins and technicians may not run sessions, and each refusal is audited", "[session][interlock][access]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    for (const app::SignedInUser& user : {f.admin, f.technician}) {
        app::SessionRequest r = f.request({SessionFixture::channel(1, 10'000)}, 3);
        r.user = user;
        const auto status = controller.prepare(r);
        REQUIRE_FALSE(status.ok());
        REQUIRE(status.error().kind == app::AppError::Kind::Denied);
        requireContains(status.error().message, "is not allowed to run session");
    }
    REQUIRE(f.refusals(QStringLiteral("run_session")) == 2);
    REQUIRE(controller.state() == app::SessionState::Idle);
}

TEST_CASE("Bad requests are refused naming the field and the allowed range", "[session][interlock]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    auto refusal = [&](const app::SessionRequest& r) {
        const auto status = controller.prepare(r);
        REQUIRE_FALSE(status.ok());
        REQUIRE(status.error().kind == app::AppError::Kind::Invalid);
        return status.error().message;
    };
    app::SessionRequest r = f.request({SessionFixture::channel(1, 10'000)}, 3);
    r.durationS = 0;
    requireContains(refusal(r), "duration: 0 s is outside 1 s – 99 min");
    r = f.request({SessionFixture::channel(1, 120'000)}, 3);
    requireContains(refusal(r), "channel 1: target amplitude 120.0 mA is outside 0.001–100.0 mA");
    r = f.request({SessionFixture::channel(1, 10'250)}, 3);
    requireContains(refusal(r), "channel 1: target amplitude 10250 µA is not a multiple of the device's 500 µA step");
    r = f.request({SessionFixture::channel(1, 10'000), SessionFixture::channel(1, 10'000)}, 3);
    requireContains(refusal(r), "channel 1: given twice");
    r = f.request({SessionFixture::channel(1, 10'000)}, 3);
    r.presetId = QStringLiteral("no-such-preset");
    requireContains(refusal(r), "preset: unknown id 'no-such-preset'; known: conventional-tens");
    r = f.request({SessionFixture::channel(1, 10'000)}, 3, QStringLiteral("carrier-pigeon:coo"));
    requireContains(refusal(r), "device URL scheme 'carrier-pigeon' is not supported; use sim: or serial:");
    // A simulator option out of range is refused before anything connects, naming the option (it used to pass
    // here and fail only when the simulator was started).
    r = f.request({SessionFixture::channel(1, 10'000)}, 3, QStringLiteral("sim:sciencemode4?channels=8&leak=9:0.6mA"));
    const QString badOption = refusal(r);
    requireContains(badOption, "device URL");
    requireContains(badOption, "leak");
    REQUIRE(controller.state() == app::SessionState::Idle);
    r = f.request({SessionFixture::channel(1, 10'000)}, 3);
    r.nprsBefore = 11;
    requireContains(refusal(r), "NPRS before: 11 is outside 0–10");
}

TEST_CASE("A second process cannot prepare while a session is prepared on the workstation", "[session][interlock]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 10'000)}, 3)).isEmpty());
    // Another process on this workstation is another lock holder: the same lock file through a second store.
    QString error;
    auto other = app::RecordStore::openConnection(f.config(), clock, &error);
    REQUIRE(other);
    QString lockError;
    REQUIRE_FALSE(other->tryLockSessions(&lockError));
    requireContains(lockError, "is running a session on this workstation");
    controller.stop(QStringLiteral("cancelled"));
    REQUIRE(other->tryLockSessions(&lockError));
    other->unlockSessions();
}
