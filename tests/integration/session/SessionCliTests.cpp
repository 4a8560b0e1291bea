// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli session run` end to end: the built executable against the in-process simulator and a temporary
// store — a completed session with its outcome, SIGTERM mid-session, an interlock refusal and usage errors.
#include "CliWorld.h"

#include "app/store/RecordStoreImpl.h"
#include "db/records/OutcomeRepository.h"
#include "db/records/PatientRepository.h"
#include "db/records/SessionLog.h"
#include "db/records/SessionRepository.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>
#include <QProcess>

#include <csignal>

using namespace galvani;
using galvani::test::CliRun;
using galvani::test::CliWorld;
using galvani::test::parseSessionOutput;

namespace {

void requireContains(const QString& text, const char* needle)
{
    INFO(text.toStdString());
    REQUIRE(text.contains(QString::fromUtf8(needle)));
}

} // namespace

TEST_CASE("session run completes, prints every committed event and records the outcome", "[session][cli]")
{
    CliWorld world;
    world.addPatient(QStringLiteral("MRN-CLI-1"));
    const CliRun r = world.run(world.sessionRun(QStringLiteral("MRN-CLI-1"), 2));
    INFO(r.out.toStdString() << r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    requireContains(r.out, "channel 1: right-lumbar-erector-spinae, target 10.0 mA");
    requireContains(r.out, "ended: completed");
    requireContains(r.out, "outcome recorded (NPRS before 5, after 3)");
    const auto printed = parseSessionOutput(r.out.toUtf8());
    REQUIRE(printed.sessionId.has_value());
    REQUIRE(printed.committed.begin()->second == QStringLiteral("start"));
    REQUIRE(printed.committed.rbegin()->second == QStringLiteral("end"));

    auto store = world.openStore();
    const auto ctx = store->impl().context();
    const auto session = db::records::SessionRepository(ctx).byId(*printed.sessionId);
    REQUIRE(session.ok());
    REQUIRE(session->endReason == db::records::EndReason::Completed);
    const auto events = db::records::SessionLog(ctx).events(*printed.sessionId);
    REQUIRE(events.ok());
    REQUIRE(static_cast<std::size_t>(events->size()) == printed.committed.size());
    const auto patient = db::records::PatientRepository(ctx).byMrn(QStringLiteral("MRN-CLI-1"));
    const auto outcomes = db::records::OutcomeRepository(ctx).forPatient(patient->id);
    REQUIRE(outcomes.ok());
    REQUIRE(outcomes->size() == 1);
    REQUIRE(outcomes->first().fields.nprsBefore == 5);
    REQUIRE(outcomes->first().fields.nprsAfter == 3);
}

TEST_CASE("SIGTERM during a session stops the output first, records the stop and exits 1", "[session][cli]")
{
    CliWorld world;
    world.addPatient(QStringLiteral("MRN-CLI-2"));
    QProcess p;
    p.setProcessEnvironment(world.environment());
    p.start(QStringLiteral(GALVANI_CLI_EXE),
        world.sessionRun(QStringLiteral("MRN-CLI-2"), 60) << QStringLiteral("--db") << world.url());
    REQUIRE(p.waitForStarted());
    p.closeWriteChannel();
    QByteArray output;
    QElapsedTimer elapsed;
    elapsed.start();
    // Once both channels are ramping (the start and two ramp events are committed), Ctrl-C's sibling arrives.
    while (!output.contains("event 3 amplitude committed")) {
        REQUIRE(p.state() != QProcess::NotRunning);
        REQUIRE(elapsed.elapsed() < 30'000);
        p.waitForReadyRead(20);
        output += p.readAllStandardOutput();
    }
    p.terminate(); // SIGTERM, handled like Ctrl-C
    REQUIRE(p.waitForFinished(15'000));
    output += p.readAllStandardOutput();
    INFO(output.toStdString());
    REQUIRE(p.exitStatus() == QProcess::NormalExit);
    REQUIRE(p.exitCode() == 1);
    const QString text = QString::fromUtf8(output);
    requireContains(text, "interrupted: stopping");
    requireContains(text, "ended: stopped_by_therapist (interrupted (Ctrl-C or SIGTERM))");
    const auto printed = parseSessionOutput(output);
    REQUIRE(printed.sessionId.has_value());
    const auto last = printed.committed.rbegin();
    REQUIRE(last->second == QStringLiteral("end"));
    REQUIRE(std::next(last)->second == QStringLiteral("stop"));

    auto store = world.openStore();
    REQUIRE(store->openReport().interruptedSessions.isEmpty()); // closed by the command itself, not by a crash
    const auto session = db::records::SessionRepository(store->impl().context()).byId(*printed.sessionId);
    REQUIRE(session->endReason == db::records::EndReason::StoppedByTherapist);
}

TEST_CASE("session run refuses a patient without a screening, and names bad arguments", "[session][cli]")
{
    CliWorld world;
    world.addPatient(QStringLiteral("MRN-CLI-3"), false);
    const CliRun refused = world.run(world.sessionRun(QStringLiteral("MRN-CLI-3"), 2));
    REQUIRE(refused.exitCode == 1);
    requireContains(refused.err, "screening: no contraindication screening is on record for patient MRN-CLI-3");
    REQUIRE_FALSE(refused.out.contains(QStringLiteral("started")));

    QStringList badChannel = world.sessionRun(QStringLiteral("MRN-CLI-3"), 2);
    badChannel[badChannel.indexOf(QStringLiteral("1:right-lumbar-erector-spinae:10"))] = QStringLiteral("1:10");
    const CliRun usage = world.run(badChannel);
    REQUIRE(usage.exitCode == 2);
    requireContains(usage.err, "--channel '1:10': expected N:SITE:AMPLITUDE_mA");

    QStringList noDuration = world.sessionRun(QStringLiteral("MRN-CLI-3"), 2);
    noDuration.removeAt(noDuration.indexOf(QStringLiteral("--seconds")) + 1);
    noDuration.removeAll(QStringLiteral("--seconds"));
    const CliRun missing = world.run(noDuration);
    REQUIRE(missing.exitCode == 2);
    requireContains(missing.err, "give the duration with --minutes M");

    QStringList offGrid = world.sessionRun(QStringLiteral("MRN-CLI-3"), 2);
    offGrid[offGrid.indexOf(QStringLiteral("2:left-lumbar-erector-spinae:8"))]
        = QStringLiteral("2:left-lumbar-erector-spinae:8.2");
    world.addPatient(QStringLiteral("MRN-CLI-4"));
    offGrid[offGrid.indexOf(QStringLiteral("MRN-CLI-3"))] = QStringLiteral("MRN-CLI-4");
    const CliRun grid = world.run(offGrid);
    REQUIRE(grid.exitCode == 2);
    requireContains(grid.err, "channel 2: target amplitude 8200 µA is not a multiple of the device's 500 µA step");

    QStringList wide = world.sessionRun(QStringLiteral("MRN-CLI-4"), 2);
    wide << QStringLiteral("--set") << QStringLiteral("phase width=900");
    const CliRun outside = world.run(wide);
    REQUIRE(outside.exitCode == 2);
    requireContains(outside.err, "phase width 900 µs is outside the preset range");

    QStringList unknown = world.sessionRun(QStringLiteral("MRN-CLI-4"), 2);
    unknown << QStringLiteral("--set") << QStringLiteral("on time=5");
    const CliRun notEditable = world.run(unknown);
    REQUIRE(notEditable.exitCode == 2);
    requireContains(notEditable.err, "'on time' is not an editable value of this preset");

    QStringList malformed = world.sessionRun(QStringLiteral("MRN-CLI-4"), 2);
    malformed << QStringLiteral("--set") << QStringLiteral("phase width:200");
    const CliRun noEquals = world.run(malformed);
    REQUIRE(noEquals.exitCode == 2);
    requireContains(noEquals.err, "--set 'phase width:200': expected FIELD=VALUE");
    malformed.last() = QStringLiteral("phase width=2,5");
    const CliRun comma = world.run(malformed);
    REQUIRE(comma.exitCode == 2);
    requireContains(comma.err, "the value '2,5' is not a number");
}

TEST_CASE("session run takes the therapist's settings of the preset and runs them", "[session][cli]")
{
    CliWorld world;
    world.addPatient(QStringLiteral("MRN-CLI-5"));
    QStringList args = world.sessionRun(QStringLiteral("MRN-CLI-5"), 1);
    args << QStringLiteral("--set") << QStringLiteral("phase width=200") << QStringLiteral("--set")
         << QStringLiteral("pulse rate=120");
    const CliRun r = world.run(args);
    INFO(r.out.toStdString() << r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    requireContains(r.out, "120 Hz");
    requireContains(r.out, "200 µs");
    requireContains(r.out, "ended: completed");
}
