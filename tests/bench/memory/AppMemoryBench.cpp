// SPDX-License-Identifier: GPL-3.0-or-later
// Memory of the whole application over a long session: RSS and heap after a 30-minute simulated 8-channel session
// against the same process after 1 minute. One process runs what the workstation runs during a session: the
// composition root (app::AppContext) on the in-process simulated ScienceMode4 stimulator and a SQLite store in a
// temporary data folder (audit key, anchor, session lock and rotating log there too), the logging session, the
// SessionController with its db thread and recorder, the device thread and the simulator thread, and the run
// screen's live plot (ui::LivePlot, shown offscreen) fed by SessionController::pulsesDrained, so the plot's rings and
// its 30 Hz redraws are part of the figure.
//
// Setup: the first admin, a therapist, a patient with a screening where nothing applies and a placement on each of
// the 8 channels; the preset is the deliverable single-channel preset with the most pulses per second at the top
// of its editable pulse rate (conventional TENS at 150 Hz on this simulator), run at that rate. The session is
// prepared, its notices are printed (the operator's confirmation), started, and every channel is raised in 0.5 mA
// steps to half of its effective cap. VmRSS (/proc/self/status) and the heap in use (mallinfo2().uordblks) are
// sampled every 10 s of session time, with what explains them: the arenas' size, the mmapped chunks, malloc_info()
// per arena, SQLite's own allocator, the plot's buffered pulses, rebuilds and paints, and the device services alive.
// At the end the session is stopped (STOP), the outcome recorded and the record read back through the history
// service. A session the device ends early (on a starved machine the device thread can miss its 500 ms heartbeat:
// link_lost, a safety stop) is recorded with its outcome and a new one is prepared and started for the time left;
// the report lists every session, and the figures then span all of them.
//
// Prints a table, the growth and a FIGURE line; exits 0 whatever the figures are (1 only when the session cannot
// run at all). Usage: bench_app_memory [minutes]   (1–98, default 30; `bench_app_memory 2` is the quick check)
#include "app/AppContext.h"
#include "app/AppOptions.h"
#include "app/AppPaths.h"
#include "app/logging/Logging.h"
#include "app/logging/LoggingSession.h"
#include "app/services/AuthService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/PresetService.h"
#include "app/services/ScreeningService.h"
#include "app/services/SessionHistoryService.h"
#include "app/services/UserService.h"
#include "app/session/SessionController.h"
#include "core/domain/PresetCatalogue.h"
#include "ui/plot/LivePlot.h"

#include "bench/support/Figure.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>
#include <QtCharts/QChartView>

#include <malloc.h>
#ifdef GALVANI_MEMBENCH_SQLITE
#include <sqlite3.h> // the system library Qt's QSQLITE driver uses: its allocator counters are this process's
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
namespace app = galvani::app;
namespace core = galvani::core;
using galvani::bench::format;

constexpr const char* kDeviceUrl = "sim:sciencemode4?channels=8";
constexpr int kChannels = 8;
constexpr int kDefaultMinutes = 30;
constexpr int kMaxMinutes = 98; // the session runs one minute longer than measured and may last at most 99 min
constexpr auto kSampleInterval = 10s;
constexpr qint64 kStartTargetUa = 2'000; // what each channel ramps to at start; then raised live
constexpr qint64 kLiveStepUa = 500; // the largest live change SessionController accepts
constexpr auto kLiveStepPause = 200ms; // between rounds of one step on every channel
const QString kPassword = QStringLiteral("bench-password-2026");
const QString kMrn = QStringLiteral("BENCH-0001");

constexpr double kMiB = 1024.0 * 1024.0;

// Pumps the event loop until pred() holds or timeout passes; true when it held.
bool waitFor(const std::function<bool()>& pred, std::chrono::milliseconds timeout)
{
    if (pred()) {
        return true;
    }
    QEventLoop loop;
    QTimer poll;
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
    poll.start(20);
    loop.exec();
    return held;
}

void pumpFor(std::chrono::milliseconds span)
{
    waitFor([] { return false; }, span);
}

// One "Vm…:" line of /proc/self/status in KiB (0 when /proc is not readable): VmRSS now, VmHWM the peak so far.
long long statusKib(const char* field)
{
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (f == nullptr) {
        return 0;
    }
    char line[256];
    long long kib = 0;
    while (std::fgets(line, sizeof line, f) != nullptr) {
        if (std::strncmp(line, field, std::strlen(field)) == 0) {
            kib = std::strtoll(line + std::strlen(field), nullptr, 10);
            break;
        }
    }
    std::fclose(f);
    return kib;
}

