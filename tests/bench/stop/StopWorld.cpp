// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/stop/StopWorld.h"

#include "app/AppContext.h"
#include "app/AppOptions.h"
#include "app/services/AuthService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "app/services/UserService.h"
#include "app/session/SessionController.h"
#include "device/sim/SimulatedStimulator.h"
#include "device/worker/DeviceService.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <utility>
#include <vector>

namespace galvani::bench {

namespace {

using namespace std::chrono_literals;
using std::chrono::nanoseconds;

const QString kPassword = QStringLiteral("stop-bench-password-1");
const QString kMrn = QStringLiteral("STOP-0001");
const QString kSite1 = QStringLiteral("right-lumbar-erector-spinae");
const QString kSite2 = QStringLiteral("left-lumbar-erector-spinae");

template <typename T>
bool check(const app::AppResult<T>& result, const char* what, QString* error)
{
    if (!result.ok()) {
        *error = QString::fromLatin1(what) + QStringLiteral(": ") + result.error().message;
        return false;
    }
    return true;
}

double microsBetween(nanoseconds from, nanoseconds to)
{
    return static_cast<double>((to - from).count()) / 1000.0;
}

} // namespace

std::unique_ptr<StopWorld> StopWorld::create(const QString& storePath, QString* error)
{
    std::unique_ptr<StopWorld> world(new StopWorld());
    world->m_storePath = storePath;
    app::AppOptions options;
    options.deviceUrl = QString::fromLatin1(kDeviceUrl);
    options.storeUrl = QStringLiteral("sqlite:") + storePath;
    world->m_context = app::AppContext::create(options, error);
    if (!world->m_context) {
        return nullptr;
    }
    app::AppContext& ctx = *world->m_context;
    const auto admin = ctx.auth().createFirstAdmin(QStringLiteral("amara"), QStringLiteral("Amara Admin"), kPassword);
    if (!check(admin, "first admin", error)) {
        return nullptr;
    }
    const auto added = ctx.users().add(*admin,
        app::NewUserInput{QStringLiteral("tomas"), QStringLiteral("Tomas Therapist"), app::Role::Therapist, kPassword});
    if (!check(added, "therapist", error)) {
        return nullptr;
    }
    const auto therapist = ctx.auth().signIn(QStringLiteral("tomas"), kPassword);
    if (!check(therapist, "sign-in", error)) {
        return nullptr;
    }
    world->m_therapist = *therapist;
    app::NewPatientInput patient;
    patient.mrn = kMrn;
    patient.familyName = QStringLiteral("Lindqvist");
    patient.givenNames = QStringLiteral("Maja");
    patient.birthDate = QStringLiteral("1972-03-08");
    if (!check(ctx.patients().add(*therapist, patient), "patient", error)
        || !check(ctx.screenings().record(*therapist, kMrn, app::ScreeningInput::noneApply()), "screening", error)) {
        return nullptr;
    }
    const std::vector<std::pair<int, QString>> placements{{1, kSite1}, {2, kSite2}};
    for (const auto& [channel, site] : placements) {
        app::PlacementInput placement;
        placement.siteId = site;
        placement.channel = channel;
        placement.electrodeWidthMm = 50;
        placement.electrodeHeightMm = 90;
        if (!check(ctx.placements().record(*therapist, kMrn, placement), "placement", error)) {
            return nullptr;
        }
    }
    app::SessionRequest& r = world->m_request;
    r.user = *therapist;
    r.patientMrn = kMrn;
    r.deviceUrl = QString::fromLatin1(kDeviceUrl);
    r.presetId = QStringLiteral("conventional-tens");
    r.channels = {app::ChannelRequest{1, kSite1, kTargetUa, std::nullopt},
        app::ChannelRequest{2, kSite2, kTargetUa, std::nullopt}};
    r.durationS = 600;

    app::SessionController& sessions = ctx.sessions();
    StopWorld* w = world.get();
    QObject::connect(&sessions, &app::SessionController::prepared, &sessions,
        [w](const app::AppResult<app::SessionPlan>& plan) { w->m_prepared = plan; });
    QObject::connect(&sessions, &app::SessionController::started, &sessions,
        [w](const app::AppResult<qint64>& id) { w->m_started = id; });
    QObject::connect(&sessions, &app::SessionController::ended, &sessions,
        [w](const app::SessionSummary&) { w->m_endedAt = now(); });
    QObject::connect(&sessions, &app::SessionController::faultRaised, &sessions,
        [w](const app::SessionFault& f) { w->m_faults.append(f.kind + QStringLiteral(": ") + f.message); });
    QObject::connect(&sessions, &app::SessionController::eventCommitted, &sessions, [w](int, const QString& kind) {
        ++w->m_committed[kind];
        w->m_lastCommitted[kind] = now();
    });
    return world;
}

StopWorld::~StopWorld() = default;

app::SessionController& StopWorld::sessions()
{
    return m_context->sessions();
}

device::DeviceService* StopWorld::deviceService() const
{
    // The newest: a service torn down at the end of the previous session may still wait for its deferred deletion.
    const auto services = m_context->sessions().findChildren<device::DeviceService*>();
    return services.isEmpty() ? nullptr : services.last();
}

int StopWorld::committed(const QString& kind) const
{
    const auto found = m_committed.find(kind);
    return found == m_committed.end() ? 0 : found->second;
}

std::optional<nanoseconds> StopWorld::lastCommitted(const QString& kind) const
{
    const auto found = m_lastCommitted.find(kind);
    return found == m_lastCommitted.end() ? std::nullopt : std::optional<nanoseconds>(found->second);
}

nanoseconds StopWorld::now()
{
    return std::chrono::steady_clock::now().time_since_epoch();
}

bool StopWorld::pumpUntil(const std::function<bool()>& pred, std::chrono::milliseconds timeout)
{
    if (pred()) {
        return true;
    }
    QEventLoop loop;
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    QElapsedTimer clock;
    clock.start();
    bool held = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (pred()) {
            held = true;
            loop.quit();
        } else if (clock.elapsed() >= timeout.count()) {
            loop.quit();
        }
    });
    poll.start(1);
    loop.exec();
    return held;
}

