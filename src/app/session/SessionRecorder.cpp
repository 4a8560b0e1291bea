// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/session/SessionRecorder.h"

#include "app/store/RecordStoreImpl.h"
#include "db/records/OutcomeRepository.h"
#include "db/records/ProgramRepository.h"
#include "db/records/SessionLog.h"
#include "db/records/SessionRepository.h"

#include <QThread>

namespace galvani::app {

namespace {

using namespace db::records;

EventKind toDb(SessionEventKind kind)
{
    switch (kind) {
    case SessionEventKind::Amplitude:
        return EventKind::Amplitude;
    case SessionEventKind::Pause:
        return EventKind::Pause;
    case SessionEventKind::Resume:
        return EventKind::Resume;
    case SessionEventKind::Stop:
        return EventKind::Stop;
    case SessionEventKind::Fault:
        return EventKind::Fault;
    case SessionEventKind::Electrode:
        return EventKind::Electrode;
    case SessionEventKind::LinkLost:
        return EventKind::LinkLost;
    }
    return EventKind::Fault;
}

ProgramFields toFields(const ProgramVersionRecord& p)
{
    ProgramFields f;
    f.name = p.name;
    f.modality = p.modality;
    f.waveform = p.waveform;
    f.frequencyMilliHz = p.frequencyMilliHz;
    f.pulseWidthUs = p.pulseWidthUs;
    f.durationS = p.durationS;
    f.maxAmplitudeUa = p.maxAmplitudeUa;
    f.parametersJson = p.parametersJson;
    return f;
}

bool sameFields(const ProgramFields& a, const ProgramFields& b)
{
    return a.name == b.name && a.modality == b.modality && a.waveform == b.waveform
        && a.frequencyMilliHz == b.frequencyMilliHz && a.pulseWidthUs == b.pulseWidthUs && a.durationS == b.durationS
        && a.maxAmplitudeUa == b.maxAmplitudeUa && a.parametersJson == b.parametersJson;
}

db::Actor actorOf(const SignedInUser& user)
{
    return db::Actor::user(user.id, user.username);
}

// The programme version to name in the session: the latest under the key when it is exactly this programme,
// else a new version (or the first one).
db::Result<Program> programVersion(const db::StoreContext& ctx, const ProgramVersionRecord& record, const db::Actor& by)
{
    ProgramRepository programs(ctx);
    const ProgramFields fields = toFields(record);
    auto latest = programs.latest(record.key);
    if (latest.ok()) {
        if (!latest->retired && sameFields(latest->fields, fields)) {
            return latest;
        }
        if (latest->retired) {
            return db::refused(QStringLiteral("programme '%1' is retired in the clinic's catalogue").arg(record.key));
        }
        return programs.saveVersion(
            record.key, fields, by, QStringLiteral("values used by a session differ from the latest version"));
    }
    if (latest.error().kind != db::DbError::Kind::NotFound) {
        return latest.error();
    }
    return programs.create(record.key, fields, by);
}

} // namespace

SessionRecorder::SessionRecorder(StoreConfig config, const core::Clock& clock)
    : m_config(std::move(config)), m_clock(clock)
{
}

SessionRecorder::~SessionRecorder() = default;

void SessionRecorder::open()
{
    if (m_store) {
        return;
    }
    QString error;
    m_store = RecordStore::openConnection(m_config, m_clock, &error);
    if (!m_store) {
        Q_EMIT openFailed(error);
    }
}

bool SessionRecorder::ready(const QString& operation)
{
    if (!m_store) {
        Q_EMIT failed(operation, QStringLiteral("the session recorder has no connection to the record store"));
        return false;
    }
    return true;
}

void SessionRecorder::startSession(const SessionStartRecord& record)
{
    if (!ready(QStringLiteral("start"))) {
        return;
    }
    const auto ctx = m_store->impl().context();
    const db::Actor therapist = actorOf(record.user);
    const auto program = programVersion(ctx, record.program, therapist);
    if (!program.ok()) {
        Q_EMIT failed(QStringLiteral("start"), QStringLiteral("programme version: ") + program.error().message);
        return;
    }
    NewSession ns;
    ns.patientId = record.patientId;
    ns.screeningId = record.screeningId;
    ns.workstation = record.workstation;
    ns.deviceId = record.deviceId;
    ns.firmware = record.firmware;
    for (const SessionChannelRecord& c : record.channels) {
        ns.channels.append(
            SessionChannelSpec{c.channel, program->id, c.placementId, c.referencePlacementId, c.calibrationId});
    }
    const auto session = SessionRepository(ctx).start(ns, therapist);
    if (!session.ok()) {
        Q_EMIT failed(QStringLiteral("start"), session.error().message);
        return;
    }
    m_sessionId = session->id;
    m_patientId = record.patientId;
    m_user = record.user;
    Q_EMIT sessionStarted(session->id, program->id);
    // SessionRepository::start commits the Start event with the session; it is the first of the session.
    const auto events = SessionLog(ctx).events(session->id);
    const int seq = events.ok() && !events->isEmpty() ? events->first().seq : 1;
    Q_EMIT eventCommitted(seq, toText(EventKind::Start));
}

void SessionRecorder::appendEvent(const SessionEventRecord& event)
{
    if (!ready(QStringLiteral("event"))) {
        return;
    }
    if (!m_sessionId) {
        Q_EMIT failed(QStringLiteral("event"), QStringLiteral("no session is open to add the event to"));
        return;
    }
    const NewEvent e{toDb(event.kind), event.channel, event.amplitudeUa, event.detail.left(2000)};
    const auto written = SessionLog(m_store->impl().context()).appendEvent(*m_sessionId, e);
    if (!written.ok()) {
        Q_EMIT failed(QStringLiteral("event"), written.error().message);
        return;
    }
    Q_EMIT eventCommitted(written->seq, toText(written->kind));
}

void SessionRecorder::appendSummaries(const QList<SecondSummary>& summaries, const QList<ChannelTotalsRecord>& totals)
{
    if (!ready(QStringLiteral("summaries")) || !m_sessionId) {
        return;
    }
    SessionLog log(m_store->impl().context());
    if (!summaries.isEmpty()) {
        QList<CurrentSummary> rows;
        rows.reserve(summaries.size());
        for (const SecondSummary& s : summaries) {
            rows.append(CurrentSummary{s.channel, s.secondIndex, s.commandedUa, s.measuredMinUa, s.measuredMeanUa,
                s.measuredMaxUa, s.samples});
        }
        if (const auto written = log.appendCurrentSummaries(*m_sessionId, rows); !written.ok()) {
            Q_EMIT failed(QStringLiteral("summaries"), written.error().message);
            return;
        }
    }
    for (const ChannelTotalsRecord& t : totals) {
        const auto written = log.updateChannelTotals(*m_sessionId, t.channel, t.maxAmplitudeUa, t.chargeUc);
        if (!written.ok()) {
            Q_EMIT failed(QStringLiteral("summaries"), written.error().message);
            return;
        }
    }
}

void SessionRecorder::endSession(const QString& reason, const QString& detail)
{
    if (!ready(QStringLiteral("end"))) {
        return;
    }
    const auto endReason = fromText<EndReason>(reason);
    if (!m_sessionId || !endReason) {
        Q_EMIT failed(QStringLiteral("end"), QStringLiteral("no open session to end with reason '%1'").arg(reason));
        return;
    }
    const auto ctx = m_store->impl().context();
    const auto ended = SessionRepository(ctx).end(*m_sessionId, *endReason, actorOf(m_user), detail.left(2000));
    if (!ended.ok()) {
        Q_EMIT failed(QStringLiteral("end"), ended.error().message);
        return;
    }
    const auto events = SessionLog(ctx).events(*m_sessionId);
    if (events.ok() && !events->isEmpty()) {
        Q_EMIT eventCommitted(events->last().seq, toText(events->last().kind));
    }
    Q_EMIT sessionEnded(reason);
}

void SessionRecorder::recordOutcome(std::optional<int> nprsBefore, std::optional<int> nprsAfter, const QString& notes)
{
    if (!ready(QStringLiteral("outcome"))) {
        return;
    }
    if (!m_sessionId || !m_patientId) {
        Q_EMIT failed(QStringLiteral("outcome"), QStringLiteral("no session to record the outcome of"));
        return;
    }
    OutcomeFields fields;
    fields.sessionId = m_sessionId;
    fields.nprsBefore = nprsBefore;
    fields.nprsAfter = nprsAfter;
    fields.notes = notes;
    const auto outcome = OutcomeRepository(m_store->impl().context()).record(*m_patientId, fields, actorOf(m_user));
    if (!outcome.ok()) {
        Q_EMIT failed(QStringLiteral("outcome"), outcome.error().message);
        return;
    }
    Q_EMIT outcomeRecorded(outcome->id);
}

void SessionRecorder::closeConnection()
{
    m_store.reset();
}

void SessionRecorder::close()
{
    m_store.reset();
    QThread::currentThread()->quit();
}

} // namespace galvani::app
