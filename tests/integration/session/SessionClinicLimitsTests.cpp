// SPDX-License-Identifier: GPL-3.0-or-later
// A running session and the clinic's limits (ClinicLimitsService): live amplitude changes stop at them. The
// refusals at prepare() are in SessionInterlockTests.cpp.
#include "SessionFixture.h"

#include "app/services/ClinicLimitsService.h"
#include "core/Clock.h"
#include "device/worker/DeviceService.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

using namespace galvani;
using namespace galvani::test;

TEST_CASE("Live amplitude changes stay within the clinic's amplitude limit", "[session][run][clinic]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::ClinicLimits clinic;
    clinic.amplitudeMaxUa = 7'000;
    REQUIRE(app::ClinicLimitsService(f.store()).setLimits(f.admin, clinic, QStringLiteral("clinic rule")).ok());
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 6'500)}, 30)).isEmpty());
    probe.startAndWaitRunning();
    const auto atLimit = controller.setAmplitude(1, 7'000); // the limit itself
    INFO((atLimit.ok() ? QString() : atLimit.error().message).toStdString());
    REQUIRE(atLimit.ok());
    const auto above = controller.setAmplitude(1, 7'500);
    REQUIRE_FALSE(above.ok());
    INFO(above.error().message.toStdString());
    REQUIRE(above.error().message.startsWith(QStringLiteral("channel 1: ")));
    REQUIRE(above.error().message.contains(QStringLiteral("clinic policy")));
    REQUIRE(waitUntil([&] {
        const auto sim = probe.simulator();
        return sim != nullptr && sim->output(1).commanded.value() == 7'000;
    }));
    controller.stop(QStringLiteral("done"));
    REQUIRE(probe.waitEnded());
    REQUIRE(f.session(*controller.sessionId()).channels.first().maxAmplitudeUa == 7'000);
}
