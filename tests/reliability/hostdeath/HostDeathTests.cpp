// SPDX-License-Identifier: GPL-3.0-or-later
// Host death during stimulation: the host process is killed (SIGKILL), stopped (SIGSTOP, later SIGCONT), has
// the thread that drives stimulation deadlocked while its other timers and threads keep running, or loses its
// cable (unplugged, later plugged back). Every trial runs a real host (hostdeath_host: DeviceService and the
// whole device layer over SerialTransport) against galvani-sim, whose line the rig holds open, so the stimulator
// learns of the host's death only from the silence on its line, as a real one would (see Cable).
//
// Per trial: the time from the fault to the simulator's output going to zero (stamped by the simulator itself,
// see README.md) must stay within the device's watchdog plus one pulse period plus a scheduling margin; the
// output must stay off for the observation window, including after SIGCONT (the host's keep-alives resume) and
// after the cable is plugged back in (the host reconnects by itself); only an explicit new start stimulates
// again, which each SIGSTOP and unplug trial checks at its end.
//
// Environment (defaults are the CI tier; README.md has the long tier):
//   GALVANI_HOSTDEATH_TRIALS      trials per condition (default 12; long tier 200)
//   GALVANI_HOSTDEATH_LANES       trials run at once, each with its own galvani-sim (default 6)
//   GALVANI_HOSTDEATH_WATCHDOG_MS galvani-sim --watchdog-ms (default 500, the clinic value; 0 = device default)
//   GALVANI_HOSTDEATH_OBSERVE_MS  latched-off observation window (default 1000)
#include "HostDeathRig.h"
#include "SimLog.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include <unistd.h>

using namespace std::chrono_literals;

namespace galvani::test::hostdeath {
namespace {

enum class Fault { SigKill, SigStop, Deadlock, Unplug };

// CLINICAL §1.3: outputs to zero after 500 ms without a valid beat; the host alarms after 500 ms without status.
constexpr std::chrono::milliseconds kHeartbeatTimeout{500};
// Output counts as steady once it has been on this long (five pulse periods at 50 Hz).
constexpr std::chrono::milliseconds kSteady{100};

const char* faultName(Fault fault)
{
    switch (fault) {
    case Fault::SigKill:
        return "sigkill";
    case Fault::SigStop:
        return "sigstop";
    case Fault::Deadlock:
        return "deadlock";
    case Fault::Unplug:
        return "unplug";
    }
    return "?";
}

// A protocol as the host drives it.
struct Variant {
    std::string protocol; // galvani-sim --protocol and the URL's protocol
    std::string level; // "low" / "mid" (ScienceMode4), "list" (ScienceMode2 continuous channel list mode)
    std::string urlOptions; // added to the device URL
    int deviceWatchdogMs; // the device's own watchdog (SimulatorConfig defaultWatchdog; 0: none in this mode)
    std::string expectedCause; // the simulator's stop cause when only silence tells it the host is gone
};

Variant sm4Low()
{
    // P24 low level: the host paces every pulse (Ll_channel_config); the device has no timer, so output ends
    // when pulses stop coming (galvani-sim: one expected period plus half a period, PacedPulseTracker).
    return {"sciencemode4", "low", "", 0, "host silent in low level"};
}
Variant sm4Mid()
{
    return {"sciencemode4", "mid", "&level=mid", 2000, "watchdog"};
}
Variant sm2List()
{
    return {"sciencemode2", "list", "", 1200, "watchdog"};
}

int envInt(const char* name, int fallback, int low, int high)
{
    const char* text = std::getenv(name);
    if (text == nullptr || *text == '\0') {
        return fallback;
    }
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (*end != '\0' || value < low || value > high) {
        FAIL(name << "='" << text << "' must be a whole number " << low << ".." << high);
    }
    return static_cast<int>(value);
}

struct Settings {
    int trials = 12;
    int lanes = 6;
    int watchdogMs = 500; // as given to galvani-sim; 0 = the device's default
    int observeMs = 1000;
    double milliamps = 8.0;
    double hertz = 50.0;
    std::chrono::milliseconds margin{250};
};

Settings settingsFromEnvironment()
{
    Settings s;
    s.trials = envInt("GALVANI_HOSTDEATH_TRIALS", s.trials, 1, 100000);
    s.lanes = envInt("GALVANI_HOSTDEATH_LANES", s.lanes, 1, 64);
    s.watchdogMs = envInt("GALVANI_HOSTDEATH_WATCHDOG_MS", s.watchdogMs, 0, 2000);
    s.observeMs = envInt("GALVANI_HOSTDEATH_OBSERVE_MS", s.observeMs, 200, 60000);
    return s;
}

struct TrialResult {
    int index = 0;
    std::string failure; // empty: passed
    double latencyMs = -1; // fault → output zero, simulator's time stamp
    double arrivalMs = -1; // fault → the rig read the stop line
    std::string cause;
    bool resumed = false;
    std::string hostAfter; // what the host said after the fault (SIGCONT / replug), for the report
};

class Condition {
public:
    Condition(Fault fault, Variant variant, Settings settings)
        : m_fault(fault), m_variant(std::move(variant)), m_settings(settings)
    {
        const int watchdog = m_settings.watchdogMs > 0 ? m_settings.watchdogMs : m_variant.deviceWatchdogMs;
        m_watchdog = std::chrono::milliseconds(m_variant.deviceWatchdogMs > 0 ? watchdog : 0);
        m_period = std::chrono::microseconds(static_cast<std::int64_t>(std::llround(1e6 / m_settings.hertz)));
        // Low level has no device watchdog (0 here): the host paces every pulse, so the output ends with the last
        // pulse sent before the fault, and the train has stopped when the next one, one period later, is missing.
        m_bound
            = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::microseconds(m_watchdog) + m_period)
            + m_settings.margin;
    }

