// SPDX-License-Identifier: GPL-3.0-or-later
// The run screen's presenter without widgets: the amplitude steps and key help per device, what each state shows,
// the times, the selection, every refusal of an amplitude change in words (not running, at the cap, at zero, not a
// channel of the session), and a real session on the in-process simulator driven through it: a change reaches
// the controller, the setpoint follows the device's grid, pause and resume, and STOP ends the session with the
// reason naming the user and the key. The widgets are driven through the same flows in tests/unit/ui/session.
#include "AdminWorld.h"

#include "app/session/SessionController.h"
#include "support/WaitUntil.h"
#include "ui/presenters/SessionRunPresenter.h"

#include <catch2/catch.hpp>

#include <chrono>

using namespace galvani;
using app::SessionState;
using ui::presenters::SessionRunPresenter;

namespace {

using namespace std::chrono_literals;

app::SessionPlan planFor(const QString& deviceUrl, const QString& presetId, const QList<int>& channels)
{
    app::SessionPlan plan;
    plan.deviceUrl = deviceUrl;
    plan.presetId = presetId;
    plan.durationS = 20 * 60;
    for (const int ch : channels) {
        app::ChannelPlan c;
        c.channel = ch;
        c.siteId = QStringLiteral("right-lumbar-erector-spinae");
        c.targetUa = 10'000;
        c.amplitudeMaxUa = 12'000;
        plan.channels.append(c);
    }
    return plan;
}

} // namespace

