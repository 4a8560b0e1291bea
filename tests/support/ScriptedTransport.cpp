// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/ScriptedTransport.h"

namespace galvani::test {

ScriptedTransport::ScriptedTransport() = default;

void ScriptedTransport::expect(QByteArray request, QByteArray reply)
{
    m_expectations.push_back({std::move(request), std::move(reply)});
}

void ScriptedTransport::respond(QString name, Matcher matcher, Responder responder)
{
    m_rules.push_back({std::move(name), std::move(matcher), std::move(responder)});
}

void ScriptedTransport::clearRules()
{
    m_rules.clear();
}

void ScriptedTransport::inject(QByteArray bytes)
{
    m_pending.push_back(std::move(bytes));
}

void ScriptedTransport::queue(const QByteArray& reply)
{
    if (!reply.isEmpty() && !m_mute) {
        m_pending.push_back(reply);
    }
}

int ScriptedTransport::deliver()
{
    int delivered = 0;
    // Replies queued while delivering (the controller answers at once) wait for the next deliver().
    std::deque<QByteArray> batch;
    batch.swap(m_pending);
    for (const auto& bytes : batch) {
        if (!m_open) {
            break;
        }
        Q_EMIT bytesReceived(bytes);
        ++delivered;
    }
    return delivered;
}

void ScriptedTransport::loseLink(const QString& reason)
{
    if (!m_open) {
        return;
    }
    m_open = false;
    m_pending.clear();
    Q_EMIT linkLost(reason);
}

bool ScriptedTransport::open(QString* error)
{
    (void)error;
    m_open = true;
    ++m_openCount;
    return true;
}

void ScriptedTransport::close()
{
    m_open = false;
    m_pending.clear();
}

bool ScriptedTransport::write(const QByteArray& bytes)
{
    if (!m_open) {
        return false;
    }
    m_writes.push_back(bytes);
    if (!m_expectations.empty() && m_expectations.front().request == bytes) {
        queue(m_expectations.front().reply);
        m_expectations.pop_front();
        return true;
    }
    for (const auto& rule : m_rules) {
        if (rule.matcher(bytes)) {
            for (const auto& reply : rule.responder(bytes)) {
                queue(reply);
            }
            return true;
        }
    }
    if (!m_expectations.empty()) {
        m_problems << QStringLiteral("expected %1, written %2")
                          .arg(QString::fromLatin1(m_expectations.front().request.toHex(' ')),
                              QString::fromLatin1(bytes.toHex(' ')));
    } else {
        m_problems << QStringLiteral("unexpected write %1").arg(QString::fromLatin1(bytes.toHex(' ')));
    }
    return true;
}

} // namespace galvani::test
