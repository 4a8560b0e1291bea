// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/transport/Transport.h"

#include <QList>

namespace galvani::test {

// A Transport that fails on purpose, as a real port does: it refuses to open, or it accepts a number of
// writes and then dies on the next one (closes, emits linkLost once, refuses every later write), or it
// dies when the test says so. Every accepted write is recorded.
// Thread affinity: the test thread. Ownership: owns its record.
class FailingTransport final : public device::Transport {
    Q_OBJECT
public:
    enum class Mode { RefuseOpen, FailAfterWrites };

    explicit FailingTransport(Mode mode, int writesBeforeFailure = 0);

    // The link dies now (closes, emits linkLost(reason) once).
    void failNow(const QString& reason);

    [[nodiscard]] const QList<QByteArray>& writes() const { return m_writes; }
    [[nodiscard]] int linkLostCount() const { return m_linkLost; }
    [[nodiscard]] int refusedWrites() const { return m_refused; }

    bool open(QString* error) override;
    void close() override { m_open = false; }
    [[nodiscard]] bool isOpen() const override { return m_open; }
    bool write(const QByteArray& bytes) override;
    [[nodiscard]] QString description() const override { return QStringLiteral("failing"); }

private:
    Mode m_mode;
    int m_writesBeforeFailure;
    bool m_open = false;
    bool m_dead = false;
    int m_linkLost = 0;
    int m_refused = 0;
    QList<QByteArray> m_writes;
};

} // namespace galvani::test
