// SPDX-License-Identifier: GPL-3.0-or-later
#include "PowerLossHarness.h"

#include "app/services/PatientNoteService.h"
#include "app/session/SessionRecorder.h"
#include "app/session/SessionRecords.h"
#include "app/store/RecordStore.h"
#include "app/store/RecordStoreImpl.h"
#include "db/PasswordHasher.h"
#include "db/TimeStamp.h"
#include "db/records/ContraindicationChecklist.h"
#include "db/records/OutcomeRepository.h"
#include "db/records/PatientRepository.h"
#include "db/records/PlacementRepository.h"
#include "db/records/RecordEnums.h"
#include "db/records/ScreeningRepository.h"
#include "db/records/SessionLog.h"
#include "db/records/SessionRepository.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <chrono>
#include <memory>
#include <random>

namespace galvani::test::powerloss {

using namespace std::chrono_literals;
namespace rec = db::records;

namespace {

constexpr const char* kStoreFile = "g.sqlite";
constexpr const char* kAnchorFile = "anchor.txt";
constexpr int kSessionsBeforeRestart = 2; // sessions in the first run of the app; one more after it restarts
constexpr int kEventsPerSession = 12;
constexpr int kEventsPerSummary = 3; // a one-second summary batch (both channels) after every third event

QString pragmaFor(SyncMode mode)
{
    switch (mode) {
    case SyncMode::Full:
        return QStringLiteral("FULL");
    case SyncMode::Normal:
        return QStringLiteral("NORMAL");
    case SyncMode::Off:
        return QStringLiteral("OFF");
    }
    return QStringLiteral("FULL");
}

int pragmaValue(SyncMode mode)
{
    return mode == SyncMode::Full ? 2 : (mode == SyncMode::Normal ? 1 : 0);
}

QString modelName(LossModel model)
{
    switch (model) {
    case LossModel::KeepAll:
        return QStringLiteral("keep-all");
    case LossModel::DropAll:
        return QStringLiteral("drop-all");
    case LossModel::Random:
        return QStringLiteral("random");
    }
    return QString();
}

} // namespace

// The commits the app acknowledged before the power went: what its callers were told is safely stored. Outside
// the anonymous namespace: Workload, a friend of PowerLossHarness and so named in this namespace, holds one.
struct Ledger {
    struct Event {
        qint64 session = 0;
        int seq = 0;
        QString kind;
        std::optional<qint64> amplitudeUa;
        QString detail;
    };
    struct Summary {
        int batch = 0; // rows of one batch are one commit
        qint64 session = 0;
        int channel = 0;
        qint64 second = 0;
        qint64 commandedUa = 0;
    };
    struct Totals {
        qint64 session = 0;
        int channel = 0;
        qint64 maxAmplitudeUa = 0;
        qint64 chargeUc = 0;
    };
    QList<qint64> started;
    QList<Event> events;
    QList<Summary> summaries;
    QList<Totals> totals;
    QList<qint64> ended;
    QList<qint64> outcomes;
    QList<qint64> notes;
    int summaryBatches = 0;

    // Acknowledged commits (a summary batch is one commit of several rows).
    [[nodiscard]] int size() const
    {
        return static_cast<int>(started.size() + events.size() + summaryBatches + totals.size() + ended.size()
            + outcomes.size() + notes.size());
    }
};

namespace {

// Trials run on tmpfs when the machine has one: the shim decides what is durable, so the real medium only costs
// time (the app's anchor file and the recovery's own commits fsync for real).
QString scratchTemplate()
{
    const QFileInfo shm(QStringLiteral("/dev/shm"));
    const QString root = shm.isDir() && shm.isWritable() ? shm.filePath() : QDir::tempPath();
    return QDir(root).filePath(QStringLiteral("galvani-powerloss-XXXXXX"));
}

bool copyFile(const QString& from, const QString& to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

} // namespace

// The app's own write path, as a running Galvani uses it: RecordStore::open (the start-up: migration check, audit
// verification, interrupted sessions) on the "main thread", a SessionRecorder with its own connection
// (RecordStore::openConnection) recording whole sessions — start, events, per-second summaries, channel totals,
// end, outcome — and PatientNoteService adding a clinical note through the primary store between sessions. After
// two sessions the app exits (the last connection checkpoints the WAL and deletes it) and starts again for a third.
// Every call that reports success adds to the ledger; the run stops at the first failure, which must be the cut.
class Workload {
public:
    Workload(PowerLossHarness& h, app::StoreConfig config, SyncMode mode, WorkloadKind kind, Ledger& ledger)
        : m_h(h), m_config(std::move(config)), m_mode(mode), m_kind(kind), m_ledger(ledger)
    {
    }

