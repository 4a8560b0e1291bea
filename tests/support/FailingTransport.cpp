// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/FailingTransport.h"

namespace galvani::test {

FailingTransport::FailingTransport(Mode mode, int writesBeforeFailure)
    : m_mode(mode), m_writesBeforeFailure(writesBeforeFailure)
{
}

bool FailingTransport::open(QString* error)
{
    if (m_mode == Mode::RefuseOpen || m_dead) {
        if (error != nullptr) {
            *error = QStringLiteral("cannot open failing port: permission denied");
        }
        return false;
    }
    m_open = true;
    return true;
}

void FailingTransport::failNow(const QString& reason)
{
    if (!m_open) {
        return;
    }
    m_open = false;
    m_dead = true;
    ++m_linkLost;
    Q_EMIT linkLost(reason);
}

bool FailingTransport::write(const QByteArray& bytes)
{
    if (!m_open) {
        ++m_refused;
        return false;
    }
    if (m_writes.size() >= m_writesBeforeFailure) {
        ++m_refused;
        failNow(QStringLiteral("write failed: input/output error"));
        return false;
    }
    m_writes.push_back(bytes);
    return true;
}

} // namespace galvani::test