struct Sample {
    double sessionS = 0.0; // seconds of session time (since output ran); negative before the session
    int nominalS = 0; // the 10 s grid point this sample stands for
    double rssMiB = 0.0;
    double heapMiB = 0.0; // mallinfo2().uordblks: bytes in use in the malloc arenas
    double arenaMiB = 0.0; // mallinfo2().arena: bytes the arenas hold from the system (in use + free)
    double mmapMiB = 0.0; // mallinfo2().hblkhd: large blocks mmapped on their own
    double sqliteMiB = -1.0; // sqlite3_memory_used() (page caches, statements), -1 when not linked
    long long pulses = 0;
    int events = 0;
    long long plotHeld = 0;
    long long redraws = 0;
    long long paints = 0;
    unsigned long long logDropped = 0;
    int deviceServices = 0; // device::DeviceService objects alive under the session controller
    int run = 0; // sessions started so far
    std::string arenas; // malloc_info per arena: "size/free" MiB

    // Everything malloc handed out: the arenas' chunks in use and the chunks mmapped on their own. glibc serves
    // a block of at least its (dynamic) mmap threshold by mmap and raises that threshold when such a block is
    // freed, so the same allocation can move from one of the two figures to the other between runs.
    [[nodiscard]] double mallocMiB() const { return heapMiB + mmapMiB; }
};

// One "size/free" pair per malloc arena from malloc_info(): what the arena holds from the system and how much
// of it is free chunks (kept, so counted in RSS once touched). Arena 0 is the main thread's; threads that
// allocate get further ones. Empty when malloc_info fails.
std::string arenaSummary()
{
    char* buffer = nullptr;
    std::size_t length = 0;
    std::FILE* stream = open_memstream(&buffer, &length);
    if (stream == nullptr) {
        return {};
    }
    const bool ok = malloc_info(0, stream) == 0;
    std::fclose(stream);
    const std::string xml = ok && buffer != nullptr ? std::string(buffer, length) : std::string();
    std::free(buffer);
    const auto attribute = [](const std::string& text, std::size_t from, const char* name) -> double {
        const std::size_t at = from == std::string::npos ? std::string::npos : text.find(name, from);
        return at == std::string::npos ? 0.0 : std::strtod(text.c_str() + at + std::strlen(name), nullptr);
    };
    std::string out;
    std::size_t pos = 0;
    while ((pos = xml.find("<heap nr=\"", pos)) != std::string::npos) {
        const std::size_t end = xml.find("</heap>", pos);
        if (end == std::string::npos) {
            break;
        }
        const std::string heap = xml.substr(pos, end - pos);
        const int nr = static_cast<int>(attribute(heap, 0, "<heap nr=\""));
        const double fast = attribute(heap, heap.find("<total type=\"fast\""), "size=\"");
        const double rest = attribute(heap, heap.find("<total type=\"rest\""), "size=\"");
        const double current = attribute(heap, heap.find("<system type=\"current\""), "size=\"");
        out += format("%s%d:%.1f/%.1f", out.empty() ? "" : " ", nr, current / kMiB, (fast + rest) / kMiB);
        pos = end;
    }
    return out;
}

// Counts the paint events of the plot's chart view, so the figures show that the chart was drawn, not only fed.
class PaintCounter : public QObject {
public:
    long long paints = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint) {
            ++paints;
        }
        return QObject::eventFilter(watched, event);
    }
};

struct Counters {
    long long pulses = 0; // all sessions
    int events = 0; // acknowledged (eventCommitted), all sessions
};

// One session of the run, as it went and as the record has it. Times in seconds of session time.
struct SessionRun {
    qint64 id = 0;
    double startS = 0.0;
    double endS = 0.0;
    int liveSteps = 0;
    long long pulses = 0;
    std::optional<qint64> firstPulseUs;
    qint64 lastPulseUs = 0;
    QString endReason;
    QString endDetail;
    bool endRecorded = false;
    bool outcomeRecorded = false;
    long long storedEvents = 0;
    long long storedSeconds = 0;
    long long storedSamples = 0;
    QString storedEndReason;
    long long storedOutcomes = 0;
};

// The device services (each with its device thread and, for a sim: URL, its simulator) that are still alive
// under the session controller: one while a session is prepared or runs, none between sessions once the last one
// was deleted. Found by class name, so the benchmark needs no device header.
int deviceServicesAlive(const QObject& controller)
{
    int n = 0;
    for (const QObject* child : controller.findChildren<QObject*>()) {
        n += std::strcmp(child->metaObject()->className(), "galvani::device::DeviceService") == 0 ? 1 : 0;
    }
    return n;
}

