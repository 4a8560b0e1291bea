// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/export/ExportService.h"
#include "ui/presenters/Feedback.h"

#include <QObject>
#include <QString>

#include <optional>

namespace galvani::app {
class AppContext;
}

namespace galvani::ui::presenters {

class StoreWorker;

// Session exports to a file, for ExportPanel. It turns what the panel gathered into the request (trimmed; the
// therapist fixed to the user for a role that exports only its own sessions; events only with JSON), checks that
// an output file is named, says when an existing file would be replaced (the panel asks first), and runs the export
// on a StoreWorker thread with its own store connection and its own app::ExportService: progress as "n of m
// sessions", cancel between two sessions, and at the end the summary (sessions, rows, bytes, SHA-256) or the
// service's message verbatim (a cancel as information, a refusal or failure as an error). The service writes the
// file atomically: a cancelled, refused or failed export leaves no file and never replaces one.
// Thread affinity: GUI thread; the export runs on the worker thread. Ownership: borrows the AppContext, which must
// outlive it; owns its worker. The destructor cancels a running export and waits for it.
class ExportPresenter : public QObject {
    Q_OBJECT
public:
    enum class Field { None, OutputPath };
    using Result = Feedback<Field>;

    ExportPresenter(app::AppContext& context, app::SignedInUser user, QObject* parent = nullptr);
    ~ExportPresenter() override;
    ExportPresenter(const ExportPresenter&) = delete;
    ExportPresenter& operator=(const ExportPresenter&) = delete;

    // True for a role that may export only the sessions it ran: the therapist filter is fixed to the user.
    [[nodiscard]] bool ownSessionsOnly() const { return m_ownOnly; }
    [[nodiscard]] const QString& username() const { return m_user.username; }
    [[nodiscard]] static QString fileSuffix(app::ExportFileFormat format); // "csv", "json", "fhir.json"
    [[nodiscard]] static bool carriesEvents(app::ExportFileFormat format);

    // The request as it will run: text trimmed, the therapist fixed for ownSessionsOnly(), events only with JSON.
    [[nodiscard]] app::ExportRequest prepared(const app::ExportRequest& typed) const;
    // An error naming the output file when none is given, else kind None.
    [[nodiscard]] Result check(const app::ExportRequest& request) const;
    // True when the output file exists: replacing it is the user's decision (replaceText() asks).
    [[nodiscard]] static bool replacesFile(const app::ExportRequest& request);
    [[nodiscard]] static QString replaceText(const QString& path);

    [[nodiscard]] bool running() const;
    // Starts the export of an already checked and prepared request: Info naming the file, or nothing (kind None)
    // while one runs. Emits runningChanged and progressChanged("Counting sessions…") first.
    Result start(const app::ExportRequest& request);
    // Asks a running export to stop between two sessions; emits progressChanged("Cancelling…").
    void cancel();
    // The last export's summary (empty before the first, or after a refusal, failure or cancel).
    [[nodiscard]] const std::optional<app::ExportSummary>& lastSummary() const { return m_summary; }

Q_SIGNALS:
    void runningChanged(bool running);
    // text: "3 of 10 sessions"; "Counting sessions…" with total 0 (not counted yet); "Cancelling…" with done and
    // total -1 (the counts as they were).
    void progressChanged(qint64 done, qint64 total, const QString& text);
    // The export ended; progressText: "Cancelled", "Not exported" or "n of m sessions" as last shown.
    void finished(const galvani::ui::presenters::ExportPresenter::Result& result, const QString& progressText);

private:
    void ended(const QString& openError);
    void show(const app::AppResult<app::ExportSummary>& result);

    app::SignedInUser m_user;
    bool m_ownOnly = false;
    StoreWorker* m_worker = nullptr;
    QString m_progressText;
    std::optional<app::ExportSummary> m_summary;
    std::optional<app::AppResult<app::ExportSummary>> m_pending;
};

} // namespace galvani::ui::presenters
