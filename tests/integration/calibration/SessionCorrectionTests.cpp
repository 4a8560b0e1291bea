// SPDX-License-Identifier: GPL-3.0-or-later
// SessionController with calibrations in force: the device receives the corrected commands, live changes follow
// the correction, and a channel the calibration service locks is refused.
#include "../session/SessionFixture.h"

#include "app/calibration/CalibrationService.h"
#include "core/Clock.h"
#include "db/records/CalibrationRepository.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace galvani;
using namespace galvani::test;

namespace {

// A passing record with the fitted model gain · I + offsetUa over 10–50 mA, as the procedure writes one.
qint64 recordCalibration(SessionFixture& f, int channel, double gain)
{
    const qint64 now
        = std::chrono::duration_cast<std::chrono::milliseconds>(f.clock.utcNow().time_since_epoch()).count();
    db::records::NewCalibration c;
    c.deviceSerial = QString::fromLatin1(kSimSerial);
    c.firmware = QStringLiteral("sim");
    c.channel = channel;
    c.dueUtcMs = now + 365 * kDayMs;
    c.status = db::records::CalibrationStatus::Passed;
    c.gainAfterPpm = std::llround(gain * 1e6);
    c.offsetAfterUa = 0;
    c.instruments = {db::records::CalibrationInstrument{
        QStringLiteral("Fluke 87V"), QStringLiteral("FL-1"), QStringLiteral("2099-12-31")}};
    for (const qint64 set : {10'000, 25'000, 50'000}) {
        c.points.append(db::records::CalibrationPoint{500, 200, 100'000, set, set, true});
    }
    const auto written = db::records::CalibrationRepository(f.ctx()).record(
        c, db::Actor::user(f.technician.id, f.technician.username));
    REQUIRE(written.ok());
    return written->id;
}

const app::ChannelStatus* latest(const SessionProbe& probe, int channel)
{
    for (auto it = probe.statuses.rbegin(); it != probe.statuses.rend(); ++it) {
        if (it->channel == channel) {
            return &*it;
        }
    }
    return nullptr;
}

bool settledAt(const SessionProbe& probe, int channel, qint64 commandedUa)
{
    const auto* s = latest(probe, channel);
    return s != nullptr && s->commandedUa == commandedUa && !s->ramping;
}

} // namespace

TEST_CASE("A session drives a calibrated channel through its correction", "[calibration][session]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1, 2});
    const qint64 calibrationId = recordCalibration(f, 1, 1.08);
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    // Channel 1 really is 8 % hot; channel 2 has no record and runs uncorrected.
    const auto request = f.request({SessionFixture::channel(1, 20'000), SessionFixture::channel(2, 12'000)}, 10,
        QStringLiteral("sim:sciencemode4?channels=8&gain-error=1:+8%"));
    REQUIRE(probe.prepare(request).isEmpty());
    const app::SessionPlan plan = *controller.plan();
    REQUIRE(plan.channels.at(0).calibrationId == calibrationId);
    REQUIRE(plan.channels.at(0).targetUa == 20'000);
    probe.startAndWaitRunning();

    // 20 mA / 1.08 = 18.52 mA → 18.5 mA on the device's 0.5 mA step; the channel then delivers about 20 mA.
    REQUIRE(waitUntil(
        [&] { return settledAt(probe, 1, 18'500) && settledAt(probe, 2, 12'000); }, std::chrono::seconds(10)));
    REQUIRE(waitUntil(
        [&] {
            const auto* s = latest(probe, 1);
            return s != nullptr && s->commandedUa == 18'500 && s->measuredUa
                && std::llabs(*s->measuredUa - 20'000) <= 500;
        },
        std::chrono::seconds(5)));
    CHECK(latest(probe, 1)->setpointUa == 20'000);

    // A live change follows the correction: 21 mA → 19.44 mA → 19.5 mA, reached in validated 0.5 mA steps.
    REQUIRE(controller.setAmplitude(1, 20'500).ok());
    REQUIRE(controller.setAmplitude(1, 21'000).ok());
    REQUIRE(waitUntil([&] { return settledAt(probe, 1, 19'500); }, std::chrono::seconds(10)));
    CHECK(latest(probe, 1)->setpointUa == 21'000);
    controller.stop(QStringLiteral("done"));
    REQUIRE(probe.waitEnded());
    CHECK(probe.faults.empty());
}

TEST_CASE("A session refuses a channel the calibration service locks", "[calibration][session]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1, 2});
    recordCalibration(f, 1, 1.0);
    REQUIRE(app::CalibrationService(f.store())
                .setRequiresCalibrationRecord(f.admin, true, QStringLiteral("insurer requires records"))
                .ok());
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    const QString error
        = probe.prepare(f.request({SessionFixture::channel(1, 10'000), SessionFixture::channel(2, 10'000)}, 3));
    INFO(error.toStdString());
    CHECK(error.contains(QStringLiteral("calibration: channel 2 of device GSIM-0001 is locked")));
    CHECK(error.contains(QStringLiteral("requires")));
    CHECK(controller.state() == app::SessionState::Idle);

    // Channel 1 alone, with its record, runs.
    REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 10'000)}, 3)).isEmpty());
    controller.stop(QStringLiteral("not today"));
}
