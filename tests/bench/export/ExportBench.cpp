// SPDX-License-Identifier: GPL-3.0-or-later
// Session export throughput on a SQLite store: seeds N closed sessions, exports them as CSV, JSON and FHIR to
// files, and prints sessions/s, MB/s and the peak resident memory of each export (VmHWM, reset before each phase
// through /proc/self/clear_refs), against the sqlite3 shell's own CSV output of the same joined rows timed in the
// same run. Then the durable event rate (SessionLog::appendEvent with synchronous=FULL, per-event distribution,
// against appending the bytes one commit writes + fdatasync on the same disk) and the audit trail's
// append and verify rates. Prints figures and exits 0; it never passes or fails on time.
// Headline figures also go out as FIGURE lines (bench/support/Figure.h) for the benchmark report.
// Usage: bench_db_export [--sessions N] [--channels C] [--seconds S] [--events E] [--audit-rows A]
//        (defaults 100000 sessions, 2 channels, 5 summary seconds per channel, 1000 events, 100000 audit rows)
#include "BenchStore.h"

#include "core/Clock.h"
#include "db/Migrator.h"
#include "db/ScopedTransaction.h"
#include "db/StoreContext.h"
#include "db/audit/AuditKey.h"
#include "db/audit/AuditTrail.h"
#include "db/audit/AuditVerifier.h"
#include "db/export/SessionExporter.h"
#include "db/records/SessionLog.h"
#include "db/records/SessionRepository.h"

#include "bench/support/Figure.h"
#include "bench/support/Percentile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QVariant>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