Sample takeSample(double sessionS, int nominalS, const Counters& counters, const galvani::ui::LivePlot& plot,
    const PaintCounter& painted, const QObject& controller)
{
    const struct mallinfo2 m = mallinfo2();
    Sample s;
    s.sessionS = sessionS;
    s.nominalS = nominalS;
    s.rssMiB = static_cast<double>(statusKib("VmRSS:")) / 1024.0;
    s.heapMiB = static_cast<double>(m.uordblks) / kMiB;
    s.arenaMiB = static_cast<double>(m.arena) / kMiB;
    s.mmapMiB = static_cast<double>(m.hblkhd) / kMiB;
    s.pulses = counters.pulses;
    s.events = counters.events;
    s.plotHeld = static_cast<long long>(plot.bufferedSamples());
    s.redraws = static_cast<long long>(plot.redraws());
    s.paints = painted.paints;
    s.deviceServices = deviceServicesAlive(controller);
    s.arenas = arenaSummary();
#ifdef GALVANI_MEMBENCH_SQLITE
    s.sqliteMiB = static_cast<double>(sqlite3_memory_used()) / kMiB;
#endif
    s.logDropped = static_cast<unsigned long long>(app::Logging::droppedMessages());
    return s;
}

void printHeader()
{
    std::printf("| session time | RSS MiB | heap in use MiB | arenas MiB | mmapped MiB | SQLite MiB | pulses | "
                "events acked | plot pulses held | plot redraws | chart paints | device services | arenas nr:size/free "
                "MiB |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
}

void printRow(const char* label, const Sample& s)
{
    std::printf("| %s | %.1f | %.1f | %.1f | %.1f | %.2f | %lld | %d | %lld | %lld | %lld | %d | %s |\n", label,
        s.rssMiB, s.heapMiB, s.arenaMiB, s.mmapMiB, s.sqliteMiB, s.pulses, s.events, s.plotHeld, s.redraws, s.paints,
        s.deviceServices, s.arenas.c_str());
}

// Least-squares slope of y over x (per unit of x); 0 with fewer than two points.
double slope(const std::vector<std::pair<double, double>>& points)
{
    if (points.size() < 2) {
        return 0.0;
    }
    double sx = 0;
    double sy = 0;
    for (const auto& [x, y] : points) {
        sx += x;
        sy += y;
    }
    const double n = static_cast<double>(points.size());
    const double mx = sx / n;
    const double my = sy / n;
    double num = 0;
    double den = 0;
    for (const auto& [x, y] : points) {
        num += (x - mx) * (y - my);
        den += (x - mx) * (x - mx);
    }
    return den > 0 ? num / den : 0.0;
}

// The demo clinic of this run: first admin, therapist, patient, screening, 8 placements. Returns the therapist.
std::optional<app::SignedInUser> seed(app::AppContext& context, const QStringList& sites)
{
    const auto admin
        = context.auth().createFirstAdmin(QStringLiteral("amara"), QStringLiteral("Amara Admin"), kPassword);
    if (!admin.ok()) {
        std::fprintf(stderr, "first admin: %s\n", qPrintable(admin.error().message));
        return std::nullopt;
    }
    const auto added = context.users().add(*admin,
        app::NewUserInput{QStringLiteral("tomas"), QStringLiteral("Tomas Therapist"), app::Role::Therapist, kPassword});
    if (!added.ok()) {
        std::fprintf(stderr, "therapist: %s\n", qPrintable(added.error().message));
        return std::nullopt;
    }
    const auto therapist = context.auth().signIn(QStringLiteral("tomas"), kPassword);
    if (!therapist.ok()) {
        std::fprintf(stderr, "sign-in: %s\n", qPrintable(therapist.error().message));
        return std::nullopt;
    }
    app::NewPatientInput patient;
    patient.mrn = kMrn;
    patient.familyName = QStringLiteral("Nakamura");
    patient.givenNames = QStringLiteral("Hiro");
    patient.birthDate = QStringLiteral("1968-09-14");
    const auto p = context.patients().add(*therapist, patient);
    if (!p.ok()) {
        std::fprintf(stderr, "patient: %s\n", qPrintable(p.error().message));
        return std::nullopt;
    }
    const auto screened = context.screenings().record(*therapist, kMrn, app::ScreeningInput::noneApply());
    if (!screened.ok()) {
        std::fprintf(stderr, "screening: %s\n", qPrintable(screened.error().message));
        return std::nullopt;
    }
    for (int i = 0; i < sites.size(); ++i) {
        app::PlacementInput placement;
        placement.siteId = sites.at(i);
        placement.channel = i + 1;
        placement.electrodeWidthMm = 50;
        placement.electrodeHeightMm = 90;
        const auto placed = context.placements().record(*therapist, kMrn, placement);
        if (!placed.ok()) {
            std::fprintf(stderr, "placement on channel %d: %s\n", i + 1, qPrintable(placed.error().message));
            return std::nullopt;
        }
    }
    return *therapist;
}

struct PresetChoice {
    QString id;
    QString name;
    double rateHz = 0.0; // the top of the editable pulse rate
    double pulsesPerSecond = 0.0; // per channel, at that rate
};

// Pulses per second one channel delivers at rateHz with the preset's other values at the ends of their ranges
// that give the most pulses (longest burst, longest on time, shortest ramps and off time).
double pulsesPerSecond(const core::Preset& p, double rateHz)
{
    double perSecond = rateHz;
    if (p.burst == core::BurstKind::Pulse) {
        perSecond = std::min(rateHz, p.burstRate.max.value() * static_cast<double>(p.pulsesPerBurst.max));
    } else if (p.burst == core::BurstKind::Carrier) {
        return 0.0; // a sine carrier, not a pulse train
    }
    if (!p.continuous) {
        const auto on = static_cast<double>(p.on.max.value());
        const auto cycle
            = static_cast<double>(p.rampUp.min.value() + p.on.max.value() + p.rampDown.min.value() + p.off.min.value());
        perSecond *= cycle > 0 ? on / cycle : 0.0;
    }
    return perSecond;
}

// The deliverable single-channel preset (so it runs on all 8 channels at once) whose timer allows the whole run
// and that delivers the most pulses per second at the top of its pulse rate.
std::optional<PresetChoice> choosePreset(app::AppContext& context, const app::SignedInUser& user, int minutes)
{
    const auto caps = app::PresetService::deviceCaps(QString::fromLatin1(kDeviceUrl));
    if (!caps.ok()) {
        std::fprintf(stderr, "device caps: %s\n", qPrintable(caps.error().message));
        return std::nullopt;
    }
    const auto listed = context.presets().list(user, *caps);
    if (!listed.ok()) {
        std::fprintf(stderr, "presets: %s\n", qPrintable(listed.error().message));
        return std::nullopt;
    }
    std::printf("presets on %s (%d channels, %.0f-%.0f Hz):\n", kDeviceUrl, caps->channels, caps->frequencyMin.value(),
        caps->frequencyMax.value());
    std::optional<PresetChoice> best;
    for (const app::PresetAvailability& a : *listed) {
        const core::Preset* preset = core::PresetCatalogue::find(a.id.toStdString());
        QString verdict;
        double rate = 0.0;
        double perSecond = 0.0;
        if (!a.deliverable) {
            verdict = QStringLiteral("not deliverable: ") + a.reasons.join(QStringLiteral("; "));
        } else if (a.channelsPerProgram != 1 || preset == nullptr) {
            verdict = QStringLiteral("needs channel pairs");
        } else if (preset->duration.max < core::minutes(minutes + 1)) {
            verdict = QStringLiteral("timer too short");
        } else {
            const auto fields = context.presets().fields(user, a.id);
            for (const app::PresetField& f : fields.ok() ? *fields : QList<app::PresetField>{}) {
                if (f.name == QStringLiteral("pulse rate")) {
                    rate = std::min(f.max, caps->frequencyMax.value());
                }
            }
            perSecond = pulsesPerSecond(*preset, rate);
            verdict = QString::fromStdString(format("up to %.0f Hz: %.1f pulses/s per channel", rate, perSecond));
            if (perSecond > 0 && (!best || perSecond > best->pulsesPerSecond)) {
                best = PresetChoice{a.id, a.name, rate, perSecond};
            }
        }
        std::printf("  %-22s %s\n", qPrintable(a.id), qPrintable(verdict));
    }
    return best;
}

} // namespace