    ~Workload() { closeApp(); }

    Workload(const Workload&) = delete;
    Workload& operator=(const Workload&) = delete;

    void run()
    {
        enter(QStringLiteral("start-up"));
        if (!openApp()) {
            return;
        }
        if (m_kind == WorkloadKind::LongSession) {
            enter(QStringLiteral("long-session"));
            (void)session(0, PowerLossHarness::kLongSessionEvents);
            return;
        }
        enter(QStringLiteral("sessions"));
        for (int s = 0; s < kSessionsBeforeRestart; ++s) {
            if (!session(s, kEventsPerSession) || !note(s)) {
                return;
            }
        }
        enter(QStringLiteral("exit"));
        closeApp();
        if (PowerLossVfs::install().isCut()) {
            return;
        }
        enter(QStringLiteral("restart"));
        if (!openApp()) {
            return;
        }
        enter(QStringLiteral("sessions-after-restart"));
        if (!session(kSessionsBeforeRestart, kEventsPerSession)) {
            return;
        }
        (void)note(kSessionsBeforeRestart);
    }

    // Where the workload was when it stopped: start-up, sessions, exit (the last connection's checkpoint and WAL
    // deletion), restart, sessions-after-restart.
    [[nodiscard]] const QString& phase() const { return m_phase; }
    // The counted operations done before each phase began.
    [[nodiscard]] const QMap<QString, std::uint64_t>& phaseStarts() const { return m_phaseStarts; }

    // An operation that failed while the power was still on: a bug in the shim, the workload or the app.
    [[nodiscard]] const QString& unexpected() const { return m_unexpected; }

private:
    void enter(const QString& phase)
    {
        m_phase = phase;
        m_phaseStarts.insert(phase, PowerLossVfs::install().operations());
    }

    // A failed step ends the workload; it is expected only once the power is off.
    bool fail(const QString& what)
    {
        if (!PowerLossVfs::install().isCut() && m_unexpected.isEmpty()) {
            m_unexpected = what;
        }
        return false;
    }

    bool alive() const { return m_failure.isEmpty() && !PowerLossVfs::install().isCut(); }

    // NORMAL and OFF: put on every connection the app has open (Database names them "galvani-N"), right after
    // the app opened it with FULL.
    bool applySyncMode()
    {
        if (m_mode == SyncMode::Full) {
            return true;
        }
        const QStringList names = QSqlDatabase::connectionNames();
        for (const QString& name : names) {
            if (!name.startsWith(QStringLiteral("galvani-"))) {
                continue;
            }
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (!db.isOpen()) {
                continue;
            }
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("PRAGMA synchronous=%1").arg(pragmaFor(m_mode)))
                || !q.exec(QStringLiteral("PRAGMA synchronous")) || !q.next()
                || q.value(0).toInt() != pragmaValue(m_mode)) {
                return fail(QStringLiteral("cannot set synchronous=%1 on %2").arg(pragmaFor(m_mode), name));
            }
        }
        return true;
    }

