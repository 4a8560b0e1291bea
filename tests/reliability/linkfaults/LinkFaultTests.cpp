// SPDX-License-Identifier: GPL-3.0-or-later
// Link faults through the seeded fault proxy on a real pseudo-terminal: a host (DeviceService → SerialTransport →
// QSerialPort) stimulates a simulated ScienceMode4 stimulator whose end of the pty damages the bytes both ways
// with one fault kind per profile (byte drop 1 %, bit flip 0.1 %, duplicate bytes, moved chunk boundaries, 200 ms
// stalls, truncated chunks) or is unplugged and plugged in again. Each profile sends a number of amplitude
// commands (GALVANI_LINKFAULT_COMMANDS, 10 000 in the long tier) as a kernel-validated random walk and asserts:
//  - no command is applied with a value the host did not send (and none out of the order it was sent in);
//  - every loss is noticed: re-sent or ended in a fault (mid level), counted as a lost pulse (low level);
//  - a value the host holds as acknowledged is the value the device holds (mid level);
//  - an unplug is a link-loss fault within 200 ms, the host idles while unplugged (< 5 % of a core), nothing
//    reconnects or resumes by itself after the replug, and an explicit reconnect works.
// Each profile ends with an unplug cycle; the unplug profile spreads several over its commands.
// One line per profile starting with "linkfaults " carries the figures (README.md explains them).
#include "LinkFaultRig.h"

#include "core/safety/SafetyGuard.h"
#include "device/sim/FaultSpec.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>

using namespace std::chrono_literals;
using galvani::device::DeviceState;

namespace galvani::test::linkfaults {

namespace {

enum class Level : std::uint8_t { Mid, Low };

struct Profile {
    const char* name;
    const char* faults; // fault specs of the proxy (galvani-sim --fault syntax), comma separated; "" = clean link
    int ciCommands; // amplitude commands when GALVANI_LINKFAULT_COMMANDS is not set
    int commandsPerUnplug; // one unplug cycle per this many commands (at least one, at the end)
};

// 200 ms stalls: one chunk in 100 each way starts one (about one a second), as long as the ack timeout.
constexpr Profile kDrop{"drop1", "drop:1%", 200, 0};
constexpr Profile kBitFlip{"bitflip0.1", "corrupt:0.1%", 1000, 0};
constexpr Profile kDuplicate{"duplicate0.5", "duplicate:0.5%", 400, 0};
constexpr Profile kRechunk{"rechunk", "rechunk:0.1:2", 1000, 0};
constexpr Profile kStall{"stall200", "stall:0.01:200", 600, 0};
constexpr Profile kTruncate{"truncate2", "truncate:2%", 600, 0};
constexpr Profile kUnplug{"unplug", "", 600, 300};

constexpr std::int64_t kLowUa = 4000; // the random walk stays within 4..12 mA
constexpr std::int64_t kHighUa = 12000;
constexpr std::int64_t kStartUa = 8000;
constexpr std::int64_t kStepUa = 500; // the kernel's live step
constexpr double kDetectBoundMs = 200.0; // the hard bound: unplug to link-lost state
constexpr double kCpuBoundPercent = 5.0; // the bound while unplugged
constexpr auto kCpuWindow = 2500ms;

int commandsFor(const Profile& p)
{
    if (const char* text = std::getenv("GALVANI_LINKFAULT_COMMANDS")) {
        const int n = std::atoi(text);
        if (n > 0) {
            return n;
        }
    }
    return p.ciCommands;
}

std::uint64_t seedFor(const Profile& p, Level level)
{
    if (const char* text = std::getenv("GALVANI_LINKFAULT_SEED")) {
        return std::strtoull(text, nullptr, 10);
    }
    std::uint64_t h = 1469598103934665603ULL; // FNV-1a of the profile name: fixed per profile
    for (const char* c = p.name; *c != '\0'; ++c) {
        h = (h ^ static_cast<unsigned char>(*c)) * 1099511628211ULL;
    }
    return (h ^ (level == Level::Low ? 0x10ULL : 0x20ULL)) % 1'000'000'007ULL;
}

const char* levelName(Level level)
{
    return level == Level::Mid ? "mid" : "low";
}

struct UnplugCycle {
    double detectMs = 0.0;
    CpuWindow cpu;
    device::FaultKind kind = device::FaultKind::DeviceError;
};

// "link lost" → "link_lost": the summary line is space-separated key=value pairs.
std::string token(std::string_view text)
{
    std::string out(text);
    std::replace(out.begin(), out.end(), ' ', '_');
    return out;
}

std::string fmt(double value, int decimals)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

// The frames around an undetected loss (first..last: the run), for the failure report.
void printContext(
    const std::vector<WireFrame>& frames, const std::vector<bool>& took, std::size_t first, std::size_t last)
{
    std::size_t k = 0; // amplitude index of frames[0..]
    std::ostringstream out;
    out << "linkfaults-detail undetected loss, frames " << first << ".." << last << ":";
    for (std::size_t j = 0; j < frames.size() && j <= last + 8; ++j) {
        const bool amplitude = frames[j].kind == WireFrame::Kind::Amplitude;
        const bool applied = amplitude && took[k];
        k += amplitude ? 1U : 0U;
        if (j + 12 < first) {
            continue;
        }
        out << (j == first ? " [" : " ");
        if (amplitude) {
            out << frames[j].amplitudeUa << "/pn" << int(frames[j].packetNumber) << (applied ? "+" : "-");
        } else {
            out << (frames[j].kind == WireFrame::Kind::Stop ? "STOP/pn" + std::to_string(frames[j].packetNumber)
                                                            : std::string("UNPLUG"));
        }
        out << (j == last ? "]" : "");
    }
    std::cout << out.str() << std::endl;
}

class Battery {
public:
    Battery(const Profile& profile, Level level)
        : m_profile(profile), m_level(level), m_commands(commandsFor(profile)), m_seed(seedFor(profile, level)),
          m_rng(m_seed)
    {
    }

