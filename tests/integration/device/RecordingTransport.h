// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/transport/Transport.h"

#include <QList>

namespace galvani::test {

// Passes everything through to an inner transport and keeps a copy of every frame written, so a test can
// compare what the host sent with what the device applied. Thread affinity: the inner transport's thread.
// Ownership: uses the inner transport, which must outlive it.
class RecordingTransport final : public device::Transport {
    Q_OBJECT
public:
    explicit RecordingTransport(device::Transport& inner) : m_inner(inner)
    {
        connect(&inner, &Transport::bytesReceived, this, &Transport::bytesReceived);
        connect(&inner, &Transport::linkLost, this, &Transport::linkLost);
    }
    bool open(QString* error) override { return m_inner.open(error); }
    void close() override { m_inner.close(); }
    [[nodiscard]] bool isOpen() const override { return m_inner.isOpen(); }
    bool write(const QByteArray& bytes) override
    {
        m_written.push_back(bytes);
        return m_inner.write(bytes);
    }
    [[nodiscard]] QString description() const override { return m_inner.description(); }
    [[nodiscard]] const QList<QByteArray>& written() const { return m_written; }

private:
    device::Transport& m_inner;
    QList<QByteArray> m_written;
};

} // namespace galvani::test