    bool openApp()
    {
        QString error;
        m_primary = app::RecordStore::open(m_config, m_h.m_clock, &error);
        if (!m_primary) {
            return fail(QStringLiteral("start-up: ") + error);
        }
        if (!applySyncMode()) {
            return false;
        }
        m_recorder = std::make_unique<app::SessionRecorder>(m_config, m_h.m_clock);
        auto* r = m_recorder.get();
        QObject::connect(r, &app::SessionRecorder::openFailed,
            [this](const QString& message) { m_failure = QStringLiteral("recorder open: ") + message; });
        QObject::connect(r, &app::SessionRecorder::failed, [this](const QString& operation, const QString& message) {
            m_failure = operation + QStringLiteral(": ") + message;
        });
        QObject::connect(r, &app::SessionRecorder::sessionStarted, [this](qint64 sessionId, qint64) {
            m_session = sessionId;
            m_ledger.started.append(sessionId);
        });
        QObject::connect(r, &app::SessionRecorder::eventCommitted, [this](int seq, const QString& kind) {
            if (m_expectEvent) {
                m_ledger.events.append(Ledger::Event{m_session, seq, kind, m_sent.amplitudeUa, m_sent.detail});
                m_expectEvent = false;
            }
        });
        QObject::connect(
            r, &app::SessionRecorder::sessionEnded, [this](const QString&) { m_ledger.ended.append(m_session); });
        QObject::connect(r, &app::SessionRecorder::outcomeRecorded,
            [this](qint64 outcomeId) { m_ledger.outcomes.append(outcomeId); });
        m_failure.clear();
        m_recorder->open();
        if (!alive()) {
            return fail(m_failure);
        }
        return applySyncMode();
    }

    void closeApp()
    {
        if (m_recorder) {
            m_recorder->closeConnection();
            m_recorder.reset();
        }
        m_primary.reset();
    }

    app::SessionStartRecord startRecord() const
    {
        app::SessionStartRecord r;
        r.user = m_h.m_therapist;
        r.patientId = m_h.m_patientId;
        r.screeningId = m_h.m_screeningId;
        r.workstation = m_h.m_workstation;
        r.deviceId = QStringLiteral("GSIM-PL01");
        r.firmware = QStringLiteral("sim-4.2");
        r.program.key = QStringLiteral("nmes-lumbar");
        r.program.name = QStringLiteral("NMES lumbar stabilisation");
        r.program.modality = QStringLiteral("nmes-stabilisation");
        r.program.waveform = QStringLiteral("symmetric-biphasic");
        r.program.frequencyMilliHz = 50'000;
        r.program.pulseWidthUs = 300;
        r.program.durationS = 900;
        r.program.maxAmplitudeUa = 60'000;
        r.program.parametersJson = QStringLiteral(R"({"off_s":10,"on_s":10})");
        r.channels = {app::SessionChannelRecord{1, m_h.m_placement1, std::nullopt, std::nullopt},
            app::SessionChannelRecord{2, m_h.m_placement2, std::nullopt, std::nullopt}};
        return r;
    }

    app::SessionEventRecord event(int session, int i) const
    {
        app::SessionEventRecord e;
        switch (i % 5) {
        case 0:
        case 1:
            e.kind = app::SessionEventKind::Amplitude;
            e.channel = 1 + i % 2;
            e.amplitudeUa = 8'000 + 500 * (i % 40) + 100 * session;
            break;
        case 2:
            e.kind = app::SessionEventKind::Pause;
            e.detail = QStringLiteral("patient asked to pause");
            break;
        case 3:
            e.kind = app::SessionEventKind::Resume;
            break;
        default:
            e.kind = app::SessionEventKind::Electrode;
            e.channel = 2;
            e.detail = QStringLiteral(R"({"channel":2,"status":"ok","impedance_ohm":%1})").arg(900 + i);
            break;
        }
        return e;
    }

