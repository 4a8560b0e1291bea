// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/admin/ExportPanel.h"

#include "app/AppContext.h"
#include "app/store/RecordStore.h"
#include "ui/admin/AdminFormat.h"
#include "ui/presenters/StoreWorker.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QCheckBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace galvani::ui {

using admin::MessageKind;

namespace {

QString suffixOf(app::ExportFileFormat f)
{
    switch (f) {
    case app::ExportFileFormat::Csv:
        return QStringLiteral("csv");
    case app::ExportFileFormat::Json:
        return QStringLiteral("json");
    case app::ExportFileFormat::Fhir:
        return QStringLiteral("fhir.json");
    }
    return QStringLiteral("txt");
}

} // namespace

ExportPanel::ExportPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_context(context), m_user(user),
      m_ownOnly(!app::isAllowed(user.role, app::Action::ExportRecords)
          && app::isAllowed(user.role, app::Action::ExportOwnRecords)),
      m_worker(new presenters::StoreWorker(context, this))
{
    setObjectName(QStringLiteral("exportPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(QStringLiteral("<b>Export sessions to a file</b> — each export is recorded in the "
                                                "audit trail with its filter, size and checksum."),
        this));

    auto* what = new QGroupBox(QStringLiteral("What to export"), this);
    auto* form = new QFormLayout(what);
    auto* formatRow = new QHBoxLayout;
    m_formats = new QButtonGroup(this);
    m_csv = new QRadioButton(QStringLiteral("&CSV (one row per session channel)"), what);
    m_csv->setObjectName(QStringLiteral("formatCsv"));
    m_json = new QRadioButton(QStringLiteral("&JSON"), what);
    m_json->setObjectName(QStringLiteral("formatJson"));
    m_fhir = new QRadioButton(QStringLiteral("&FHIR R4 bundle"), what);
    m_fhir->setObjectName(QStringLiteral("formatFhir"));
    m_csv->setChecked(true);
    for (QRadioButton* b : {m_csv, m_json, m_fhir}) {
        m_formats->addButton(b);
        formatRow->addWidget(b);
    }
    formatRow->addStretch(1);
    form->addRow(QStringLiteral("Format:"), formatRow);

    const QDate today = QDate::currentDate();
    auto* daysRow = new QHBoxLayout;
    m_fromOn = new QCheckBox(QStringLiteral("Fro&m"), what);
    m_fromOn->setObjectName(QStringLiteral("exportFromEnabled"));
    m_from = new QDateEdit(today.addMonths(-1), what);
    m_from->setObjectName(QStringLiteral("exportFrom"));
    m_toOn = new QCheckBox(QStringLiteral("&to"), what);
    m_toOn->setObjectName(QStringLiteral("exportToEnabled"));
    m_to = new QDateEdit(today, what);
    m_to->setObjectName(QStringLiteral("exportTo"));
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setDateRange(QDate(2000, 1, 1), today.addYears(1));
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("2026-12-31")) + 48);
        edit->setEnabled(false);
    }
    daysRow->addWidget(m_fromOn);
    daysRow->addWidget(m_from);
    daysRow->addWidget(m_toOn);
    daysRow->addWidget(m_to);
    daysRow->addWidget(new QLabel(QStringLiteral("(days of this computer's calendar, both included; "
                                                 "unchecked: no limit)"),
        what));
    daysRow->addStretch(1);
    form->addRow(QStringLiteral("Days:"), daysRow);

    m_patient = new QLineEdit(what);
    m_patient->setObjectName(QStringLiteral("exportPatient"));
    m_patient->setPlaceholderText(QStringLiteral("optional: one patient's MRN"));
    m_therapist = new QLineEdit(what);
    m_therapist->setObjectName(QStringLiteral("exportTherapist"));
    m_therapist->setPlaceholderText(QStringLiteral("optional: one therapist's user name"));
    if (m_ownOnly) {
        m_therapist->setText(m_user.username);
        m_therapist->setEnabled(false);
        m_therapist->setToolTip(QStringLiteral("Therapists export the sessions they ran"));
    }
    auto* patientLabel = new QLabel(QStringLiteral("&Patient MRN:"), what);
    patientLabel->setBuddy(m_patient);
    auto* therapistLabel = new QLabel(QStringLiteral("T&herapist:"), what);
    therapistLabel->setBuddy(m_therapist);
    form->addRow(patientLabel, m_patient);
    form->addRow(therapistLabel, m_therapist);
    m_pseudonymise = new QCheckBox(QStringLiteral("P&seudonymise: replace MRN, name and birth date by the patient's "
                                                  "pseudonym"),
        what);
    m_pseudonymise->setObjectName(QStringLiteral("exportPseudonymise"));
    m_events = new QCheckBox(QStringLiteral("Include each session's &events (JSON only)"), what);
    m_events->setObjectName(QStringLiteral("exportEvents"));
    form->addRow(QString(), m_pseudonymise);
    form->addRow(QString(), m_events);
    layout->addWidget(what);

    auto* where = new QGroupBox(QStringLiteral("Where"), this);
    auto* whereRow = new QHBoxLayout(where);
    auto* pathLabel = new QLabel(QStringLiteral("Output &file:"), where);
    m_path = new QLineEdit(where);
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_path->setPlaceholderText(QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                   .filePath(QStringLiteral("sessions.csv")));
    pathLabel->setBuddy(m_path);
    m_browse = new QPushButton(QStringLiteral("&Browse…"), where);
    m_browse->setObjectName(QStringLiteral("exportBrowse"));
    whereRow->addWidget(pathLabel);
    whereRow->addWidget(m_path, 1);
    whereRow->addWidget(m_browse);
    layout->addWidget(where);

    auto* runRow = new QHBoxLayout;
    m_export = new QPushButton(QStringLiteral("E&xport"), this);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setToolTip(QStringLiteral("Write the file (Ctrl+E)"));
    m_export->setShortcut(QKeySequence(QStringLiteral("Ctrl+E")));
    m_cancel = new QPushButton(QStringLiteral("Ca&ncel"), this);
    m_cancel->setObjectName(QStringLiteral("exportCancel"));
    m_cancel->setToolTip(QStringLiteral("Stop the export; no file is written"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setTextVisible(false);
    m_progressLabel = new QLabel(this);
    m_progressLabel->setObjectName(QStringLiteral("exportProgressLabel"));
    m_progressLabel->setMinimumWidth(160);
    runRow->addWidget(m_export);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 1);
    runRow->addWidget(m_progressLabel);
    layout->addLayout(runRow);
    m_message = admin::makeMessageLabel(QStringLiteral("exportMessage"), this);
    layout->addWidget(m_message);
    layout->addStretch(1);

    connect(m_fromOn, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toOn, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_formats, &QButtonGroup::buttonToggled, this, [this](QAbstractButton*, bool on) {
        if (on) {
            formatChanged();
        }
    });
    connect(m_browse, &QPushButton::clicked, this, &ExportPanel::browse);
    connect(m_export, &QPushButton::clicked, this, &ExportPanel::startExport);
    connect(m_path, &QLineEdit::returnPressed, this, &ExportPanel::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ExportPanel::cancelExport);
    connect(m_worker, &presenters::StoreWorker::finished, this, [this](const QString& openError) {
        setRunning(false);
        if (!openError.isEmpty()) {
            showResult(app::AppError{
                app::AppError::Kind::Storage, QStringLiteral("the record store could not be opened: ") + openError});
        } else if (m_pendingResult) {
            showResult(*m_pendingResult);
        }
        m_pendingResult.reset();
    });
    formatChanged();
    setRunning(false);
}

