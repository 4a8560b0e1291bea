// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/sim/DeviceSide.h"
#include "device/sim/Watchdog.h"
#include "protocols/sciencemode4/Commands.h"
#include "protocols/sciencemode4/Messages.h"

#include <array>
#include <chrono>
#include <functional>
#include <optional>

namespace galvani::device::sim {

// ScienceMode4 / ScienceMode3 mid level (SCIENCEMODE4.md §3, §4.4): the device repeats each enabled
// channel's points every period by itself; Ml_update sets the whole programme (channels left out
// stop; channels that stay enabled keep running without a ramp restart); Ml_get_current_data reports
// running flags and per-channel states. Lead-off (detected from 15 mA) stops the channel, or all of
// them when Ml_init asked so, and latches state 1 until the next Ml_init. The keep-alive watchdog runs
// while any channel runs; on expiry the owner is called (it stops, drops the level and latches).
// Thread affinity: the simulator's thread. Units: µA, µs, mV.
class Sm4MidLevel {
public:
    static constexpr core::Millivolts kCompliance{150'000}; // mid level always runs at 150 V
    static constexpr core::Microamps kElectrodeDetection{15'000}; // result 10 note, §5

    Sm4MidLevel(SimContext& context, Watchdog::Expired onWatchdog);

    // Entering mid level (Ml_init): forget channel errors.
    void init(bool stopAllChannelsOnError);
    // Leaving mid level (Ml_stop, Ml_init while running, reset, watchdog, fault, link loss).
    void leave();
    // Returns Ok, or ParameterError for an enabled channel that is not fitted (nothing changes then).
    [[nodiscard]] proto::sm4::ResultCode update(const proto::sm4::MlUpdate& update);
    [[nodiscard]] bool sameAsLast(const proto::sm4::MlUpdate& update) const { return m_last && *m_last == update; }
    // A poll: keep-alive.
    void keepAlive();
    [[nodiscard]] proto::sm4::MlGetCurrentDataAck currentData(proto::sm4::CurrentDataSelection selection) const;
    // Reacts to channel faults on running channels: electrode errors stop channels here; returns the
    // first channel with an over-current (the owner trips the device), 0 if none.
    int checkFaults();
    [[nodiscard]] bool anyRunning() const;
    [[nodiscard]] std::chrono::milliseconds watchdogPeriod() const { return m_watchdog.period(); }

private:
    [[nodiscard]] proto::sm4::ElectrodeStatus groupStatus(int firstChannel) const;
    void updateWatchdog();

    SimContext& m_ctx;
    Watchdog m_watchdog;
    bool m_stopAllOnError = false;
    std::array<bool, 8> m_electrodeError{};
    std::optional<proto::sm4::MlUpdate> m_last;
};

} // namespace galvani::device::sim
