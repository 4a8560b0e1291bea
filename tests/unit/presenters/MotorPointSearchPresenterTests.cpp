// SPDX-License-Identifier: GPL-3.0-or-later
// The guided motor-point search's presenter without widgets, on a real AppContext with the in-process simulated
// stimulator: a whole search (prepare, plan, start at the smallest step, steps up to the cap and the refusal above
// it in words, mark: output off first, then the point recorded with the probe's width and rate), a plan cancelled
// before any output, and a search refused by an interlock (no screening). The dialog is driven through the same
// flows in tests/unit/ui/patients.
#include "AdminWorld.h"
#include "MessageLog.h"

#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/session/SessionController.h"
#include "support/WaitUntil.h"
#include "ui/presenters/MotorPointSearchPresenter.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>

#include <chrono>

using namespace galvani;
using ui::presenters::MotorPointSearchPresenter;
using SearchKind = MotorPointSearchPresenter::MessageKind;

namespace {

using namespace std::chrono_literals;

using SearchMessages = test::MessageLog<SearchKind>;

app::PlacementView firstPlacement(test::AdminWorld& w, const QString& mrn)
{
    const auto current = w.context().placements().current(w.tess, mrn);
    REQUIRE(current.ok());
    REQUIRE_FALSE(current->isEmpty());
    return current->first();
}

} // namespace