    void run()
    {
        char pattern[] = "/tmp/galvani-hostdeath-XXXXXX";
        REQUIRE(::mkdtemp(pattern) != nullptr);
        m_dir = pattern;
        const auto started = SteadyClock::now();
        std::vector<std::thread> lanes;
        const int laneCount = std::min(m_settings.lanes, m_settings.trials);
        for (int i = 0; i < laneCount; ++i) {
            lanes.emplace_back([this, i] { lane(i); });
        }
        for (auto& t : lanes) {
            t.join();
        }
        m_wall = SteadyClock::now() - started;
        ::rmdir(m_dir.c_str());
        report();
    }

private:
    void lane(int id)
    {
        const std::string simLink = m_dir + "/sim" + std::to_string(id);
        const std::string cableLink = m_dir + "/cable" + std::to_string(id);
        std::vector<std::string> argv{GALVANI_SIM_EXE, "--protocol", m_variant.protocol, "--pty-link", simLink};
        if (m_watchdog.count() > 0 && m_settings.watchdogMs > 0) {
            argv.insert(argv.end(), {"--watchdog-ms", std::to_string(m_settings.watchdogMs)});
        }
        std::string error;
        auto sim = Child::spawn(argv, false, false, true, &error);
        Cable cable(simLink, cableLink);
        Lane pump(cable);
        if (sim) {
            pump.setChildren(sim.get(), nullptr);
            if (!pump.pumpUntil(SteadyClock::now() + 10s, [&] { return sim->findErr("listening on").has_value(); })) {
                error = "galvani-sim did not come up:\n" + sim->tail(10);
            }
        }
        if (!error.empty()) {
            TrialResult failed;
            failed.index = -1;
            failed.failure = "lane " + std::to_string(id) + ": " + error;
            record(std::move(failed));
            return;
        }
        while (true) {
            const int index = m_next.fetch_add(1);
            if (index >= m_settings.trials) {
                break;
            }
            auto result = trial(index, *sim, cable, pump);
            record(std::move(result));
        }
        pump.setChildren(sim.get(), nullptr);
        sim->terminate(3s);
        ::unlink(simLink.c_str());
    }

    void record(TrialResult result)
    {
        const std::lock_guard lock(m_mutex);
        m_results.push_back(std::move(result));
    }

    TrialResult trial(int index, Child& sim, Cable& cable, Lane& pump);
    void report();