    void run();

private:
    void step();
    void unplugCycle(int number);
    void report();

    const Profile& m_profile;
    Level m_level;
    int m_commands;
    std::uint64_t m_seed;
    std::mt19937_64 m_rng;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PtyDevice> m_device;
    std::unique_ptr<Host> m_host;
    std::optional<core::safety::EffectiveLimits> m_limits;
    std::optional<core::safety::ValidatedProgram> m_running;
    std::int64_t m_amplitudeUa = kStartUa;

    int m_starts = 0;
    int m_steps = 0;
    int m_mismatches = 0;
    std::vector<UnplugCycle> m_unplugs;
    std::optional<CpuWindow> m_baseline;
    std::chrono::steady_clock::time_point m_began;
    std::chrono::steady_clock::time_point m_loopBegan;
    std::chrono::steady_clock::duration m_unpluggedTime{0}; // in unplug cycles, out of the command loop
    std::chrono::steady_clock::duration m_loopTime{0};
};

void Battery::run()
{
    m_began = std::chrono::steady_clock::now();
    m_dir = std::make_unique<QTemporaryDir>();
    REQUIRE(m_dir->isValid());
    const QString link = m_dir->filePath(QStringLiteral("stimulator"));

    auto config = device::sim::defaultConfig(device::sim::SimProtocol::ScienceMode4);
    config.seed = m_seed;
    config.logEveryCommand = true; // every received command with its packet number, for the matching below
    if (std::string_view(m_profile.faults).size() > 0) {
        auto faults = device::sim::parseFaultList(m_profile.faults);
        REQUIRE(std::holds_alternative<std::vector<device::sim::FaultSpec>>(faults));
        config.faults = std::get<std::vector<device::sim::FaultSpec>>(faults);
    }
    m_device = std::make_unique<PtyDevice>(config, link);
    INFO(m_device->error().toStdString());
    REQUIRE(m_device->started());
    REQUIRE(QFileInfo::exists(link));

    const std::string url
        = "serial:" + link.toStdString() + "?protocol=sciencemode4&level=" + std::string(levelName(m_level));
    auto address = device::parseDeviceAddress(url);
    REQUIRE(std::holds_alternative<device::DeviceAddress>(address));
    m_limits = limitsFor(std::get<device::DeviceAddress>(address));
    std::string why;
    m_running
        = programFor(*m_limits, static_cast<double>(kStartUa) / 1000.0, m_level == Level::Mid ? 40.0 : 150.0, &why);
    INFO(why);
    REQUIRE(m_running);
    m_host = std::make_unique<Host>(std::get<device::DeviceAddress>(address));
    if (m_profile.commandsPerUnplug > 0) {
        // For comparison: this process with the host's device thread started but never connected.
        m_baseline = measureIdleCpu(kCpuWindow, *m_device);
    }

    const int cycles = m_profile.commandsPerUnplug > 0 ? std::max(1, m_commands / m_profile.commandsPerUnplug) : 1;
    int nextCycle = 1;
    bool proveReconnect = false;
    // Faults must stay the exception: a generous cap on sessions keeps a broken link from looping forever.
    const int maxStarts = 40 + m_commands / 5;
    m_loopBegan = std::chrono::steady_clock::now();
    int failedBringUps = 0; // in a row
    while (true) {
        const auto frames = static_cast<std::int64_t>(m_device->amplitudeFrames());
        if (nextCycle <= cycles && frames >= static_cast<std::int64_t>(m_commands) * nextCycle / cycles) {
            const auto pulled = std::chrono::steady_clock::now();
            unplugCycle(nextCycle);
            m_unpluggedTime += std::chrono::steady_clock::now() - pulled;
            ++nextCycle;
            proveReconnect = nextCycle > cycles;
            continue;
        }
        INFO("profile " << m_profile.name << ", starts " << m_starts << ", faults " << m_host->faults().size()
                        << ", refusals: " << m_host->refusals().join(QStringLiteral(" | ")).toStdString());
        REQUIRE(m_starts <= maxStarts);
        if (!m_host->bringToStimulating(*m_running, 40, &m_starts)) {
            REQUIRE(++failedBringUps < 10);
            continue; // a fault on the way (the damage hit the handshake or the start): try again
        }
        failedBringUps = 0;
        step();
        if (proveReconnect && m_host->lastCommanded() == m_amplitudeUa) {
            break; // the explicit reconnect after the last replug carried an acknowledged command
        }
    }
    m_loopTime = std::chrono::steady_clock::now() - m_loopBegan - m_unpluggedTime;
    m_host->service().stop();
    REQUIRE(waitUntil(
        [&] {
            const auto s = m_host->state();
            return s == DeviceState::Idle || s == DeviceState::Fault || s == DeviceState::Disconnected;
        },
        3000ms));
    idle(400ms); // the last counters arrive
    report();
}

void Battery::step()
{
    // A random walk in 0.5 mA steps within 4..12 mA, each one a live change through the safety kernel.
    std::int64_t target = m_amplitudeUa;
    if (m_amplitudeUa <= kLowUa) {
        target += kStepUa;
    } else if (m_amplitudeUa >= kHighUa) {
        target -= kStepUa;
    } else {
        target += (m_rng() & 1U) != 0 ? kStepUa : -kStepUa;
    }
    const auto verdict
        = core::safety::SafetyGuard::validateAmplitudeChange(*m_running, 1, core::Microamps(target), *m_limits);
    REQUIRE(verdict.accepted());
    m_host->service().setAmplitude(*verdict.command());
    m_running = *verdict.program();
    m_amplitudeUa = target;
    ++m_steps;
    const bool reached = waitUntil(
        [&] { return m_host->lastCommanded() == target || m_host->state() != DeviceState::Stimulating; }, 5000ms);
    INFO("step " << m_steps << " to " << target << " uA, host commanded " << m_host->lastCommanded() << ", state "
                 << device::toString(m_host->state()));
    REQUIRE(reached);
    if (m_level == Level::Mid && m_host->lastCommanded() == target) {
        // Acknowledged: the device repeats this value now (nothing newer is in flight).
        auto& sim = m_device->stimulator();
        const auto held = sim.output(1).commanded.value();
        if (held != target && m_host->state() == DeviceState::Stimulating
            && sim.state() == device::sim::SimState::Stimulating) {
            ++m_mismatches;
            UNSCOPED_INFO("acknowledged " << target << " uA but the device holds " << held << " uA");
        }
    }
}

void Battery::unplugCycle(int number)
{
    // Cycles go round: stimulating (the stimulator's injected disconnect, as galvani-sim), then the cable pulled
    // while armed, while stimulating and while idle.
    static constexpr std::array<DeviceState, 4> kStates{
        DeviceState::Stimulating, DeviceState::Armed, DeviceState::Stimulating, DeviceState::Idle};
    const auto state = kStates[static_cast<std::size_t>(number - 1) % kStates.size()];
    const bool injected = (number - 1) % static_cast<int>(kStates.size()) == 0;
    INFO("unplug cycle " << number << " in state " << device::toString(state));
    REQUIRE(m_host->bringTo(state, *m_running, 60, &m_starts));
    auto& sim = m_device->stimulator();
    if (state == DeviceState::Stimulating) {
        REQUIRE(waitUntil([&] { return sim.state() == device::sim::SimState::Stimulating; }, 3000ms));
    }
    const auto faultsBefore = m_host->faults().size();
    const auto pulledAt = injected ? m_device->unplug(3000ms) : std::optional(m_device->pullCable());
    REQUIRE(pulledAt);
    REQUIRE(waitUntil([&] { return m_host->faults().size() > faultsBefore; }, 3000ms));
    const auto& fault = m_host->faults()[faultsBefore];
    UnplugCycle cycle;
    cycle.kind = fault.kind;
    cycle.detectMs = static_cast<double>((fault.at - *pulledAt).count()) / 1e6;
    REQUIRE(waitUntil([&] { return m_host->state() == DeviceState::Fault; }, 2000ms));

    // Unplugged: the host must sit still, not poll a vanished port in a loop.
    cycle.cpu = measureIdleCpu(kCpuWindow, *m_device);
    CHECK(m_host->state() == DeviceState::Fault);
    const auto bytesBefore = m_device->hostBytes();
    const auto appliedBefore = sim.appliedLog().size();

    // Plugged in again: the port is back, but nothing reconnects and no output resumes by itself.
    QString error;
    REQUIRE(m_device->replug(&error));
    REQUIRE(waitUntil([&] { return QFileInfo::exists(m_device->linkPath()); }, 1000ms));
    idle(600ms);
    CHECK(m_host->state() == DeviceState::Fault);
    CHECK(m_device->hostBytes() == bytesBefore); // the host did not even open the new port
    CHECK(sim.state() != device::sim::SimState::Stimulating);
    CHECK(sim.appliedLog().size() == appliedBefore);
    CHECK(sim.deliveredCurrent(1).value() == 0);

    std::cout << "linkfaults-unplug profile=" << m_profile.name << " level=" << levelName(m_level)
              << " cycle=" << number << " state=" << device::toString(state)
              << " how=" << (injected ? "injected-disconnect" : "pty-closed")
              << " fault=" << token(device::toString(cycle.kind)) << " detect_ms=" << fmt(cycle.detectMs, 1)
              << " cpu_host_pct=" << fmt(cycle.cpu.hostPercent, 2)
              << " cpu_process_pct=" << fmt(cycle.cpu.processPercent, 2) << " window_s=" << fmt(cycle.cpu.seconds, 2)
              << std::endl;
    CHECK(cycle.kind == device::FaultKind::LinkLost);
    // The hard bound (a measurement printed above; the cable pull is timed in the device thread just
    // before the pty closes, the detection by the controller's own fault time stamp).
    CHECK(cycle.detectMs <= kDetectBoundMs);
    CHECK(cycle.cpu.hostPercent < kCpuBoundPercent);
    m_unplugs.push_back(cycle);
    // The explicit reconnect follows in run(): clear the fault (→ Disconnected), connect, configure, start.
}

void Battery::report()
{
    auto& sim = m_device->stimulator();
    const auto frames = m_device->frames();
    std::vector<std::int64_t> sent; // amplitude frames, in the order the host wrote them
    std::vector<std::chrono::nanoseconds> sentAt; // when the device end read each one
    std::vector<std::size_t> unplugAfter; // for each amplitude frame: how many unplugs came before it
    std::size_t unplugsSeen = 0;
    for (const auto& f : frames) {
        if (f.kind == WireFrame::Kind::Amplitude) {
            sent.push_back(f.amplitudeUa);
            sentAt.push_back(f.at);
            unplugAfter.push_back(unplugsSeen);
        } else if (f.kind == WireFrame::Kind::Unplug) {
            ++unplugsSeen;
        }
    }
    const auto appliedLog = sim.appliedLog();
    std::vector<std::int64_t> applied;
    for (const auto& a : appliedLog) {
        if (a.channel == 1) {
            applied.push_back(a.amplitude.value());
        }
    }
    // Which frame each applied setting came from. The device logs the packet number of every amplitude command
    // just before it applies it, so each applied setting has a value and a packet number; its frame is the latest
    // one with both that the host had written by then, after the frame matched before (copies of one command
    // differ in packet number; numbers restart with every handshake and wrap at 64, hence "latest"). No such
    // frame is a wrong value: one the host did not send, or not by then, or not in that order. The frames left
    // unmatched are the losses.
    const auto received = m_device->received();
    std::vector<std::uint8_t> sentPn;
    for (const auto& f : frames) {
        if (f.kind == WireFrame::Kind::Amplitude) {
            sentPn.push_back(f.packetNumber);
        }
    }
    const std::set<std::int64_t> sentValues(sent.begin(), sent.end());
    std::vector<bool> took(sent.size(), false);
    std::size_t notSent = 0;
    std::size_t outOfOrder = 0;
    std::size_t at = 0; // first frame that may still be matched
    std::size_t rx = 0; // received commands logged before the current applied setting
    for (const auto& a : appliedLog) {
        while (rx < received.size() && received[rx].at <= a.time) {
            ++rx;
        }
        if (a.channel != 1) {
            continue;
        }
        const auto value = a.amplitude.value();
        if (!sentValues.contains(value)) {
            ++notSent;
            continue;
        }
        std::optional<std::size_t> match;
        if (rx > 0) {
            const auto pn = received[rx - 1].packetNumber;
            for (std::size_t i = at; i < sent.size() && sentAt[i] <= a.time; ++i) {
                if (sent[i] == value && sentPn[i] == pn) {
                    match = i;
                }
            }
        }
        if (!match) {
            ++outOfOrder;
            continue;
        }
        took[*match] = true;
        at = *match + 1;
    }
    const auto wrong = notSent + outOfOrder;
    // A lost frame with nothing applied after it before the next cable pull was on its way at the pull (or the
    // damage met it just before; the two look alike): counted apart, since the pull, not the link, took it.
    std::size_t losses = 0;
    std::size_t cutByUnplug = 0;
    bool tail = false; // reading backwards: no applied frame yet between here and the end of the segment
    for (std::size_t i = sent.size(); i-- > 0;) {
        if (i + 1 == sent.size() || unplugAfter[i + 1] != unplugAfter[i]) {
            tail = unplugAfter[i] < unplugsSeen; // the last frame before a pull (not before the final stop)
        }
        if (took[i]) {
            tail = false;
            continue;
        }
        ++losses;
        if (tail) {
            ++cutByUnplug;
        }
    }
    const auto wireLosses = losses - cutByUnplug;

    const auto counters = m_host->counters();
    std::map<std::string, int> faultKinds;
    for (const auto& f : m_host->faults()) {
        ++faultKinds[token(device::toString(f.kind))];
    }
    const auto faults = m_host->faults().size();
    // Mid level, loss by loss: the host sends one amplitude command at a time and the next one only after an
    // ack, and re-sends the same value after an ack timeout or a transfer-error reply. So the frames come in runs
    // of one value (the command and its re-sends). A lost frame is noticed if its run has a copy the device
    // applied (the host kept re-sending until one got through), or if the run ends in a STOP (the session ended
    // in a fault after the retries) or the cable pull. A run the device never applied, followed directly by
    // another value, means the host went on as if the device had it: undetected.
    // Low level: pulses are never re-sent; the host counts a pulse whose ack does not come in time (so lost acks
    // count too). Pulses in flight when a session ends (a STOP or a fault clears them) are abandoned uncounted:
    // at most the in-flight window (8) each time.
    std::uint64_t detected = 0;
    std::uint64_t undetected = 0;
    const std::uint64_t abandonedAllowance = 8U * (faults + 1U);
    if (m_level == Level::Mid) {
        std::size_t k = 0; // index of frames[j] among the amplitude frames
        std::size_t runLength = 0;
        std::size_t runApplied = 0;
        for (std::size_t j = 0; j < frames.size(); ++j) {
            if (frames[j].kind != WireFrame::Kind::Amplitude) {
                continue;
            }
            ++runLength;
            runApplied += took[k++] ? 1U : 0U;
            const bool more = j + 1 < frames.size() && frames[j + 1].kind == WireFrame::Kind::Amplitude;
            if (more && frames[j + 1].amplitudeUa == frames[j].amplitudeUa) {
                continue; // the run goes on
            }
            const auto lost = runLength - runApplied;
            const bool noticed = runApplied > 0 || (j + 1 < frames.size() && !more);
            (noticed ? detected : undetected) += lost;
            if (!noticed && undetected <= 3 * lost) {
                printContext(frames, took, j + 1 - runLength, j);
            }
            runLength = 0;
            runApplied = 0;
        }
    } else {
        detected = counters.pulsesLost;
    }
    double worstDetect = 0.0;
    double worstCpu = 0.0;
    for (const auto& c : m_unplugs) {
        worstDetect = std::max(worstDetect, c.detectMs);
        worstCpu = std::max(worstCpu, c.cpu.hostPercent);
    }
    const auto stats = sim.linkFaultStats();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_began).count();

