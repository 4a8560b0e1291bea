// SPDX-License-Identifier: GPL-3.0-or-later
// STOP latency through the application path a therapist uses: app::SessionController::stop() (what the GUI's STOP
// button and F12 call) on the main thread, with the whole application underneath — AppContext on a SQLite store in a
// private data folder, the session's recorder on its db thread and connection, the device thread, the in-process
// simulated ScienceMode4 stimulator (sim:sciencemode4?channels=8), the logging session. Each STOP ends a real
// recorded two-channel session that was prepared and started for it (StopWorld::runCycle), once the simulator
// delivers current on both channels and after a random 0–200 ms more.
// Conditions, each with N STOPs:
//   idle                         nothing else runs in this process (the machine may be shared: see the load
//                                average printed first)
//   both cores busy              two threads spinning
//   heavy disk I/O               two threads writing 64 MiB files with an fsync every 4 MiB next to the store
//   database writer blocked 2 s  another SQLite connection to the store holds the write lock (BEGIN IMMEDIATE, 2 s,
//                                COMMIT) once per STOP, taken while the session runs; the therapist then changes
//                                channel 1's amplitude (an event the recorder must write, so the recorder thread
//                                waits in SQLite's busy handler) and STOP comes 100–1800 ms into the hold. The
//                                benchmark checks that the recorder was still waiting at the STOP and that the
//                                amplitude event committed only after the lock was released.
// Request moment: just before SessionController::stop() is called. Wire: the first stop frame written (the driver
// stamps it before the write). Zero: the simulator's output at zero. Also printed: request → the session's end
// recorded (SessionController::ended), which may wait for the store; the output must not.
// Prints a table and one FIGURE line per condition; exits 0 whatever the figures (1 only when the application
// cannot be set up).
// Usage: bench_session_stop [stops] [db-stops]   (defaults 1000 and 1000; each STOP is a whole session, about
//        0.3 s, and each "database writer blocked" STOP lasts the 2 s hold: about 45 minutes in all on 2 cores;
//        `bench_session_stop 50 20` is the quick check)
// Environment: GALVANI_BENCH_DIR  folder for the private data folder, store and disk load (default: the system's
//              temporary folder)
#include "app/AppPaths.h"
#include "app/logging/LoggingSession.h"
#include "app/session/SessionController.h"

#include "bench/stop/LatencyTable.h"
#include "bench/stop/StopWorld.h"
#include "bench/stop/StressLoad.h"
#include "support/StoreWriteLock.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QStorageInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

