// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "app/session/SessionTypes.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace galvani::app {
class AppContext;
class SessionController;
} // namespace galvani::app

namespace galvani::device {
class DeviceService;
}

namespace galvani::bench {

// What one STOP through the application measured. Times from the STOP request, in µs, all on the monotonic clock
// the device service and the in-process simulator stamp their events with (std::chrono::steady_clock).
struct StopCycle {
    bool measured = false;
    // Not a STOP to measure: the output had already stopped by itself when the STOP came, or stopped by itself
    // before the STOP reached it (e.g. the simulator's low-level watch when host-paced pulses came too late on an
    // overloaded machine). failure says what stopped it.
    bool skipped = false;
    QString failure; // why not measured (empty when measured)
    double wireUs = 0.0; // → the first stop frame written (DeviceService::stopSent, attempt 1: stamped before write)
    double zeroUs = 0.0; // → the simulator's output at zero on every channel (SimulatedStimulator::lastStop())
    double endedUs = 0.0; // → SessionController::ended (the session's end committed to the store)
};

// The application as a therapist's workstation runs it, for the STOP benchmarks: app::AppContext on a SQLite store
// (the caller points XDG_DATA_HOME at a private folder first, so audit key, anchor, session lock and log stay out
// of the user's data folder) with the in-process simulated stimulator "sim:sciencemode4?channels=8" behind the
// SessionController, and a clinic recorded through the services: the first admin, a therapist (signed in), one
// patient with a screening where nothing applies and placements on channels 1 and 2.
// runCycle() is one STOP: prepare and start a two-channel conventional TENS session (5 mA, 10 min) through the
// SessionController, wait until the simulator delivers current on both channels, let the caller request the STOP
// its way, then wait for the stop frame, the simulator's zero output and the recorded end.
// The wire and zero moments are observed below the application, as nothing above it can see them: the controller's
// DeviceService is its QObject child (found with findChildren, like the session integration tests do), whose
// stopSent signal carries the driver's timestamp of the stop frame, and whose simulatedStimulator() records when
// its output stopped. Neither hook changes the stop path.
// Thread affinity: the main (GUI) thread; create after the Q(Core)Application. Ownership: owns the AppContext.
class StopWorld {
public:
    static constexpr const char* kDeviceUrl = "sim:sciencemode4?channels=8";
    static constexpr qint64 kTargetUa = 5'000;

    [[nodiscard]] static std::unique_ptr<StopWorld> create(const QString& storePath, QString* error);
    ~StopWorld();
    StopWorld(const StopWorld&) = delete;
    StopWorld& operator=(const StopWorld&) = delete;

    [[nodiscard]] app::AppContext& context() { return *m_context; }
    [[nodiscard]] app::SessionController& sessions();
    [[nodiscard]] const app::SignedInUser& therapist() const { return m_therapist; }
    [[nodiscard]] const QString& storePath() const { return m_storePath; }
    // The session controller's newest device service, nullptr before the first prepare.
    [[nodiscard]] device::DeviceService* deviceService() const;
    // eventCommitted acknowledgements of this kind ("start", "amplitude", "stop", ...) since creation, and when the
    // last one arrived on this thread.
    [[nodiscard]] int committed(const QString& kind) const;
    [[nodiscard]] std::optional<std::chrono::nanoseconds> lastCommitted(const QString& kind) const;

    // Returns the moment of the STOP request after making it, or nothing when it could not be made.
    using RequestStop = std::function<std::optional<std::chrono::nanoseconds>()>;
    StopCycle runCycle(const RequestStop& requestStop);

    [[nodiscard]] static std::chrono::nanoseconds now();
    // Runs this thread's event loop until pred() holds (checked every millisecond and after every event batch) or
    // the timeout passes; true when it held. The thread sleeps in the event loop as the application's would.
    static bool pumpUntil(const std::function<bool()>& pred, std::chrono::milliseconds timeout);
    static void pumpFor(std::chrono::milliseconds span);

private:
    StopWorld() = default;
    StopCycle fail(StopCycle cycle, const QString& why);
    [[nodiscard]] QString describe(device::DeviceService* service, std::chrono::nanoseconds requested) const;

    std::unique_ptr<app::AppContext> m_context;
    QString m_storePath;
    app::SignedInUser m_therapist;
    app::SessionRequest m_request;
    std::optional<app::AppResult<app::SessionPlan>> m_prepared;
    std::optional<app::AppResult<qint64>> m_started;
    std::optional<std::chrono::nanoseconds> m_endedAt;
    QStringList m_faults; // SessionController::faultRaised of the current cycle
    std::map<QString, int> m_committed;
    std::map<QString, std::chrono::nanoseconds> m_lastCommitted;
};

} // namespace galvani::bench