    Fault m_fault;
    Variant m_variant;
    Settings m_settings;
    std::chrono::milliseconds m_watchdog{0};
    std::chrono::microseconds m_period{0};
    std::chrono::milliseconds m_bound{0};
    std::string m_dir;
    std::atomic<int> m_next{0};
    std::mutex m_mutex;
    std::vector<TrialResult> m_results;
    SteadyClock::duration m_wall{};
};

double msBetween(SteadyClock::time_point from, SteadyClock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

TrialResult Condition::trial(int index, Child& sim, Cable& cable, Lane& pump)
{
    TrialResult r;
    r.index = index;
    std::string error;
    const std::size_t simMark = sim.err().size();
    // Only unplugging needs the relay; the other faults run over the simulator's own pseudo-terminal, so every
    // byte the host wrote before the fault is at the device at once (no relay lag to blur the fault's moment).
    const auto mode = m_fault == Fault::Unplug ? Cable::Mode::Relay : Cable::Mode::Direct;
    if (!cable.connectDevice(mode, &error) || !cable.plug(&error)) {
        r.failure = "cable: " + error;
        return r;
    }
    const std::string url = "serial:" + cable.hostLink() + "?protocol=" + m_variant.protocol + m_variant.urlOptions;
    std::ostringstream ma;
    ma << m_settings.milliamps;
    std::ostringstream hz;
    hz << m_settings.hertz;
    auto host = Child::spawn({HOSTDEATH_HOST_EXE, url, ma.str(), hz.str()}, true, true, true, &error);
    if (!host) {
        r.failure = error;
        return r;
    }
    pump.setChildren(&sim, host.get());
    const std::string name = "trial " + std::to_string(index) + ": ";
    const auto fail = [&](const std::string& what) {
        r.failure = name + what + "\n  galvani-sim:\n" + sim.tail(14) + "  host:\n" + host->tail(10, "alive ");
    };
    const auto cleanUp = [&] {
        host->kill();
        pump.setChildren(&sim, nullptr);
        cable.unplug();
        cable.disconnectDevice();
        // The simulator must see its host leave before the next trial opens its port again.
        pump.pumpUntil(
            SteadyClock::now() + 3s, [&] { return sim.findErr("host closed the link", simMark).has_value(); });
    };
    const auto timeline = [&] { return SimTimeline(sim, simMark, simOrigin(sim)); };

    // 1. Stimulating, seen by both ends.
    if (!pump.pumpUntil(SteadyClock::now() + 20s, [&] {
            return host->findOut("state stimulating").has_value()
                && sim.findErr("state stimulating", simMark).has_value();
        })) {
        fail("stimulation did not start");
        cleanUp();
        return r;
    }
    // 2. The fault lands anywhere in the keep-alive cycle (in the ramp or after it), while output has been on for
    // a moment. Host-paced pulses (low level) may have a gap when this loaded machine stalls the host; after one
    // the simulator knows the pace again only from the second pulse (until then it holds the output on for 1 s,
    // PacedPulseTracker::kUnknownPaceHold), so the fault waits for steady output.
    std::mt19937 rng(static_cast<std::uint32_t>(index * 7919 + static_cast<int>(m_fault)));
    pump.pumpFor(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 400)(rng)));
    const auto steadyOn = [&] {
        for (std::size_t i = host->out().size(); i-- > 0;) {
            const auto& text = host->out()[i].text;
            if (text.rfind("state ", 0) == 0 || text.rfind("fault ", 0) == 0) {
                if (text != "state stimulating") {
                    return false; // the host itself is no longer stimulating (a fault of its own on this machine)
                }
                break;
            }
        }
        for (std::size_t i = sim.err().size(); i-- > simMark;) {
            if (SimTimeline::isState(sim.err()[i].text)) {
                return SimTimeline::isOn(sim.err()[i].text) && sim.err()[i].at + kSteady <= SteadyClock::now();
            }
        }
        return false;
    };
    if (!pump.pumpUntil(SteadyClock::now() + 5s, steadyOn)) {
        fail("output was not on before the fault");
        cleanUp();
        return r;
    }
    const std::size_t hostMark = host->out().size();
    auto faultAt = SteadyClock::now();
    switch (m_fault) {
    case Fault::SigKill:
        host->signal(SIGKILL);
        break;
    case Fault::SigStop:
        host->signal(SIGSTOP);
        break;
    case Fault::Deadlock:
        host->writeLine("deadlock");
        break;
    case Fault::Unplug:
        cable.unplug();
        break;
    }
    if (m_fault == Fault::Deadlock) {
        // The fault is the moment the device thread blocked; the host reports it on the system's monotonic clock.
        std::optional<std::size_t> line;
        if (!pump.pumpUntil(
                SteadyClock::now() + 3s, [&] { return (line = host->findOut("deadlocked ", hostMark)).has_value(); })) {
            fail("the host's device thread did not block");
            cleanUp();
            return r;
        }
        faultAt = SteadyClock::time_point(
            std::chrono::nanoseconds(std::stoll(host->out()[*line].text.substr(std::string("deadlocked ").size()))));
    }