namespace {

using namespace std::chrono_literals;
using galvani::bench::StopCycle;
using galvani::bench::StopFigures;
using galvani::bench::StopWorld;
namespace app = galvani::app;

constexpr const char* kPath = "SessionController.stop()";
constexpr auto kHold = 2000ms;

struct Row {
    StopFigures figures;
    std::vector<double> endedUs;
    std::vector<QString> failures;
    std::vector<QString> skipped;
    double seconds = 0.0;
};

int parseCount(const char* text, int fallback)
{
    if (text == nullptr) {
        return fallback;
    }
    char* end = nullptr;
    const long n = std::strtol(text, &end, 10);
    return end != text && *end == '\0' && n >= 1 && n <= 1'000'000 ? static_cast<int>(n) : -1;
}

// N cycles; requestStop is given the cycle's index.
Row runRow(StopWorld& world, int stops, const std::function<std::optional<std::chrono::nanoseconds>(int)>& requestStop,
    const std::function<void(int, const StopCycle&)>& afterCycle = {})
{
    Row row;
    QElapsedTimer wall;
    wall.start();
    // A cycle whose output stopped by itself before the STOP (skipped) is repeated, up to twice the count in all.
    for (int i = 0; static_cast<int>(row.figures.wireUs.size()) + row.figures.failures < stops && i < 2 * stops; ++i) {
        const StopCycle c = world.runCycle([&] { return requestStop(i); });
        if (c.measured) {
            row.figures.wireUs.push_back(c.wireUs);
            row.figures.zeroUs.push_back(c.zeroUs);
            row.endedUs.push_back(c.endedUs);
        } else if (c.skipped) {
            ++row.figures.skipped;
            row.skipped.push_back(c.failure);
        } else {
            ++row.figures.failures;
            row.failures.push_back(c.failure);
        }
        if (afterCycle) {
            afterCycle(i, c);
        }
    }
    row.seconds = static_cast<double>(wall.elapsed()) / 1000.0;
    return row;
}

void printRow(const char* condition, const Row& row)
{
    galvani::bench::printStopRow(kPath, condition, row.figures);
    using galvani::bench::percentile;
    std::printf("    request -> session end recorded: p50 %.1f / p99 %.1f / max %.1f ms; %.0f s for %zu STOPs "
                "(%.2f s per prepare-start-STOP cycle)\n",
        percentile(row.endedUs, 0.5) / 1000.0, percentile(row.endedUs, 0.99) / 1000.0,
        percentile(row.endedUs, 1.0) / 1000.0, row.seconds,
        row.figures.wireUs.size() + row.failures.size() + row.skipped.size(),
        row.seconds
            / static_cast<double>(
                std::max<std::size_t>(1, row.figures.wireUs.size() + row.failures.size() + row.skipped.size())));
    for (std::size_t i = 0; i < row.failures.size() && i < 5; ++i) {
        std::printf("    failed: %s\n", qPrintable(row.failures[i]));
    }
    for (std::size_t i = 0; i < row.skipped.size() && i < 5; ++i) {
        std::printf("    skipped: %s\n", qPrintable(row.skipped[i]));
    }
    std::fflush(stdout);
}

} // namespace

