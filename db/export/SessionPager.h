// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"
#include "db/export/ExportRecord.h"
#include "db/export/ExportTypes.h"

#include <QList>

namespace galvani::db {
class Database;
}

namespace galvani::db::exp {

// Walks the sessions a filter selects in id order, one keyset page at a time (id > last id of the previous page,
// LIMIT pageSize), so memory holds one page and never the whole result. Each page costs one query for the
// sessions (joined with patient and therapist) and one per child table (channels with programme and placement,
// aggregated current summaries, outcomes) restricted to the page's ids. The walk stops at the highest id that
// matched when count() ran, so sessions started during the export do not change its total.
// Thread affinity: the Database's thread. Ownership: borrows the Database, which must outlive the pager.
class SessionPager {
public:
    SessionPager(Database& db, const ExportFilter& filter, int pageSize);

    // Counts the matching sessions and fixes the upper id bound; call once before next().
    [[nodiscard]] Result<qint64> count();
    // The next page in id order; an empty list when the walk is done.
    [[nodiscard]] Result<QList<ExportSession>> next();
    // Reads one session's events (by seq) into session.events.
    [[nodiscard]] Status loadEvents(ExportSession& session);

private:
    [[nodiscard]] QString where() const;
    [[nodiscard]] Status loadChannels(QList<ExportSession>& page, const QString& ids);
    [[nodiscard]] Status loadCurrents(QList<ExportSession>& page, const QString& ids);
    [[nodiscard]] Status loadOutcomes(QList<ExportSession>& page, const QString& ids, const QString& patientIds);

    Database& m_db;
    ExportFilter m_filter;
    int m_pageSize;
    qint64 m_afterId = 0;
    qint64 m_maxId = 0;
    bool m_counted = false;
    bool m_done = false;
};

} // namespace galvani::db::exp
