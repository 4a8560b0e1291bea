// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"
#include "db/Result.h"
#include "db/StoreContext.h"
#include "db/records/Session.h"

#include <QList>

namespace galvani::db::records {

// Treatment sessions: start, end, and at start-up the marking of sessions a crash left open.
// start() writes the session, its channels, the Start event and the audit row in one transaction; end() writes the
// End event, closes the session and audits it. After that the database refuses any change to the session, its
// channels, events and summaries. A device can run only one open session at a time.
// markInterruptedSessions() never resumes anything: it closes every open session of this workstation with end
// reason app_crash, at the time of its last event, and appends an Interrupted event saying when this was noticed.
// Events and per-second summaries are written by SessionLog. Who may start sessions is decided by the app.
// Thread affinity: the Database's thread. Ownership: borrows the context.
class SessionRepository {
public:
    explicit SessionRepository(const StoreContext& ctx);

    [[nodiscard]] Result<Session> start(const NewSession& session, const Actor& therapist);
    // Reason must not be AppCrash (reserved for markInterruptedSessions).
    [[nodiscard]] Result<Session> end(
        qint64 sessionId, EndReason reason, const Actor& actor, const QString& detail = QString());
    // Returns the ids of the sessions it closed.
    [[nodiscard]] Result<QList<qint64>> markInterruptedSessions(const QString& workstation);

    [[nodiscard]] Result<Session> byId(qint64 id);
    [[nodiscard]] Result<QList<Session>> openSessions(const QString& workstation);
    [[nodiscard]] Result<QList<Session>> forPatient(qint64 patientId);

private:
    [[nodiscard]] Status validate(const NewSession& s);
    [[nodiscard]] Result<QList<Session>> list(const QString& where, const QString& name, const QVariant& value);
    [[nodiscard]] Status loadChannels(Session& s);

    StoreContext m_ctx;
};

} // namespace galvani::db::records
