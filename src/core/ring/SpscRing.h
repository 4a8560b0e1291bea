// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <type_traits>

namespace galvani::core {

// True for capacities an SpscRing accepts: a power of two, at least 2. Exposed so callers that
// pick a capacity from configuration can check it before instantiating, and so tests can too.
[[nodiscard]] constexpr bool isValidRingCapacity(std::size_t capacity) noexcept
{
    return capacity >= 2 && (capacity & (capacity - 1)) == 0;
}

// Assumed size of a cache line. std::hardware_destructive_interference_size is deliberately not used:
// GCC warns that its value may differ between compiler versions, which would silently change this
// class's layout across translation units built with different flags. 64 bytes is right for x86-64 and
// most ARMv8 cores; on parts with 128-byte lines this only costs some false sharing, never correctness.
inline constexpr std::size_t kRingCacheLine = 64;

// What SpscRing accepts: values it may copy with memcpy semantics (no constructors run in the slots) and a
// power-of-two capacity, which turns the index wrap into a mask.
template <typename T, std::size_t Capacity>
concept SpscRingParameters
    = std::is_trivially_copyable_v<T> && std::default_initializable<T> && isValidRingCapacity(Capacity);

// A bounded, lock-free, single-producer / single-consumer FIFO of fixed-size values.
//
// Purpose: carries telemetry samples from a device thread to the GUI thread. The device thread must never
// wait for the GUI, so a full ring DROPS THE NEWEST value (the one being pushed) and counts it; the values
// already queued stay intact and in order. Dropping the newest rather than the oldest keeps the consumer's
// view gap-free up to the overflow point, and means the producer never writes a slot the consumer may be
// reading.
//
// Thread affinity: exactly ONE producer thread calls tryPush(); exactly ONE consumer thread calls tryPop(),
// popInto(), empty() and sizeApprox(). overruns() and capacity() may be called from any thread. The roles may
// move to other threads only with outside synchronisation (for example, a thread join) between the old and
// new owner. Using two producers or two consumers at once is a data race.
// Ownership: owns its storage inline (Capacity * sizeof(T) bytes); allocate large rings on the heap.
// Units: counts are numbers of values; the ring attaches no physical unit to T.
//
// Memory ordering: the producer publishes a slot with a release store of m_head after writing it; the
// consumer's acquire load of m_head therefore sees the slot's contents. Symmetrically the consumer releases
// a slot with a release store of m_tail after reading it, and the producer's acquire load of m_tail makes
// the slot safe to overwrite. Each side keeps a private cached copy of the other side's index so that, in
// the common case, it touches only its own cache line.
template <typename T, std::size_t Capacity>
requires SpscRingParameters<T, Capacity>
class SpscRing {
public:
    using value_type = T;

    SpscRing() = default;
    SpscRing(const SpscRing&) = delete;
    SpscRing& operator=(const SpscRing&) = delete;
    SpscRing(SpscRing&&) = delete;
    SpscRing& operator=(SpscRing&&) = delete;
    ~SpscRing() = default;

    [[nodiscard]] static constexpr std::size_t capacity() noexcept { return Capacity; }