    std::string kinds;
    for (const auto& [kind, count] : faultKinds) {
        kinds += (kinds.empty() ? "" : ",") + kind + ":" + std::to_string(count);
    }
    std::cout << "linkfaults profile=" << m_profile.name << " protocol=sciencemode4 level=" << levelName(m_level)
              << " commands=" << sent.size() << " wrong_applied=" << wrong << " losses=" << losses
              << " detected=" << detected << " undetected=" << undetected << " cut_by_unplug=" << cutByUnplug
              << (m_level == Level::Low ? " abandoned_allowance=" + std::to_string(abandonedAllowance) : std::string())
              << " unplug_detect_ms=" << fmt(worstDetect, 1) << " cpu_unplugged_pct=" << fmt(worstCpu, 2)
              << (m_baseline ? " cpu_never_connected_pct=" + fmt(m_baseline->hostPercent, 2) : std::string())
              << " applied=" << applied.size() << " retries=" << counters.retries
              << " ack_timeouts=" << counters.ackTimeouts << " pulses_lost=" << counters.pulsesLost
              << " rejected=" << counters.framesRejected << " faults=" << faults
              << (kinds.empty() ? "" : "(" + kinds + ")") << " starts=" << m_starts << " steps=" << m_steps
              << " unplugs=" << m_unplugs.size() << " mismatches=" << m_mismatches << " proxy_dropped=" << stats.dropped
              << " proxy_corrupted=" << stats.corrupted << " proxy_duplicated=" << stats.duplicated
              << " proxy_stalls=" << stats.stalls << " proxy_truncated=" << stats.truncated
              << " proxy_rechunked=" << stats.rechunked << " rate_per_s="
              << fmt(static_cast<double>(sent.size()) / std::chrono::duration<double>(m_loopTime).count(), 1)
              << " seed=" << m_seed << " seconds=" << fmt(seconds, 1) << std::endl;

