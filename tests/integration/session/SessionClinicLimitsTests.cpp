// SPDX-License-Identifier: GPL-3.0-or-later
// A running session and the clinic's configuration: live amplitude changes stop at the clinic's limits
// (ClinicLimitsService), and a clinic preset (ClinicPresetService) runs with its own values. The
// refusals at prepare() are in SessionInterlockTests.cpp.
#include "SessionFixture.h"

#include "app/services/ClinicLimitsService.h"
#include "app/services/ClinicPresetService.h"
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

TEST_CASE("A session runs a clinic preset's values, and the request's own settings change them", "[session][clinic]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::ClinicPresetDraft draft;
    draft.name = QStringLiteral("Lumbar TENS, low rate");
    draft.basePresetId = QStringLiteral("conventional-tens");
    draft.values = {{QStringLiteral("pulse rate"), 85.0}, {QStringLiteral("phase width"), 220.0}};
    const auto saved = app::ClinicPresetService(f.store()).save(f.therapist, QString(), draft, QStringLiteral("ours"));
    REQUIRE(saved.ok());

    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    auto request = f.request({SessionFixture::channel(1, 5'000)}, 30);
    request.presetId = saved->id;
    request.settings = {{QStringLiteral("phase width"), 200.0}}; // the therapist's change for today
    REQUIRE(probe.prepare(request).isEmpty());
    const auto plan = controller.plan();
    REQUIRE(plan);
    CHECK(plan->presetName == QStringLiteral("Lumbar TENS, low rate (clinic preset on Conventional TENS)"));
    CHECK(plan->programSummary.contains(QStringLiteral("85 Hz")));
    CHECK(plan->programSummary.contains(QStringLiteral("200 µs")));
    CHECK(controller.presetName() == plan->presetName);
    controller.stop(QStringLiteral("not today"));

    // A retired clinic preset is refused before anything connects.
    REQUIRE(app::ClinicPresetService(f.store()).retire(f.therapist, saved->id, QStringLiteral("replaced")).ok());
    app::SessionController again(f.store());
    const auto refused = again.prepare(request);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == app::AppError::Kind::NotFound);
    CHECK(refused.error().message.contains(QStringLiteral("retired")));
}
