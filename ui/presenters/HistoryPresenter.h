// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/SessionHistoryService.h"
#include "ui/presenters/Feedback.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace galvani::ui::presenters {

// The history of recorded sessions, for HistoryPanel: one page of sessions for the filters (newest first, kPageRows
// a page, newer and older pages), the selected session in full (summary, channels, events, outcome; its
// per-second current is the detail's `seconds`, which the panel charts), all worded for display. A new page
// selects its newest session. Access follows the grant table through app::SessionHistoryService
// (ViewSessionHistory): for a role without the grant allowed() is false, notice() says so and no call is made, so
// merely opening the panel writes no refusal; a refusal the service still returns comes back verbatim. Patient
// identity appears only when the service gives it; outcomes withheld from a role are said to be.
// Thread affinity: the RecordStore's thread (the GUI thread; each query is one short read). Ownership: borrows the
// service, which must outlive it.
class HistoryPresenter : public QObject {
    Q_OBJECT
public:
    static constexpr int kPageRows = 200;
    enum class Field { None };
    using Result = Feedback<Field>;

    HistoryPresenter(app::SessionHistoryService& history, app::SignedInUser user, QObject* parent = nullptr);

    [[nodiscard]] bool allowed() const { return m_allowed; }
    // For a role without the grant: what it may do instead.
    [[nodiscard]] QString notice() const;

    // Runs `filter` from its first page (its offset and limit are the presenter's). Emits pageChanged, then
    // detailChanged.
    void search(const app::SessionHistoryFilter& filter);
    void newer();
    void older();
    [[nodiscard]] bool canGoNewer() const { return m_allowed && m_page.offset > 0; }
    [[nodiscard]] bool canGoOlder() const { return m_allowed && m_page.hasMore(); }
    [[nodiscard]] const app::SessionHistoryPage& page() const { return m_page; }
    // Why the page could not be read (the service's message), or kind None.
    [[nodiscard]] const Result& listFeedback() const { return m_listFeedback; }
    // "Sessions 1–200 of 431, newest first", "No sessions." or empty.
    [[nodiscard]] QString pageText() const;
    [[nodiscard]] static QStringList columnTitles();
    [[nodiscard]] QStringList rowText(int row) const;

    // Shows one session in full. Emits detailChanged.
    void select(qint64 sessionId);
    [[nodiscard]] const std::optional<app::SessionHistoryDetail>& detail() const { return m_detail; }
    // Without a detail: why (nothing selected, nothing matches, the service's refusal in detailFeedback()).
    [[nodiscard]] const QString& summary() const { return m_summary; }
    [[nodiscard]] const Result& detailFeedback() const { return m_detailFeedback; }
    [[nodiscard]] static QStringList channelTitles();
    [[nodiscard]] QList<QStringList> channelRows() const;
    [[nodiscard]] static QStringList eventTitles();
    [[nodiscard]] QList<QStringList> eventRows() const;
    [[nodiscard]] QString outcomeText() const;

Q_SIGNALS:
    void pageChanged();
    void detailChanged();

private:
    void load(int offset);
    void clearDetail(const QString& why);

    app::SessionHistoryService& m_history;
    app::SignedInUser m_user;
    bool m_allowed = false;
    app::SessionHistoryFilter m_filter;
    app::SessionHistoryPage m_page;
    Result m_listFeedback;
    std::optional<app::SessionHistoryDetail> m_detail;
    QString m_summary;
    Result m_detailFeedback;
};

} // namespace galvani::ui::presenters
