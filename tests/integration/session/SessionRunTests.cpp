// SPDX-License-Identifier: GPL-3.0-or-later
// SessionController against the in-process simulator and a temporary SQLite store: whole sessions, STOP, pause,
// live amplitude changes, faults and link loss, and what each leaves on record.
#include "SessionFixture.h"

#include "app/services/BackupService.h"

#include "core/Clock.h"
#include "db/records/ProgramRepository.h"
#include "db/records/SessionLog.h"
#include "db/records/SessionRepository.h"
#include "device/sim/FaultSpec.h"
#include "device/worker/DeviceService.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <algorithm>
#include <cmath>
#include <set>

using namespace galvani;
using namespace galvani::test;
using db::records::EndReason;
using db::records::EventKind;

namespace {

QList<EventKind> kindsOf(const QList<db::records::SessionEvent>& events)
{
    QList<EventKind> kinds;
    for (const auto& e : events) {
        kinds.append(e.kind);
    }
    return kinds;
}

int countKind(const QList<db::records::SessionEvent>& events, EventKind kind, std::optional<int> channel = std::nullopt)
{
    return static_cast<int>(std::count_if(events.begin(), events.end(),
        [&](const db::records::SessionEvent& e) { return e.kind == kind && (!channel || e.channel == channel); }));
}

// Every acknowledged event is on record, in the acknowledged order, with the acknowledged sequence number.
void requireAcknowledgedOnRecord(SessionFixture& f, const SessionProbe& probe, qint64 sessionId)
{
    const auto events = f.events(sessionId);
    REQUIRE(static_cast<qsizetype>(probe.committed.size()) == events.size());
    for (std::size_t i = 0; i < probe.committed.size(); ++i) {
        REQUIRE(events.at(static_cast<qsizetype>(i)).seq == probe.committed.at(i).first);
        REQUIRE(db::records::toText(events.at(static_cast<qsizetype>(i)).kind) == probe.committed.at(i).second);
    }
}

} // namespace

