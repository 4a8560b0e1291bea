// SPDX-License-Identifier: GPL-3.0-or-later
// STOP latency the way the GUI receives it, while the GUI thread is busy. The real main window (ui::MainWindow over
// app::AppContext, shown on the offscreen platform, at its sign-in screen, where STOP works as everywhere) and a
// recorded two-channel session run by the SessionController on the in-process simulator (StopWorld::runCycle:
// prepared and started programmatically, as the treatment panel does). Once the simulator delivers current, an
// "input" thread delivers the STOP at a random moment:
//   F12 key (StopKey filter)       posts an F12 key press and release to the main window (the application-wide
//                                  StopKey event filter takes it → MainWindow::stopAll → SessionController::stop)
//   STOP button (click)            posts a left-button press and release at the centre of the top bar's STOP button
//                                  (QAbstractButton clicks on the release → MainWindow::stopAll)
//   stopAll() from another thread  calls device::DeviceService::stopAll() on the input thread (the lock-free
//                                  StopSignal plus a high-priority event to every device thread; the GUI thread only
//                                  learns of it afterwards and records the session as stopped by a global STOP)
// Request moment: the input thread posting the event (or calling stopAll()), i.e. the moment the windowing system
// would have queued the input for the GUI thread; the GUI thread takes it when it is back in its event loop.
// Conditions:
//   GUI idle                        the GUI thread has nothing else to do
//   GUI thread busy                 the GUI thread paints into a 1920×1080 image in back-to-back blocks of 20–100 ms
//                                   (uniform; like heavy redraws) from 50–300 ms before the STOP until it is measured
// and three in which the product's own work runs when the F12 press comes: the lock screen's unlock while a
// session continues (password typed, Unlock clicked), which hashes the password (Argon2id, interactive limits) and
// writes the sign-in in a durable transaction (BEGIN IMMEDIATE, fsync) — on the sign-in page's store worker thread,
// while the GUI thread is back in its event loop:
//   unlock being checked            the store is free; F12 0–60 ms after the click
//   unlock being checked, heavy disk I/O
//                                   two threads write 64 MiB files with an fsync every 4 MiB next to the store
//   unlock being checked, store write-locked 2 s
//                                   another SQLite connection holds the store's write lock for 2 s (BEGIN IMMEDIATE …
//                                   COMMIT), so the check waits in SQLite's busy handler on the worker's connection;
//                                   F12 100–1800 ms into the hold
// Wire: the first stop frame written (driver timestamp before the write); zero: the simulator's output at zero.
// Prints a table and one FIGURE line per row; exits 0 whatever the figures (1 only when the setup fails).
// Usage: bench_gui_stop [stops] [sign-in-stops]   (defaults 1000 per row and 100 per sign-in row; about 40
//        minutes on 2 cores; `bench_gui_stop 30 10` is the quick check). Runs offscreen unless QT_QPA_PLATFORM says
//        otherwise.
// Environment: GALVANI_BENCH_DIR  folder for the private data folder and store (default: the system's temp folder)
#include "app/AppContext.h"
#include "app/AppPaths.h"
#include "app/logging/LoggingSession.h"
#include "app/session/SessionController.h"
#include "device/worker/DeviceService.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/mainwindow/SignInPage.h"
#include "ui/presenters/StoreWorker.h"

#include "bench/stop/LatencyTable.h"
#include "bench/stop/StopWorld.h"
#include "bench/stop/StressLoad.h"
#include "support/StoreWriteLock.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QInputDevice>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QPointingDevice>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <mutex>
#include <random>
#include <thread>

