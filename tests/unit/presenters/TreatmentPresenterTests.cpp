// SPDX-License-Identifier: GPL-3.0-or-later
// The treatment flow's presenter without widgets, on a real AppContext with the in-process simulated stimulator:
// a whole session (prepare, plan, start, run, end, outcome), a refusal, the patient bound while a session runs, a
// session of another view that is not this flow's, and a STOP while preparing. The widgets are driven through the
// same flows in tests/unit/ui/session.
#include "AdminWorld.h"
#include "MessageLog.h"

#include "app/AppContext.h"
#include "app/session/SessionController.h"
#include "support/WaitUntil.h"
#include "ui/presenters/TreatmentPresenter.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>

#include <chrono>

using namespace galvani;
using ui::presenters::TreatmentPresenter;
using Stage = TreatmentPresenter::Stage;
using SetupMessage = TreatmentPresenter::SetupMessage;

namespace {

using namespace std::chrono_literals;

app::SessionRequest requestFor(test::AdminWorld& w, const app::SignedInUser& user, const QString& mrn, qint64 seconds)
{
    app::SessionRequest r;
    r.user = user;
    r.patientMrn = mrn;
    r.deviceUrl = w.context().deviceUrl();
    r.presetId = QStringLiteral("conventional-tens");
    r.channels.append(app::ChannelRequest{1, QStringLiteral("right-lumbar-erector-spinae"), 8'000, std::nullopt});
    r.durationS = seconds;
    r.nprsBefore = 6;
    return r;
}

using Messages = test::MessageLog<SetupMessage>;

} // namespace

TEST_CASE("treatment presenter: a whole session from plan to outcome, with the patient bound meanwhile")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-T1"), QStringLiteral("Okafor"), {1});
    w.addPatient(QStringLiteral("MRN-T2"), QStringLiteral("Lindqvist"), {1});
    TreatmentPresenter p(w.context(), w.tess);
    Messages messages(p, &TreatmentPresenter::setupMessage);
    QSignalSpy stages(&p, &TreatmentPresenter::stageChanged);
    QSignalSpy loads(&p, &TreatmentPresenter::patientToLoad);
    QSignalSpy active(&p, &TreatmentPresenter::sessionActiveChanged);
    QSignalSpy plans(&p, &TreatmentPresenter::planShown);
    QSignalSpy ends(&p, &TreatmentPresenter::endShown);
    QSignalSpy finished(&p, &TreatmentPresenter::sessionFinished);
    p.begin();
    CHECK(p.stage() == Stage::Setup);
    CHECK(p.banner().none == QStringLiteral("No patient chosen: choose one in the patient workspace"));

    p.setPatient(QStringLiteral("MRN-T1"));
    REQUIRE(loads.count() == 1);
    CHECK(loads.takeFirst().at(0).toString() == QStringLiteral("MRN-T1"));
    CHECK(p.banner().none.isEmpty());
    CHECK(p.banner().name == QStringLiteral("Okafor, Ada"));
    CHECK(p.banner().mrn == QStringLiteral("MRN-T1"));

    p.prepare(requestFor(w, w.tess, QStringLiteral("MRN-T1"), 2));
    CHECK(p.owner());
    CHECK(p.sessionActive());
    CHECK(messages.has(SetupMessage::Progress, QStringLiteral("Connecting to the stimulator")));
    REQUIRE(test::waitUntil([&] { return p.plan().has_value(); }, 15s));
    CHECK(plans.count() == 1);
    CHECK(messages.has(SetupMessage::Info, QStringLiteral("Plan ready")));
    CHECK(active.count() == 1);

    // Another patient chosen in the workspace waits for the end of this session: the banner keeps the bound one.
    p.setPatient(QStringLiteral("MRN-T2"));
    CHECK(loads.isEmpty());
    CHECK(p.loadedPatient() == QStringLiteral("MRN-T1"));
    CHECK(p.banner().mrn == QStringLiteral("MRN-T1"));
    CHECK(p.banner().note.contains(QStringLiteral("MRN MRN-T2")));

    p.start();
    REQUIRE(test::waitUntil([&] { return p.stage() == Stage::Run; }, 10s));
    REQUIRE(test::waitUntil([&] { return p.stage() == Stage::End; }, 20s));
    REQUIRE(ends.count() == 1);
    REQUIRE(p.summary());
    const qint64 sessionId = p.summary()->sessionId;
    const auto sites = ends.at(0).at(1).value<QMap<int, QString>>();
    CHECK(sites.value(1) == QStringLiteral("right-lumbar-erector-spinae"));
    CHECK(ends.at(0).at(2).toLongLong() == 2'000);
    // The ended session stays this flow's until its outcome: the banner still names its patient.
    CHECK(p.banner().mrn == QStringLiteral("MRN-T1"));
    CHECK(loads.isEmpty());

    QSignalSpy busy(&p, &TreatmentPresenter::outcomeBusyChanged);
    p.recordOutcome(app::OutcomeAnswer{3, QStringLiteral("felt easier")});
    REQUIRE(test::waitUntil([&] { return !finished.isEmpty(); }, 10s));
    CHECK(finished.at(0).at(0).toLongLong() == sessionId);
    REQUIRE(busy.count() >= 2);
    CHECK(busy.first().at(0).toBool());
    CHECK_FALSE(busy.last().at(0).toBool());
    CHECK(messages.has(
        SetupMessage::Info, QStringLiteral("Session %1: outcome recorded (pain before 6, after 3).").arg(sessionId)));
    CHECK(p.stage() == Stage::Setup);
    CHECK_FALSE(p.owner());
    CHECK_FALSE(p.summary());
    // Now the patient chosen meanwhile is loaded.
    REQUIRE(loads.count() == 1);
    CHECK(loads.at(0).at(0).toString() == QStringLiteral("MRN-T2"));
    CHECK(p.banner().mrn == QStringLiteral("MRN-T2"));
    CHECK(p.banner().note.isEmpty());
    // Each stage was shown once, in order.
    REQUIRE(stages.count() == 3);
    CHECK(stages.at(0).at(0).value<Stage>() == Stage::Run);
    CHECK(stages.at(1).at(0).value<Stage>() == Stage::End);
    CHECK(stages.at(2).at(0).value<Stage>() == Stage::Setup);
}

TEST_CASE("treatment presenter: a refused preparation leaves nothing of this flow's and says why")
{
    test::AdminWorld w;
    TreatmentPresenter p(w.context(), w.tess);
    Messages messages(p, &TreatmentPresenter::setupMessage);
    QSignalSpy cleared(&p, &TreatmentPresenter::planCleared);
    p.begin();
    p.setPatient(QStringLiteral("MRN-NONE"));
    CHECK(p.banner().none.contains(QStringLiteral("no patient")));
    CHECK(p.banner().name.isEmpty());

    p.prepare(requestFor(w, w.tess, QStringLiteral("MRN-NONE"), 2));
    // Refused at once (no such patient) or after connecting: either way a refusal, no plan and no owner.
    REQUIRE(test::waitUntil([&] { return messages.has(SetupMessage::Refusal, QStringLiteral("MRN-NONE")); }, 15s));
    REQUIRE(test::waitUntil([&] { return !p.owner(); }, 5s));
    CHECK_FALSE(p.plan());
    CHECK_FALSE(p.sessionActive());
    CHECK(cleared.last().at(0).toString() == QStringLiteral("No plan: the session was not prepared."));
}

TEST_CASE("treatment presenter: another view's session is not this flow's, and the flow says the stimulator is busy")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-T1"), QStringLiteral("Okafor"), {1});
    TreatmentPresenter p(w.context(), w.tess);
    Messages messages(p, &TreatmentPresenter::setupMessage);
    QSignalSpy plans(&p, &TreatmentPresenter::planShown);
    QSignalSpy ours(&p, &TreatmentPresenter::setupStateChanged);
    p.begin();

    // The controller prepared by someone else (as the guided motor-point search does).
    app::SessionController& controller = w.context().sessions();
    REQUIRE(controller.prepare(requestFor(w, w.tom, QStringLiteral("MRN-T1"), 2)).ok());
    REQUIRE(test::waitUntil([&] { return controller.state() == app::SessionState::Ready; }, 15s));
    CHECK_FALSE(p.owner());
    CHECK(plans.isEmpty());
    CHECK(messages.has(SetupMessage::Info, QStringLiteral("The stimulator is in use by another session")));
    // Every state change told the setup page that the session is not its own.
    REQUIRE_FALSE(ours.isEmpty());
    for (const auto& call : ours) {
        CHECK_FALSE(call.at(1).toBool());
    }

    controller.stop(QStringLiteral("test over"));
    REQUIRE(test::waitUntil([&] { return controller.state() == app::SessionState::Idle; }, 10s));
    CHECK(messages.all.last().first == SetupMessage::Clear);
    CHECK(p.stage() == Stage::Setup);
}

TEST_CASE("treatment presenter: a STOP while preparing gives up the preparation and says nothing was given")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-T1"), QStringLiteral("Okafor"), {1});
    TreatmentPresenter p(w.context(), w.tess);
    Messages messages(p, &TreatmentPresenter::setupMessage);
    QSignalSpy cleared(&p, &TreatmentPresenter::planCleared);
    p.begin();
    p.prepare(requestFor(w, w.tess, QStringLiteral("MRN-T1"), 2));
    REQUIRE(p.owner());
    REQUIRE(w.context().sessions().state() == app::SessionState::Preparing);
    w.context().sessions().stop(QStringLiteral("STOP"));
    REQUIRE(test::waitUntil([&] { return !p.owner(); }, 10s));
    CHECK(messages.has(SetupMessage::Info, QStringLiteral("Preparation stopped: nothing was recorded")));
    CHECK(
        cleared.last().at(0).toString() == QStringLiteral("No plan: the preparation was stopped before it finished."));
    CHECK_FALSE(p.sessionActive());
}
