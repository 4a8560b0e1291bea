// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "device/sim/ChannelModel.h"
#include "device/sim/SimTypes.h"
#include "device/sim/SimulatorConfig.h"

#include <array>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace galvani::device::sim {

// The protocol-independent device: each channel's physics and what it is running, the device state,
// stop records, the oracle's list and the log of applied settings. The protocol personalities
// (Sm2DeviceSide, Sm4DeviceSide) drive it; tests and benchmarks observe it.
// Thread affinity: mutators are called from the simulator's thread only; every observer may be
// called from any thread (one mutex guards everything; the log sink is called outside it).
// Channels are numbered 1..config.channels; out-of-range numbers are ignored by mutators (the
// personalities refuse such commands first). Units: µA, µs, mV, ohms; times are monotonic ns.
class StimulatorModel {
public:
    using LogSink = std::function<void(const std::string&)>;

    static constexpr std::size_t kMaxOracleEntries = 10'000;
    static constexpr std::size_t kMaxAppliedEntries = 65'536;

    StimulatorModel(const SimulatorConfig& config, const core::Clock& clock);

    // Where state-change lines go (galvani-sim: stderr). Set before the simulator starts.
    void setLogSink(LogSink sink) { m_log = std::move(sink); }
    // Called (outside the lock, in the simulator's thread) whenever state() changes.
    void setStateSink(std::function<void(SimState)> sink) { m_stateSink = std::move(sink); }
    [[nodiscard]] const SimulatorConfig& config() const { return m_config; }
    [[nodiscard]] std::chrono::nanoseconds now() const { return m_clock.monotonic(); }
    // The simulator's time source; the outgoing queue and the low-level pulse queue use it too.
    [[nodiscard]] const core::Clock& clock() const { return m_clock; }

    // ---- simulator thread ----
    // The state when no channel runs: Idle, Armed or LatchedWatchdog (Stimulating is derived).
    void setBaseState(SimState state);
    // Starts or updates a free-running channel (ScienceMode2 channel list, ScienceMode4 mid level).
    // restartRamp: the channel was (re-)enabled, so a ramp starts from its first pulse.
    void runChannel(int channel, const PulseShape& shape, core::Microseconds period, int rampPulses,
        core::Millivolts compliance, bool restartRamp, std::string_view command);
    // One host-paced pulse (low level, one-shot list mode, single pulse). expectedPeriod is the
    // host's pace as far as known (0: unknown). Returns the shape the output stage actually drives
    // (differs from `shape` only while the channel is stuck).
    PulseShape firePulse(int channel, const PulseShape& shape, core::Microseconds expectedPeriod,
        core::Millivolts compliance, std::string_view command);
    // Stop one channel / every channel. Return true if output was on (a stop line was logged).
    // stopAll can set the base state in the same step (one state line instead of two).
    bool stopChannel(int channel, StopCause cause, std::string_view detail);
    bool stopAll(StopCause cause, std::string_view detail, std::optional<SimState> baseState = std::nullopt);
    void setElectrodeError(int channel, bool error);
    void clearElectrodeErrors();
    // Oracle: a command beyond the device's limits or against the protocol's rules.
    void recordViolation(std::string command, std::string reason);
    // Logs a line through the sink (commands, faults).
    void log(const std::string& line) const;

    // Channel faults.
    void setOpenElectrode(int channel, bool open);
    void setImpedanceOverride(int channel, std::optional<core::Ohms> ohms);
    void setOverCurrent(int channel, bool on);
    void setStuck(int channel, bool stuck);

    // ---- any thread ----
    [[nodiscard]] SimState state() const;
    [[nodiscard]] ChannelModel physics(int channel) const;
    [[nodiscard]] bool running(int channel) const;
    [[nodiscard]] bool anyOutput() const; // some channel runs with a non-zero amplitude
    [[nodiscard]] std::vector<ChannelOutput> outputs() const;
    [[nodiscard]] ChannelOutput output(int channel) const;
    [[nodiscard]] core::Microamps delivered(int channel) const; // 0 when off or out of range
    [[nodiscard]] std::optional<StopEvent> lastStop() const;
    [[nodiscard]] std::optional<StopEvent> lastChannelStop(int channel) const;
    [[nodiscard]] std::vector<OracleEntry> oracle() const;
    [[nodiscard]] std::size_t oracleCount() const; // every violation ever, also those no longer kept
    [[nodiscard]] std::vector<AppliedSetting> appliedLog() const;

private:
    struct Channel {
        ChannelModel physics;
        bool running = false;
        PulseShape commanded;
        PulseShape applied; // what the output stage drives (stuck level applied)
        core::Microseconds period{0};
        int rampPulses = 0;
        std::chrono::nanoseconds enabledAt{0};
        core::Millivolts compliance{0};
        bool electrodeError = false;
        bool stuck = false;
        std::optional<core::Microamps> stuckLevel;
        std::optional<StopEvent> lastStop;
    };

    [[nodiscard]] Channel* find(int channel);
    [[nodiscard]] const Channel* find(int channel) const;
    [[nodiscard]] bool anyOutputLocked() const;
    [[nodiscard]] SimState stateLocked() const;
    [[nodiscard]] ChannelOutput outputLocked(std::size_t index, std::chrono::nanoseconds now) const;
    void applyStuck(Channel& c);
    void record(const Channel& c, int channel, std::string_view command);
    // Logs lines and, if the state changed, a state line; called outside the lock.
    void publish(const std::vector<std::string>& lines, SimState before, SimState after) const;

    SimulatorConfig m_config;
    const core::Clock& m_clock;
    LogSink m_log;
    std::function<void(SimState)> m_stateSink;
    mutable std::mutex m_mutex;
    std::array<Channel, kMaxSimChannels> m_channels{};
    SimState m_baseState = SimState::Idle;
    std::optional<StopEvent> m_lastStop;
    std::deque<OracleEntry> m_oracle;
    std::size_t m_oracleCount = 0;
    std::deque<AppliedSetting> m_applied;
};

} // namespace galvani::device::sim