    bool session(int n, int events)
    {
        m_failure.clear();
        m_session = 0;
        m_recorder->startSession(startRecord());
        if (!alive() || m_session == 0) {
            return fail(m_failure.isEmpty() ? QStringLiteral("start: no session") : m_failure);
        }
        const qint64 session = m_session;
        qint64 second = 0;
        for (int i = 0; i < events; ++i) {
            m_h.m_clock.advance(1s);
            m_sent = event(n, i);
            m_expectEvent = true;
            m_recorder->appendEvent(m_sent);
            if (!alive() || m_expectEvent) {
                return fail(m_failure.isEmpty() ? QStringLiteral("event: not acknowledged") : m_failure);
            }
            if (i % kEventsPerSummary != kEventsPerSummary - 1) {
                continue;
            }
            QList<app::SecondSummary> summaries;
            for (int ch = 1; ch <= 2; ++ch) {
                const qint64 commanded = 10'000 + 250 * second + ch;
                summaries.append(
                    app::SecondSummary{ch, second, commanded, commanded - 300, commanded - 100, commanded + 200, 50});
            }
            m_recorder->appendSummaries(summaries, {});
            if (!alive()) {
                return fail(m_failure);
            }
            ++m_ledger.summaryBatches;
            for (const auto& s : summaries) {
                m_ledger.summaries.append(
                    Ledger::Summary{m_ledger.summaryBatches, session, s.channel, s.secondIndex, s.commandedUa});
            }
            for (int ch = 1; ch <= 2; ++ch) {
                const app::ChannelTotalsRecord totals{ch, 12'000 + 400 * second + ch, 30 * (second + 1) + ch};
                m_recorder->appendSummaries({}, {totals});
                if (!alive()) {
                    return fail(m_failure);
                }
                m_ledger.totals.append(Ledger::Totals{session, ch, totals.maxAmplitudeUa, totals.chargeUc});
            }
            ++second;
        }
        const int endedBefore = static_cast<int>(m_ledger.ended.size());
        m_recorder->endSession(QStringLiteral("completed"), QStringLiteral("programme finished"));
        if (!alive() || m_ledger.ended.size() == endedBefore) {
            return fail(m_failure.isEmpty() ? QStringLiteral("end: not acknowledged") : m_failure);
        }
        const int outcomesBefore = static_cast<int>(m_ledger.outcomes.size());
        m_recorder->recordOutcome(6, 3, QStringLiteral("walked without pain"));
        if (!alive() || m_ledger.outcomes.size() == outcomesBefore) {
            return fail(m_failure.isEmpty() ? QStringLiteral("outcome: not acknowledged") : m_failure);
        }
        return true;
    }

    bool note(int n)
    {
        const auto added = app::PatientNoteService(*m_primary)
                               .add(m_h.m_therapist, m_h.m_mrn,
                                   QStringLiteral("Visit %1: tolerated 15 min NMES, no skin reaction.").arg(n + 1));
        if (!added.ok()) {
            return fail(QStringLiteral("note: ") + added.error().message);
        }
        m_ledger.notes.append(added->id);
        return !PowerLossVfs::install().isCut();
    }

    PowerLossHarness& m_h;
    app::StoreConfig m_config;
    SyncMode m_mode;
    WorkloadKind m_kind;
    Ledger& m_ledger;
    std::unique_ptr<app::RecordStore> m_primary;
    std::unique_ptr<app::SessionRecorder> m_recorder;
    QString m_failure; // the recorder's last failure report
    QString m_unexpected;
    QString m_phase;
    QMap<QString, std::uint64_t> m_phaseStarts;
    qint64 m_session = 0;
    app::SessionEventRecord m_sent;
    bool m_expectEvent = false;
};

// The next start of the app on the post-power-loss image: RecordStore::open with the default VFS (migration check,
// audit verification against the anchor file, interrupted sessions closed), then SQLite's own checks and a search
// for every acknowledged commit through the repositories.
class Recovery {
public:
    Recovery(PowerLossHarness& h, const QString& dir) : m_h(h), m_dir(dir) { }

    void check(const Ledger& ledger, TrialResult& result)
    {
        app::StoreConfig config;
        config.storeUrl = QStringLiteral("sqlite:") + m_dir.filePath(QString::fromLatin1(kStoreFile));
        config.auditKeyPath = m_h.m_keyPath;
        config.anchorPath = m_dir.filePath(QString::fromLatin1(kAnchorFile));
        config.sessionLockPath = m_dir.filePath(QStringLiteral("sessions.lock"));
        config.workstation = m_h.m_workstation;
        QString error;
        auto store = app::RecordStore::open(config, m_h.m_clock, &error);
        if (!store) {
            result.corrupt = true;
            result.problem = QStringLiteral("the app cannot open the store after the power cut: ") + error;
            return;
        }
        QSqlQuery q(store->impl().db.connection());
        QStringList integrity;
        if (q.exec(QStringLiteral("PRAGMA integrity_check"))) {
            while (q.next()) {
                integrity.append(q.value(0).toString());
            }
        } else {
            integrity.append(q.lastError().text());
        }
        if (integrity != QStringList{QStringLiteral("ok")}) {
            result.corrupt = true;
            result.problem = QStringLiteral("integrity_check: ") + integrity.join(QStringLiteral("; ")).left(400);
            return;
        }
        if (!q.exec(QStringLiteral("PRAGMA foreign_key_check")) || q.next()) {
            result.corrupt = true;
            result.problem = QStringLiteral("foreign_key_check found rows (or failed: %1)").arg(q.lastError().text());
            return;
        }
        q.finish();
        if (!store->openReport().auditOk) {
            result.auditBroken = true;
            result.problem = QStringLiteral("audit trail: ") + store->openReport().auditSummary;
        }
        findLedger(store->impl().context(), store->openReport().interruptedSessions, ledger, result);
    }

private:
    void lost(TrialResult& result, const QString& what)
    {
        ++result.lost;
        if (result.problem.isEmpty()) {
            result.problem = QStringLiteral("acknowledged but lost: ") + what;
        }
    }