    // 3. Output to zero: the first "off" state after the fault (or the fault itself if a gap in host-paced pulses
    // had just begun).
    std::optional<std::size_t> off;
    pump.pumpUntil(faultAt + m_bound + 5s, [&] {
        const auto view = timeline();
        off = view.firstAfter(faultAt, false);
        return off.has_value() || (SteadyClock::now() > faultAt + m_bound && !view.onAt(SteadyClock::now()));
    });
    SteadyClock::time_point offAt; // the simulator's "off" on the rig's clock: resumption is looked for after it
    SteadyClock::time_point stoppedAt; // when the output went to zero
    {
        const auto view = timeline();
        if (off) {
            offAt = *view.at(*off) + 1ms; // +1 ms: the stamp is truncated to whole milliseconds
            const auto stopLine = view.stopLineBefore(*off);
            r.cause = causeOf(stopLine);
            r.arrivalMs = msBetween(faultAt, sim.err()[*off].at);
            stoppedAt = offAt;
            // Host-paced pulses: the simulator calls the train stopped one and a half expected periods after the
            // last pulse (a whole second when it does not know the pace yet: after a gap, or in a burst on a
            // loaded machine), but no current flows after the last pulse. The output went to zero when the next
            // pulse, due one period later, did not come.
            if (const auto silent = silentFor(stopLine); silent && !m_variant.deviceWatchdogMs) {
                stoppedAt = std::min(offAt,
                    offAt - std::chrono::duration_cast<SteadyClock::duration>(*silent)
                        + std::chrono::duration_cast<SteadyClock::duration>(m_period));
            }
        } else if (!view.onAt(faultAt)) {
            offAt = faultAt;
            stoppedAt = faultAt;
            r.cause = m_variant.expectedCause; // a gap in host-paced pulses had begun at the fault already
            r.arrivalMs = 0;
        } else {
            fail("output did not stop within " + std::to_string(m_bound.count() + 5000) + " ms of the fault");
            cleanUp();
            return r;
        }
    }
    r.latencyMs = std::max(0.0, msBetween(faultAt, stoppedAt));