ExportPanel::~ExportPanel()
{
    m_worker->stopAndWait();
}

bool ExportPanel::isRunning() const
{
    return m_worker->busy();
}

app::ExportFileFormat ExportPanel::format() const
{
    if (m_json->isChecked()) {
        return app::ExportFileFormat::Json;
    }
    if (m_fhir->isChecked()) {
        return app::ExportFileFormat::Fhir;
    }
    return app::ExportFileFormat::Csv;
}

void ExportPanel::formatChanged()
{
    const bool json = format() == app::ExportFileFormat::Json;
    m_events->setEnabled(json);
    m_events->setToolTip(json ? QString() : QStringLiteral("Only a JSON export can carry the event log"));
}

void ExportPanel::browse()
{
    const QString suffix = suffixOf(format());
    const QString start = m_path->text().trimmed().isEmpty() ? m_path->placeholderText() : m_path->text().trimmed();
    const QString chosen = QFileDialog::getSaveFileName(this, QStringLiteral("Export sessions to"),
        QFileInfo(start).dir().filePath(QStringLiteral("sessions.") + suffix),
        QStringLiteral("%1 files (*.%2);;All files (*)").arg(suffix.toUpper(), suffix));
    if (!chosen.isEmpty()) {
        m_path->setText(chosen);
    }
}

void ExportPanel::setRunning(bool running)
{
    for (QWidget* w : std::initializer_list<QWidget*>{
             m_csv, m_json, m_fhir, m_fromOn, m_toOn, m_patient, m_pseudonymise, m_path, m_browse, m_export}) {
        w->setEnabled(!running);
    }
    m_therapist->setEnabled(!running && !m_ownOnly);
    m_from->setEnabled(!running && m_fromOn->isChecked());
    m_to->setEnabled(!running && m_toOn->isChecked());
    m_events->setEnabled(!running && format() == app::ExportFileFormat::Json);
    m_cancel->setEnabled(running);
}