    void findLedger(
        const db::StoreContext& ctx, const QList<qint64>& interrupted, const Ledger& ledger, TrialResult& result)
    {
        rec::SessionRepository sessions(ctx);
        rec::SessionLog log(ctx);
        for (const qint64 id : ledger.started) {
            if (!sessions.byId(id).ok()) {
                lost(result, QStringLiteral("session %1").arg(id));
            }
        }
        QHash<qint64, QList<rec::SessionEvent>> events;
        QHash<qint64, QList<rec::CurrentSummary>> summaries;
        QSet<int> lostBatches;
        for (const auto& e : ledger.events) {
            if (!events.contains(e.session)) {
                const auto read = log.events(e.session);
                events.insert(e.session, read.ok() ? *read : QList<rec::SessionEvent>{});
            }
            bool found = false;
            for (const auto& have : events.value(e.session)) {
                if (have.seq == e.seq) {
                    found = rec::toText(have.kind) == e.kind && have.amplitudeUa == e.amplitudeUa
                        && have.detail == e.detail;
                    break;
                }
            }
            if (!found) {
                lost(result, QStringLiteral("event %1 of session %2 (%3)").arg(e.seq).arg(e.session).arg(e.kind));
            }
        }
        for (const auto& s : ledger.summaries) {
            if (!summaries.contains(s.session)) {
                const auto read = log.currentSummaries(s.session);
                summaries.insert(s.session, read.ok() ? *read : QList<rec::CurrentSummary>{});
            }
            bool found = false;
            for (const auto& have : summaries.value(s.session)) {
                if (have.channel == s.channel && have.secondIndex == s.second) {
                    found = have.commandedUa == s.commandedUa;
                    break;
                }
            }
            if (!found && !lostBatches.contains(s.batch)) {
                lostBatches.insert(s.batch);
                lost(result,
                    QStringLiteral("summary of second %1 channel %2 of session %3")
                        .arg(s.second)
                        .arg(s.channel)
                        .arg(s.session));
            }
        }
        for (const auto& t : ledger.totals) {
            const auto session = sessions.byId(t.session);
            bool found = false;
            if (session.ok()) {
                for (const auto& ch : session->channels) {
                    if (ch.spec.channel == t.channel) {
                        found = ch.maxAmplitudeUa >= t.maxAmplitudeUa && ch.totalChargeUc >= t.chargeUc;
                    }
                }
            }
            if (!found) {
                lost(result,
                    QStringLiteral("channel %1 totals (%2 µA, %3 µC) of session %4")
                        .arg(t.channel)
                        .arg(t.maxAmplitudeUa)
                        .arg(t.chargeUc)
                        .arg(t.session));
            }
        }
        for (const qint64 id : ledger.ended) {
            const auto session = sessions.byId(id);
            if (!session.ok() || session->isOpen() || session->endReason != rec::EndReason::Completed
                || interrupted.contains(id)) {
                lost(result, QStringLiteral("end of session %1").arg(id));
            }
        }
        rec::OutcomeRepository outcomes(ctx);
        for (const qint64 id : ledger.outcomes) {
            if (!outcomes.byId(id).ok()) {
                lost(result, QStringLiteral("outcome %1").arg(id));
            }
        }
        if (!ledger.notes.isEmpty()) {
            const auto notes = rec::PatientRepository(ctx).notes(m_h.m_patientId);
            for (const qint64 id : ledger.notes) {
                bool found = false;
                if (notes.ok()) {
                    for (const auto& n : *notes) {
                        found = found || n.id == id;
                    }
                }
                if (!found) {
                    lost(result, QStringLiteral("note %1").arg(id));
                }
            }
        }
    }