    // 4. Latched: nothing restarts by itself, whatever the host does next.
    const auto observe = std::chrono::milliseconds(m_settings.observeMs);
    switch (m_fault) {
    case Fault::SigKill:
        pump.pumpFor(observe);
        break;
    case Fault::Deadlock: {
        // "alive N watcher M": the main thread's 100 ms timer and the second thread's 20 ms timer.
        const auto watcherTicks = [&](std::size_t from) {
            std::optional<long long> last;
            std::size_t lines = 0;
            for (std::size_t i = from; i < host->out().size(); ++i) {
                const auto& text = host->out()[i].text;
                if (const auto at = text.find(" watcher "); text.rfind("alive ", 0) == 0 && at != std::string::npos) {
                    last = std::stoll(text.substr(at + 9));
                    ++lines;
                }
            }
            return std::make_pair(lines, last.value_or(0));
        };
        const auto before = watcherTicks(hostMark);
        const auto windowFrom = host->out().size();
        pump.pumpFor(observe);
        const auto aliveLines = watcherTicks(windowFrom).first;
        const auto after = watcherTicks(hostMark);
        // Both kept running all along: the deadlock was the device thread's alone, and their timers did not keep
        // the stimulator going.
        if (aliveLines < static_cast<std::size_t>(m_settings.observeMs) / 200
            || after.second - before.second < m_settings.observeMs / 40) {
            fail("the host's other timers stopped too (" + std::to_string(aliveLines) + " main-thread lines, "
                + std::to_string(after.second - before.second) + " watcher ticks in the window)");
        }
        break;
    }
    case Fault::SigStop: {
        // Resume once the device has stopped and the host has been frozen for longer than the heartbeat timeout
        // (CLINICAL §1.3: 500 ms without a beat is a communication loss; with host-paced pulses the device has
        // no watchdog, and a shorter freeze is a gap in the pulse train), plus 100..1000 ms, so the host's
        // keep-alives and the replies that waited in its port meet a stopped device.
        const auto frozen = std::max(m_watchdog, kHeartbeatTimeout)
            + std::chrono::milliseconds(std::uniform_int_distribution<int>(100, 1000)(rng));
        pump.pumpUntil(std::max(offAt, faultAt + frozen), [] { return false; });
        host->signal(SIGCONT);
        pump.pumpFor(observe);
        break;
    }
    case Fault::Unplug: {
        pump.pumpUntil(std::max(offAt, faultAt + m_watchdog) + 200ms, [] { return false; });
        if (!cable.plug(&error)) {
            fail("replug: " + error);
            cleanUp();
            return r;
        }
        // The host reconnects by itself (handshake to idle); from then on, watch.
        if (!pump.pumpUntil(
                SteadyClock::now() + 10s, [&] { return host->findOut("state idle", hostMark).has_value(); })) {
            fail("the host did not reconnect after the replug");
            cleanUp();
            return r;
        }
        pump.pumpFor(observe);
        break;
    }
    }
    for (std::size_t i = hostMark; i < host->out().size(); ++i) {
        const auto& text = host->out()[i].text;
        if (text.rfind("state ", 0) == 0 || text.rfind("fault ", 0) == 0) {
            r.hostAfter += (r.hostAfter.empty() ? "" : " | ") + withoutNumbers(text).substr(0, 70);
        }
    }
    if (r.failure.empty()) {
        const auto view = timeline();
        if (const auto again = view.firstAfter(offAt, true)) {
            r.resumed = true;
            fail("output resumed by itself " + std::to_string(std::llround(msBetween(offAt, *view.at(*again))))
                + " ms after it stopped");
            cleanUp();
            return r;
        }
    }
    // 5. Only an explicit new start stimulates again (and proves the window above could have seen one).
    if (r.failure.empty() && (m_fault == Fault::SigStop || m_fault == Fault::Unplug)) {
        // As an operator would: once the host has reconnected (its last state idle), not in the middle of it.
        const auto hostIdle = [&] {
            for (std::size_t i = host->out().size(); i-- > hostMark;) {
                const auto& text = host->out()[i].text;
                if (text.rfind("state ", 0) == 0) {
                    return text == "state idle";
                }
            }
            return false;
        };
        pump.pumpUntil(SteadyClock::now() + 10s, hostIdle);
        const std::size_t controlMark = sim.err().size();
        host->writeLine("start");
        if (!pump.pumpUntil(
                SteadyClock::now() + 15s, [&] { return sim.findErr("state stimulating", controlMark).has_value(); })) {
            fail("an explicit start after the fault did not stimulate");
        }
    }
    if (r.failure.empty() && r.cause != m_variant.expectedCause) {
        fail("stop cause '" + r.cause + "', expected '" + m_variant.expectedCause
            + "' (the device must learn of the host's death from silence alone)");
    }
    if (r.failure.empty() && r.latencyMs > static_cast<double>(m_bound.count())) {
        fail("output stopped " + std::to_string(std::llround(r.latencyMs)) + " ms after the fault, bound "
            + std::to_string(m_bound.count()) + " ms");
    }
    cleanUp();
    return r;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty()) {
        return -1;
    }
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