    QStringList oracle;
    for (const auto& entry : sim.oracle()) {
        oracle << QString::fromStdString(entry.command + ": " + entry.reason);
    }
    INFO("oracle: " << oracle.join(QStringLiteral(" | ")).toStdString());
    INFO("faults: " << kinds << "; refusals: " << m_host->refusals().join(QStringLiteral(" | ")).toStdString());
    CHECK(sent.size() >= static_cast<std::size_t>(m_commands));
    CHECK(notSent == 0); // zero commands applied with a value the host did not send
    CHECK(outOfOrder == 0);
    CHECK(sim.oracleCount() == 0); // nothing beyond the device's limits reached it
    CHECK(m_mismatches == 0); // no acknowledged value the device does not hold
    CHECK(applied.size() <= sent.size()); // nothing applied twice from one frame
    // Every loss noticed.
    if (m_level == Level::Mid) {
        CHECK(undetected == 0);
        CHECK(counters.retries + faults >= losses); // the host's own count agrees
    } else {
        CHECK(counters.pulsesLost + abandonedAllowance >= losses);
        if (wireLosses > 0) {
            CHECK(counters.pulsesLost > 0);
        }
    }
    // The proxy did what the profile says (the damage is seeded; how many bytes it meets depends on timing).
    const std::string_view spec(m_profile.faults);
    if (spec.starts_with("drop")) {
        CHECK(stats.dropped > 0);
    } else if (spec.starts_with("corrupt")) {
        CHECK(stats.corrupted > 0);
    } else if (spec.starts_with("duplicate")) {
        CHECK(stats.duplicated > 0);
    } else if (spec.starts_with("stall")) {
        CHECK(stats.stalls > 0);
    } else if (spec.starts_with("truncate")) {
        CHECK(stats.truncated > 0);
    } else if (spec.starts_with("rechunk")) {
        CHECK(stats.rechunked > 0);
        CHECK(wireLosses == 0); // boundaries moved, no byte lost: nothing may go missing on the link
    }
    CHECK(m_unplugs.size() >= 1);
}

} // namespace