    PowerLossHarness& m_h;
    QDir m_dir;
};

QString syncModeName(SyncMode mode)
{
    return pragmaFor(mode);
}

QString RunResult::summaryLine() const
{
    return QStringLiteral("powerloss synchronous=%1 trials=%2 corrupt=%3 lost_commits=%4 (acknowledged commits "
                          "checked: %5)")
        .arg(syncModeName(mode))
        .arg(trials)
        .arg(corrupt)
        .arg(lostCommits)
        .arg(acknowledged);
}

QString RunResult::detailLine() const
{
    QStringList phases;
    for (auto it = cutsByPhase.cbegin(); it != cutsByPhase.cend(); ++it) {
        phases.append(QStringLiteral("%1:%2").arg(it.key()).arg(it.value()));
    }
    return QStringLiteral("  model=%1 seed=%2 workload_ops=%3 trials_with_loss=%4 audit_broken=%5 "
                          "workload_errors=%6 unsynced_at_cut=%7 dropped=%8 torn=%9 reordered_trials=%10 "
                          "undone_directory_entries=%11 cuts_by_phase=%12 seconds=%13")
        .arg(modelName(model))
        .arg(seed)
        .arg(workloadOps)
        .arg(trialsWithLoss)
        .arg(auditBroken)
        .arg(workloadErrors)
        .arg(unsynced)
        .arg(dropped)
        .arg(torn)
        .arg(reorderedTrials)
        .arg(vanishedFiles)
        .arg(phases.join(QLatin1Char(',')))
        .arg(seconds, 0, 'f', 1);
}

PowerLossHarness::PowerLossHarness() : m_dir(scratchTemplate())
{
    REQUIRE(m_dir.isValid());
    PowerLossVfs::install();
    const QDir base(m_dir.filePath(QStringLiteral("base")));
    REQUIRE(QDir().mkpath(base.path()));
    m_baseStore = base.filePath(QString::fromLatin1(kStoreFile));
    m_baseAnchor = base.filePath(QString::fromLatin1(kAnchorFile));
    m_keyPath = m_dir.filePath(QStringLiteral("keys/audit.key"));

    app::StoreConfig config;
    config.storeUrl = QStringLiteral("sqlite:") + m_baseStore;
    config.auditKeyPath = m_keyPath;
    config.anchorPath = m_baseAnchor;
    config.sessionLockPath = base.filePath(QStringLiteral("sessions.lock"));
    config.workstation = m_workstation;
    QString error;
    auto store = app::RecordStore::open(config, m_clock, &error);
    INFO(error.toStdString());
    REQUIRE(store);
    {
        const auto hash = db::PasswordHasher::hash(QStringLiteral("correct horse battery"));
        REQUIRE(hash.ok());
        QSqlQuery q(store->impl().db.connection());
        REQUIRE(
            q.prepare(QStringLiteral("INSERT INTO users (username, display_name, role, password_hash, "
                                     "created_utc_ms, updated_utc_ms) VALUES (:u, :d, :r, :h, 0, 0) RETURNING id")));
        q.bindValue(QStringLiteral(":u"), QStringLiteral("tina"));
        q.bindValue(QStringLiteral(":d"), QStringLiteral("Tina Therapist"));
        q.bindValue(QStringLiteral(":r"), app::toString(app::Role::Therapist));
        q.bindValue(QStringLiteral(":h"), *hash);
        INFO(q.lastError().text().toStdString());
        REQUIRE(q.exec());
        REQUIRE(q.next());
        m_therapist = app::SignedInUser{
            q.value(0).toLongLong(), QStringLiteral("tina"), QStringLiteral("Tina Therapist"), app::Role::Therapist};
    }
    const auto ctx = store->impl().context();
    const auto actor = db::Actor::user(m_therapist.id, m_therapist.username);
    const auto patient
        = rec::PatientRepository(ctx).create(rec::PatientFields{m_mrn, QStringLiteral("Okafor"), QStringLiteral("Ada"),
                                                 QStringLiteral("1971-04-23"), {}, {}, {}},
            actor);
    REQUIRE(patient.ok());
    m_patientId = patient->id;
    rec::NewScreening screening;
    screening.patientId = m_patientId;
    screening.expiresUtcMs = db::utcMs(m_clock) + 365LL * 24 * 3600 * 1000;
    for (const auto& item : rec::ContraindicationChecklist::items()) {
        screening.items.append(
            rec::ScreeningItem{QString::fromLatin1(item.code), item.severity, rec::Answer::No, false, {}});
    }
    const auto screened = rec::ScreeningRepository(ctx).record(screening, actor);
    REQUIRE(screened.ok());
    m_screeningId = screened->id;
    for (int ch = 1; ch <= 2; ++ch) {
        rec::PlacementFields f;
        f.channel = ch;
        f.leadLabel = QStringLiteral("A%1").arg(ch);
        f.muscle = QStringLiteral("lumbar erector spinae");
        f.side = ch == 1 ? rec::Side::Right : rec::Side::Left;
        f.landmark = QStringLiteral("L3 spinous process");
        f.electrodeWidthMm = 50;
        f.electrodeHeightMm = 90;
        f.electrodeAreaMm2 = 4500;
        f.polarity = rec::Polarity::ActiveCathode;
        const auto placed = rec::PlacementRepository(ctx).record(m_patientId, f, actor);
        REQUIRE(placed.ok());
        (ch == 1 ? m_placement1 : m_placement2) = placed->id;
    }
    store.reset(); // the last connection closes: WAL checkpointed into the file and deleted
    REQUIRE(QFileInfo::exists(m_baseStore));
    REQUIRE_FALSE(QFileInfo::exists(m_baseStore + QStringLiteral("-wal")));
    REQUIRE(QFileInfo::exists(m_baseAnchor));
}

TrialResult PowerLossHarness::runTrial(
    SyncMode mode, std::uint64_t cutAtOp, LossModel model, std::uint64_t seed, WorkloadKind kind)
{
    TrialResult result;
    result.cutAtOp = cutAtOp;
    std::mt19937_64 rng(seed);
    const QDir trial(m_dir.filePath(QStringLiteral("trial-%1").arg(++m_trialCounter)));
    const QDir image(trial.filePath(QStringLiteral("after")));
    if (!QDir().mkpath(image.path()) || !copyFile(m_baseStore, trial.filePath(QString::fromLatin1(kStoreFile)))
        || !copyFile(m_baseAnchor, trial.filePath(QString::fromLatin1(kAnchorFile)))) {
        result.problem = QStringLiteral("cannot prepare %1").arg(trial.path());
        result.corrupt = true;
        return result;
    }
    app::StoreConfig config;
    config.storeUrl
        = QStringLiteral("sqlite:%1?vfs=%2")
              .arg(trial.filePath(QString::fromLatin1(kStoreFile)), QString::fromLatin1(PowerLossVfs::kName));
    config.auditKeyPath = m_keyPath;
    config.anchorPath = trial.filePath(QString::fromLatin1(kAnchorFile));
    config.sessionLockPath = trial.filePath(QStringLiteral("sessions.lock"));
    config.workstation = m_workstation;

    PowerLossVfs& vfs = PowerLossVfs::install();
    Ledger ledger;
    vfs.beginTrial(cutAtOp);
    {
        Workload workload(*this, config, mode, kind, ledger);
        workload.run();
        result.cutDuringWorkload = vfs.isCut();
        result.phase = result.cutDuringWorkload ? workload.phase() : QStringLiteral("after-end");
        result.phaseStarts = workload.phaseStarts();
        result.firstDatabaseWriteOp = vfs.firstDatabaseWrite();
        result.walRestartOp = vfs.walRestart();
        result.operations = vfs.operations();
        QString why;
        if (!vfs.modelMatchesDisk(&why) && modelMismatch.isEmpty()) {
            modelMismatch = why;
        }
        vfs.cutNow(); // (again) the power goes: nothing the app does from here reaches the disk
        if (!workload.unexpected().isEmpty()) {
            result.workloadError = true;
            result.problem = QStringLiteral("workload failed before the power cut: ") + workload.unexpected();
        }
        // The anchor file is written by the app with QSaveFile (fsync, rename); it is as durable as it was.
        copyFile(trial.filePath(QString::fromLatin1(kAnchorFile)), image.filePath(QString::fromLatin1(kAnchorFile)));
        QString error;
        result.image = vfs.writeImage(image.path(), model, rng, &error);
        if (result.image.files < 0) {
            result.problem = error;
            result.corrupt = true;
            return result;
        }
    } // the app's connections close with the power off
    result.acknowledged = ledger.size();
    // GALVANI_POWERLOSS_KEEP=DIR keeps the untouched image of every synchronous=FULL trial that finds a problem (at
    // most 20; with NORMAL and OFF losses are expected).
    const QString keepRoot = mode == SyncMode::Full ? qEnvironmentVariable("GALVANI_POWERLOSS_KEEP") : QString();
    const QDir kept(QDir(keepRoot).filePath(QStringLiteral("trial-%1-seed-%2").arg(m_trialCounter).arg(seed)));
    const bool keep = !keepRoot.isEmpty() && m_kept < 20 && QDir().mkpath(kept.path());
    if (keep) {
        const QStringList files = QDir(image).entryList(QDir::Files);
        for (const QString& f : files) {
            copyFile(image.filePath(f), kept.filePath(f));
        }
    }
    if (result.problem.isEmpty()) {
        Recovery(*this, image.path()).check(ledger, result);
    }
    if (keep) {
        if (result.problem.isEmpty()) {
            QDir(kept).removeRecursively();
        } else {
            ++m_kept;
        }
    }
    QDir(trial).removeRecursively();
    return result;
}

std::uint64_t PowerLossHarness::workloadOperations(SyncMode mode)
{
    std::optional<std::uint64_t>& cached
        = mode == SyncMode::Full ? m_opsFull : (mode == SyncMode::Normal ? m_opsNormal : m_opsOff);
    if (!cached) {
        const TrialResult r = runTrial(mode, 0, LossModel::KeepAll, 1);
        INFO(r.problem.toStdString());
        REQUIRE(r.problem.isEmpty());
        REQUIRE_FALSE(r.cutDuringWorkload);
        REQUIRE(r.lost == 0);
        REQUIRE(r.operations > 0);
        cached = r.operations;
    }
    return *cached;
}

RunResult PowerLossHarness::run(SyncMode mode, LossModel model, int trials, std::uint64_t seed)
{
    RunResult total;
    total.mode = mode;
    total.model = model;
    total.seed = seed;
    total.workloadOps = workloadOperations(mode);
    QElapsedTimer timer;
    timer.start();
    std::mt19937_64 master(seed);
    for (int i = 0; i < trials; ++i) {
        const std::uint64_t trialSeed = master();
        std::mt19937_64 pick(trialSeed);
        const std::uint64_t cutAt = std::uniform_int_distribution<std::uint64_t>(1, total.workloadOps + 1)(pick);
        const TrialResult r = runTrial(mode, cutAt, model, trialSeed ^ 0x9e3779b97f4a7c15ULL);
        ++total.trials;
        total.acknowledged += r.acknowledged;
        total.lostCommits += r.lost;
        total.corrupt += r.corrupt ? 1 : 0;
        total.auditBroken += r.auditBroken ? 1 : 0;
        total.workloadErrors += r.workloadError ? 1 : 0;
        total.trialsWithLoss += r.lost > 0 ? 1 : 0;
        total.unsynced += r.image.unsynced;
        total.dropped += r.image.dropped;
        total.torn += r.image.torn;
        total.reorderedTrials += r.image.reordered;
        total.vanishedFiles += r.image.vanished;
        total.cutsByPhase[r.phase] += 1;
        if (!r.problem.isEmpty() && total.problems.size() < 5) {
            total.problems.append(QStringLiteral("trial %1 (seed %2, cut at operation %3 of %4): %5")
                                      .arg(i)
                                      .arg(trialSeed)
                                      .arg(cutAt)
                                      .arg(total.workloadOps)
                                      .arg(r.problem));
        }
    }
    total.seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    return total;
}

int trialsFromEnvironment(int fallback)
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("GALVANI_POWERLOSS_TRIALS", &ok);
    return ok && n > 0 ? n : fallback;
}

std::uint64_t seedFromEnvironment()
{
    bool ok = false;
    const qulonglong s = qEnvironmentVariable("GALVANI_POWERLOSS_SEED").toULongLong(&ok);
    return ok ? s : 20'260'101ULL;
}

} // namespace galvani::test::powerloss
