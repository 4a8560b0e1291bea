// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/transport/FaultInjectingTransport.h"

#include <algorithm>

namespace galvani::device {

FaultInjectingTransport::FaultInjectingTransport(Transport& inner, std::uint64_t seed, QObject* parent)
    : Transport(parent), m_inner(&inner), m_rng(seed)
{
    connectInner();
}

FaultInjectingTransport::FaultInjectingTransport(std::unique_ptr<Transport> inner, std::uint64_t seed, QObject* parent)
    : Transport(parent), m_owned(std::move(inner)), m_inner(m_owned.get()), m_rng(seed)
{
    connectInner();
}

FaultInjectingTransport::~FaultInjectingTransport()
{
    // Disconnect first: the inner transport may outlive this decorator and must not call back into it.
    QObject::disconnect(m_inner, nullptr, this, nullptr);
}

void FaultInjectingTransport::connectInner()
{
    connect(m_inner, &Transport::bytesReceived, this, &FaultInjectingTransport::onInnerBytes);
    connect(m_inner, &Transport::linkLost, this, &FaultInjectingTransport::onInnerLost);
    for (const Direction d : {Direction::Outbound, Direction::Inbound}) {
        Lane& l = lane(d);
        l.timer.setParent(this); // moves with this object to another thread (members leave the child
                                 // list in their own destructor, before ~QObject runs)
        l.timer.setSingleShot(true);
        l.timer.setTimerType(Qt::PreciseTimer);
        connect(&l.timer, &QTimer::timeout, this, [this, d] { drain(d); });
    }
}

std::chrono::nanoseconds FaultInjectingTransport::now()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch());
}

void FaultInjectingTransport::setProfile(Direction direction, const Profile& profile)
{
    lane(direction).profile = profile;
}

void FaultInjectingTransport::setProfiles(const Profile& both)
{
    m_out.profile = both;
    m_in.profile = both;
}

FaultInjectingTransport::Profile FaultInjectingTransport::profile(Direction direction) const
{
    return direction == Direction::Outbound ? m_out.profile : m_in.profile;
}

FaultInjectingTransport::Stats FaultInjectingTransport::stats() const
{
    return Stats{m_bytesIn.load(), m_dropped.load(), m_corrupted.load(), m_duplicated.load(), m_stalls.load(),
        m_truncated.load(), m_truncatedBytes.load(), m_rechunked.load()};
}

bool FaultInjectingTransport::open(QString* error)
{
    return m_inner->open(error);
}

void FaultInjectingTransport::close()
{
    for (Lane* l : {&m_out, &m_in}) {
        l->queue.clear();
        l->timer.stop();
        l->stalledUntil = std::chrono::nanoseconds(0);
    }
    m_inner->close();
}

bool FaultInjectingTransport::isOpen() const
{
    return m_inner->isOpen();
}

bool FaultInjectingTransport::write(const QByteArray& bytes)
{
    if (!m_inner->isOpen()) {
        return false;
    }
    push(Direction::Outbound, bytes);
    return true;
}

QString FaultInjectingTransport::description() const
{
    return QStringLiteral("faults(%1)").arg(m_inner->description());
}

void FaultInjectingTransport::onInnerBytes(const QByteArray& bytes)
{
    push(Direction::Inbound, bytes);
}

void FaultInjectingTransport::onInnerLost(const QString& reason)
{
    for (Lane* l : {&m_out, &m_in}) {
        l->queue.clear();
        l->timer.stop();
    }
    Q_EMIT linkLost(reason);
}

QByteArray FaultInjectingTransport::damage(const Profile& profile, const QByteArray& bytes)
{
    if (profile.dropProbability <= 0.0 && profile.corruptProbability <= 0.0 && profile.duplicateProbability <= 0.0) {
        return bytes;
    }
    std::uniform_real_distribution<double> chance(0.0, 1.0);
    std::uniform_int_distribution<int> bit(0, 7);
    QByteArray out;
    out.reserve(bytes.size() + 8);
    for (const char c : bytes) {
        if (profile.dropProbability > 0.0 && chance(m_rng) < profile.dropProbability) {
            ++m_dropped;
            continue;
        }
        auto b = static_cast<unsigned char>(c);
        if (profile.corruptProbability > 0.0 && chance(m_rng) < profile.corruptProbability) {
            b = static_cast<unsigned char>(b ^ (1U << static_cast<unsigned>(bit(m_rng))));
            ++m_corrupted;
        }
        out.append(static_cast<char>(b));
        if (profile.duplicateProbability > 0.0 && chance(m_rng) < profile.duplicateProbability) {
            out.append(static_cast<char>(b));
            ++m_duplicated;
        }
    }
    return out;
}

