// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app (SessionController's db thread).

#include "app/session/SessionRecords.h"
#include "app/store/RecordStore.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace galvani::core {
class Clock;
}

namespace galvani::app {

// Writes one session's record on the db thread, with a connection of its own (RecordStore::openConnection), so
// neither the device thread nor the thread that hosts STOP ever waits for the database.
// Requests arrive queued (QMetaObject::invokeMethod) and are done in the order they were posted. Each event is
// its own durable transaction (SessionLog::appendEvent commits before it returns); only then is
// eventCommitted() emitted — that signal is the acknowledgement. A failed write emits failed() and nothing else.
// Thread affinity: lives on the db thread; construct anywhere, then move there, call open() and every request
// through queued (or blocking queued) invocation only; close() on the db thread before it ends. Ownership: owns its
// connection; borrows the clock, which must outlive it.
class SessionRecorder final : public QObject {
    Q_OBJECT
public:
    SessionRecorder(StoreConfig config, const core::Clock& clock);
    ~SessionRecorder() override;

    // Opens the connection if it is not open (openFailed() when it cannot be opened).
    void open();
    // Closes the connection between sessions, so that nothing holds the store while no session is recorded (a
    // restore needs every other connection closed); the next open() opens it again.
    void closeConnection();
    // Saves the programme as a new version when it differs from the latest one under its key, then starts the
    // session (session, channels, Start event and audit row in one transaction).
    void startSession(const galvani::app::SessionStartRecord& record);
    void appendEvent(const galvani::app::SessionEventRecord& event);
    void appendSummaries(
        const QList<galvani::app::SecondSummary>& summaries, const QList<galvani::app::ChannelTotalsRecord>& totals);
    void endSession(const QString& reason, const QString& detail);
    // NPRS before/after of the session just ended (at least one score).
    void recordOutcome(std::optional<int> nprsBefore, std::optional<int> nprsAfter, const QString& notes);
    // Closes the connection, then ends the db thread's event loop.
    void close();

Q_SIGNALS:
    void openFailed(const QString& message);
    void sessionStarted(qint64 sessionId, qint64 programId);
    void eventCommitted(int seq, const QString& kind);
    void sessionEnded(const QString& reason);
    void outcomeRecorded(qint64 outcomeId);
    // operation: "start", "event", "summaries", "end", "outcome"; message names the record and the cause.
    void failed(const QString& operation, const QString& message);

private:
    [[nodiscard]] bool ready(const QString& operation);

    StoreConfig m_config;
    const core::Clock& m_clock;
    std::unique_ptr<RecordStore> m_store;
    std::optional<qint64> m_sessionId;
    std::optional<qint64> m_patientId;
    SignedInUser m_user;
};

} // namespace galvani::app
