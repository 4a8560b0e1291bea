// SPDX-License-Identifier: GPL-3.0-or-later
// What self-tests found outlives the process that ran them and reaches every workstation on the store: the self-test
// memory follows the audit trail's self_test rows (CalibrationService::selfTestsOf).
#include "CalibrationFixture.h"

#include <catch2/catch.hpp>

#include <chrono>

using namespace galvani;

TEST_CASE(
    "A failed self-test still locks its channel for the next process on the store", "[app][calibration][selftest]")
{
    // Regression: what self-tests found was kept only in the process's memory, so the next start of the application
    // (or a CLI run, or another workstation on a shared store) ran a channel the last self-test had failed.
    test::CalibrationFixture f;
    app::SelfTestReport report;
    report.deviceSerial = test::kSimulatorSerial;
    report.atUtcMs = f.nowUtcMs();
    report.protocol = QStringLiteral("sciencemode4");
    report.checks = {{QStringLiteral("handshake"), 0, app::CheckOutcome::Passed, QStringLiteral("ok")},
        {QStringLiteral("low-current check"), 2, app::CheckOutcome::Failed, QStringLiteral("3.4 mA at 2 mA")}};
    REQUIRE(f.service->recordSelfTest(f.therapist, report).ok());

    QString error;
    auto next = app::RecordStore::open(f.config, f.files.clock, &error);
    INFO(error.toStdString());
    REQUIRE(next);
    app::CalibrationService service(*next);
    const auto locked = service.status(f.therapist, test::kSimulatorSerial, 2);
    REQUIRE(locked.ok());
    CHECK(locked->locked);
    CHECK(locked->reason.contains(QStringLiteral("low-current check")));
    const auto other = service.status(f.therapist, test::kSimulatorSerial, 1);
    REQUIRE(other.ok());
    CHECK_FALSE(other->locked);
    // Another device's channels are not affected.
    const auto elsewhere = service.status(f.therapist, QStringLiteral("P24-0007"), 2);
    REQUIRE(elsewhere.ok());
    CHECK_FALSE(elsewhere->locked);
}

TEST_CASE("A self-test failed on another workstation locks the channel here at once", "[app][calibration][selftest]")
{
    // Regression: a workstation read a device's recorded self-tests once, so on a shared store a failure recorded
    // later by another workstation was not seen until this one restarted.
    test::CalibrationFixture f;
    QString error;
    auto otherStore = app::RecordStore::open(f.config, f.files.clock, &error);
    INFO(error.toStdString());
    REQUIRE(otherStore);
    app::CalibrationService other(*otherStore);
    REQUIRE_FALSE(f.statusOf(2).locked); // this workstation has read the device's (empty) record

    app::SelfTestReport report;
    report.deviceSerial = test::kSimulatorSerial;
    report.atUtcMs = f.nowUtcMs();
    report.protocol = QStringLiteral("sciencemode4");
    report.checks = {{QStringLiteral("handshake"), 0, app::CheckOutcome::Passed, QStringLiteral("ok")},
        {QStringLiteral("low-current check"), 2, app::CheckOutcome::Failed, QStringLiteral("3.4 mA at 2 mA")}};
    REQUIRE(other.recordSelfTest(f.therapist, report).ok());
    CHECK(f.statusOf(2).locked);

    // And a pass recorded there clears it here.
    f.files.clock.advance(std::chrono::minutes(5));
    report.atUtcMs = f.nowUtcMs();
    report.checks[1].outcome = app::CheckOutcome::Passed;
    REQUIRE(other.recordSelfTest(f.therapist, report).ok());
    CHECK_FALSE(f.statusOf(2).locked);
}