int main(int argc, char* argv[])
{
    const int stops = parseCount(argc > 1 ? argv[1] : nullptr, 1000);
    const int dbStops = parseCount(argc > 2 ? argv[2] : nullptr, 1000);
    if (stops < 1 || dbStops < 1) {
        std::fprintf(stderr, "usage: bench_session_stop [stops] [db-stops]   (defaults 1000 and 1000)\n");
        return 2;
    }
    const QString base = qEnvironmentVariableIsEmpty("GALVANI_BENCH_DIR") ? QDir::tempPath()
                                                                          : qEnvironmentVariable("GALVANI_BENCH_DIR");
    QTemporaryDir dataRoot(base + QStringLiteral("/galvani-session-stop-XXXXXX"));
    if (!dataRoot.isValid()) {
        std::fprintf(stderr, "bench_session_stop: cannot create a temporary folder in %s\n", qPrintable(base));
        return 1;
    }
    // A private data folder: audit key, anchor, session lock and the rotating log of this run, never the user's.
    qputenv("XDG_DATA_HOME", dataRoot.path().toLocal8Bit());
    QCoreApplication application(argc, argv);
    app::applyApplicationIdentity();
    app::LoggingConfig logConfig;
    logConfig.logDir = app::AppPaths::logDir();
    logConfig.stderrEnabled = false; // the figures go to standard output; the log file keeps everything
    app::LoggingSession logging(logConfig);

    QElapsedTimer wall;
    wall.start();
    const QString storePath = dataRoot.filePath(QStringLiteral("galvani.sqlite"));
    QString error;
    auto world = StopWorld::create(storePath, &error);
    if (!world) {
        std::fprintf(stderr, "bench_session_stop: %s\n", qPrintable(error));
        return 1;
    }
    const QStorageInfo volume(dataRoot.path());
    std::printf("store and disk load: %s (file system %s on %s); device %s; load average at start: %s\n",
        qPrintable(storePath), volume.fileSystemType().constData(), volume.device().constData(), StopWorld::kDeviceUrl,
        [] {
            static char text[64] = "?";
            if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
                if (std::fgets(text, sizeof text, f) != nullptr) {
                    // The three averages only (1, 5, 15 minutes).
                    char* end = text;
                    for (int field = 0; field < 3 && end != nullptr; ++field) {
                        end = std::strchr(end + (field > 0 ? 1 : 0), ' ');
                    }
                    if (end != nullptr) {
                        *end = '\0';
                    }
                }
                std::fclose(f);
            }
            return text;
        }());
    galvani::bench::printStopHeader(stops, "SessionController::stop() called");

    std::mt19937 random(20261206U);
    auto stopAfterRandomDelay = [&](int) -> std::optional<std::chrono::nanoseconds> {
        StopWorld::pumpFor(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 200)(random)));
        const auto requested = StopWorld::now();
        world->sessions().stop(QStringLiteral("STOP pressed (benchmark)"));
        return requested;
    };

    printRow("idle", runRow(*world, stops, stopAfterRandomDelay));
    {
        galvani::bench::CpuBurners burners;
        burners.start(2);
        printRow("both cores busy", runRow(*world, stops, stopAfterRandomDelay));
    }
    {
        galvani::bench::DiskWriters writers(dataRoot.path().toStdString());
        writers.start(2);
        const Row row = runRow(*world, stops, stopAfterRandomDelay);
        const auto io = writers.stop();
        printRow("heavy disk I/O", row);
        std::printf("    disk load: %.1f MiB/s written, %.1f fsync/s, %llu failed calls\n", io.mibPerSecond(),
            io.fsyncsPerSecond(), static_cast<unsigned long long>(io.errors));
    }
    {
        galvani::test::StoreWriteLock lock(storePath);
        if (!lock.ok()) {
            std::fprintf(
                stderr, "bench_session_stop: the second connection did not open: %s\n", qPrintable(lock.error()));
            return 1;
        }
        int blockedAtStop = 0; // the lock was held and the amplitude event not yet committed when STOP came
        int waitedForLock = 0; // the amplitude event committed only after the lock was released
        int amplitudeCommitsBefore = 0;
        int requestedStops = 0;
        QString refused;
        auto stopWhileRecorderBlocked = [&](int) -> std::optional<std::chrono::nanoseconds> {
            lock.holdFor(kHold);
            if (!StopWorld::pumpUntil([&] { return lock.holding(); }, 20s)) {
                return std::nullopt;
            }
            const auto taken = *lock.lastTaken();
            amplitudeCommitsBefore = world->committed(QStringLiteral("amplitude"));
            const auto changed = world->sessions().setAmplitude(1, StopWorld::kTargetUa + 500);
            if (!changed.ok()) {
                refused = changed.error().message;
                return std::nullopt;
            }
            const auto at = taken + std::chrono::milliseconds(std::uniform_int_distribution<int>(100, 1800)(random));
            StopWorld::pumpUntil([&] { return StopWorld::now() >= at; }, kHold);
            const bool blocked
                = lock.holding() && world->committed(QStringLiteral("amplitude")) == amplitudeCommitsBefore;
            const auto requested = StopWorld::now();
            world->sessions().stop(QStringLiteral("STOP pressed (benchmark)"));
            blockedAtStop += blocked ? 1 : 0;
            ++requestedStops;
            return requested;
        };
        auto afterCycle = [&](int, const StopCycle&) {
            StopWorld::pumpUntil([&] { return lock.idle(); }, 20s);
            const auto committedAt = world->lastCommitted(QStringLiteral("amplitude"));
            const auto released = lock.lastReleased();
            if (world->committed(QStringLiteral("amplitude")) > amplitudeCommitsBefore && committedAt && released
                && *committedAt >= *released) {
                ++waitedForLock;
            }
        };
        const Row row = runRow(*world, dbStops, stopWhileRecorderBlocked, afterCycle);
        printRow("database writer blocked 2 s", row);
        std::printf("    write lock held %d times (%d failed); recorder waiting on the store at the STOP in %d of %d "
                    "STOPs; the amplitude event committed after the lock's release in %d%s%s\n",
            lock.holds(), lock.failures(), blockedAtStop, requestedStops, waitedForLock,
            refused.isEmpty() ? "" : "; refused: ", qPrintable(refused));
    }
    std::printf("bench_session_stop: %.0f s\n", static_cast<double>(wall.elapsed()) / 1000.0);
    return 0;
}