void StopWorld::pumpFor(std::chrono::milliseconds span)
{
    pumpUntil([] { return false; }, span);
}

StopCycle StopWorld::fail(StopCycle cycle, const QString& why)
{
    cycle.measured = false;
    cycle.failure = why;
    // Leave the controller ready for the next cycle: stopped, its end recorded.
    sessions().stop(QStringLiteral("benchmark: cycle abandoned"));
    pumpUntil(
        [this] {
            const auto s = sessions().state();
            return s == app::SessionState::Idle || s == app::SessionState::Ended;
        },
        30s);
    return cycle;
}

QString StopWorld::describe(device::DeviceService* service, nanoseconds requested) const
{
    QString text;
    device::sim::SimulatedStimulator* sim = service != nullptr ? service->simulatedStimulator() : nullptr;
    if (const auto last = sim != nullptr ? sim->lastStop() : std::nullopt) {
        text += QStringLiteral("simulator's last stop %1 ms from the request, %2 (%3)")
                    .arg(microsBetween(requested, last->time) / 1000.0, 0, 'f', 1)
                    .arg(QString::fromUtf8(device::sim::toString(last->cause).data()),
                        QString::fromStdString(last->detail));
    } else {
        text += QStringLiteral("the simulator never stopped");
    }
    text += QStringLiteral("; device %1; session %2")
                .arg(service != nullptr ? QString::fromUtf8(device::toString(service->state()).data())
                                        : QStringLiteral("gone"),
                    app::toString(m_context->sessions().state()));
    if (!m_faults.isEmpty()) {
        text += QStringLiteral("; faults: ") + m_faults.join(QStringLiteral(" | "));
    }
    return text;
}