void Condition::report()
{
    std::vector<double> latencies;
    std::vector<double> arrivals;
    int resumed = 0;
    std::vector<std::string> failures;
    std::map<std::string, int> hostAfter;
    for (const auto& r : m_results) {
        if (r.latencyMs >= 0) {
            latencies.push_back(r.latencyMs);
            arrivals.push_back(r.arrivalMs);
        }
        resumed += r.resumed ? 1 : 0;
        if (!r.failure.empty()) {
            failures.push_back(r.failure);
        }
        if (!r.hostAfter.empty()) {
            ++hostAfter[r.hostAfter];
        }
    }
    std::printf("hostdeath %s protocol=%s level=%s trials=%d p50_ms=%.0f p99_ms=%.0f max_ms=%.0f bound_ms=%lld "
                "resumed=%d failed=%zu watchdog_ms=%lld period_ms=%.0f read_max_ms=%.0f lanes=%d wall_s=%.1f\n",
        faultName(m_fault), m_variant.protocol.c_str(), m_variant.level.c_str(), static_cast<int>(latencies.size()),
        percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100),
        static_cast<long long>(m_bound.count()), resumed, failures.size(), static_cast<long long>(m_watchdog.count()),
        std::chrono::duration<double, std::milli>(m_period).count(), percentile(arrivals, 100),
        std::min(m_settings.lanes, m_settings.trials), std::chrono::duration<double>(m_wall).count());
    for (const auto& [text, count] : hostAfter) {
        std::printf("  host after the fault (%d trials): %s\n", count, text.c_str());
    }
    std::fflush(stdout);
    CHECK(static_cast<int>(latencies.size()) == m_settings.trials);
    CHECK(resumed == 0);
    for (std::size_t i = 0; i < failures.size() && i < 5; ++i) {
        UNSCOPED_INFO(failures[i]);
    }
    CHECK(failures.empty());
}

void runCondition(Fault fault, const Variant& variant)
{
    std::signal(SIGPIPE, SIG_IGN); // a dead host's stdin must not end the test
    Condition condition(fault, variant, settingsFromEnvironment());
    condition.run();
}

} // namespace

TEST_CASE("hostdeath sigkill sciencemode4 low level", "[reliability][hostdeath]")
{
    runCondition(Fault::SigKill, sm4Low());
}
TEST_CASE("hostdeath sigkill sciencemode4 mid level", "[reliability][hostdeath]")
{
    runCondition(Fault::SigKill, sm4Mid());
}
TEST_CASE("hostdeath sigkill sciencemode2", "[reliability][hostdeath]")
{
    runCondition(Fault::SigKill, sm2List());
}

TEST_CASE("hostdeath sigstop sciencemode4 low level", "[reliability][hostdeath]")
{
    runCondition(Fault::SigStop, sm4Low());
}
TEST_CASE("hostdeath sigstop sciencemode4 mid level", "[reliability][hostdeath]")
{
    runCondition(Fault::SigStop, sm4Mid());
}
TEST_CASE("hostdeath sigstop sciencemode2", "[reliability][hostdeath]")
{
    runCondition(Fault::SigStop, sm2List());
}

TEST_CASE("hostdeath deadlock sciencemode4 low level", "[reliability][hostdeath]")
{
    runCondition(Fault::Deadlock, sm4Low());
}
TEST_CASE("hostdeath deadlock sciencemode4 mid level", "[reliability][hostdeath]")
{
    runCondition(Fault::Deadlock, sm4Mid());
}
TEST_CASE("hostdeath deadlock sciencemode2", "[reliability][hostdeath]")
{
    runCondition(Fault::Deadlock, sm2List());
}

TEST_CASE("hostdeath unplug sciencemode4 low level", "[reliability][hostdeath]")
{
    runCondition(Fault::Unplug, sm4Low());
}
TEST_CASE("hostdeath unplug sciencemode4 mid level", "[reliability][hostdeath]")
{
    runCondition(Fault::Unplug, sm4Mid());
}
TEST_CASE("hostdeath unplug sciencemode2", "[reliability][hostdeath]")
{
    runCondition(Fault::Unplug, sm2List());
}

} // namespace galvani::test::hostdeath
