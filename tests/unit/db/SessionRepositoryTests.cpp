// SPDX-License-Identifier: GPL-3.0-or-later
// Sessions: start/record/end, interlocks on references, durable events, and interrupted sessions at start-up.
#include "ClinicalFixture.h"

#include "db/audit/AuditTrail.h"
#include "db/records/PatientRepository.h"
#include "db/records/PlacementRepository.h"
#include "db/records/SessionLog.h"
#include "db/records/SessionRepository.h"

#include <catch2/catch.hpp>

using namespace galvani::db;
using namespace galvani::db::records;
using galvani::test::TestStore;

namespace {

NewSession newSession(const galvani::test::ClinicalFixture& f, const QString& device, const QString& workstation)
{
    NewSession ns;
    ns.patientId = f.patientId;
    ns.screeningId = f.screeningId;
    ns.workstation = workstation;
    ns.deviceId = device;
    ns.firmware = QStringLiteral("4.2.1");
    ns.channels = {SessionChannelSpec{1, f.programId, f.placementId, std::nullopt, f.calibrationId}};
    return ns;
}

} // namespace

TEST_CASE("a session round-trips with channels, events, summaries, totals and end", "[db][sessions]")
{
    TestStore s;
    const auto f = galvani::test::populate(s);
    const auto second
        = PlacementRepository(s.ctx()).record(f.patientId, galvani::test::samplePlacement(2), f.therapist).value();
    SessionRepository sessions(s.ctx());
    SessionLog log(s.ctx());
    NewSession ns = newSession(f, QStringLiteral("DEV-9"), QStringLiteral("ws-1"));
    ns.channels.append(SessionChannelSpec{2, f.programId, second.id, f.placementId, std::nullopt});
    const qint64 startUtc = 1'767'225'600'000 + 0;
    const auto started = sessions.start(ns, f.therapist);
    REQUIRE(started.ok());
    CHECK(started->isOpen());
    CHECK(started->therapistId == *f.therapist.userId);
    CHECK(started->startedUtcMs == startUtc);
    REQUIRE(started->channels.size() == 2);
    CHECK(started->channels[1].spec.referencePlacementId == f.placementId);
    CHECK(started->channels[0].spec.calibrationId == f.calibrationId);

    const qint64 id = started->id;
    s.clock.advance(std::chrono::seconds(2));
    const auto amp = log.appendEvent(id, NewEvent{EventKind::Amplitude, 1, 18'500, {}});
    REQUIRE(amp.ok());
    CHECK(amp->seq == 2);
    CHECK(amp->atMonoNs == 2'000'000'000);
    s.clock.advance(std::chrono::seconds(1));
    REQUIRE(log.appendEvent(id, NewEvent{EventKind::Pause, 2, std::nullopt, QStringLiteral("patient asked")}).ok());
    REQUIRE(
        log.appendEvent(id, NewEvent{EventKind::Fault, 2, std::nullopt, QStringLiteral(R"({"code":"electrode_off"})")})
            .ok());
    REQUIRE(log.appendCurrentSummaries(id,
                   {CurrentSummary{1, 0, 18'500, 18'100, 18'400, 18'700, 100},
                       CurrentSummary{1, 1, 18'500, 18'000, 18'350, 18'900, 100},
                       CurrentSummary{2, 0, 0, std::nullopt, std::nullopt, std::nullopt, 0}})
                .ok());
    REQUIRE(log.updateChannelTotals(id, 1, 18'500, 42).ok());
    CHECK_FALSE(log.updateChannelTotals(id, 1, 18'000, 42).ok()); // totals never go down
    CHECK_FALSE(log.updateChannelTotals(id, 5, 1, 1).ok()); // no such channel
    s.clock.advance(std::chrono::seconds(600));
    const auto ended = sessions.end(id, EndReason::StoppedByTherapist, f.therapist, QStringLiteral("STOP pressed"));
    REQUIRE(ended.ok());
    CHECK_FALSE(ended->isOpen());
    CHECK(ended->endReason == EndReason::StoppedByTherapist);
    CHECK(*ended->endedUtcMs == startUtc + 603'000);
    CHECK(ended->channels[0].maxAmplitudeUa == 18'500);
    CHECK(ended->channels[0].totalChargeUc == 42);

    const auto events = log.events(id).value();
    REQUIRE(events.size() == 5);
    CHECK(events[0].kind == EventKind::Start);
    CHECK(events[1].amplitudeUa == 18'500);
    CHECK(events[1].channel == 1);
    CHECK(events[2].kind == EventKind::Pause);
    CHECK(events[2].detail == QStringLiteral("patient asked"));
    CHECK(events[3].kind == EventKind::Fault);
    CHECK(events[4].kind == EventKind::End);
    CHECK(events[4].detail == QStringLiteral("stopped_by_therapist: STOP pressed"));
    for (int i = 0; i < events.size(); ++i) {
        CHECK(events[i].seq == i + 1);
    }
    const auto summaries = log.currentSummaries(id).value();
    REQUIRE(summaries.size() == 3);
    CHECK(summaries[1].measuredMaxUa == 18'900);
    CHECK_FALSE(summaries[2].measuredMeanUa.has_value());

    audit::AuditFilter af;
    af.table = QStringLiteral("sessions");
    af.recordId = id;
    const auto rows = audit::AuditTrail(s.ctx()).entries(af).value();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].action == QStringLiteral("session_start"));
    CHECK(rows[1].action == QStringLiteral("session_stop"));
    CHECK(rows[1].newValue == QStringLiteral("stopped_by_therapist"));
    CHECK(sessions.forPatient(f.patientId)->size() == 3);
}

TEST_CASE("session start checks its references and the device", "[db][sessions]")
{
    TestStore s;
    const auto f = galvani::test::populate(s);
    SessionRepository sessions(s.ctx());
    // DEV-OPEN already runs the fixture's open session.
    const auto busy = sessions.start(newSession(f, QStringLiteral("DEV-OPEN"), QStringLiteral("ws-2")), f.therapist);
    REQUIRE_FALSE(busy.ok());
    CHECK(busy.error().kind == DbError::Kind::Conflict);

    const auto stranger
        = PatientRepository(s.ctx()).create(galvani::test::samplePatient(QStringLiteral("OTHER")), f.therapist).value();
    const auto foreign
        = PlacementRepository(s.ctx()).record(stranger.id, galvani::test::samplePlacement(1), f.therapist).value();
    NewSession ns = newSession(f, QStringLiteral("DEV-2"), QStringLiteral("ws-1"));
    ns.channels.first().placementId = foreign.id;
    CHECK(sessions.start(ns, f.therapist).error().kind == DbError::Kind::Invalid);
    ns = newSession(f, QStringLiteral("DEV-2"), QStringLiteral("ws-1"));
    ns.patientId = stranger.id; // own electrodes, but the screening belongs to someone else
    ns.channels.first().placementId = foreign.id;
    const auto wrongScreening = sessions.start(ns, f.therapist);
    REQUIRE_FALSE(wrongScreening.ok());
    CHECK(wrongScreening.error().message.contains(QStringLiteral("screening")));
    ns.channels.clear();
    CHECK(sessions.start(ns, f.therapist).error().kind == DbError::Kind::Invalid);
    ns = newSession(f, QStringLiteral("DEV-2"), QStringLiteral("ws-1"));
    ns.channels.append(ns.channels.first());
    CHECK(sessions.start(ns, f.therapist).error().kind == DbError::Kind::Invalid);
    CHECK(sessions.start(newSession(f, QStringLiteral("DEV-2"), QStringLiteral("ws-1")), Actor::system()).error().kind
        == DbError::Kind::Invalid);
    ns = newSession(f, QStringLiteral("DEV-2"), QStringLiteral("ws-1"));
    ns.channels.first().programId = 999'999;
    CHECK(sessions.start(ns, f.therapist).error().kind == DbError::Kind::Conflict);
    CHECK(sessions.openSessions(QStringLiteral("ws-1"))->size() == 1);
}

TEST_CASE("only the session writes start, end and interrupted events, and app_crash is reserved", "[db][sessions]")
{
    TestStore s;
    const auto f = galvani::test::populate(s);
    SessionLog log(s.ctx());
    for (EventKind k : {EventKind::Start, EventKind::End, EventKind::Interrupted}) {
        CHECK(log.appendEvent(f.openSessionId, NewEvent{k, std::nullopt, std::nullopt, {}}).error().kind
            == DbError::Kind::Invalid);
    }
    CHECK(log.appendEvent(f.openSessionId, NewEvent{EventKind::Amplitude, 9, 1000, {}}).error().kind
        == DbError::Kind::Invalid);
    CHECK(SessionRepository(s.ctx()).end(f.openSessionId, EndReason::AppCrash, f.therapist).error().kind
        == DbError::Kind::Invalid);
}

TEST_CASE("sessions left open by a crash are closed at the next start, never resumed", "[db][sessions][durability]")
{
    TestStore s;
    const auto f = galvani::test::populate(s);
    SessionRepository sessions(s.ctx());
    SessionLog log(s.ctx());
    const auto otherStation
        = sessions.start(newSession(f, QStringLiteral("DEV-WS2"), QStringLiteral("ws-2")), f.therapist).value();
    s.clock.advance(std::chrono::seconds(90));
    REQUIRE(log.appendEvent(f.openSessionId, NewEvent{EventKind::Amplitude, 1, 21'000, {}}).ok());
    const qint64 lastEventUtc = 1'767'225'600'000 + 90'000;

    // The app dies here. At the next start, on a new connection, the open sessions of this workstation are found.
    s.db.reset();
    s.db.emplace(s.temp.open());
    s.clock.advance(std::chrono::minutes(30));
    SessionRepository afterRestart(s.ctx());
    const auto marked = afterRestart.markInterruptedSessions(QStringLiteral("ws-1"));
    REQUIRE(marked.ok());
    REQUIRE(marked->size() == 1);
    CHECK(marked->first() == f.openSessionId);

    const auto interrupted = afterRestart.byId(f.openSessionId).value();
    CHECK_FALSE(interrupted.isOpen());
    CHECK(interrupted.endReason == EndReason::AppCrash);
    CHECK(*interrupted.endedUtcMs == lastEventUtc); // ended when it last recorded anything
    const auto events = SessionLog(s.ctx()).events(f.openSessionId).value();
    CHECK(events.last().kind == EventKind::Interrupted);
    CHECK(events.last().detail.contains(QStringLiteral("not resumed")));
    CHECK(events.last().atUtcMs == lastEventUtc + 30 * 60'000);

    // Another workstation's running session is not touched, and a second pass finds nothing.
    CHECK(afterRestart.byId(otherStation.id)->isOpen());
    CHECK(afterRestart.markInterruptedSessions(QStringLiteral("ws-1"))->isEmpty());
    // Nothing more can be written to it.
    CHECK(
        SessionLog(s.ctx()).appendEvent(f.openSessionId, NewEvent{EventKind::Resume, 1, std::nullopt, {}}).error().kind
        == DbError::Kind::Refused);

    audit::AuditFilter af;
    af.recordId = f.openSessionId;
    af.table = QStringLiteral("sessions");
    const auto rows = audit::AuditTrail(s.ctx()).entries(af).value();
    CHECK(rows.last().action == QStringLiteral("session_interrupted"));
    CHECK(rows.last().actorName == QStringLiteral("system"));
}

TEST_CASE("an appended event is durable as soon as the call returns", "[db][sessions][durability]")
{
    TestStore s;
    const auto f = galvani::test::populate(s);
    REQUIRE(SessionLog(s.ctx()).appendEvent(f.openSessionId, NewEvent{EventKind::Amplitude, 1, 5'000, {}}).ok());
    CHECK_FALSE(s.db->inTransaction());
    // A second connection (as another process would) sees it at once: it was committed, not buffered.
    auto other = s.temp.open();
    const auto seen = SessionLog(galvani::db::StoreContext{other, s.clock, *s.key}).events(f.openSessionId).value();
    REQUIRE(seen.size() == 2);
    CHECK(seen.last().amplitudeUa == 5'000);
}