    // Producer only. Appends value; returns false and counts one overrun if the ring is full.
    bool tryPush(const T& value) noexcept
    {
        const std::uint64_t head = m_head.load(std::memory_order_relaxed);
        if (head - m_cachedTail >= Capacity) {
            m_cachedTail = m_tail.load(std::memory_order_acquire);
            if (head - m_cachedTail >= Capacity) {
                // Only this thread writes the counter, so a load/store pair is enough (no read-modify-write);
                // the atomic makes concurrent reads from the consumer well defined.
                m_overruns.store(m_overruns.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
                return false;
            }
        }
        m_slots[slotIndex(head)] = value;
        m_head.store(head + 1, std::memory_order_release);
        return true;
    }

    // Consumer only. Removes the oldest value into out; returns false (out untouched) if the ring is empty.
    bool tryPop(T& out) noexcept
    {
        const std::uint64_t tail = m_tail.load(std::memory_order_relaxed);
        if (tail == m_cachedHead) {
            m_cachedHead = m_head.load(std::memory_order_acquire);
            if (tail == m_cachedHead) {
                return false;
            }
        }
        out = m_slots[slotIndex(tail)];
        m_tail.store(tail + 1, std::memory_order_release);
        return true;
    }

    // Consumer only. Removes and returns the oldest value, or nothing if the ring is empty.
    [[nodiscard]] std::optional<T> tryPop() noexcept
    {
        T value;
        if (!tryPop(value)) {
            return std::nullopt;
        }
        return value;
    }

    // Consumer only. Moves up to out.size() of the oldest values into out, in FIFO order, and returns how many
    // were moved. The slots are released to the producer with a single store, which is what makes draining a
    // whole frame's worth of samples at once much cheaper than popping them one by one.
    std::size_t popInto(std::span<T> out) noexcept
    {
        const std::uint64_t tail = m_tail.load(std::memory_order_relaxed);
        m_cachedHead = m_head.load(std::memory_order_acquire);
        const auto available = static_cast<std::size_t>(m_cachedHead - tail);
        const std::size_t count = std::min(available, out.size());
        if (count == 0) {
            return 0;
        }
        // The values occupy at most two contiguous runs: up to the end of the storage, then from its start.
        const std::size_t first = slotIndex(tail);
        const std::size_t firstRun = std::min(count, Capacity - first);
        const auto begin = m_slots.begin() + static_cast<std::ptrdiff_t>(first);
        std::copy(begin, begin + static_cast<std::ptrdiff_t>(firstRun), out.begin());
        std::copy(m_slots.begin(), m_slots.begin() + static_cast<std::ptrdiff_t>(count - firstRun),
            out.begin() + static_cast<std::ptrdiff_t>(firstRun));
        m_tail.store(tail + count, std::memory_order_release);
        return count;
    }

    // Consumer only. True if no value is waiting at the moment of the call.
    [[nodiscard]] bool empty() const noexcept
    {
        return m_tail.load(std::memory_order_relaxed) == m_head.load(std::memory_order_acquire);
    }

    // Consumer only. Number of values waiting; exact for the consumer except that the producer may add more
    // right after the call.
    [[nodiscard]] std::size_t sizeApprox() const noexcept
    {
        const std::uint64_t head = m_head.load(std::memory_order_acquire);
        return static_cast<std::size_t>(head - m_tail.load(std::memory_order_relaxed));
    }

    // Any thread. Total number of values dropped because the ring was full, since construction. Monotonic; a
    // reader on another thread may see a slightly older value than the producer has already counted.
    [[nodiscard]] std::uint64_t overruns() const noexcept { return m_overruns.load(std::memory_order_relaxed); }

private:
    // 64-bit counters never wrap in practice (at 10^9 values per second that takes over 500 years), which
    // lets "full" be head - tail == Capacity without a wasted slot or an extra flag.
    static constexpr std::size_t slotIndex(std::uint64_t position) noexcept
    {
        return static_cast<std::size_t>(position & (Capacity - 1));
    }

    // Producer's cache line: its index, its view of the consumer's index, and the counter only it writes.
    alignas(kRingCacheLine) std::atomic<std::uint64_t> m_head{0};
    std::uint64_t m_cachedTail = 0;
    std::atomic<std::uint64_t> m_overruns{0};

    // Consumer's cache line.
    alignas(kRingCacheLine) std::atomic<std::uint64_t> m_tail{0};
    std::uint64_t m_cachedHead = 0;

    // Storage starts on its own line so the first slots never share a line with either index.
    alignas(kRingCacheLine) std::array<T, Capacity> m_slots{};
};

} // namespace galvani::core