TEST_CASE("motor point search presenter: a whole search from plan to a recorded point", "[presenters][patients]")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-S1"), QStringLiteral("Okafor"), {1});
    MotorPointSearchPresenter p(
        w.context(), w.tess, QStringLiteral("MRN-S1"), firstPlacement(w, QStringLiteral("MRN-S1")));
    SearchMessages messages(p, &MotorPointSearchPresenter::message);
    QSignalSpy plans(&p, &MotorPointSearchPresenter::planShown);
    QSignalSpy marked(&p, &MotorPointSearchPresenter::pointMarked);

    CHECK(p.title().startsWith(QStringLiteral("Channel 1: Lumbar erector spinae, right, ")));
    CHECK(p.stepUa() == 500);
    CHECK(p.presetCapUa() == 20'000);
    CHECK(p.rangeText() == QStringLiteral("Search range 0–20.0 mA, steps of 0.5 mA"));
    CHECK(p.stateText() == QStringLiteral("No search running."));
    CHECK(p.deliveredText() == QStringLiteral("Output starts at 0.5 mA when the search starts."));
    auto c = p.controls();
    CHECK(c.settingsEnabled);
    CHECK_FALSE(c.stepEnabled);
    CHECK_FALSE(c.markEnabled);
    CHECK_FALSE(c.stopEnabled);
    QString problem;
    const auto fields = p.probeFields(&problem);
    CHECK(problem.isEmpty());
    REQUIRE(fields.size() == 2);
    CHECK(fields.at(0).name != fields.at(1).name);

    p.prepare({});
    CHECK(messages.has(SearchKind::Info, QStringLiteral("Connecting to the stimulator")));
    CHECK(p.active());
    REQUIRE(test::waitUntil([&] { return plans.count() == 1; }, 15s));
    CHECK(p.controls().startAllowed);
    CHECK_FALSE(p.controls().settingsEnabled);
    p.start();
    REQUIRE(test::waitUntil([&] { return p.running(); }, 10s));
    REQUIRE(test::waitUntil([&] { return p.sessionId().has_value(); }, 5s));
    CHECK(p.setpointUa() == 500); // the smallest step: the controller refuses a 0 mA target
    c = p.controls();
    CHECK(c.stepEnabled);
    CHECK(c.markEnabled);
    CHECK(c.stopEnabled);
    CHECK_FALSE(c.planVisible);
    CHECK(p.stateText() == QStringLiteral("Search: Running"));

    // Up to the cap one step at a time; the step past it is refused in words and nothing changes.
    int steps = 0;
    while (p.setpointUa() < p.capUa() && steps < 100) {
        p.step(+1);
        ++steps;
    }
    CHECK(p.setpointUa() == p.capUa());
    p.step(+1);
    CHECK(p.setpointUa() == p.capUa());
    REQUIRE_FALSE(messages.all.isEmpty());
    CHECK(messages.all.last().first == SearchKind::Error);
    CHECK(messages.all.last().second.startsWith(QStringLiteral("amplitude: %1.%2 mA is outside the search range 0–")
                                                    .arg((p.capUa() + 500) / 1000)
                                                    .arg((p.capUa() + 500) % 1000 / 100)));
    p.step(-1);
    CHECK(p.setpointUa() == p.capUa() - 500);
    CHECK(messages.all.last().first == SearchKind::Clear);

    p.markPoint();
    CHECK(messages.has(SearchKind::Info, QStringLiteral("stopping the output")));
    REQUIRE(test::waitUntil([&] { return marked.count() == 1; }, 15s));
    const auto point = marked.at(0).at(0).value<app::MotorPointView>();
    CHECK(point.thresholdUa > 0);
    CHECK(point.thresholdUa <= p.capUa());
    CHECK(point.pulseWidthUs == 200);
    CHECK(point.frequencyMilliHz == 2'000);
    CHECK(point.notes == QStringLiteral("guided search, session %1").arg(*p.sessionId()));
    CHECK(messages.has(SearchKind::Info, QStringLiteral("Motor point recorded on channel 1: threshold ")));
    CHECK_FALSE(p.active());
    CHECK_FALSE(p.outputOn());
    CHECK(p.stateText().startsWith(QStringLiteral("Search session %1 ended: ").arg(*p.sessionId())));
    CHECK_FALSE(p.controls().markEnabled);
    CHECK(p.controls().settingsEnabled);
}

TEST_CASE("motor point search presenter: a plan cancelled gives no output, an interlock refuses the search",
    "[presenters][patients]")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-S2"), QStringLiteral("Okafor"), {2});

    SECTION("cancelled")
    {
        MotorPointSearchPresenter p(
            w.context(), w.tess, QStringLiteral("MRN-S2"), firstPlacement(w, QStringLiteral("MRN-S2")));
        QSignalSpy plans(&p, &MotorPointSearchPresenter::planShown);
        QSignalSpy clears(&p, &MotorPointSearchPresenter::planCleared);
        p.prepare({});
        REQUIRE(test::waitUntil([&] { return plans.count() == 1; }, 15s));
        p.cancelPlan();
        REQUIRE_FALSE(clears.isEmpty());
        CHECK(clears.last().at(0).toString()
            == QStringLiteral("Plan cancelled: nothing was recorded and no output was given."));
        CHECK_FALSE(p.active());
        REQUIRE(test::waitUntil([&] { return w.context().sessions().state() == app::SessionState::Idle; }, 5s));
        CHECK_FALSE(p.sessionId().has_value());
    }
    SECTION("refused: no screening on record")
    {
        app::NewPatientInput bare;
        bare.mrn = QStringLiteral("MRN-S3");
        bare.familyName = QStringLiteral("Lindqvist");
        bare.givenNames = QStringLiteral("Ada");
        bare.birthDate = QStringLiteral("1970-05-17");
        REQUIRE(w.context().patients().add(w.tess, bare).ok());
        app::PlacementInput in;
        in.siteId = QStringLiteral("right-lumbar-erector-spinae");
        in.channel = 1;
        const auto placed = w.context().placements().record(w.tess, QStringLiteral("MRN-S3"), in);
        REQUIRE(placed.ok());
        MotorPointSearchPresenter p(w.context(), w.tess, QStringLiteral("MRN-S3"), placed.value());
        SearchMessages messages(p, &MotorPointSearchPresenter::message);
        QSignalSpy clears(&p, &MotorPointSearchPresenter::planCleared);
        p.prepare({});
        REQUIRE(test::waitUntil([&] { return messages.has(SearchKind::Error, QStringLiteral("screening")); }, 15s));
        REQUIRE(test::waitUntil([&] { return !p.active(); }, 5s));
        REQUIRE_FALSE(clears.isEmpty());
        CHECK(clears.last().at(0).toString().startsWith(QStringLiteral("No plan")));
        CHECK(p.controls().settingsEnabled);
        CHECK_FALSE(p.controls().startAllowed);
    }
}