namespace {

using namespace std::chrono_literals;
using galvani::bench::StopCycle;
using galvani::bench::StopFigures;
using galvani::bench::StopWorld;
using std::chrono::nanoseconds;
namespace app = galvani::app;

constexpr auto kHold = 2000ms;
const QString kPassword = QStringLiteral("stop-bench-password-1"); // StopWorld's therapist

// The thread input comes from: sleeps, notes the moment, then acts (posts events or calls stopAll()).
class InputThread {
public:
    InputThread() : m_thread([this] { run(); }) { }
    ~InputThread()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_quit = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    InputThread(const InputThread&) = delete;
    InputThread& operator=(const InputThread&) = delete;

    // Acts at `at` (monotonic); the result follows in done() / requestedAt().
    void actAt(nanoseconds at, std::function<void()> action)
    {
        {
            const std::lock_guard lock(m_mutex);
            m_at = at;
            m_action = std::move(action);
            m_requested.reset();
        }
        m_wake.notify_all();
    }
    [[nodiscard]] std::optional<nanoseconds> requestedAt() const
    {
        const std::lock_guard lock(m_mutex);
        return m_requested;
    }

private:
    void run()
    {
        std::unique_lock lock(m_mutex);
        while (true) {
            m_wake.wait(lock, [this] { return m_quit || m_action; });
            if (m_quit) {
                return;
            }
            auto action = std::move(m_action);
            m_action = nullptr;
            const nanoseconds at = m_at;
            lock.unlock();
            std::this_thread::sleep_until(std::chrono::steady_clock::time_point(at));
            const nanoseconds requested = StopWorld::now();
            action();
            lock.lock();
            m_requested = requested;
        }
    }

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_quit = false;
    nanoseconds m_at{0};
    std::function<void()> m_action;
    std::optional<nanoseconds> m_requested;
    std::thread m_thread;
};

// Back-to-back blocks of painting on the GUI thread, each 20–100 ms long, while enabled.
class GuiLoad {
public:
    GuiLoad() : m_image(1920, 1080, QImage::Format_ARGB32_Premultiplied), m_random(7U)
    {
        m_timer.setInterval(0);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { block(); });
    }
    void start() { m_timer.start(); }
    void stop() { m_timer.stop(); }
    [[nodiscard]] long long blocks() const { return m_blocks; }

private:
    void block()
    {
        const auto until
            = StopWorld::now() + std::chrono::milliseconds(std::uniform_int_distribution<int>(20, 100)(m_random));
        QPainter painter(&m_image);
        painter.setRenderHint(QPainter::Antialiasing);
        int i = 0;
        while (StopWorld::now() < until) {
            painter.setPen(QColor::fromHsv(i % 360, 200, 200));
            painter.drawLine(i % 1920, 0, 1919 - i % 1920, 1079);
            ++i;
        }
        ++m_blocks;
    }

    QImage m_image;
    QTimer m_timer;
    std::mt19937 m_random;
    long long m_blocks = 0;
};

struct Row {
    StopFigures figures;
    std::vector<QString> failures;
    std::vector<QString> skipped;
    std::vector<double> callMs; // unlock rows: click to the answer on the screen
    double seconds = 0.0;
};

void printRow(const std::string& path, const std::string& condition, const Row& row)
{
    galvani::bench::printStopRow(path, condition, row.figures);
    std::printf("    %.0f s for %zu STOPs\n", row.seconds,
        row.figures.wireUs.size() + row.failures.size() + row.skipped.size());
    if (!row.callMs.empty()) {
        using galvani::bench::percentile;
        std::printf("    the unlock took p50 %.0f / max %.0f ms from the click to the answer\n",
            percentile(row.callMs, 0.5), percentile(row.callMs, 1.0));
    }
    for (std::size_t i = 0; i < row.failures.size() && i < 5; ++i) {
        std::printf("    failed: %s\n", qPrintable(row.failures[i]));
    }
    for (std::size_t i = 0; i < row.skipped.size() && i < 5; ++i) {
        std::printf("    skipped: %s\n", qPrintable(row.skipped[i]));
    }
    std::fflush(stdout);
}

