// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/transport/Transport.h"

#include <QTimer>

#ifndef Q_MOC_RUN // moc cannot parse the C++20 headers <random> includes
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <random>
#endif

namespace galvani::device {

// A Transport decorator that damages the byte stream on purpose: drops, corrupts (one bit flipped)
// or duplicates single bytes with a given probability, delays every byte by a fixed time, stalls
// the stream (holds everything back) for a while with a given probability per chunk, truncates a
// chunk (loses its tail) with a given probability per chunk, and re-cuts the chunk boundaries (splits
// chunks at random bytes and lets the pieces leave at random intervals, so one frame arrives in several
// reads and pieces of neighbouring chunks arrive in one). Each direction
// has its own profile: Outbound = what the owner write()s (towards the inner transport's peer),
// Inbound = what the inner transport receives (towards the owner). Order is always kept: delayed and
// stalled bytes leave in the order they came.
// Use it between any host and device (the simulator uses it for its link faults; soak tests put it
// between the device controller and the simulator). The random generator is seeded, so a run with the
// same seed, profile and input chunks damages the same bytes.
// Thread affinity: the inner transport's thread (it forwards its signals and owns timers).
// Ownership: wraps an inner transport it either owns (unique_ptr constructor) or merely uses.
class FaultInjectingTransport final : public Transport {
    Q_OBJECT
public:
    enum class Direction : std::uint8_t { Outbound, Inbound };

    // Probabilities in 0..1; times in milliseconds.
    struct Profile {
        double dropProbability = 0.0; // per byte
        double corruptProbability = 0.0; // per byte
        double duplicateProbability = 0.0; // per byte
        std::chrono::milliseconds delay{0}; // added latency of every byte
        double stallProbability = 0.0; // per chunk: hold the stream back for stallDuration
        std::chrono::milliseconds stallDuration{0};
        double truncateProbability = 0.0; // per chunk: lose the chunk's tail from a random byte on
        double rechunkProbability = 0.0; // per byte: a chunk boundary after this byte
        std::chrono::milliseconds rechunkSpread{0}; // each piece leaves 0..rechunkSpread after the previous

        [[nodiscard]] bool clean() const
        {
            return dropProbability <= 0.0 && corruptProbability <= 0.0 && duplicateProbability <= 0.0
                && delay.count() <= 0 && stallProbability <= 0.0 && truncateProbability <= 0.0
                && rechunkProbability <= 0.0;
        }
    };

    // Counters, readable from any thread.
    struct Stats {
        std::uint64_t bytesIn = 0; // bytes that entered either direction
        std::uint64_t dropped = 0;
        std::uint64_t corrupted = 0;
        std::uint64_t duplicated = 0;
        std::uint64_t stalls = 0;
        std::uint64_t truncated = 0; // chunks that lost their tail
        std::uint64_t truncatedBytes = 0; // bytes lost that way (not counted in dropped)
        std::uint64_t rechunked = 0; // chunks cut into more than one piece
    };

    FaultInjectingTransport(Transport& inner, std::uint64_t seed, QObject* parent = nullptr);
    FaultInjectingTransport(std::unique_ptr<Transport> inner, std::uint64_t seed, QObject* parent = nullptr);
    ~FaultInjectingTransport() override;

    void setProfile(Direction direction, const Profile& profile);
    void setProfiles(const Profile& both);
    [[nodiscard]] Profile profile(Direction direction) const;
    [[nodiscard]] Stats stats() const;
    [[nodiscard]] Transport& inner() { return *m_inner; }

    bool open(QString* error) override;
    void close() override;
    [[nodiscard]] bool isOpen() const override;
    bool write(const QByteArray& bytes) override;
    [[nodiscard]] QString description() const override;

private:
    struct Pending {
        std::chrono::nanoseconds due{0};
        QByteArray bytes;
    };
    struct Lane {
        Profile profile;
        std::deque<Pending> queue;
        std::chrono::nanoseconds stalledUntil{0};
        QTimer timer;
    };

    void connectInner();
    void onInnerBytes(const QByteArray& bytes);
    void onInnerLost(const QString& reason);
    void push(Direction direction, const QByteArray& bytes);
    void drain(Direction direction);
    void deliver(Direction direction, const QByteArray& bytes);
    [[nodiscard]] QByteArray damage(const Profile& profile, const QByteArray& bytes);
    [[nodiscard]] QByteArray truncate(const Profile& profile, const QByteArray& bytes);
    void enqueue(Direction direction, std::chrono::nanoseconds due, const QByteArray& bytes);
    [[nodiscard]] Lane& lane(Direction direction) { return direction == Direction::Outbound ? m_out : m_in; }
    [[nodiscard]] static std::chrono::nanoseconds now();

    std::unique_ptr<Transport> m_owned;
    Transport* m_inner;
    std::mt19937_64 m_rng;
    Lane m_out;
    Lane m_in;
    std::atomic<std::uint64_t> m_bytesIn{0};
    std::atomic<std::uint64_t> m_dropped{0};
    std::atomic<std::uint64_t> m_corrupted{0};
    std::atomic<std::uint64_t> m_duplicated{0};
    std::atomic<std::uint64_t> m_stalls{0};
    std::atomic<std::uint64_t> m_truncated{0};
    std::atomic<std::uint64_t> m_truncatedBytes{0};
    std::atomic<std::uint64_t> m_rechunked{0};
};

} // namespace galvani::device
