// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/transport/LoopbackTransport.h"

#include <QMetaObject>

namespace galvani::device {

std::pair<std::unique_ptr<LoopbackTransport>, std::unique_ptr<LoopbackTransport>> LoopbackTransport::createPair()
{
    std::unique_ptr<LoopbackTransport> a(new LoopbackTransport());
    std::unique_ptr<LoopbackTransport> b(new LoopbackTransport());
    a->m_peer = b.get();
    b->m_peer = a.get();
    return {std::move(a), std::move(b)};
}

LoopbackTransport::~LoopbackTransport()
{
    close();
}

bool LoopbackTransport::open(QString* error)
{
    if (m_peer.isNull()) {
        if (error != nullptr) {
            *error = QStringLiteral("loopback peer no longer exists");
        }
        return false;
    }
    m_open = true;
    return true;
}

void LoopbackTransport::close()
{
    if (!m_open) {
        return;
    }
    m_open = false;
    if (LoopbackTransport* peer = m_peer.data()) {
        QMetaObject::invokeMethod(peer, &LoopbackTransport::peerClosed, Qt::QueuedConnection);
    }
}

bool LoopbackTransport::write(const QByteArray& bytes)
{
    LoopbackTransport* peer = m_peer.data();
    if (!m_open || peer == nullptr) {
        return false;
    }
    if (!bytes.isEmpty()) {
        QMetaObject::invokeMethod(
            peer, [peer, bytes] { peer->deliver(bytes); }, Qt::QueuedConnection);
    }
    return true;
}

void LoopbackTransport::deliver(const QByteArray& bytes)
{
    // Bytes sent while this end was closed are lost, as on a real line.
    if (m_open) {
        Q_EMIT bytesReceived(bytes);
    }
}

void LoopbackTransport::peerClosed()
{
    if (m_open) {
        m_open = false;
        Q_EMIT linkLost(QStringLiteral("peer closed the link"));
    }
}

} // namespace galvani::device
