// SPDX-License-Identifier: GPL-3.0-or-later
// Start-up time to a usable window, measured from outside as a user sees it: from starting the process to its
// "ready" line (window shown, exposed and painted), offscreen. Three rows, each N runs:
//   baseline     bench_qt_hello: a minimal Qt Widgets window (same readiness rule)
//   first start  galvani on an empty data folder: creates the store, migrates it, makes the audit key, shows the
//                first-run administrator page
//   next start   galvani on that existing store: opens and checks it, shows the sign-in page
// Prints p50 / p90 / max in ms and each Galvani row's p50 as a ratio of the baseline's; exits 0, never fails on
// time. Usage: bench_app_startup [runs per row, default 15]
#include "bench/support/Figure.h"
#include "bench/support/Percentile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

namespace {

using galvani::bench::percentile;

// Starts `exe args` with `env` and returns the milliseconds until it printed "ready", or nothing if it did not
// within 30 s. The process is then waited for (it exits by itself after "ready").
std::optional<double> timeToReady(const QString& exe, const QStringList& args, const QProcessEnvironment& env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer t;
    t.start();
    p.start(exe, args);
    if (!p.waitForStarted(10000)) {
        std::fprintf(stderr, "cannot start %s: %s\n", qPrintable(exe), qPrintable(p.errorString()));
        return std::nullopt;
    }
    QByteArray out;
    std::optional<double> ms;
    while (t.elapsed() < 30000) {
        if (!p.waitForReadyRead(100) && p.state() == QProcess::NotRunning) {
            break;
        }
        out += p.readAllStandardOutput();
        if (out.contains("ready\n") && !out.contains("not ready")) {
            ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
            break;
        }
    }
    if (!p.waitForFinished(10000)) {
        p.kill();
        p.waitForFinished(5000);
    }
    if (!ms) {
        std::fprintf(stderr, "%s did not report ready: %s%s\n", qPrintable(exe), out.constData(),
            p.readAllStandardError().constData());
    }
    return ms;
}

struct Row {
    const char* name;
    std::vector<double> ms;
};

void print(const Row& r, const Row* baseline)
{
    if (r.ms.empty()) {
        std::printf("%-12s no successful run\n", r.name);
        return;
    }
    const double p50 = percentile(r.ms, 0.5);
    std::printf("%-12s n=%2zu  p50 %7.1f  p90 %7.1f  max %7.1f ms", r.name, r.ms.size(), p50, percentile(r.ms, 0.9),
        percentile(r.ms, 1.0));
    if (baseline != nullptr && !baseline->ms.empty()) {
        const double ratio = p50 / percentile(baseline->ms, 0.5);
        std::printf("   %.2fx the baseline\n", ratio);
        galvani::bench::figure("Start-up", galvani::bench::format("galvani to a usable window, %s", r.name),
            galvani::bench::format(
                "p50 %.0f / p90 %.0f / max %.0f ms", p50, percentile(r.ms, 0.9), percentile(r.ms, 1.0)),
            galvani::bench::format("%.2fx a minimal Qt Widgets window (p50 %.0f ms), n=%zu", ratio,
                percentile(baseline->ms, 0.5), r.ms.size()));
    } else {
        std::printf("\n");
    }
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 15;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "no temporary folder\n");
        return 0;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM"))) {
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    }
    std::printf("Start-up to a usable window (process start -> \"ready\": shown, exposed, painted), %s, %d runs per "
                "row\n",
        qPrintable(env.value(QStringLiteral("QT_QPA_PLATFORM"))), runs);

    Row hello{"baseline", {}};
    Row first{"first start", {}};
    Row next{"next start", {}};
    // Interleaved, so a change in machine load touches every row alike.
    for (int i = 0; i < runs; ++i) {
        if (const auto ms = timeToReady(QStringLiteral(GALVANI_HELLO_EXE), {}, env)) {
            hello.ms.push_back(*ms);
        }
        const QString home = dir.filePath(QStringLiteral("home-%1").arg(i));
        QDir().mkpath(home);
        QProcessEnvironment own = env;
        own.insert(QStringLiteral("XDG_DATA_HOME"), home);
        const QStringList args{QStringLiteral("--quit-when-ready"), QStringLiteral("--db"),
            QStringLiteral("sqlite:") + home + QStringLiteral("/galvani.sqlite")};
        if (const auto ms = timeToReady(QStringLiteral(GALVANI_GUI_EXE), args, own)) {
            first.ms.push_back(*ms);
        }
        if (const auto ms = timeToReady(QStringLiteral(GALVANI_GUI_EXE), args, own)) {
            next.ms.push_back(*ms);
        }
    }
    print(hello, nullptr);
    print(first, &hello);
    print(next, &hello);
    return 0;
}