int parseCount(const char* text, int fallback)
{
    if (text == nullptr) {
        return fallback;
    }
    char* end = nullptr;
    const long n = std::strtol(text, &end, 10);
    return end != text && *end == '\0' && n >= 1 && n <= 1'000'000 ? static_cast<int>(n) : -1;
}

} // namespace

int main(int argc, char* argv[])
{
    const int stops = parseCount(argc > 1 ? argv[1] : nullptr, 1000);
    const int lockedStops = parseCount(argc > 2 ? argv[2] : nullptr, 100);
    if (stops < 1 || lockedStops < 1) {
        std::fprintf(stderr, "usage: bench_gui_stop [stops] [sign-in-stops]   (defaults 1000 and 100)\n");
        return 2;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    const QString base = qEnvironmentVariableIsEmpty("GALVANI_BENCH_DIR") ? QDir::tempPath()
                                                                          : qEnvironmentVariable("GALVANI_BENCH_DIR");
    QTemporaryDir dataRoot(base + QStringLiteral("/galvani-gui-stop-XXXXXX"));
    if (!dataRoot.isValid()) {
        std::fprintf(stderr, "bench_gui_stop: cannot create a temporary folder in %s\n", qPrintable(base));
        return 1;
    }
    qputenv("XDG_DATA_HOME", dataRoot.path().toLocal8Bit());
    QApplication application(argc, argv);
    app::applyApplicationIdentity();
    app::LoggingConfig logConfig;
    logConfig.logDir = app::AppPaths::logDir();
    logConfig.stderrEnabled = false;
    app::LoggingSession logging(logConfig);

    QElapsedTimer wall;
    wall.start();
    QString error;
    auto world = StopWorld::create(dataRoot.filePath(QStringLiteral("galvani.sqlite")), &error);
    if (!world) {
        std::fprintf(stderr, "bench_gui_stop: %s\n", qPrintable(error));
        return 1;
    }
    galvani::ui::MainWindow window(world->context());
    window.resize(1280, 800);
    window.show();
    StopWorld::pumpFor(500ms);
    auto* button = window.findChild<QPushButton*>(QStringLiteral("globalStop"));
    if (button == nullptr || !button->isVisible() || !button->isEnabled()) {
        std::fprintf(stderr, "bench_gui_stop: the main window has no visible STOP button\n");
        return 1;
    }
    // Devices and positions are looked up here, on the GUI thread; the input thread only builds and posts events.
    const QInputDevice* keyboard = QInputDevice::primaryKeyboard();
    const QPointingDevice* mouse = QPointingDevice::primaryPointingDevice();
    const QPointF local = QRectF(button->rect()).center();
    const QPointF global = button->mapToGlobal(local);
    QWidget* keyTarget = &window;

    const auto postF12 = [keyTarget, keyboard] {
        QCoreApplication::postEvent(keyTarget,
            new QKeyEvent(QEvent::KeyPress, Qt::Key_F12, Qt::NoModifier, 0, 0, 0, QString(), false, 1, keyboard));
        QCoreApplication::postEvent(keyTarget,
            new QKeyEvent(QEvent::KeyRelease, Qt::Key_F12, Qt::NoModifier, 0, 0, 0, QString(), false, 1, keyboard));
    };
    const auto clickStop = [button, local, global, mouse] {
        QCoreApplication::postEvent(button,
            new QMouseEvent(
                QEvent::MouseButtonPress, local, local, global, Qt::LeftButton, Qt::LeftButton, Qt::NoModifier, mouse));
        QCoreApplication::postEvent(button,
            new QMouseEvent(
                QEvent::MouseButtonRelease, local, local, global, Qt::LeftButton, Qt::NoButton, Qt::NoModifier, mouse));
    };
    const auto stopAll = [] { galvani::device::DeviceService::stopAll(); };

    std::printf("main window shown on the %s platform at its sign-in screen; device %s\n",
        qPrintable(QGuiApplication::platformName()), StopWorld::kDeviceUrl);
    galvani::bench::printStopHeader(stops, "input posted to the GUI (or stopAll() called)");

    InputThread input;
    GuiLoad load;
    std::mt19937 random(20261207U);

    // One row: N cycles, the STOP delivered by `action` on the input thread `delay` from the moment output runs.
    const auto runRow = [&](const std::function<void()>& action, bool busy) {
        Row row;
        QElapsedTimer clock;
        clock.start();
        // A cycle whose output stopped by itself before the STOP (skipped) is repeated, up to twice the count.
        for (int i = 0; static_cast<int>(row.figures.wireUs.size()) + row.figures.failures < stops && i < 2 * stops;
             ++i) {
            const StopCycle c = world->runCycle([&]() -> std::optional<nanoseconds> {
                if (busy) {
                    load.start();
                }
                const int delayMs = std::uniform_int_distribution<int>(50, 300)(random);
                input.actAt(StopWorld::now() + std::chrono::milliseconds(delayMs), action);
                if (!StopWorld::pumpUntil([&] { return input.requestedAt().has_value(); }, 10s)) {
                    return std::nullopt;
                }
                return input.requestedAt();
            });
            load.stop();
            if (c.measured) {
                row.figures.wireUs.push_back(c.wireUs);
                row.figures.zeroUs.push_back(c.zeroUs);
            } else if (c.skipped) {
                ++row.figures.skipped;
                row.skipped.push_back(c.failure);
            } else {
                ++row.figures.failures;
                row.failures.push_back(c.failure);
            }
        }
        row.seconds = static_cast<double>(clock.elapsed()) / 1000.0;
        return row;
    };

    printRow("F12 key (StopKey filter)", "GUI idle", runRow(postF12, false));
    printRow("F12 key (StopKey filter)", "GUI thread busy", runRow(postF12, true));
    printRow("STOP button (click)", "GUI thread busy", runRow(clickStop, true));
    printRow("stopAll() from another thread", "GUI thread busy", runRow(stopAll, true));
    std::printf("    GUI load: %lld blocks of 20-100 ms painted\n", load.blocks());

    // The unlock being checked (Argon2id, then the sign-in written in a durable transaction, on the sign-in page's
    // store worker thread) when the F12 press is posted.
    galvani::test::StoreWriteLock lock(world->storePath());
    if (!lock.ok()) {
        std::fprintf(stderr, "bench_gui_stop: the second connection did not open: %s\n", qPrintable(lock.error()));
        return 1;
    }
    auto* signInPage = window.findChild<galvani::ui::SignInPage*>();
    auto* userField = window.findChild<QLineEdit*>(QStringLiteral("signInUser"));
    auto* passwordField = window.findChild<QLineEdit*>(QStringLiteral("signInPassword"));
    auto* submit = window.findChild<QPushButton*>(QStringLiteral("signInSubmit"));
    auto* errorLabel = window.findChild<QLabel*>(QStringLiteral("signInError"));
    auto* worker = signInPage != nullptr ? signInPage->findChild<galvani::ui::presenters::StoreWorker*>() : nullptr;
    if (signInPage == nullptr || worker == nullptr || userField == nullptr || passwordField == nullptr
        || submit == nullptr || errorLabel == nullptr) {
        std::fprintf(stderr, "bench_gui_stop: the sign-in page or its fields are missing\n");
        return 1;
    }
    enum class Store { Free, WriteLocked };
    const auto runSignInRow = [&](const char* condition, Store store) {
        Row row;
        QElapsedTimer clock;
        clock.start();
        int duringCall = 0; // the F12 press was posted while the unlock was being checked
        int requestedStops = 0;
        nanoseconds callStart{0};
        std::optional<nanoseconds> callEnd;
        const auto answered = QObject::connect(worker, &galvani::ui::presenters::StoreWorker::finished, signInPage,
            [&callEnd](const QString&) { callEnd = StopWorld::now(); });
        for (int i = 0;
             static_cast<int>(row.figures.wireUs.size()) + row.figures.failures < lockedStops && i < 2 * lockedStops;
             ++i) {
            const StopCycle c = world->runCycle([&]() -> std::optional<nanoseconds> {
                // Locking (signed in by the previous cycle) writes an audit row on the GUI thread; it is done
                // before the F12 moment is drawn, so the row measures the unlock check only.
                if (window.screen() == galvani::ui::MainWindow::Screen::Workspace) {
                    window.lockScreen();
                }
                nanoseconds at = StopWorld::now();
                if (store == Store::WriteLocked) {
                    lock.holdFor(kHold);
                    if (!StopWorld::pumpUntil([&] { return lock.holding(); }, 20s)) {
                        return std::nullopt;
                    }
                    at = *lock.lastTaken()
                        + std::chrono::milliseconds(std::uniform_int_distribution<int>(100, 1800)(random));
                } else {
                    at += std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 60)(random));
                }
                // The lock screen's unlock as the therapist does it: password typed, Unlock clicked. The page
                // checks it on a store worker thread; the GUI thread goes back to its event loop meanwhile.
                userField->setText(world->therapist().username);
                passwordField->setText(kPassword);
                input.actAt(at, postF12);
                callStart = StopWorld::now();
                callEnd.reset();
                submit->click();
                // Only until the F12 press is posted: the session may end while the check still runs, and the
                // cycle must go on measuring it.
                if (!StopWorld::pumpUntil([&] { return input.requestedAt().has_value(); }, 10s)) {
                    return std::nullopt;
                }
                ++requestedStops;
                return input.requestedAt();
            });
            // The answer of the unlock check: its time came with the worker's finished signal.
            if (!StopWorld::pumpUntil([&] { return callEnd.has_value() && !signInPage->checking(); }, 30s)) {
                row.failures.push_back(QStringLiteral("unlock: no answer within 30 s"));
            } else {
                row.callMs.push_back(static_cast<double>((*callEnd - callStart).count()) / 1e6);
                const auto requested = input.requestedAt();
                duringCall += requested && *requested >= callStart && *requested <= *callEnd ? 1 : 0;
                if (window.screen() != galvani::ui::MainWindow::Screen::Workspace) {
                    row.failures.push_back(QStringLiteral("unlock: ") + errorLabel->text());
                }
            }
            StopWorld::pumpUntil([&] { return lock.idle(); }, 20s);
            if (c.measured) {
                row.figures.wireUs.push_back(c.wireUs);
                row.figures.zeroUs.push_back(c.zeroUs);
            } else if (c.skipped) {
                ++row.figures.skipped;
                row.skipped.push_back(c.failure);
            } else {
                ++row.figures.failures;
                row.failures.push_back(c.failure);
            }
        }
        QObject::disconnect(answered);
        row.seconds = static_cast<double>(clock.elapsed()) / 1000.0;
        printRow("F12 key (StopKey filter)", condition, row);
        std::printf("    the F12 press came while the unlock was being checked in %d of %d STOPs\n", duringCall,
            requestedStops);
    };
    runSignInRow("unlock being checked", Store::Free);
    {
        galvani::bench::DiskWriters writers(dataRoot.path().toStdString());
        writers.start(2);
        runSignInRow("unlock being checked, heavy disk I/O", Store::Free);
        const auto io = writers.stop();
        std::printf("    disk load: %.1f MiB/s written, %.1f fsync/s, %llu failed calls\n", io.mibPerSecond(),
            io.fsyncsPerSecond(), static_cast<unsigned long long>(io.errors));
    }
    runSignInRow("unlock being checked, store write-locked 2 s", Store::WriteLocked);
    std::printf("    write lock held %d times (%d failed)\n", lock.holds(), lock.failures());
    std::printf("bench_gui_stop: %.0f s\n", static_cast<double>(wall.elapsed()) / 1000.0);
    return 0;
}
