// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/export/ExportService.h"
#include "ui/presenters/ExportPresenter.h"

#include <QWidget>

#include <optional>

class QButtonGroup;
class QCheckBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

// Session exports to a file: format (CSV, JSON, FHIR R4 bundle), first and last day (the workstation's calendar,
// both included, each optional), optionally one patient (MRN) and one therapist (user name), pseudonymised or not,
// events included (JSON only), and the output file (typed, or chosen with Browse…). The export runs on a worker
// thread with its own store connection and its own app::ExportService, so the window stays responsive; a progress
// bar shows "n of m sessions" and Cancel stops it between two sessions. The file is written atomically by the
// service: a cancelled, refused or failed export leaves no file and never replaces one. At the end the panel shows
// the summary (sessions, rows, bytes, SHA-256) or the service's message verbatim.
// Admins export every session; therapists only those they ran (the service forces the therapist filter to them;
// the panel shows it fixed). Any other role is refused by the service, verbatim. The panel builds and binds;
// presenters::ExportPresenter prepares, checks, runs and words the export.
// Thread affinity: GUI thread; the export itself runs on the worker thread. Ownership: borrows the AppContext,
// which must outlive it. The destructor cancels a running export and waits for it.
class ExportPanel : public QWidget {
    Q_OBJECT
public:
    ExportPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);

    [[nodiscard]] bool isRunning() const { return m_presenter.running(); }
    // The last export's summary (empty before the first, or after a refusal, failure or cancel).
    [[nodiscard]] const std::optional<app::ExportSummary>& lastSummary() const { return m_presenter.lastSummary(); }

public Q_SLOTS:
    void startExport();
    void cancelExport();

Q_SIGNALS:
    // An export ended: ok, or message is the reason (cancelled, refused, failed) as shown.
    void exportFinished(bool ok, const QString& message);

private:
    void browse();
    void runExport(const app::ExportRequest& request);
    void formatChanged();
    void setRunning(bool running);
    void showProgress(qint64 done, qint64 total, const QString& text);
    void showResult(const presenters::ExportPresenter::Result& result, const QString& progressText);
    [[nodiscard]] app::ExportFileFormat format() const;

    presenters::ExportPresenter m_presenter;

    QButtonGroup* m_formats = nullptr;
    QRadioButton* m_csv = nullptr;
    QRadioButton* m_json = nullptr;
    QRadioButton* m_fhir = nullptr;
    QCheckBox* m_fromOn = nullptr;
    QDateEdit* m_from = nullptr;
    QCheckBox* m_toOn = nullptr;
    QDateEdit* m_to = nullptr;
    QLineEdit* m_patient = nullptr;
    QLineEdit* m_therapist = nullptr;
    QCheckBox* m_pseudonymise = nullptr;
    QCheckBox* m_events = nullptr;
    QLineEdit* m_path = nullptr;
    QPushButton* m_browse = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressLabel = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace galvani::ui