#define LINKFAULT_CASE(PROFILE, LEVEL, NAME)                                                                           \
    TEST_CASE(NAME, "[reliability][linkfaults]")                                                                       \
    {                                                                                                                  \
        Battery battery(PROFILE, LEVEL);                                                                               \
        battery.run();                                                                                                 \
    }

LINKFAULT_CASE(kDrop, Level::Mid, "Link faults drop 1 percent of bytes on ScienceMode4 mid level")
LINKFAULT_CASE(kDrop, Level::Low, "Link faults drop 1 percent of bytes on ScienceMode4 low level")
LINKFAULT_CASE(kBitFlip, Level::Mid, "Link faults bit flip in 0.1 percent of bytes on ScienceMode4 mid level")
LINKFAULT_CASE(kBitFlip, Level::Low, "Link faults bit flip in 0.1 percent of bytes on ScienceMode4 low level")
LINKFAULT_CASE(kDuplicate, Level::Mid, "Link faults duplicate 0.5 percent of bytes on ScienceMode4 mid level")
LINKFAULT_CASE(kDuplicate, Level::Low, "Link faults duplicate 0.5 percent of bytes on ScienceMode4 low level")
LINKFAULT_CASE(kRechunk, Level::Mid, "Link faults moved chunk boundaries on ScienceMode4 mid level")
LINKFAULT_CASE(kRechunk, Level::Low, "Link faults moved chunk boundaries on ScienceMode4 low level")
LINKFAULT_CASE(kStall, Level::Mid, "Link faults 200 ms stalls on ScienceMode4 mid level")
LINKFAULT_CASE(kStall, Level::Low, "Link faults 200 ms stalls on ScienceMode4 low level")
LINKFAULT_CASE(kTruncate, Level::Mid, "Link faults truncated chunks on ScienceMode4 mid level")
LINKFAULT_CASE(kTruncate, Level::Low, "Link faults truncated chunks on ScienceMode4 low level")
LINKFAULT_CASE(kUnplug, Level::Mid, "Link faults unplug and replug on ScienceMode4 mid level")
LINKFAULT_CASE(kUnplug, Level::Low, "Link faults unplug and replug on ScienceMode4 low level")

} // namespace galvani::test::linkfaults
