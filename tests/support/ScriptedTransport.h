// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/transport/Transport.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <deque>
#include <functional>
#include <vector>

namespace galvani::test {

// A Transport whose far end is a script, for driving a DeviceController deterministically.
//  - expect(request, reply): the next write must be exactly `request`; `reply` is then queued.
//  - respond(name, matcher, responder): a standing rule for writes that no expectation takes (heartbeats,
//    a fake device decoding every frame); the responder returns the replies.
//  - Replies are held until deliver() emits them, so the test decides when the device answers.
//  - Every write is recorded; a write that matches nothing (or differs from the expected one) is listed in
//    problems(), so a test can assert that nothing unexpected went out.
// Thread affinity: the test thread. Ownership: owns its script and its record.
class ScriptedTransport final : public device::Transport {
    Q_OBJECT
public:
    using Matcher = std::function<bool(const QByteArray&)>;
    using Responder = std::function<std::vector<QByteArray>(const QByteArray&)>;

    ScriptedTransport();

    void expect(QByteArray request, QByteArray reply = {});
    void respond(QString name, Matcher matcher, Responder responder);
    void clearRules();
    // Queues bytes as if the device had sent them by itself.
    void inject(QByteArray bytes);
    // Emits the queued replies in order (each one as its own chunk); returns how many.
    int deliver();
    // Throws the queued replies away (a device that answered into the void).
    void discardPending() { m_pending.clear(); }
    // While mute, writes are recorded and scripted, but the replies are dropped (a deaf-mute device).
    void setMute(bool mute) { m_mute = mute; }
    // The link dies: closes and emits linkLost(reason) once.
    void loseLink(const QString& reason);

    [[nodiscard]] const QList<QByteArray>& writes() const { return m_writes; }
    [[nodiscard]] const QStringList& problems() const { return m_problems; }
    [[nodiscard]] std::size_t pendingExpectations() const { return m_expectations.size(); }
    [[nodiscard]] std::size_t pendingReplies() const { return m_pending.size(); }
    [[nodiscard]] int openCount() const { return m_openCount; }

    bool open(QString* error) override;
    void close() override;
    [[nodiscard]] bool isOpen() const override { return m_open; }
    bool write(const QByteArray& bytes) override;
    [[nodiscard]] QString description() const override { return QStringLiteral("scripted"); }

private:
    struct Expectation {
        QByteArray request;
        QByteArray reply;
    };
    struct Rule {
        QString name;
        Matcher matcher;
        Responder responder;
    };
    void queue(const QByteArray& reply);

    std::deque<Expectation> m_expectations;
    std::vector<Rule> m_rules;
    std::deque<QByteArray> m_pending;
    QList<QByteArray> m_writes;
    QStringList m_problems;
    bool m_open = false;
    bool m_mute = false;
    int m_openCount = 0;
};

} // namespace galvani::test
