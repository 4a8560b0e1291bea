// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExportFixture.h"

#include "ClinicalFixture.h"

#include "db/TimeStamp.h"
#include "db/records/OutcomeRepository.h"
#include "db/records/PatientRepository.h"
#include "db/records/PlacementRepository.h"
#include "db/records/ProgramRepository.h"
#include "db/records/SessionLog.h"
#include "db/records/SessionRepository.h"

#include <catch2/catch.hpp>

#include <QBuffer>

#include <chrono>

namespace galvani::test {

using namespace db::records;

namespace {

template <typename T>
T must(db::Result<T> r)
{
    INFO((r.ok() ? QString() : r.error().message).toStdString());
    REQUIRE(r.ok());
    return std::move(r).value();
}

void must(const db::Status& s)
{
    INFO((s.ok() ? QString() : s.error().message).toStdString());
    REQUIRE(s.ok());
}

// Moves the fake clock forward to an absolute UTC time (ms).
void moveTo(TestStore& store, qint64 utcMs)
{
    const qint64 now = db::utcMs(store.clock);
    REQUIRE(utcMs >= now);
    store.clock.advance(std::chrono::milliseconds(utcMs - now));
}

qint64 placement(TestStore& store, qint64 patient, int channel, const PlacementFields& fields, const db::Actor& by)
{
    PlacementFields f = fields;
    f.channel = channel;
    return must(PlacementRepository(store.ctx()).record(patient, f, by)).id;
}

struct Plan {
    qint64 patient = 0;
    db::Actor therapist;
    QString device;
    QString firmware;
    QString workstation;
    QList<SessionChannelSpec> channels;
};

SessionFacts startSession(TestStore& store, const Plan& p)
{
    NewSession ns;
    ns.patientId = p.patient;
    ns.workstation = p.workstation;
    ns.deviceId = p.device;
    ns.firmware = p.firmware;
    ns.channels = p.channels;
    const Session s = must(SessionRepository(store.ctx()).start(ns, p.therapist));
    return SessionFacts{s.id, p.patient, *p.therapist.userId, s.startedUtcMs, static_cast<int>(p.channels.size())};
}

void endSession(TestStore& store, qint64 id, EndReason reason, const db::Actor& by, qint64 afterMs)
{
    store.clock.advance(std::chrono::milliseconds(afterMs));
    must(SessionRepository(store.ctx()).end(id, reason, by));
}

} // namespace

ExportFixture buildExportFixture(TestStore& store)
{
    ExportFixture f;
    f.admin = store.addUser(QStringLiteral("admin"), Role::Admin);
    f.therapistA = store.addUser(QStringLiteral("therapist-a"), Role::Therapist);
    f.therapistB = store.addUser(Hostile::therapist(), Role::Therapist);
    const auto ctx = store.ctx();
    PatientRepository patients(ctx);
    f.patient1 = must(patients.create(samplePatient(QStringLiteral("MRN-0001")), f.therapistA)).id;
    PatientFields hostile = samplePatient(Hostile::mrn());
    hostile.familyName = Hostile::family();
    hostile.givenNames = Hostile::given();
    f.patient2 = must(patients.create(hostile, f.therapistB)).id;
    PatientFields third = samplePatient(QStringLiteral("\rMRN-3"));
    third.familyName = QStringLiteral("@Sum(1+1)");
    third.givenNames = QStringLiteral("\tTabbed");
    f.patient3 = must(patients.create(third, f.therapistA)).id;

    ProgramFields prog = sampleProgram();
    prog.name = Hostile::program();
    const qint64 program = must(ProgramRepository(ctx).create(QStringLiteral("nmes,1"), prog, f.therapistA)).id;
    PlacementFields site = samplePlacement(1);
    site.muscle = QStringLiteral("lumbar multifidus");
    site.side = Side::Left;
    const qint64 p1ch1 = placement(store, f.patient1, 1, site, f.therapistA);
    PlacementFields odd = samplePlacement(1);
    odd.muscle = Hostile::muscle();
    odd.landmark = Hostile::landmark();
    odd.leadLabel = Hostile::leadLabel();
    odd.side = Side::Right;
    const qint64 p2ch1 = placement(store, f.patient2, 1, odd, f.therapistB);
    odd.side = Side::Bilateral;
    const qint64 p2ch2 = placement(store, f.patient2, 2, odd, f.therapistB);
    site.side = Side::Midline;
    const qint64 p3ch1 = placement(store, f.patient3, 1, site, f.therapistA);

    const QString dev1 = QStringLiteral("DEV-1");
    const QString ws = QStringLiteral("ws-1");
    SessionLog log(ctx);
    OutcomeRepository outcomes(ctx);

    // s1
    moveTo(store, ExportFixture::kEpochMs + 8 * 3600 * 1000);
    f.sessions.append(startSession(store,
        Plan{f.patient1, f.therapistA, dev1, QStringLiteral("4.2.1"), ws,
            {SessionChannelSpec{1, program, p1ch1, {}, {}}}}));
    const qint64 s1 = f.sessions.last().id;
    must(log.appendEvent(s1, NewEvent{EventKind::Amplitude, 1, 12'500, QStringLiteral("ramp done")}));
    must(log.appendCurrentSummaries(s1,
        {CurrentSummary{1, 0, 10'000, 9'800, 9'900, 10'100, 50},
            CurrentSummary{1, 1, 12'000, 11'900, 11'950, 12'050, 50},
            CurrentSummary{1, 2, 12'500, 12'300, 12'450, 12'600, 50}}));
    must(log.updateChannelTotals(s1, 1, 12'500, 180));
    must(log.appendEvent(s1, NewEvent{EventKind::Pause, std::nullopt, std::nullopt, {}}));
    endSession(store, s1, EndReason::Completed, f.therapistA, 15 * 60 * 1000);
    OutcomeFields o1;
    o1.sessionId = s1;
    o1.nprsBefore = 7;
    o1.nprsAfter = 4;
    o1.notes = QStringLiteral("=felt better, \"much\"");
    must(outcomes.record(f.patient1, o1, f.therapistA));

    // s2
    moveTo(store, ExportFixture::kEpochMs + ExportFixture::kDayMs + 9 * 3600 * 1000 + 30 * 60 * 1000);
    f.sessions.append(startSession(store,
        Plan{f.patient2, f.therapistB, Hostile::device(), Hostile::firmware(), Hostile::workstation(),
            {SessionChannelSpec{1, program, p2ch1, p2ch2, {}}, SessionChannelSpec{2, program, p2ch2, {}, {}}}}));
    const qint64 s2 = f.sessions.last().id;
    must(log.appendCurrentSummaries(s2,
        {CurrentSummary{1, 0, 20'000, 19'500, 19'900, 20'400, 80}, CurrentSummary{2, 0, 15'000, {}, {}, {}, 0},
            CurrentSummary{2, 1, 16'001, {}, {}, {}, 0}}));
    must(log.updateChannelTotals(s2, 1, 20'000, 95));
    must(log.updateChannelTotals(s2, 2, 16'001, 70));
    endSession(store, s2, EndReason::StoppedByTherapist, f.therapistB, 5 * 60 * 1000);
    OutcomeFields o2;
    o2.sessionId = s2;
    o2.nprsBefore = 8;
    must(outcomes.record(f.patient2, o2, f.therapistB));
    o2.nprsBefore.reset();
    o2.nprsAfter = 6;
    must(outcomes.record(f.patient2, o2, f.therapistB));

    // s3
    moveTo(store, ExportFixture::kEpochMs + 2 * ExportFixture::kDayMs + 14 * 3600 * 1000);
    f.sessions.append(startSession(store,
        Plan{f.patient1, f.therapistB, dev1, QStringLiteral("4.3.0"), ws,
            {SessionChannelSpec{1, program, p1ch1, {}, {}}}}));
    endSession(store, f.sessions.last().id, EndReason::Fault, f.therapistB, 60 * 1000);

    // s4, exactly at the start of day 3
    moveTo(store, ExportFixture::kEpochMs + 3 * ExportFixture::kDayMs);
    f.sessions.append(startSession(store,
        Plan{f.patient3, f.therapistA, QStringLiteral("DEV-3"), QStringLiteral("1.0"), ws,
            {SessionChannelSpec{1, program, p3ch1, {}, {}}}}));
    endSession(store, f.sessions.last().id, EndReason::Completed, f.therapistA, 10 * 60 * 1000);

    // s5, the last millisecond of day 3, left open
    moveTo(store, ExportFixture::kEpochMs + 4 * ExportFixture::kDayMs - 1);
    f.sessions.append(startSession(store,
        Plan{f.patient2, f.therapistA, dev1, QStringLiteral("4.2.1"), ws,
            {SessionChannelSpec{1, program, p2ch1, {}, {}}}}));
    return f;
}

ExportRun runExport(TestStore& store, const ExportFixture& f, db::exp::ExportFormat format,
    const db::exp::ExportFilter& filter, const db::exp::ExportOptions& options, const db::exp::ExportProgress& progress,
    const std::atomic_bool* cancel)
{
    QBuffer buffer;
    REQUIRE(buffer.open(QIODevice::WriteOnly));
    auto report
        = db::exp::SessionExporter(store.ctx()).run(filter, format, &buffer, f.admin, options, progress, cancel);
    buffer.close();
    return ExportRun{std::move(report), buffer.data()};
}

qint64 exportAuditRows(TestStore& store)
{
    return store.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'export'")).toLongLong();
}

} // namespace galvani::test