void ExportPanel::startExport()
{
    if (m_worker->busy()) {
        return;
    }
    app::ExportRequest request;
    request.format = format();
    if (m_fromOn->isChecked()) {
        request.from = m_from->date();
    }
    if (m_toOn->isChecked()) {
        request.to = m_to->date();
    }
    request.patientMrn = m_patient->text().trimmed();
    request.therapistUsername = m_ownOnly ? m_user.username : m_therapist->text().trimmed();
    request.outPath = m_path->text().trimmed();
    request.pseudonymise = m_pseudonymise->isChecked();
    request.includeEvents = request.format == app::ExportFileFormat::Json && m_events->isChecked();
    if (request.outPath.isEmpty()) {
        admin::showMessage(m_message, MessageKind::Error,
            QStringLiteral("output file: type the path of the file to write, or choose one with Browse…"));
        m_path->setFocus();
        return;
    }
    if (!QFileInfo::exists(request.outPath)) {
        runExport(request);
        return;
    }
    // The service replaces a file only once the new one is complete; still, replacing one is the user's decision.
    auto* box = new QMessageBox(QMessageBox::Question, QStringLiteral("Replace file"),
        QStringLiteral("%1 exists. Replace it with this export?\n\nThe old file stays as it is until the new one is "
                       "complete.")
            .arg(request.outPath),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("overwriteConfirm"));
    auto* replace = box->addButton(QStringLiteral("&Replace"), QMessageBox::AcceptRole);
    replace->setObjectName(QStringLiteral("confirmReplace"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, replace, request](QAbstractButton* clicked) {
        if (clicked == replace) {
            runExport(request);
        }
    });
    box->open();
}

void ExportPanel::runExport(const app::ExportRequest& request)
{
    if (m_worker->busy()) {
        return;
    }
    m_summary.reset();
    m_pendingResult.reset();
    admin::showMessage(m_message, MessageKind::Info, QStringLiteral("Exporting to %1 …").arg(request.outPath));
    m_progress->setRange(0, 0); // busy until the exporter has counted the sessions
    m_progressLabel->setText(QStringLiteral("Counting sessions…"));
    setRunning(true);
    presenters::StoreWorker* worker = m_worker;
    const app::SignedInUser user = m_user;
    worker->start([this, worker, user, request](app::RecordStore& store, const std::atomic_bool& cancel) {
        app::ExportService service(store);
        auto result = service.exportSessions(
            user, request,
            [this, worker](
                qint64 done, qint64 total) { worker->post([this, done, total] { showProgress(done, total); }); },
            &cancel);
        worker->post([this, r = std::move(result)] { m_pendingResult = r; });
    });
}

void ExportPanel::cancelExport()
{
    if (!m_worker->busy()) {
        return;
    }
    m_worker->cancel();
    m_cancel->setEnabled(false);
    m_progressLabel->setText(QStringLiteral("Cancelling…"));
}

void ExportPanel::showProgress(qint64 done, qint64 total)
{
    // QProgressBar counts in int; a store with more sessions than that is scaled.
    const int scale = total > 1'000'000'000 ? 1000 : 1;
    m_progress->setRange(0, static_cast<int>(total / scale));
    m_progress->setValue(static_cast<int>(done / scale));
    m_progressLabel->setText(QStringLiteral("%1 of %2 sessions").arg(done).arg(total));
}

void ExportPanel::showResult(const app::AppResult<app::ExportSummary>& result)
{
    if (!result.ok()) {
        const bool cancelled = m_worker->cancelRequested();
        if (m_progress->maximum() == 0) {
            m_progress->setRange(0, 1);
        }
        m_progressLabel->setText(cancelled ? QStringLiteral("Cancelled") : QStringLiteral("Not exported"));
        admin::showMessage(m_message, cancelled ? MessageKind::Info : MessageKind::Error, result.error().message);
        Q_EMIT exportFinished(false, result.error().message);
        return;
    }
    m_summary = result.value();
    const auto& s = *m_summary;
    const QString text = QStringLiteral("exported %1 sessions (%2 rows, %3 bytes) to %4\nSHA-256 %5")
                             .arg(s.sessions)
                             .arg(s.rows)
                             .arg(QLocale().toString(s.bytes), s.path, s.sha256);
    admin::showMessage(m_message, MessageKind::Success, text);
    Q_EMIT exportFinished(true, text);
}

} // namespace galvani::ui
