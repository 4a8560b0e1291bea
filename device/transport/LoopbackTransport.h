// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/transport/Transport.h"

#include <QPointer>

#include <memory>
#include <utility>

namespace galvani::device {

// One end of an in-process byte pipe. What one end writes, the other receives through a queued call,
// so the two ends may live in different threads (host worker and simulator), and a write never re-enters
// the writer. Closing one end makes the other end report linkLost("peer closed the link").
// Thread affinity: each end belongs to the thread it was moved to; write()/close() from that thread only.
// Ownership: the caller owns both ends (createPair returns unique_ptrs); destroying an end closes it.
// Destroy the ends only after the threads they live in have stopped using them.
class LoopbackTransport final : public Transport {
    Q_OBJECT
public:
    static std::pair<std::unique_ptr<LoopbackTransport>, std::unique_ptr<LoopbackTransport>> createPair();
    ~LoopbackTransport() override;

    bool open(QString* error) override;
    void close() override;
    [[nodiscard]] bool isOpen() const override { return m_open; }
    bool write(const QByteArray& bytes) override;
    [[nodiscard]] QString description() const override { return QStringLiteral("loopback"); }

private:
    LoopbackTransport() = default;
    void deliver(const QByteArray& bytes);
    void peerClosed();

    QPointer<LoopbackTransport> m_peer;
    bool m_open = false;
};

} // namespace galvani::device
