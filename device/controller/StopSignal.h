// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>

namespace galvani::device {

// The global STOP request as an atomic generation counter. Any thread calls request(); the device
// thread compares pending(seen) before every write and in every tick, so a STOP overtakes whatever is
// queued. A counter (not a flag) needs no clearing, so two STOPs can never cancel each other out.
// Thread affinity: any thread. Ownership: shared between a DeviceService and its controller
// (std::shared_ptr); lock-free.
class StopSignal {
public:
    void request() { m_generation.fetch_add(1, std::memory_order_acq_rel); }
    [[nodiscard]] std::uint64_t generation() const { return m_generation.load(std::memory_order_acquire); }

private:
    std::atomic<std::uint64_t> m_generation{0};
};

// The process-wide STOP (DeviceService::stopAll): every DeviceController checks it as well as its own.
// request() is a lock-free atomic increment, so even a signal handler may call it.
[[nodiscard]] inline StopSignal& globalStopSignal()
{
    static StopSignal global;
    return global;
}

} // namespace galvani::device