StopCycle StopWorld::runCycle(const RequestStop& requestStop)
{
    StopCycle cycle;
    app::SessionController& controller = sessions();
    m_prepared.reset();
    m_started.reset();
    m_endedAt.reset();
    m_faults.clear();
    const auto status = controller.prepare(m_request);
    if (!status.ok()) {
        return fail(cycle, QStringLiteral("prepare: ") + status.error().message);
    }
    if (!pumpUntil([this] { return m_prepared.has_value(); }, 30s)) {
        return fail(cycle, QStringLiteral("prepare: no answer within 30 s"));
    }
    if (!m_prepared->ok()) {
        return fail(cycle, QStringLiteral("prepare: ") + m_prepared->error().message);
    }
    device::DeviceService* service = deviceService();
    if (service == nullptr) {
        return fail(cycle, QStringLiteral("no device service after prepare"));
    }
    // Every first stop frame (attempt 1) the service reports while this cycle runs, with the driver's timestamp.
    std::vector<nanoseconds> stopFrames;
    QObject guard;
    QObject::connect(service, &device::DeviceService::stopSent, &guard, [&stopFrames](qint64 atNs, int attempt) {
        if (attempt == 1) {
            stopFrames.emplace_back(atNs);
        }
    });
    const auto started = controller.start();
    if (!started.ok()) {
        return fail(cycle, QStringLiteral("start: ") + started.error().message);
    }
    if (!pumpUntil([&] { return m_started.has_value() && controller.state() == app::SessionState::Running; }, 30s)) {
        return fail(cycle,
            QStringLiteral("start: not running within 30 s")
                + (m_started && !m_started->ok() ? QStringLiteral(": ") + m_started->error().message : QString()));
    }
    device::sim::SimulatedStimulator* sim = service->simulatedStimulator();
    if (sim == nullptr
        || !pumpUntil(
            [sim] { return sim->deliveredCurrent(1).value() > 0 && sim->deliveredCurrent(2).value() > 0; }, 10s)) {
        return fail(cycle, QStringLiteral("no output on channels 1 and 2 within 10 s of the start"));
    }
    const nanoseconds before = sim->lastStop() ? sim->lastStop()->time : nanoseconds(0);

    const auto requested = requestStop();
    if (!requested) {
        return fail(cycle, QStringLiteral("the STOP could not be requested"));
    }
    const auto stoppedBefore = [&] {
        const auto last = sim->lastStop();
        return last && last->time > before && last->time < *requested;
    };
    const auto firstFrame = [&]() -> std::optional<nanoseconds> {
        for (const nanoseconds at : stopFrames) {
            if (at >= *requested) {
                return at;
            }
        }
        return std::nullopt;
    };
    // The first time output went to zero after the request: by this STOP (a host stop) or by something else.
    const auto zeroAfterRequest = [&]() -> std::optional<device::sim::StopEvent> {
        const auto last = sim->lastStop();
        if (last && last->time > before && last->time >= *requested) {
            return last;
        }
        return std::nullopt;
    };
    const bool stopped = !stoppedBefore()
        && pumpUntil(
            [&] {
                const auto zero = zeroAfterRequest();
                return zero && (zero->cause != device::sim::StopCause::HostStop || firstFrame().has_value());
            },
            10s);
    const auto zero = zeroAfterRequest();
    if (stoppedBefore()) {
        cycle.skipped = true;
        return fail(cycle,
            QStringLiteral("the output had stopped %1 ms before the STOP: %2")
                .arg(microsBetween(sim->lastStop()->time, *requested) / 1000.0, 0, 'f', 1)
                .arg(describe(service, *requested)));
    }
    if (zero && zero->cause != device::sim::StopCause::HostStop) {
        cycle.skipped = true;
        return fail(cycle,
            QStringLiteral("the output stopped by itself %1 ms after the STOP was requested, before the STOP reached "
                           "it: %2")
                .arg(microsBetween(*requested, zero->time) / 1000.0, 0, 'f', 1)
                .arg(describe(service, *requested)));
    }
    if (!stopped) {
        return fail(cycle,
            QStringLiteral("no stop frame or no zero output within 10 s of the STOP: ")
                + describe(service, *requested));
    }
    cycle.wireUs = microsBetween(*requested, *firstFrame());
    cycle.zeroUs = microsBetween(*requested, sim->lastStop()->time);
    if (!pumpUntil([this] { return m_endedAt.has_value(); }, 30s)) {
        return fail(cycle, QStringLiteral("the session's end was not recorded within 30 s of the STOP"));
    }
    cycle.endedUs = microsBetween(*requested, *m_endedAt);
    cycle.measured = true;
    return cycle;
}

} // namespace galvani::bench
