// SPDX-License-Identifier: GPL-3.0-or-later
// STOP while the main thread waits for the record store. CLINICAL §1.3: the global STOP brings every channel to zero
// within 100 ms and bypasses the GUI thread and the database. The GUI receives F12 and the STOP button on its main
// thread, as queued input, and calls SessionController::stop() there; the record services run on that same thread
// (src/app/README.md, Threads) — among them AuthService::signIn, which the lock screen's unlock calls while a session
// goes on. When another connection holds the store's write lock, such a call waits in SQLite's busy handler for up
// to db::Database::kBusyTimeoutMs (5 s), and a STOP queued behind it waits too: found with bench_gui_stop
// (tests/bench/stop), where F12 took 1–2 s to stop the output while the store was write-locked for 2 s.
// Fixed by bounding the waits of the GUI's main-thread connection (StoreConfig::primaryLockWaitMs, set by
// AppContext to kInteractiveLockWaitMs): the sign-in fails at once with "the record store is busy … try again" and
// the STOP behind it runs.
// The bound checked here is 1 s, ten times the clinical 100 ms (this machine is shared and slow); the store is held
// for 3 s, so a STOP that waits for the store misses it by far.
#include "SessionFixture.h"

#include "app/services/AuthService.h"
#include "core/Clock.h"
#include "support/StoreWriteLock.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

namespace galvani::test {

namespace {

using namespace std::chrono_literals;
using std::chrono::nanoseconds;

nanoseconds steadyNow()
{
    return std::chrono::steady_clock::now().time_since_epoch();
}

} // namespace

TEST_CASE("A STOP queued to the main thread while it signs in against a write-locked store stops output within 1 s",
    "[session][stop][store]")
{
    const core::SystemClock clock;
    // The store as the GUI opens it (AppContext): the main thread's writes wait briefly for another writer.
    SessionFixture fx(clock, app::StoreConfig::kInteractiveLockWaitMs);
    fx.readyFor({1});
    app::SessionController controller(fx.store());
    SessionProbe probe(controller);
    // Mid level: the stimulator paces its own pulses, so nothing but the STOP can zero the output while the main
    // thread is held (in low level the simulator stops a channel whose host-paced pulses come late).
    REQUIRE(probe
                .prepare(fx.request(
                    {SessionFixture::channel(1, 5'000)}, 600, QStringLiteral("sim:sciencemode4?channels=8&level=mid")))
                .isEmpty());
    probe.startAndWaitRunning();
    auto* sim = probe.simulator();
    REQUIRE(sim != nullptr);
    REQUIRE(waitUntil([&] { return sim->deliveredCurrent(1).value() > 0; }));

    QString path = fx.config().storeUrl;
    REQUIRE(path.startsWith(QStringLiteral("sqlite:")));
    path.remove(0, 7);
    StoreWriteLock writer(path);
    INFO(writer.error().toStdString());
    REQUIRE(writer.ok());
    writer.holdFor(3s);
    REQUIRE(waitUntil([&] { return writer.holding() || writer.idle(); }));
    REQUIRE(writer.holding());

    // The input: F12 (or the STOP button) pressed 100 ms from now, queued to the main thread like any input event.
    std::atomic<qint64> requestedNs{0};
    std::thread input([&] {
        std::this_thread::sleep_for(100ms);
        requestedNs = steadyNow().count();
        QMetaObject::invokeMethod(
            &controller, [&] { controller.stop(QStringLiteral("STOP pressed (F12)")); }, Qt::QueuedConnection);
    });
    // Meanwhile the main thread unlocks the lock screen: Argon2id, then the sign-in written to the store.
    app::AuthService auth(fx.store());
    const auto signedIn = auth.signIn(fx.therapist.username, QStringLiteral("correct horse battery"));
    input.join();
    INFO("sign-in: " << (signedIn.ok() ? std::string("ok") : signedIn.error().message.toStdString()));
    // The store stayed locked for the whole sign-in: it cannot have been recorded, and the message says why.
    REQUIRE_FALSE(signedIn.ok());
    CHECK(signedIn.error().message.contains(QStringLiteral("the record store is busy")));

    REQUIRE(waitUntil(
        [&] {
            const auto last = sim->lastStop();
            return last && last->time.count() >= requestedNs.load();
        },
        10s));
    CHECK(sim->lastStop()->cause == device::sim::StopCause::HostStop);
    const auto latency = sim->lastStop()->time - nanoseconds(requestedNs.load());
    INFO("STOP requested -> simulator output zero: "
        << std::chrono::duration_cast<std::chrono::milliseconds>(latency).count() << " ms");
    CHECK(latency < 1s);
    CHECK(probe.waitEnded(15s));
}

} // namespace galvani::test