TEST_CASE("A short session records start, ramps, summaries, totals, its completion and the outcome", "[session][run]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1, 2});
    f.calibrate(1, true, 365 * kDayMs);
    app::SessionController controller(f.store());
    SessionProbe probe(controller);

    // The acknowledgement comes after the commit: each acknowledged event is already readable from another
    // connection when eventCommitted() arrives.
    std::vector<int> missingAtAck;
    QObject::connect(&controller, &app::SessionController::eventCommitted, &controller, [&](int seq, const QString&) {
        const auto events = f.events(*controller.sessionId());
        if (std::none_of(events.begin(), events.end(), [seq](const auto& e) { return e.seq == seq; })) {
            missingAtAck.push_back(seq);
        }
    });

    app::SessionRequest request = f.request({SessionFixture::channel(1, 10'000), SessionFixture::channel(2, 8'000)}, 3);
    request.nprsBefore = 6;
    REQUIRE(probe.prepare(request).isEmpty());
    probe.startAndWaitRunning();
    const qint64 sessionId = *controller.sessionId();
    REQUIRE(probe.waitEnded());
    const app::SessionSummary summary = *probe.summary;
    REQUIRE(summary.reason == app::SessionEndReason::Completed);
    REQUIRE(summary.recorded);
    REQUIRE(summary.nprsBefore == 6);
    REQUIRE_FALSE(summary.outcomePrompt.isEmpty());
    REQUIRE(summary.elapsedMs >= 3000);
    REQUIRE(controller.state() == app::SessionState::Ended);
    REQUIRE(missingAtAck.empty());
    // The channel strips saw measured output on both channels, and the timer reached the session's length.
    for (const int ch : {1, 2}) {
        REQUIRE(std::any_of(probe.statuses.begin(), probe.statuses.end(), [ch](const app::ChannelStatus& s) {
            return s.channel == ch && s.outputPresent && s.measuredUa.has_value();
        }));
    }
    REQUIRE_FALSE(probe.statuses.back().outputPresent);
    REQUIRE(probe.progress.back().durationMs == 3000);
    REQUIRE(probe.progress.back().elapsedMs >= 3000);

    const auto session = f.session(sessionId);
    REQUIRE(session.endReason == EndReason::Completed);
    REQUIRE(session.deviceId == QString::fromLatin1(kSimSerial));
    REQUIRE(session.channels.size() == 2);
    const auto events = f.events(sessionId);
    REQUIRE(kindsOf(events).first() == EventKind::Start);
    REQUIRE(kindsOf(events).last() == EventKind::End);
    REQUIRE(events.last().detail == QStringLiteral("completed"));
    // Each channel: the ramp from zero to its target, then the end of the ramp.
    for (const auto& [channel, target] : {std::pair{1, 10'000}, std::pair{2, 8'000}}) {
        QList<db::records::SessionEvent> ramp;
        std::copy_if(events.begin(), events.end(), std::back_inserter(ramp),
            [&](const auto& e) { return e.kind == EventKind::Amplitude && e.channel == channel; });
        REQUIRE(ramp.size() == 2);
        REQUIRE(ramp.at(0).amplitudeUa == target);
        REQUIRE(ramp.at(0).detail.startsWith(QStringLiteral("start: ramp from 0 to")));
        REQUIRE(ramp.at(1).detail.startsWith(QStringLiteral("start ramp complete")));
    }
    requireAcknowledgedOnRecord(f, probe, sessionId);

    // Per-second summaries of both channels: measured by the ScienceMode4 low level, at the target once ramped.
    const auto summaries = f.summaries(sessionId);
    std::set<std::pair<int, qint64>> seconds;
    for (const auto& s : summaries) {
        seconds.insert({s.channel, s.secondIndex});
        REQUIRE(s.samples > 0);
        REQUIRE(s.measuredMeanUa.has_value());
    }
    REQUIRE(seconds.size() == static_cast<std::size_t>(summaries.size())); // no second summarised twice
    REQUIRE(seconds.count({1, 0}) == 1);
    REQUIRE(seconds.count({2, 2}) == 1);
    const auto last1 = std::find_if(
        summaries.begin(), summaries.end(), [](const auto& s) { return s.channel == 1 && s.secondIndex == 2; });
    REQUIRE(last1 != summaries.end());
    REQUIRE(last1->commandedUa == 10'000);
    REQUIRE(std::abs(*last1->measuredMeanUa - 10'000) < 1'000);

    // Totals: the largest amplitude, and the charge Σ |I|·2·t_phase over the delivered pulses (180 µs phases),
    // which the per-second summaries account for pulse by pulse (mean × pulses).
    for (const auto& c : session.channels) {
        const qint64 target = c.spec.channel == 1 ? 10'000 : 8'000;
        REQUIRE(c.maxAmplitudeUa == target);
        double fromSummaries = 0.0;
        qint64 pulses = 0;
        for (const auto& s : summaries) {
            if (s.channel == c.spec.channel) {
                fromSummaries += static_cast<double>(*s.measuredMeanUa * s.samples) * 360e-6;
                pulses += s.samples;
            }
        }
        REQUIRE(c.totalChargeUc > 0);
        REQUIRE(std::abs(static_cast<double>(c.totalChargeUc) - fromSummaries) <= 1.0 + 0.001 * fromSummaries);
        // Never more pulses than the programme's 100 Hz over the time stimulated.
        REQUIRE(pulses <= 100 * (summary.elapsedMs / 1000 + 1));
        const auto total = std::find_if(summary.channels.begin(), summary.channels.end(),
            [&](const app::ChannelTotal& t) { return t.channel == c.spec.channel; });
        REQUIRE(total != summary.channels.end());
        REQUIRE(static_cast<qint64>(std::floor(total->chargeUc)) == c.totalChargeUc);
    }

    // The outcome prompt answered: NPRS before and after in one record of the session.
    REQUIRE(controller.recordOutcome(app::OutcomeAnswer{3, QStringLiteral("felt relief")}).ok());
    REQUIRE(waitUntil([&] { return probe.outcome.has_value(); }));
    REQUIRE(probe.outcome->ok());
    const auto outcomes = f.outcomes();
    REQUIRE(outcomes.size() == 1);
    REQUIRE(outcomes.first().fields.sessionId == sessionId);
    REQUIRE(outcomes.first().fields.nprsBefore == 6);
    REQUIRE(outcomes.first().fields.nprsAfter == 3);
    REQUIRE_FALSE(controller.recordOutcome(app::OutcomeAnswer{2, {}}).ok()); // once per session
}

TEST_CASE("STOP mid-session stops output before the stop is recorded", "[session][run][stop]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1, 2});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 10'000), SessionFixture::channel(2, 10'000)}, 30))
                .isEmpty());
    probe.startAndWaitRunning();
    auto* sim = probe.simulator();
    REQUIRE(sim != nullptr);
    REQUIRE(waitUntil([&] { return sim->deliveredCurrent(1).value() > 0; }));

    // At the moment the stop is acknowledged as committed, the simulator delivers nothing on any channel.
    std::optional<bool> outputOffAtStopCommit;
    QObject::connect(&controller, &app::SessionController::eventCommitted, &controller, [&](int, const QString& kind) {
        if (kind == QStringLiteral("stop")) {
            bool off = true;
            for (const auto& out : sim->outputs()) {
                off = off && !out.running && out.delivered.value() == 0;
            }
            outputOffAtStopCommit = off;
        }
    });
    controller.stop(QStringLiteral("patient asked to stop"));
    REQUIRE(controller.state() == app::SessionState::Stopping);
    REQUIRE(probe.waitEnded());
    REQUIRE(outputOffAtStopCommit == true);
    REQUIRE(probe.summary->reason == app::SessionEndReason::StoppedByTherapist);
    const qint64 sessionId = *controller.sessionId();
    REQUIRE(f.session(sessionId).endReason == EndReason::StoppedByTherapist);
    const auto events = f.events(sessionId);
    REQUIRE(countKind(events, EventKind::Stop) == 1);
    const auto stop
        = std::find_if(events.begin(), events.end(), [](const auto& e) { return e.kind == EventKind::Stop; });
    REQUIRE(stop->detail == QStringLiteral("patient asked to stop"));
    REQUIRE(events.last().kind == EventKind::End);
    REQUIRE(events.last().detail == QStringLiteral("stopped_by_therapist: patient asked to stop"));
    requireAcknowledgedOnRecord(f, probe, sessionId);
    // The workstation's session lock is free again.
    QString lockError;
    REQUIRE(f.store().tryLockSessions(&lockError));
    f.store().unlockSessions();
}

TEST_CASE("Between sessions the controller holds no store connection, so a restore can run", "[session][run]")
{
    // The GUI keeps one SessionController for its whole life; a restore needs every other connection closed.
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    app::BackupService backups(f.store());
    const QString file
        = QDir(QDir::tempPath())
              .filePath(QStringLiteral("galvani-restore-test-%1.sqlite").arg(QCoreApplication::applicationPid()));
    QFile::remove(file);
    const auto copy = backups.backup(f.admin, file);
    REQUIRE(copy.ok());

    const auto idleRestore = backups.restore(f.admin, file);
    INFO((idleRestore.ok() ? std::string() : idleRestore.error().message.toStdString()));
    REQUIRE(idleRestore.ok());

    REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 6'000)}, 1)).isEmpty());
    probe.startAndWaitRunning();
    REQUIRE(probe.waitEnded());
    REQUIRE(controller.recordOutcome(app::OutcomeAnswer{3, QString()}).ok());
    REQUIRE(waitUntil([&] { return probe.outcome.has_value(); }));
    REQUIRE(probe.outcome->ok());

    const auto afterSession = backups.backup(f.admin, file + QStringLiteral(".2"));
    REQUIRE(afterSession.ok());
    const auto again = waitUntil([&] { return backups.restore(f.admin, file + QStringLiteral(".2")).ok(); });
    CHECK(again);
    QFile::remove(file);
    QFile::remove(file + QStringLiteral(".2"));
}

TEST_CASE("Pause stops output and resume ramps from zero again, both recorded", "[session][run]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 6'000)}, 3)).isEmpty());
    probe.startAndWaitRunning();
    REQUIRE(probe.waitForEvent(QStringLiteral("amplitude")));
    REQUIRE(controller.pause().ok());
    REQUIRE(waitUntil([&] { return controller.state() == app::SessionState::Paused; }));
    auto* sim = probe.simulator();
    REQUIRE(sim != nullptr);
    REQUIRE(sim->deliveredCurrent(1).value() == 0);
    REQUIRE_FALSE(controller.setAmplitude(1, 6'500).ok()); // no changes while paused
    const qint64 pausedAt = controller.progress().elapsedMs;
    REQUIRE(controller.resume().ok());
    REQUIRE(waitUntil([&] { return controller.state() == app::SessionState::Running; }));
    REQUIRE(probe.waitEnded());
    REQUIRE(probe.summary->reason == app::SessionEndReason::Completed);
    REQUIRE(probe.summary->elapsedMs >= 3000);
    REQUIRE(pausedAt < 3000);
    const auto events = f.events(*controller.sessionId());
    REQUIRE(countKind(events, EventKind::Pause) == 1);
    REQUIRE(countKind(events, EventKind::Resume) == 1);
    // The resume ramps from zero again: a second "ramp from 0" event on the channel.
    REQUIRE(std::count_if(events.begin(), events.end(), [](const auto& e) {
        return e.kind == EventKind::Amplitude && e.detail.startsWith(QStringLiteral("resume: ramp from 0"));
    }) == 1);
    requireAcknowledgedOnRecord(f, probe, *controller.sessionId());
}

TEST_CASE("Live amplitude changes are absolute, one step at most, and recorded", "[session][run]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 6'000)}, 30)).isEmpty());
    probe.startAndWaitRunning();
    REQUIRE(controller.setAmplitude(1, 6'500).ok());
    const auto tooFar = controller.setAmplitude(1, 8'500);
    REQUIRE_FALSE(tooFar.ok());
    INFO(tooFar.error().message.toStdString());
    REQUIRE(tooFar.error().message.startsWith(QStringLiteral("channel 1: ")));
    REQUIRE(tooFar.error().message.contains(QStringLiteral("step")));
    REQUIRE_FALSE(controller.setAmplitude(3, 1'000).ok()); // not a channel of the session
    REQUIRE(waitUntil([&] {
        const auto sim = probe.simulator();
        return sim != nullptr && sim->output(1).commanded.value() == 6'500;
    }));
    controller.stop(QStringLiteral("done"));
    REQUIRE(probe.waitEnded());
    const auto events = f.events(*controller.sessionId());
    REQUIRE(std::count_if(events.begin(), events.end(), [](const auto& e) {
        return e.kind == EventKind::Amplitude && e.amplitudeUa == 6'500 && e.detail.contains(QStringLiteral("by tina"));
    }) == 1);
    REQUIRE(f.session(*controller.sessionId()).channels.first().maxAmplitudeUa == 6'500);
}

TEST_CASE("Live amplitude changes stay within the preset's amplitude range", "[session][run]")
{
    // The motor-point probe is capped at 20 mA by its preset (CLINICAL §4); the cap holds for every change made while
    // the probe runs, not only for the target it starts at.
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    app::SessionRequest request = f.request({SessionFixture::channel(1, 19'500)}, 60);
    request.presetId = QStringLiteral("motor-point-search");
    REQUIRE(probe.prepare(request).isEmpty());
    probe.startAndWaitRunning();
    REQUIRE(controller.setAmplitude(1, 20'000).ok()); // the cap itself
    const auto above = controller.setAmplitude(1, 20'500);
    REQUIRE_FALSE(above.ok());
    INFO(above.error().message.toStdString());
    REQUIRE(above.error().kind == app::AppError::Kind::Invalid);
    REQUIRE(above.error().message.startsWith(QStringLiteral("channel 1: amplitude 20.5 mA")));
    REQUIRE(above.error().message.contains(QStringLiteral("20.0 mA")));
    REQUIRE(controller.setAmplitude(1, 19'500).ok()); // and back down
    controller.stop(QStringLiteral("done"));
    REQUIRE(probe.waitEnded());
    const auto events = f.events(*controller.sessionId());
    std::vector<qint64> changes; // the therapist's changes: 20.0 and 19.5 mA, nothing of the refused one
    for (const auto& e : events) {
        if (e.kind == EventKind::Amplitude && e.detail.contains(QStringLiteral("by tina"))) {
            changes.push_back(e.amplitudeUa.value_or(-1));
        }
    }
    REQUIRE(changes == std::vector<qint64>{20'000, 19'500});
    REQUIRE(std::none_of(events.begin(), events.end(),
        [](const auto& e) { return e.kind == EventKind::Amplitude && e.amplitudeUa > 20'000; }));
}

TEST_CASE("An electrode fault ends the session as fault, with the channel on record", "[session][run][fault]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    // The simulator detects lead-off from 15 mA up, as the device does.
    REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 20'000)}, 30)).isEmpty());
    probe.startAndWaitRunning();
    auto* sim = probe.simulator();
    REQUIRE(sim != nullptr);
    REQUIRE(waitUntil([&] { return sim->output(1).commanded.value() == 20'000; }));
    sim->injectFault(device::sim::FaultSpec{device::sim::FaultKind::OpenElectrode, 1});
    // Read now, while the simulator surely exists (injectFault returns once the fault is active): the end of the
    // session tears the device down, and the simulator with it.
    const qint64 deliveredAfterFault = sim->deliveredCurrent(1).value();
    REQUIRE(probe.waitEnded());
    REQUIRE(probe.summary->reason == app::SessionEndReason::Fault);
    REQUIRE_FALSE(probe.faults.empty());
    INFO(probe.faults.front().message.toStdString());
    REQUIRE(probe.faults.front().kind == QStringLiteral("electrode"));
    REQUIRE(probe.faults.front().channel == 1);
    const auto events = f.events(*controller.sessionId());
    REQUIRE(countKind(events, EventKind::Electrode, 1) == 1);
    REQUIRE(f.session(*controller.sessionId()).endReason == EndReason::Fault);
    REQUIRE(deliveredAfterFault == 0);
    // Nothing resumes by itself.
    REQUIRE(controller.state() == app::SessionState::Ended);
    REQUIRE_FALSE(controller.resume().ok());
}

TEST_CASE("A lost link ends the session as link_lost", "[session][run][fault]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    REQUIRE(probe
                .prepare(f.request({SessionFixture::channel(1, 8'000)}, 30,
                    QString::fromLatin1(kSimUrl) + QStringLiteral("&fault=disconnect-after:800")))
                .isEmpty());
    probe.startAndWaitRunning();
    REQUIRE(probe.waitEnded());
    REQUIRE(probe.summary->reason == app::SessionEndReason::LinkLost);
    REQUIRE(probe.faults.front().kind == QStringLiteral("link_lost"));
    const auto events = f.events(*controller.sessionId());
    REQUIRE(countKind(events, EventKind::LinkLost) == 1);
    REQUIRE(f.session(*controller.sessionId()).endReason == EndReason::LinkLost);
    REQUIRE(events.last().kind == EventKind::End);
}

TEST_CASE("STOP while the start is being recorded never starts output", "[session][run][stop]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 8'000)}, 30)).isEmpty());
    REQUIRE(controller.start().ok());
    REQUIRE(controller.state() == app::SessionState::Starting);
    controller.stop(QStringLiteral("changed my mind"));
    REQUIRE(probe.waitEnded());
    REQUIRE(probe.summary->reason == app::SessionEndReason::StoppedByTherapist);
    const auto events = f.events(*controller.sessionId());
    REQUIRE(kindsOf(events) == QList<EventKind>{EventKind::Start, EventKind::Stop, EventKind::End});
    REQUIRE(f.session(*controller.sessionId()).channels.first().maxAmplitudeUa == 0);
}

TEST_CASE("Closing the controller mid-session stops output and records the stop", "[session][run][stop]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    qint64 sessionId = 0;
    {
        app::SessionController controller(f.store());
        SessionProbe probe(controller);
        REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 8'000)}, 30)).isEmpty());
        probe.startAndWaitRunning();
        sessionId = *controller.sessionId();
    }
    const auto session = f.session(sessionId);
    REQUIRE(session.endReason == EndReason::StoppedByTherapist);
    const auto events = f.events(sessionId);
    REQUIRE(events.last().detail.contains(QStringLiteral("the application was closed during the session")));
}

TEST_CASE("A session whose record cannot be written does not go on", "[session][run][record]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    // The store refuses the next amplitude event, as a full disk would.
    f.exec(QStringLiteral("CREATE TRIGGER test_refuse_event BEFORE INSERT ON session_events WHEN NEW.amplitude_ua = "
                          "6500 BEGIN SELECT RAISE(ABORT, 'no space left on device'); END"));
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 6'000)}, 30)).isEmpty());
    probe.startAndWaitRunning();
    REQUIRE(controller.setAmplitude(1, 6'500).ok());
    REQUIRE(probe.waitEnded());
    REQUIRE_FALSE(probe.recordingFailures.empty());
    REQUIRE(probe.recordingFailures.front().contains(QStringLiteral("no space left on device")));
    REQUIRE(probe.summary->reason == app::SessionEndReason::Fault);
    REQUIRE(probe.summary->detail.startsWith(QStringLiteral("the session record could not be written")));
    REQUIRE((probe.simulator() == nullptr || probe.simulator()->deliveredCurrent(1).value() == 0));
    const auto events = f.events(*controller.sessionId());
    REQUIRE(countKind(events, EventKind::Fault) == 1);
    REQUIRE(f.session(*controller.sessionId()).endReason == EndReason::Fault);
}

TEST_CASE("A session whose end cannot be recorded is marked interrupted at the next start", "[session][run][record]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    f.exec(QStringLiteral("CREATE TRIGGER test_refuse_end BEFORE INSERT ON session_events WHEN NEW.kind = 'end' "
                          "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"));
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 6'000)}, 30)).isEmpty());
    probe.startAndWaitRunning();
    controller.stop(QStringLiteral("end of treatment"));
    REQUIRE(probe.waitEnded());
    REQUIRE_FALSE(probe.summary->recorded);
    REQUIRE(controller.state() == app::SessionState::Ended);
    REQUIRE_FALSE(controller.recordOutcome(app::OutcomeAnswer{2, {}}).ok());
    const qint64 sessionId = *controller.sessionId();
    REQUIRE(f.session(sessionId).isOpen());
    f.exec(QStringLiteral("DROP TRIGGER test_refuse_end"));

    // The next start on this workstation finds it: the lock is free, so it is closed as app_crash.
    QString error;
    auto next = app::RecordStore::open(f.config(), clock, &error);
    INFO(error.toStdString());
    REQUIRE(next);
    REQUIRE(next->openReport().interruptedSessions == QList<qint64>{sessionId});
    const auto session = f.session(sessionId);
    REQUIRE(session.endReason == EndReason::AppCrash);
    REQUIRE(f.events(sessionId).last().kind == EventKind::Interrupted);
}

TEST_CASE("A global STOP that reaches the device directly ends the session as stopped", "[session][run][stop]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    // A short session too: a stop long before the device's own timer is never taken for the end of the session.
    const qint64 seconds = GENERATE(30, 2);
    REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 8'000)}, seconds)).isEmpty());
    probe.startAndWaitRunning();
    REQUIRE(waitUntil([&] { return probe.simulator()->deliveredCurrent(1).value() > 0; }));
    // What the keyboard shortcut or a signal handler does: every device, without the controller.
    device::DeviceService::stopAll();
    REQUIRE(probe.waitEnded());
    REQUIRE(probe.summary->reason == app::SessionEndReason::StoppedByTherapist);
    const auto events = f.events(*controller.sessionId());
    REQUIRE(countKind(events, EventKind::Stop) == 1);
    REQUIRE(events.at(events.size() - 2).detail == QStringLiteral("output stopped by a global STOP"));
}

TEST_CASE("Sessions in a row name the same programme version until the programme changes", "[session][run]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    auto runOne = [&](qint64 seconds) {
        probe.summary.reset();
        probe.startedResult.reset();
        REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 5'000)}, seconds)).isEmpty());
        probe.startAndWaitRunning();
        REQUIRE(probe.waitEnded());
        REQUIRE(probe.summary->reason == app::SessionEndReason::Completed);
        return f.session(*controller.sessionId()).channels.first().spec.programId;
    };
    const qint64 first = runOne(1);
    REQUIRE(runOne(1) == first); // the controller is reusable once a session has ended
    const qint64 changed = runOne(2);
    REQUIRE(changed != first);
    const auto history = db::records::ProgramRepository(f.ctx()).history(QStringLiteral("conventional-tens"));
    REQUIRE(history.ok());
    REQUIRE(history->size() == 2);
    REQUIRE(history->last().id == changed);
    REQUIRE(history->last().fields.durationS == 2);
}

TEST_CASE("Closing the controller while the start is being recorded ends that session too", "[session][run][stop]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    {
        app::SessionController controller(f.store());
        SessionProbe probe(controller);
        REQUIRE(probe.prepare(f.request({SessionFixture::channel(1, 8'000)}, 30)).isEmpty());
        REQUIRE(controller.start().ok());
        REQUIRE(controller.state() == app::SessionState::Starting);
    }
    const auto sessions = db::records::SessionRepository(f.ctx()).forPatient(f.patientId);
    REQUIRE(sessions.ok());
    REQUIRE(sessions->size() == 1);
    REQUIRE(sessions->first().endReason == EndReason::StoppedByTherapist);
    REQUIRE(
        kindsOf(f.events(sessions->first().id)) == QList<EventKind>{EventKind::Start, EventKind::Stop, EventKind::End});
}

TEST_CASE("A refused prepare after a session has ended leaves that session's outcome to be recorded", "[session][run]")
{
    // Regression: prepare() discarded the ended session before checking the new request, so a request it then
    // refused (here an unknown preset, as a second view on the same controller might send) left the ended session
    // without a way to record its outcome.
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    app::SessionRequest request = f.request({SessionFixture::channel(1, 5'000)}, 1);
    request.nprsBefore = 6;
    REQUIRE(probe.prepare(request).isEmpty());
    probe.startAndWaitRunning();
    REQUIRE(probe.waitEnded());
    REQUIRE(controller.state() == app::SessionState::Ended);
    const auto ended = controller.sessionId();
    REQUIRE(ended);

    app::SessionRequest refused = f.request({SessionFixture::channel(1, 5'000)}, 60);
    refused.presetId = QStringLiteral("no-such-preset");
    REQUIRE_FALSE(controller.prepare(refused).ok());
    CHECK(controller.state() == app::SessionState::Ended);
    CHECK(controller.sessionId() == ended);
    REQUIRE(controller.recordOutcome(app::OutcomeAnswer{2, QString()}).ok());
    REQUIRE(waitUntil([&] { return probe.outcome.has_value(); }));
    CHECK(probe.outcome->ok());
}