int main(int argc, char* argv[])
{
    int minutes = kDefaultMinutes;
    if (argc > 1) {
        char* end = nullptr;
        const long parsed = std::strtol(argv[1], &end, 10);
        if (end == argv[1] || *end != '\0' || parsed < 1 || parsed > kMaxMinutes) {
            std::fprintf(
                stderr, "usage: bench_app_memory [minutes]   (1-%d, default %d)\n", kMaxMinutes, kDefaultMinutes);
            return 2;
        }
        minutes = static_cast<int>(parsed);
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    // A private data folder: audit key, anchor, session lock and the rotating log of this run, never the user's.
    QTemporaryDir dataRoot;
    if (!dataRoot.isValid()) {
        std::fprintf(stderr, "bench_app_memory: cannot create a temporary folder\n");
        return 1;
    }
    qputenv("XDG_DATA_HOME", dataRoot.path().toLocal8Bit());
    QApplication application(argc, argv);
    app::applyApplicationIdentity();
    app::LoggingConfig logConfig;
    logConfig.logDir = app::AppPaths::logDir();
    app::LoggingSession logging(logConfig);

    QElapsedTimer wall;
    wall.start();
    app::AppOptions options;
    options.deviceUrl = QString::fromLatin1(kDeviceUrl);
    options.storeUrl = QStringLiteral("sqlite:") + dataRoot.filePath(QStringLiteral("galvani.sqlite"));
    QString error;
    auto context = app::AppContext::create(options, &error);
    if (!context) {
        std::fprintf(stderr, "bench_app_memory: %s\n", qPrintable(error));
        return 1;
    }
    const QStringList sites{QStringLiteral("left-lumbar-erector-spinae"), QStringLiteral("right-lumbar-erector-spinae"),
        QStringLiteral("left-lumbar-multifidus"), QStringLiteral("right-lumbar-multifidus"),
        QStringLiteral("left-lower-trapezius"), QStringLiteral("right-lower-trapezius"),
        QStringLiteral("left-middle-trapezius"), QStringLiteral("right-middle-trapezius")};
    const auto therapist = seed(*context, sites);
    if (!therapist) {
        return 1;
    }
    const auto preset = choosePreset(*context, *therapist, minutes);
    if (!preset) {
        std::fprintf(stderr, "bench_app_memory: no preset can run %d channels for %d min\n", kChannels, minutes + 1);
        return 1;
    }
    std::printf("chosen: %s at %.0f Hz (%.0f pulses/s per channel, %.0f for the 8 channels)\n", qPrintable(preset->id),
        preset->rateHz, preset->pulsesPerSecond, preset->pulsesPerSecond * kChannels);

    app::SessionController& sessions = context->sessions();
    galvani::ui::LivePlot plot;
    plot.resize(1200, 500);
    plot.show();
    PaintCounter painted;
    if (auto* view = plot.findChild<QChartView*>(QStringLiteral("plotChart"))) {
        view->viewport()->installEventFilter(&painted);
    }

    Counters counters;
    std::optional<app::AppResult<app::SessionPlan>> prepared;
    std::optional<app::AppResult<qint64>> started;
    std::optional<app::SessionSummary> summary;
    std::optional<app::AppResult<qint64>> outcome;
    QStringList faults;
    QStringList recordingFailures;
    std::vector<SessionRun> runs;
    QObject::connect(
        &sessions, &app::SessionController::pulsesDrained, &plot, [&](const QList<app::PulseSample>& pulses) {
            plot.addPulses(pulses);
            counters.pulses += pulses.size();
            if (!pulses.isEmpty() && !runs.empty()) {
                SessionRun& run = runs.back();
                run.pulses += pulses.size();
                run.firstPulseUs = run.firstPulseUs.value_or(pulses.front().timeUs);
                run.lastPulseUs = pulses.back().timeUs;
            }
        });
    QObject::connect(
        &sessions, &app::SessionController::eventCommitted, &plot, [&](int, const QString&) { ++counters.events; });
    QObject::connect(&sessions, &app::SessionController::prepared, &plot,
        [&](const app::AppResult<app::SessionPlan>& r) { prepared = r; });
    QObject::connect(
        &sessions, &app::SessionController::started, &plot, [&](const app::AppResult<qint64>& r) { started = r; });
    QObject::connect(
        &sessions, &app::SessionController::ended, &plot, [&](const app::SessionSummary& s) { summary = s; });
    QObject::connect(&sessions, &app::SessionController::outcomeRecorded, &plot,
        [&](const app::AppResult<qint64>& r) { outcome = r; });
    QObject::connect(&sessions, &app::SessionController::faultRaised, &plot,
        [&](const app::SessionFault& f) { faults.append(f.kind + QStringLiteral(": ") + f.message); });
    QObject::connect(&sessions, &app::SessionController::recordingFailed, &plot,
        [&](const QString& message) { recordingFailures.append(message); });

    pumpFor(500ms); // the plot's first layout and paint
    const Sample beforeSession = takeSample(-1.0, -1, counters, plot, painted, sessions);
    const double peakBeforeMiB = static_cast<double>(statusKib("VmHWM:")) / 1024.0;

    QElapsedTimer sessionClock; // session time: from the first session's output on
    const auto sessionSeconds
        = [&] { return sessionClock.isValid() ? static_cast<double>(sessionClock.elapsed()) / 1000.0 : 0.0; };
    std::vector<qint64> midUa;
    std::optional<app::SessionPlan> firstPlan;

    // Prepare (8 channels at a low start target, the preset's top pulse rate, one minute longer than what is left
    // to measure so the controller's own timer does not end the session before STOP does), confirm the notices,
    // start. False when the session does not run; the reason is printed.
    const auto startSession = [&](qint64 durationS) -> bool {
        app::SessionRequest request;
        request.user = *therapist;
        request.patientMrn = kMrn;
        request.deviceUrl = QString::fromLatin1(kDeviceUrl);
        request.presetId = preset->id;
        for (int ch = 1; ch <= kChannels; ++ch) {
            request.channels.append(app::ChannelRequest{ch, sites.at(ch - 1), kStartTargetUa, std::nullopt});
        }
        request.durationS = durationS;
        request.nprsBefore = 6;
        request.settings = {app::ProgramSetting{QStringLiteral("pulse rate"), preset->rateHz}};
        prepared.reset();
        started.reset();
        summary.reset();
        outcome.reset();
        const auto prepareStatus = sessions.prepare(request);
        if (!prepareStatus.ok()) {
            std::printf("prepare refused: %s\n", qPrintable(prepareStatus.error().message));
            return false;
        }
        if (!waitFor([&] { return prepared.has_value(); }, 30s) || !prepared->ok()) {
            std::printf("prepare failed: %s\n", prepared ? qPrintable(prepared->error().message) : "no answer in 30 s");
            return false;
        }
        const app::SessionPlan& plan = prepared->value();
        if (!firstPlan) {
            firstPlan = plan;
            std::printf("plan: %s, %s; device %s (%s, firmware %s), measures delivered current: %s\n",
                qPrintable(plan.presetName), qPrintable(plan.programSummary), qPrintable(plan.deviceId),
                qPrintable(plan.deviceModel), qPrintable(plan.firmware), plan.measuresDeliveredCurrent ? "yes" : "no");
        }
        // The operator's confirmation of the notices, as the treatment panel asks for it.
        for (const QString& notice : plan.notices) {
            std::printf("notice (confirmed): %s\n", qPrintable(notice));
        }
        midUa.clear();
        QList<int> channels;
        for (const app::ChannelPlan& c : plan.channels) {
            midUa.push_back(std::max<qint64>(kStartTargetUa, c.amplitudeMaxUa / 2 / kLiveStepUa * kLiveStepUa));
            channels.append(c.channel);
            if (runs.empty()) {
                std::printf("  channel %d %s: cap %.1f mA, to be raised to %.1f mA (%s)\n", c.channel,
                    qPrintable(c.siteId), static_cast<double>(c.amplitudeMaxUa) / 1000.0,
                    static_cast<double>(midUa.back()) / 1000.0, qPrintable(c.calibrationNote));
            }
        }
        plot.setChannels(channels, plan.measuresDeliveredCurrent); // as the run page does for each new plan
        const auto startStatus = sessions.start();
        if (!startStatus.ok()) {
            std::printf("start refused: %s\n", qPrintable(startStatus.error().message));
            return false;
        }
        if (!waitFor([&] { return started.has_value(); }, 30s) || !started->ok()
            || !waitFor([&] { return sessions.state() == app::SessionState::Running; }, 30s)) {
            std::printf("start failed: %s\n",
                started && !started->ok() ? qPrintable(started->error().message) : "the session did not run");
            return false;
        }
        if (!sessionClock.isValid()) {
            sessionClock.start();
        }
        SessionRun run;
        run.id = started->value();
        run.startS = sessionSeconds();
        runs.push_back(run);
        return true;
    };

    // Raise every channel to its mid value in 0.5 mA steps once the start ramp is done, as the therapist would.
    const auto raiseAmplitudes = [&] {
        pumpFor(2500ms);
        const QList<app::ChannelPlan> channels = prepared->value().channels;
        bool raising = true;
        for (qint64 level = kStartTargetUa + kLiveStepUa; raising; level += kLiveStepUa) {
            raising = false;
            for (int i = 0; i < channels.size(); ++i) {
                if (sessions.state() != app::SessionState::Running) {
                    return;
                }
                if (level > midUa.at(static_cast<std::size_t>(i))) {
                    continue;
                }
                const auto changed = sessions.setAmplitude(channels.at(i).channel, level);
                if (!changed.ok()) {
                    std::printf("amplitude refused: %s\n", qPrintable(changed.error().message));
                    midUa.at(static_cast<std::size_t>(i)) = level - kLiveStepUa;
                    continue;
                }
                ++runs.back().liveSteps;
                raising = true;
            }
            pumpFor(kLiveStepPause);
        }
        std::printf("session %lld: %d live steps of 0.5 mA, done at %.1f s of session time\n",
            static_cast<long long>(runs.back().id), runs.back().liveSteps, sessionSeconds());
        std::fflush(stdout);
    };

    // The end of one session: recorded, then the outcome (NPRS after) recorded, as the outcome prompt asks.
    const auto finishSession = [&] {
        SessionRun& run = runs.back();
        run.endS = sessionSeconds();
        if (!waitFor([&] { return summary.has_value(); }, 30s)) {
            run.endReason = QStringLiteral("no end within 30 s");
            return;
        }
        run.endReason = app::toString(summary->reason);
        run.endDetail = summary->detail;
        run.endRecorded = summary->recorded;
        if (summary->recorded) {
            const auto recorded = sessions.recordOutcome(app::OutcomeAnswer{3, QStringLiteral("memory benchmark run")});
            run.outcomeRecorded = recorded.ok() && waitFor([&] { return outcome.has_value(); }, 30s) && outcome->ok();
        }
    };

    const double setupS = static_cast<double>(wall.elapsed()) / 1000.0;
    const int lastNominal = minutes * 60;
    if (!startSession(qint64{minutes + 1} * 60)) {
        return 1;
    }

    // From here on: session time. A sample every 10 s on a precise timer, whatever session runs.
    std::vector<Sample> samples;
    samples.push_back(takeSample(0.0, 0, counters, plot, painted, sessions));
    QTimer sampler;
    sampler.setTimerType(Qt::PreciseTimer);
    QObject::connect(&sampler, &QTimer::timeout, &plot, [&] {
        const int nominal = static_cast<int>(samples.size()) * static_cast<int>(kSampleInterval.count());
        samples.push_back(takeSample(sessionSeconds(), nominal, counters, plot, painted, sessions));
        samples.back().run = static_cast<int>(runs.size());
        if (nominal % 60 == 0) {
            std::printf("  %2d min: RSS %.1f MiB, heap %.1f MiB, %lld pulses, %d events\n", nominal / 60,
                samples.back().rssMiB, samples.back().heapMiB, samples.back().pulses, samples.back().events);
            std::fflush(stdout);
        }
    });
    sampler.start(std::chrono::duration_cast<std::chrono::milliseconds>(kSampleInterval));

    // A session the device ends early (on this shared machine: the device thread starved past the 500 ms heartbeat,
    // a safety stop) is recorded, its outcome taken, and a new one started for the time that is left, so the process
    // still runs a session for the whole measurement; the report lists every session.
    constexpr int kMaxSessions = 20;
    for (;;) {
        raiseAmplitudes();
        waitFor(
            [&] { return samples.back().nominalS >= lastNominal || sessions.state() != app::SessionState::Running; },
            std::chrono::seconds(lastNominal + 120));
        if (samples.back().nominalS >= lastNominal) {
            break;
        }
        finishSession();
        pumpFor(500ms); // deferred deletions run
        std::printf("session %lld ended early at %.1f s of session time: %s (%s); device services alive: %d\n",
            static_cast<long long>(runs.back().id), runs.back().endS, qPrintable(runs.back().endReason),
            qPrintable(runs.back().endDetail), deviceServicesAlive(sessions));
        const double leftS = static_cast<double>(lastNominal) - sessionSeconds();
        if (static_cast<int>(runs.size()) >= kMaxSessions || leftS <= 0
            || !startSession(static_cast<qint64>(std::ceil(leftS)) + 60)) {
            std::printf("no further session started; sampling goes on to %d min\n", minutes);
            waitFor([&] { return samples.back().nominalS >= lastNominal; }, std::chrono::seconds(lastNominal + 120));
            break;
        }
    }
    sampler.stop();
    const double sessionS = sessionSeconds();

    // STOP, the end recorded, the outcome recorded.
    if (sessions.state() == app::SessionState::Running || sessions.state() == app::SessionState::Paused) {
        sessions.stop(QStringLiteral("benchmark: %1 min reached").arg(minutes));
        finishSession();
    }
    pumpFor(1000ms);
    const Sample afterEnd = takeSample(sessionS, -2, counters, plot, painted, sessions);

    // Every session's record as the history service reads it back.
    long long storedEvents = 0;
    long long storedSeconds = 0;
    long long storedSamples = 0;
    for (SessionRun& run : runs) {
        const auto detail = context->history().detail(*therapist, run.id);
        if (!detail.ok()) {
            std::printf(
                "history of session %lld: %s\n", static_cast<long long>(run.id), qPrintable(detail.error().message));
            continue;
        }
        run.storedEvents = detail->events.size();
        for (const app::SessionSecondView& s : detail->seconds) {
            run.storedSamples += s.samples;
        }
        run.storedSeconds = detail->seconds.size();
        run.storedEndReason
            = detail->session.endReason ? app::toString(*detail->session.endReason) : QStringLiteral("none");
        run.storedOutcomes = detail->outcomes.size();
        storedEvents += run.storedEvents;
        storedSeconds += run.storedSeconds;
        storedSamples += run.storedSamples;
    }

    // ---- report ----
    const auto at = [&](int nominalS) -> const Sample* {
        for (const Sample& s : samples) {
            if (s.nominalS == nominalS) {
                return &s;
            }
        }
        return nullptr;
    };
    std::printf("\nmemory during a %d-minute 8-channel session (%s at %.0f Hz), sampled every 10 s\n", minutes,
        qPrintable(preset->id), preset->rateHz);
    printHeader();
    printRow("before prepare", beforeSession);
    std::vector<int> points{0};
    for (int m : {1, 2, 5, 10, 20, 30}) {
        if (m < minutes) {
            points.push_back(m);
        }
    }
    points.push_back(minutes);
    for (int m : points) {
        if (const Sample* s = at(m * 60)) {
            printRow(format("%d min", m).c_str(), *s);
        }
    }
    printRow("after STOP", afterEnd);

    std::printf("\nevery minute, minute:RSS/heap in use/heap + mmapped/SQLite MiB/device services:");
    for (const Sample& s : samples) {
        if (s.nominalS % 60 == 0) {
            std::printf(" %d:%.1f/%.1f/%.1f/%.2f/%d", s.nominalS / 60, s.rssMiB, s.heapMiB, s.mallocMiB(), s.sqliteMiB,
                s.deviceServices);
        }
    }
    std::printf("\n");

    std::printf("\nsessions (%zu; setup before the first took %.1f s):\n", runs.size(), setupS);
    double expectedPulses = 0.0;
    for (const SessionRun& run : runs) {
        const double pulseSpanS
            = run.firstPulseUs ? static_cast<double>(run.lastPulseUs - *run.firstPulseUs) / 1e6 : 0.0;
        expectedPulses += pulseSpanS * preset->pulsesPerSecond * kChannels;
        std::printf("  session %lld: %.1f-%.1f s, %d live steps, %lld pulses, ended %s%s (%s), record: %lld events, "
                    "%lld per-second summaries of %lld pulses, end %s, outcome %s\n",
            static_cast<long long>(run.id), run.startS, run.endS, run.liveSteps, run.pulses, qPrintable(run.endReason),
            run.endRecorded ? "" : " NOT RECORDED", qPrintable(run.endDetail), run.storedEvents, run.storedSeconds,
            run.storedSamples, qPrintable(run.storedEndReason),
            run.outcomeRecorded && run.storedOutcomes > 0 ? "recorded" : "missing");
    }
    for (const QString& f : faults) {
        std::printf("fault: %s\n", qPrintable(f));
    }
    for (const QString& f : recordingFailures) {
        std::printf("recording failed: %s\n", qPrintable(f));
    }
    std::printf("pulses delivered: %lld drained to the plot (%.0f expected from each session's first to last pulse at "
                "%.0f pulses/s x %d)\n",
        counters.pulses, expectedPulses, preset->pulsesPerSecond, kChannels);
    std::printf("session events written: %lld (%d acknowledged); %lld per-second summaries covering %lld pulses\n",
        storedEvents, counters.events, storedSeconds, storedSamples);
    std::printf("live plot: %lld pulses held of a fixed %lld, %lld series rebuilds, %lld chart paints; log messages "
                "dropped: %llu\n",
        afterEnd.plotHeld, static_cast<long long>(plot.capacity()), afterEnd.redraws, afterEnd.paints,
        afterEnd.logDropped);

    const Sample* one = at(60);
    const Sample* last = at(lastNominal);
    std::vector<std::pair<double, double>> rssAfterOne;
    std::vector<std::pair<double, double>> heapAfterOne;
    for (const Sample& s : samples) {
        if (s.nominalS >= 60) {
            rssAfterOne.emplace_back(s.sessionS / 600.0, s.rssMiB);
            heapAfterOne.emplace_back(s.sessionS / 600.0, s.heapMiB);
        }
    }
    std::printf(
        "peak RSS (VmHWM): %.1f MiB before the first prepare (the Argon2id password hashes of setup and sign-in "
        "take 64 MiB each while they run), %.1f MiB at the end\n",
        peakBeforeMiB, static_cast<double>(statusKib("VmHWM:")) / 1024.0);
    std::printf("run time: %.1f s wall clock in all (%.1f s of session time)\n",
        static_cast<double>(wall.elapsed()) / 1000.0, sessionS);
    if (one == nullptr || last == nullptr) {
        std::printf("the measurement did not reach %s; no growth figure\n",
            one == nullptr ? "1 minute" : format("%d minutes", minutes).c_str());
        return 0;
    }
    const double growth = last->rssMiB - one->rssMiB;
    const double ratio = one->rssMiB > 0 ? last->rssMiB / one->rssMiB : 0.0;
    std::printf("RSS after 1 min: %.1f MiB; after %d min: %.1f MiB; growth %.1f MiB (%.3fx); "
                "trend after minute 1: %+.2f MiB per 10 min\n",
        one->rssMiB, minutes, last->rssMiB, growth, ratio, slope(rssAfterOne));
    std::printf("heap in use after 1 min: %.1f MiB; after %d min: %.1f MiB; growth %.1f MiB (%.3fx); "
                "trend after minute 1: %+.2f MiB per 10 min\n",
        one->heapMiB, minutes, last->heapMiB, last->heapMiB - one->heapMiB,
        one->heapMiB > 0 ? last->heapMiB / one->heapMiB : 0.0, slope(heapAfterOne));
    std::printf("heap in use + mmapped chunks after 1 min: %.1f MiB; after %d min: %.1f MiB; growth %.1f MiB; "
                "arenas' free chunks %.1f -> %.1f MiB\n",
        one->mallocMiB(), minutes, last->mallocMiB(), last->mallocMiB() - one->mallocMiB(),
        one->arenaMiB - one->heapMiB, last->arenaMiB - last->heapMiB);
    if (runs.size() > 1) {
        std::printf(
            "note: %zu sessions ran one after the other (see above); the figures span all of them\n", runs.size());
    }
    galvani::bench::figure("Memory", format("RSS after a %d-minute 8-channel session vs after 1 minute", minutes),
        format("%.1f MiB vs %.1f MiB", last->rssMiB, one->rssMiB),
        format("growth %.1f MiB (%.2fx); heap %.1f vs %.1f MiB; %lld pulses, %lld events", growth, ratio, last->heapMiB,
            one->heapMiB, counters.pulses, storedEvents));
    return 0;
}