namespace {

namespace db = galvani::db;
namespace exp = galvani::db::exp;

struct Args {
    galvani::bench::SeedPlan seed;
    int events = 1000;
    qint64 auditRows = 100'000;
};

Args parseArgs(int argc, char* argv[])
{
    Args a;
    for (int i = 1; i + 1 < argc; i += 2) {
        const qint64 v = std::max(0LL, std::atoll(argv[i + 1]));
        if (std::strcmp(argv[i], "--sessions") == 0) {
            a.seed.sessions = std::max<qint64>(1, v);
        } else if (std::strcmp(argv[i], "--channels") == 0) {
            a.seed.channels = static_cast<int>(std::clamp<qint64>(v, 1, 8));
        } else if (std::strcmp(argv[i], "--seconds") == 0) {
            a.seed.seconds = static_cast<int>(std::min<qint64>(v, 3600));
        } else if (std::strcmp(argv[i], "--events") == 0) {
            a.events = static_cast<int>(std::min<qint64>(v, 100'000));
        } else if (std::strcmp(argv[i], "--audit-rows") == 0) {
            a.auditRows = v;
        } else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
        }
    }
    return a;
}

// Peak resident set (VmHWM) of this process in KiB, or -1 when /proc is not readable.
qint64 peakRssKib()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

// Resets VmHWM to the current RSS (Linux ≥ 4.0), so the next reading is the peak of the next phase alone.
bool resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

double seconds(const QElapsedTimer& t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e9;
}

// CPU time (user + system) of this process or of its waited-for children, in seconds.
double cpuSeconds(int who)
{
    rusage u{};
    getrusage(who, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
        + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Measured {
    double seconds = 0;
    double cpu = 0;
    qint64 bytes = 0;
    qint64 peakKib = -1;
};

std::optional<Measured> exportTo(
    const db::StoreContext& ctx, exp::ExportFormat format, const QString& path, const db::Actor& actor)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return std::nullopt;
    }
    const bool reset = resetPeakRss();
    qint64 reports = 0;
    const double cpu0 = cpuSeconds(RUSAGE_SELF);
    QElapsedTimer t;
    t.start();
    const auto r
        = exp::SessionExporter(ctx).run({}, format, &out, actor, {}, [&reports](qint64, qint64) { ++reports; });
    out.close();
    const double s = seconds(t);
    const double cpu = cpuSeconds(RUSAGE_SELF) - cpu0;
    if (!r.ok()) {
        std::fprintf(stderr, "%s export failed: %s\n", qPrintable(exp::toText(format)), qPrintable(r.error().message));
        return std::nullopt;
    }
    const qint64 peak = peakRssKib();
    std::printf("  %-4s %8lld sessions %9lld rows %8.1f MB in %6.2f s (CPU %6.2f s): %9.0f sessions/s %7.1f MB/s, "
                "peak RSS %s%lld MiB, %lld progress reports\n",
        qPrintable(exp::toText(format)), static_cast<long long>(r->sessions), static_cast<long long>(r->rows),
        static_cast<double>(r->bytes) / 1e6, s, cpu, static_cast<double>(r->sessions) / s,
        static_cast<double>(r->bytes) / 1e6 / s, reset ? "" : "(whole run) ", static_cast<long long>(peak / 1024),
        static_cast<long long>(reports));
    return Measured{s, cpu, r->bytes, peak};
}

std::optional<Measured> sqliteShellCsv(const QString& store, const QString& path)
{
    const QString exe = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (exe.isEmpty()) {
        std::printf("  sqlite3 shell not found: no baseline\n");
        return std::nullopt;
    }
    QProcess p;
    p.setStandardOutputFile(path);
    const double cpu0 = cpuSeconds(RUSAGE_CHILDREN);
    QElapsedTimer t;
    t.start();
    p.start(exe,
        {QStringLiteral("-csv"), QStringLiteral("-header"), QStringLiteral("-readonly"), store,
            galvani::bench::baselineCsvQuery()});
    if (!p.waitForFinished(-1) || p.exitCode() != 0) {
        std::fprintf(stderr, "sqlite3 failed: %s\n", p.readAllStandardError().constData());
        return std::nullopt;
    }
    const double s = seconds(t);
    const double cpu = cpuSeconds(RUSAGE_CHILDREN) - cpu0;
    const qint64 bytes = QFile(path).size();
    std::printf("  sqlite3 -csv baseline (same joined rows, no neutralisation): %8.1f MB in %6.2f s (CPU %6.2f s), "
                "%7.1f MB/s\n",
        static_cast<double>(bytes) / 1e6, s, cpu, static_cast<double>(bytes) / 1e6 / s);
    return Measured{s, cpu, bytes, -1};
}

// The disk's own durable-write cost, the floor for one transaction per event: append `bytes` bytes and fdatasync(),
// `count` times, in a file next to the store. Returns each write's milliseconds, or nothing if the file cannot be
// written.
std::vector<double> fdatasyncCosts(const QString& path, int count, qint64 bytes)
{
    std::vector<double> ms;
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return ms;
    }
    const QByteArray block(static_cast<int>(std::clamp<qint64>(bytes, 1, 1 << 20)), 'x');
    QElapsedTimer t;
    for (int i = 0; i < count; ++i) {
        t.start();
        if (::write(fd, block.constData(), static_cast<std::size_t>(block.size())) != block.size()
            || ::fdatasync(fd) != 0) {
            ms.clear();
            break;
        }
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    ::close(fd);
    return ms;
}

double sum(const std::vector<double>& v)
{
    return std::accumulate(v.begin(), v.end(), 0.0);
}

// Operations per second from each operation's milliseconds.
double perSecond(const std::vector<double>& ms)
{
    return 1e3 * static_cast<double>(ms.size()) / sum(ms);
}

// The WAL's size in bytes (0 when there is none).
qint64 walBytes(const QString& storePath)
{
    return QFileInfo(storePath + QStringLiteral("-wal")).size();
}

// Durable session events, one commit each (the app's configuration: WAL, synchronous=FULL). The WAL is first
// emptied (checkpoint and truncate) and a few events show how many bytes one commit writes to it; the baseline
// then appends that many bytes and calls fdatasync() the same number of times, on the same disk, in the same run.
void eventRate(const db::StoreContext& ctx, const galvani::bench::SeedResult& seed, int events, const QString& dir,
    const QString& storePath)
{
    QSqlQuery pragma(ctx.db.connection());
    const QString sync = pragma.exec(QStringLiteral("PRAGMA synchronous")) && pragma.next() ? pragma.value(0).toString()
                                                                                            : QStringLiteral("?");
    const bool emptied = pragma.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && pragma.next()
        && pragma.value(0).toInt() == 0 && walBytes(storePath) == 0;
    pragma.finish();
    db::records::NewSession ns;
    ns.patientId = seed.firstPatientId;
    ns.workstation = QStringLiteral("bench");
    ns.deviceId = QStringLiteral("DEV-BENCH");
    ns.firmware = QStringLiteral("1");
    ns.channels = {db::records::SessionChannelSpec{1, seed.programId, seed.placementId, {}, {}}};
    const auto session = db::records::SessionRepository(ctx).start(
        ns, db::Actor::user(seed.firstTherapistId, QStringLiteral("therapist0")));
    if (!session.ok()) {
        std::fprintf(stderr, "start session: %s\n", qPrintable(session.error().message));
        return;
    }
    db::records::SessionLog log(ctx);
    int written = 0;
    const auto append = [&] {
        const auto e = log.appendEvent(session->id,
            db::records::NewEvent{db::records::EventKind::Amplitude, 1 + written % 8, 1000 + written, QString()});
        if (!e.ok()) {
            std::fprintf(stderr, "event %d: %s\n", written, qPrintable(e.error().message));
            return false;
        }
        ++written;
        return true;
    };
    // Bytes per commit, measured on events of the same kind (the session's start commit comes first).
    constexpr int kProbe = 20;
    const qint64 walBefore = walBytes(storePath);
    for (int i = 0; i < kProbe; ++i) {
        if (!append()) {
            return;
        }
    }
    const qint64 perEvent = emptied ? (walBytes(storePath) - walBefore) / kProbe : 0;
    std::vector<double> ms;
    QElapsedTimer t;
    const double cpu0 = cpuSeconds(RUSAGE_SELF);
    for (int i = 0; i < events; ++i) {
        t.start();
        if (!append()) {
            return;
        }
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    const double cpuMs = (cpuSeconds(RUSAGE_SELF) - cpu0) * 1e3 / events;
    const double s = sum(ms) / 1e3;
    using galvani::bench::percentile;
    std::printf("  %d durable events (PRAGMA synchronous = %s, 2 = FULL) in %.2f s: %.0f events/s; per event p50 %.2f "
                "/ p90 %.2f / p99 %.2f / max %.2f ms\n",
        events, qPrintable(sync), s, events / s, percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 0.99),
        percentile(ms, 1.0));
    std::printf("  CPU (user + system) per event: %.3f ms\n", cpuMs);
    if (perEvent > 0) {
        std::printf("  each commit writes %lld bytes to the WAL (%d events after an emptied WAL)\n",
            static_cast<long long>(perEvent), kProbe);
    } else {
        std::printf("  the WAL could not be emptied first (a reader held it); bytes per commit not measured\n");
    }
    const auto line = fdatasyncCosts(dir + QStringLiteral("/fdatasync-64.bin"), events, 64);
    const auto same = perEvent > 0 ? fdatasyncCosts(dir + QStringLiteral("/fdatasync-wal.bin"), events, perEvent)
                                   : std::vector<double>{};
    if (!line.empty()) {
        std::printf("  baseline: %d x (64-byte append + fdatasync): %.0f per second, p50 %.2f / max %.2f ms\n", events,
            perSecond(line), percentile(line, 0.5), percentile(line, 1.0));
    }
    if (!same.empty()) {
        std::printf("  baseline: %d x (%lld-byte append + fdatasync, what one commit writes): %.0f per second, p50 "
                    "%.2f / max %.2f ms; events run at %.2fx that\n",
            events, static_cast<long long>(perEvent), perSecond(same), percentile(same, 0.5), percentile(same, 1.0),
            sum(same) / sum(ms));
    }
    galvani::bench::figure("Records", "durable session event insert (SQLite WAL, synchronous=FULL, one commit each)",
        galvani::bench::format("%.0f events/s; p50 %.2f / p99 %.2f / max %.2f ms each", events / s, percentile(ms, 0.5),
            percentile(ms, 0.99), percentile(ms, 1.0)),
        !same.empty() ? galvani::bench::format(
            "%.2fx the disk's rate for appending the same %lld bytes + fdatasync (%.0f/s), n=%d", sum(same) / sum(ms),
            static_cast<long long>(perEvent), perSecond(same), events)
                      : galvani::bench::format("no fdatasync baseline, n=%d", events));
}

void auditRates(const db::StoreContext& ctx, qint64 rows)
{
    QElapsedTimer t;
    t.start();
    {
        db::ScopedTransaction tx(ctx.db);
        db::audit::AuditTrail trail(ctx);
        for (qint64 i = 0; i < rows; ++i) {
            db::audit::AuditRecord rec;
            rec.actor = db::Actor::system();
            rec.action = QStringLiteral("update");
            rec.table = QStringLiteral("patients");
            rec.recordId = 1 + i % 1000;
            rec.field = QStringLiteral("phone");
            rec.oldValue = QStringLiteral("+44 20 7946 %1").arg(i % 10000, 4, 10, QLatin1Char('0'));
            rec.newValue = QStringLiteral("+44 20 7946 %1").arg((i + 1) % 10000, 4, 10, QLatin1Char('0'));
            rec.reason = QStringLiteral("benchmark");
            if (const auto id = trail.append(rec); !id.ok()) {
                std::fprintf(stderr, "audit append: %s\n", qPrintable(id.error().message));
                return;
            }
        }
        if (const auto c = tx.commit(); !c.ok()) {
            std::fprintf(stderr, "audit commit: %s\n", qPrintable(c.error().message));
            return;
        }
    }
    const double appendS = seconds(t);
    std::printf("  audit append: %lld rows in one transaction in %.2f s: %.0f rows/s\n", static_cast<long long>(rows),
        appendS, static_cast<double>(rows) / appendS);
    resetPeakRss();
    t.restart();
    const auto verdict = db::audit::AuditVerifier(ctx.db, ctx.auditKey).verify();
    const double verifyS = seconds(t);
    std::printf("  audit verify: %s in %.2f s: %.0f rows/s, peak RSS %lld MiB\n", qPrintable(verdict.summary()),
        verifyS, static_cast<double>(verdict.rowsChecked) / verifyS, static_cast<long long>(peakRssKib() / 1024));
    // Baseline: reading every audit row and column without checking anything.
    t.restart();
    qint64 scanned = 0;
    {
        QSqlQuery scan(ctx.db.connection());
        scan.setForwardOnly(true);
        if (scan.exec(QStringLiteral("SELECT * FROM audit_log ORDER BY id"))) {
            const int columns = scan.record().count();
            while (scan.next()) {
                for (int c = 0; c < columns; ++c) {
                    (void)scan.value(c);
                }
                ++scanned;
            }
        }
    }
    const double scanS = seconds(t);
    if (scanned > 0) {
        std::printf("  baseline: plain read of the %lld audit rows in %.2f s: %.0f rows/s; verify runs at %.2fx that\n",
            static_cast<long long>(scanned), scanS, static_cast<double>(scanned) / scanS, scanS / verifyS);
    }
    galvani::bench::figure("Records", "audit chain verification (HMAC chain)",
        galvani::bench::format("%.0f rows/s (%lld rows in %.2f s)", static_cast<double>(verdict.rowsChecked) / verifyS,
            static_cast<long long>(verdict.rowsChecked), verifyS),
        scanned > 0 ? galvani::bench::format("%.2fx the rate of a plain read of the same rows (%.0f rows/s)",
            scanS / verifyS, static_cast<double>(scanned) / scanS)
                    : std::string("no baseline (audit table not read)"));
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const Args args = parseArgs(argc, argv);
    QTemporaryDir dir;
    const QString storePath = dir.filePath(QStringLiteral("bench.sqlite"));
    QString error;
    db::StoreUrl url;
    url.kind = db::StoreUrl::Kind::Sqlite;
    url.path = storePath;
    auto database = db::Database::open(url, &error);
    if (!database) {
        std::fprintf(stderr, "open store: %s\n", qPrintable(error));
        return 0;
    }
    const galvani::core::SystemClock clock;
    if (const auto m = db::Migrator(*database, clock).migrate(); !m.ok()) {
        std::fprintf(stderr, "migrate: %s\n", qPrintable(m.error().message));
        return 0;
    }
    auto key = db::audit::AuditKey::loadOrCreate(dir.filePath(QStringLiteral("keys/audit.key")));
    if (!key.ok()) {
        std::fprintf(stderr, "audit key: %s\n", qPrintable(key.error().message));
        return 0;
    }
    const db::StoreContext ctx{*database, clock, key.value()};

    std::printf("Session export, SQLite WAL, %lld sessions x %d channels, %d summary seconds per channel\n",
        static_cast<long long>(args.seed.sessions), args.seed.channels, args.seed.seconds);
    QElapsedTimer t;
    t.start();
    const auto seed = galvani::bench::seedSessions(*database, args.seed);
    if (!seed.error.isEmpty()) {
        std::fprintf(stderr, "seed: %s\n", qPrintable(seed.error));
        return 0;
    }
    std::printf("  seeded %lld rows in %.2f s (%.0f rows/s, one transaction)\n", static_cast<long long>(seed.rows),
        seconds(t), static_cast<double>(seed.rows) / seconds(t));

    const db::Actor admin = db::Actor::system();
    const auto csv = exportTo(ctx, exp::ExportFormat::Csv, dir.filePath(QStringLiteral("out.csv")), admin);
    const auto json = exportTo(ctx, exp::ExportFormat::Json, dir.filePath(QStringLiteral("out.json")), admin);
    const auto fhir = exportTo(ctx, exp::ExportFormat::Fhir, dir.filePath(QStringLiteral("out.fhir.json")), admin);
    const auto base = sqliteShellCsv(storePath, dir.filePath(QStringLiteral("baseline.csv")));
    if (base && csv && json && fhir) {
        std::printf(
            "  wall time vs sqlite3 baseline: CSV %.2fx, JSON %.2fx, FHIR %.2fx (1.00x = as fast as the shell)\n",
            csv->seconds / base->seconds, json->seconds / base->seconds, fhir->seconds / base->seconds);
        std::printf("  CPU time vs sqlite3 baseline:  CSV %.2fx, JSON %.2fx, FHIR %.2fx\n", csv->cpu / base->cpu,
            json->cpu / base->cpu, fhir->cpu / base->cpu);
        const auto exportFigure = [&](const char* name, const Measured& m) {
            galvani::bench::figure("Export",
                galvani::bench::format("%s, %lld sessions", name, static_cast<long long>(args.seed.sessions)),
                galvani::bench::format("%.0f sessions/s, %.1f MB/s, peak RSS %lld MiB",
                    static_cast<double>(args.seed.sessions) / m.seconds, static_cast<double>(m.bytes) / 1e6 / m.seconds,
                    static_cast<long long>(m.peakKib / 1024)),
                galvani::bench::format("%.2fx the wall time, %.2fx the CPU of the sqlite3 shell's CSV of the same rows",
                    m.seconds / base->seconds, m.cpu / base->cpu));
        };
        exportFigure("CSV", *csv);
        exportFigure("JSON", *json);
        exportFigure("FHIR", *fhir);
    }

    std::printf("Durable session events\n");
    eventRate(ctx, seed, args.events, dir.path(), storePath);
    std::printf("Audit trail\n");
    auditRates(ctx, args.auditRows);
    return 0;
}