QByteArray FaultInjectingTransport::truncate(const Profile& profile, const QByteArray& bytes)
{
    if (profile.truncateProbability <= 0.0 || bytes.isEmpty()) {
        return bytes;
    }
    std::uniform_real_distribution<double> chance(0.0, 1.0);
    if (chance(m_rng) >= profile.truncateProbability) {
        return bytes;
    }
    // Keep a prefix of 0..size-1 bytes: at least the last byte is lost, as when a transfer breaks off.
    std::uniform_int_distribution<qsizetype> keep(0, bytes.size() - 1);
    const qsizetype kept = keep(m_rng);
    ++m_truncated;
    m_truncatedBytes += static_cast<std::uint64_t>(bytes.size() - kept);
    return bytes.left(kept);
}

void FaultInjectingTransport::push(Direction direction, const QByteArray& bytes)
{
    Lane& l = lane(direction);
    m_bytesIn += static_cast<std::uint64_t>(bytes.size());
    const QByteArray damaged = damage(l.profile, truncate(l.profile, bytes));
    if (damaged.isEmpty()) {
        return;
    }
    const auto t = now();
    if (l.profile.stallProbability > 0.0 && l.profile.stallDuration.count() > 0) {
        std::uniform_real_distribution<double> chance(0.0, 1.0);
        if (chance(m_rng) < l.profile.stallProbability) {
            l.stalledUntil = std::max(l.stalledUntil, t + std::chrono::nanoseconds(l.profile.stallDuration));
            ++m_stalls;
        }
    }
    auto due = std::max(t + std::chrono::nanoseconds(l.profile.delay), l.stalledUntil);
    if (l.profile.rechunkProbability > 0.0) {
        // Cut at random bytes; each piece leaves a random 0..rechunkSpread after the one before it, and drain()
        // joins whatever is due together, so boundaries move both ways (one frame in several pieces, the end
        // of one chunk and the start of the next in one). Bytes and their order are untouched.
        std::uniform_real_distribution<double> chance(0.0, 1.0);
        const auto spreadUs = std::chrono::duration_cast<std::chrono::microseconds>(l.profile.rechunkSpread).count();
        std::uniform_int_distribution<std::int64_t> gap(0, std::max<std::int64_t>(spreadUs, 0));
        qsizetype from = 0;
        int pieces = 0;
        for (qsizetype i = 0; i < damaged.size(); ++i) {
            const bool last = i + 1 == damaged.size();
            if (last || chance(m_rng) < l.profile.rechunkProbability) {
                enqueue(direction, due, damaged.mid(from, i + 1 - from));
                ++pieces;
                from = i + 1;
                if (!last) {
                    due += std::chrono::microseconds(gap(m_rng));
                }
            }
        }
        if (pieces > 1) {
            ++m_rechunked;
        }
        drain(direction);
        return;
    }
    if (l.queue.empty() && due <= t) {
        deliver(direction, damaged);
        return;
    }
    enqueue(direction, due, damaged);
    drain(direction);
}

void FaultInjectingTransport::enqueue(Direction direction, std::chrono::nanoseconds due, const QByteArray& bytes)
{
    Lane& l = lane(direction);
    if (!l.queue.empty()) {
        due = std::max(due, l.queue.back().due); // order is kept
    }
    l.queue.push_back(Pending{due, bytes});
}

void FaultInjectingTransport::drain(Direction direction)
{
    Lane& l = lane(direction);
    const bool join = l.profile.rechunkProbability > 0.0;
    while (!l.queue.empty() && l.queue.front().due <= now()) {
        QByteArray bytes = std::move(l.queue.front().bytes);
        l.queue.pop_front();
        while (join && !l.queue.empty() && l.queue.front().due <= now()) {
            bytes += l.queue.front().bytes; // pieces due together leave as one chunk
            l.queue.pop_front();
        }
        deliver(direction, bytes);
    }
    if (l.queue.empty()) {
        l.timer.stop();
        return;
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(l.queue.front().due - now());
    l.timer.start(std::max(wait, std::chrono::milliseconds(0)));
}

void FaultInjectingTransport::deliver(Direction direction, const QByteArray& bytes)
{
    if (direction == Direction::Outbound) {
        m_inner->write(bytes);
    } else {
        Q_EMIT bytesReceived(bytes);
    }
}

} // namespace galvani::device