TEST_CASE(
    "session run presenter: the steps and the key help follow the device's amplitude grid", "[presenters][session]")
{
    test::AdminWorld w;
    SessionRunPresenter p(w.context().sessions(), w.tess.username);

    p.begin(planFor(QStringLiteral("sim:sciencemode4?channels=8"), QStringLiteral("conventional-tens"), {1}));
    CHECK(p.steps().gridUa == 500);
    CHECK(p.steps().fineUa == 500);
    CHECK(p.steps().coarseUa == 500);
    CHECK(p.keyHelp()
        == QStringLiteral("Keys: 1–8 select a channel · ↑/↓ ±0.5 mA · Ctrl+↑/↓ all channels · P pause/resume · Esc STOP"
                          " · this stimulator sets amplitude in 0.5 mA steps"));

    p.begin(planFor(QStringLiteral("sim:sciencemode2"), QStringLiteral("conventional-tens"), {1}));
    CHECK(p.steps().fineUa == 1'000);
    CHECK(p.steps().coarseUa == 1'000);
    CHECK(p.keyHelp().endsWith(QStringLiteral(" · this stimulator sets amplitude in 1.0 mA steps")));

    // A URL the app does not know: the UI's own 0.1 and 0.5 mA steps (the controller names what is wrong).
    p.begin(planFor(QStringLiteral("sim:other"), QStringLiteral("conventional-tens"), {1}));
    CHECK(p.steps().gridUa == 100);
    CHECK(p.steps().fineUa == 100);
    CHECK(p.steps().coarseUa == 500);
    CHECK(p.keyHelp()
        == QStringLiteral("Keys: 1–8 select a channel · ↑/↓ ±0.1 mA · Shift+↑/↓ ±0.5 mA · Ctrl+↑/↓ all channels · "
                          "P pause/resume · Esc STOP"));
    CHECK(p.batteryWarning().isEmpty());

    auto withBattery = planFor(QStringLiteral("sim:sciencemode4"), QStringLiteral("conventional-tens"), {1});
    withBattery.batteryWarning = QStringLiteral("battery: 12 %, charge after this session");
    p.begin(withBattery);
    CHECK(p.batteryWarning() == QStringLiteral("Stimulator battery: 12 %, charge after this session"));
}

TEST_CASE("session run presenter: what each state shows, the times, and the selection", "[presenters][session]")
{
    test::AdminWorld w;
    SessionRunPresenter p(w.context().sessions(), w.tess.username);
    p.begin(planFor(QStringLiteral("sim:sciencemode4"), QStringLiteral("conventional-tens"), {2, 4}));

    auto v = p.setState(SessionState::Running);
    CHECK(v.state == QStringLiteral("Running"));
    CHECK(v.pauseButton == QStringLiteral("&Pause"));
    CHECK(v.pauseEnabled);
    CHECK(v.pauseTip == QStringLiteral("Pause (P): output off now; paused time does not count"));
    CHECK(v.stripOverride.isEmpty());
    CHECK(v.adjustable);
    v = p.setState(SessionState::Paused);
    CHECK(v.pauseButton == QStringLiteral("&Resume"));
    CHECK(v.pauseEnabled);
    CHECK(v.pauseTip == QStringLiteral("Resume (P): output ramps up again from zero to each setpoint"));
    CHECK(v.stripOverride == QStringLiteral("paused: output off"));
    CHECK_FALSE(v.adjustable);
    v = p.setState(SessionState::Starting);
    CHECK_FALSE(v.pauseEnabled);
    CHECK(v.stripOverride == QStringLiteral("starting…"));
    CHECK(p.setState(SessionState::Stopping).stripOverride == QStringLiteral("stopping…"));
    CHECK(p.setState(SessionState::Ended).stripOverride == QStringLiteral("stopped"));
    CHECK(p.setState(SessionState::Idle).stripOverride == QStringLiteral("stopped"));

    const auto t = SessionRunPresenter::progress(app::SessionProgress{187'900, 20 * 60'000});
    CHECK(t.elapsed == QStringLiteral("03:07 elapsed"));
    CHECK(t.remaining == QStringLiteral("16:52 left"));
    CHECK(t.maxSeconds == 1'200);
    CHECK(t.valueSeconds == 187);
    const auto over = SessionRunPresenter::progress(app::SessionProgress{61'000, 60'000});
    CHECK(over.remaining == QStringLiteral("00:00 left"));
    CHECK(over.valueSeconds == 60);
    CHECK(SessionRunPresenter::progress(app::SessionProgress{}).maxSeconds == 1);

    CHECK(p.selected() == 2); // the plan's first channel
    CHECK_FALSE(p.select(3)); // not in the session
    CHECK(p.selected() == 2);
    CHECK(p.select(4));
    CHECK(p.selected() == 4);

    CHECK_FALSE(p.outputOn());
    p.setChannelStatus(app::ChannelStatus{4, 10'000, 6'000, std::nullopt, true, true, false, false});
    CHECK(p.outputOn());
    CHECK(p.setpoint(4) == 10'000);
    p.setChannelStatus(app::ChannelStatus{3, 10'000, 6'000, std::nullopt, true, false, false, false}); // ignored
    p.setChannelStatus(app::ChannelStatus{4, 10'000, 0, std::nullopt, false, false, false, false});
    CHECK_FALSE(p.outputOn());
}

TEST_CASE("session run presenter: each amplitude change that cannot be made says why, and none reaches the device",
    "[presenters][session]")
{
    test::AdminWorld w;
    SessionRunPresenter p(w.context().sessions(), w.tess.username);
    p.begin(planFor(QStringLiteral("sim:sciencemode4"), QStringLiteral("conventional-tens"), {1, 2}));

    // Not running: nothing is sent.
    auto r = p.stepSelected(500);
    CHECK_FALSE(r.changed);
    CHECK(r.message == QStringLiteral("Channel 1: the amplitude can be changed only while output runs"));
    CHECK(p.setpoint(1) == 10'000);

    (void)p.setState(SessionState::Running);
    r = p.step(7, 500);
    CHECK_FALSE(r.changed);
    CHECK(r.message == QStringLiteral("Channel 7 is not in this session"));

    // At the cap (12 mA in this plan): a step up that would pass it stops at it, one more says so.
    p.setChannelStatus(app::ChannelStatus{1, 12'000, 12'000, std::nullopt, false, true, false, false});
    r = p.step(1, 500);
    CHECK_FALSE(r.changed);
    CHECK(r.message == QStringLiteral("Channel 1 is at its cap of 12.0 mA"));
    p.setChannelStatus(app::ChannelStatus{2, 0, 0, std::nullopt, false, false, false, false});
    r = p.step(2, -500);
    CHECK_FALSE(r.changed);
    CHECK(r.message == QStringLiteral("Channel 2 is at 0 mA"));
    r = p.stepAll(500);
    CHECK(r.message.startsWith(QStringLiteral("Channel 1 is at its cap of 12.0 mA\n")));
    CHECK(p.setpoint(1) == 12'000);

    // No session in the controller: the controller's refusal, verbatim, and the setpoint stays.
    r = p.step(2, 500);
    CHECK_FALSE(r.changed);
    CHECK_FALSE(r.message.isEmpty());
    CHECK(p.setpoint(2) == 0);
}

TEST_CASE(
    "session run presenter: a real session's changes, pause and STOP go to the controller", "[presenters][session]")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-R1"), QStringLiteral("Okafor"), {1, 2});
    app::SessionController& controller = w.context().sessions();
    SessionRunPresenter p(controller, w.tess.username);
    std::optional<app::AppResult<app::SessionPlan>> prepared;
    std::optional<app::SessionSummary> ended;
    QMap<int, app::ChannelStatus> reported;
    QObject guard;
    QObject::connect(&controller, &app::SessionController::prepared, &guard,
        [&](const app::AppResult<app::SessionPlan>& r) { prepared = r; });
    QObject::connect(
        &controller, &app::SessionController::ended, &guard, [&](const app::SessionSummary& s) { ended = s; });
    QObject::connect(
        &controller, &app::SessionController::stateChanged, &guard, [&](app::SessionState s) { (void)p.setState(s); });
    QObject::connect(
        &controller, &app::SessionController::channelStatusChanged, &guard, [&](const app::ChannelStatus& s) {
            reported.insert(s.channel, s);
            p.setChannelStatus(s);
        });

    app::SessionRequest request;
    request.user = w.tess;
    request.patientMrn = QStringLiteral("MRN-R1");
    request.deviceUrl = w.context().deviceUrl();
    request.presetId = QStringLiteral("spinal-stabilisation");
    request.channels.append(app::ChannelRequest{1, QStringLiteral("right-lumbar-erector-spinae"), 8'000, std::nullopt});
    request.channels.append(app::ChannelRequest{2, QStringLiteral("right-lumbar-erector-spinae"), 6'000, std::nullopt});
    request.durationS = 60;
    REQUIRE(controller.prepare(request).ok());
    REQUIRE(test::waitUntil([&] { return prepared.has_value(); }, 15s));
    REQUIRE(prepared->ok());
    p.begin(prepared->value());
    CHECK(p.phase().isEmpty()); // not running yet
    REQUIRE(controller.start().ok());
    REQUIRE(test::waitUntil([&] { return p.state() == SessionState::Running; }, 10s));
    CHECK(p.phase().startsWith(QStringLiteral("Contraction: ramp up · "))); // the on/off cycle starts with output

    const qint64 grid = p.steps().gridUa;
    auto r = p.stepSelected(p.steps().fineUa);
    CHECK(r.changed);
    CHECK(r.message.isEmpty());
    CHECK(p.setpoint(1) == 8'000 + p.steps().fineUa);
    CHECK(p.setpoint(1) % grid == 0);
    r = p.stepAll(-p.steps().coarseUa);
    CHECK(r.changed);
    CHECK(r.message.isEmpty());
    CHECK(p.setpoint(1) == 8'000 + p.steps().fineUa - p.steps().coarseUa);
    CHECK(p.setpoint(2) == 6'000 - p.steps().coarseUa);
    // The controller reports the new setpoints too.
    REQUIRE(test::waitUntil([&] { return reported.value(2).setpointUa == 6'000 - p.steps().coarseUa; }, 5s));

    CHECK(p.togglePause().isEmpty());
    REQUIRE(test::waitUntil([&] { return p.state() == SessionState::Paused; }, 5s));
    CHECK(p.phase().isEmpty());
    r = p.step(1, grid);
    CHECK_FALSE(r.changed); // paused: no change goes out
    CHECK(r.message == QStringLiteral("Channel 1: the amplitude can be changed only while output runs"));
    CHECK(p.togglePause().isEmpty());
    REQUIRE(test::waitUntil([&] { return p.state() == SessionState::Running; }, 5s));

    p.stop(QStringLiteral("Esc key"));
    REQUIRE(test::waitUntil([&] { return ended.has_value(); }, 10s));
    CHECK(ended->reason == app::SessionEndReason::StoppedByTherapist);
    CHECK(ended->detail.contains(QStringLiteral("STOP pressed by %1 (Esc key)").arg(w.tess.username)));
    CHECK_FALSE(p.outputOn());
}
