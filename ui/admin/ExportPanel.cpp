// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/admin/ExportPanel.h"

#include "app/AppContext.h"
#include "ui/admin/AdminFormat.h"

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
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace galvani::ui {

ExportPanel::ExportPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_presenter(context, user)
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
    if (m_presenter.ownSessionsOnly()) {
        m_therapist->setText(m_presenter.username());
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
    connect(&m_presenter, &presenters::ExportPresenter::runningChanged, this, &ExportPanel::setRunning);
    connect(&m_presenter, &presenters::ExportPresenter::progressChanged, this, &ExportPanel::showProgress);
    connect(&m_presenter, &presenters::ExportPresenter::finished, this, &ExportPanel::showResult);
    formatChanged();
    setRunning(false);
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
    const bool json = presenters::ExportPresenter::carriesEvents(format());
    m_events->setEnabled(json);
    m_events->setToolTip(json ? QString() : QStringLiteral("Only a JSON export can carry the event log"));
}

void ExportPanel::browse()
{
    const QString suffix = presenters::ExportPresenter::fileSuffix(format());
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
    m_therapist->setEnabled(!running && !m_presenter.ownSessionsOnly());
    m_from->setEnabled(!running && m_fromOn->isChecked());
    m_to->setEnabled(!running && m_toOn->isChecked());
    m_events->setEnabled(!running && presenters::ExportPresenter::carriesEvents(format()));
    m_cancel->setEnabled(running);
}

void ExportPanel::startExport()
{
    if (m_presenter.running()) {
        return;
    }
    app::ExportRequest typed;
    typed.format = format();
    if (m_fromOn->isChecked()) {
        typed.from = m_from->date();
    }
    if (m_toOn->isChecked()) {
        typed.to = m_to->date();
    }
    typed.patientMrn = m_patient->text();
    typed.therapistUsername = m_therapist->text();
    typed.outPath = m_path->text();
    typed.pseudonymise = m_pseudonymise->isChecked();
    typed.includeEvents = m_events->isChecked();
    const app::ExportRequest request = m_presenter.prepared(typed);
    if (const auto check = m_presenter.check(request); check.isError()) {
        admin::showFeedback(m_message, check);
        m_path->setFocus();
        return;
    }
    if (!presenters::ExportPresenter::replacesFile(request)) {
        runExport(request);
        return;
    }
    // The service replaces a file only once the new one is complete; still, replacing one is the user's decision.
    auto* box = new QMessageBox(QMessageBox::Question, QStringLiteral("Replace file"),
        presenters::ExportPresenter::replaceText(request.outPath), QMessageBox::Cancel, this);
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
    const auto started = m_presenter.start(request);
    if (started.kind != presenters::FeedbackKind::None) {
        admin::showFeedback(m_message, started);
    }
}

void ExportPanel::cancelExport()
{
    if (!m_presenter.running()) {
        return;
    }
    m_presenter.cancel();
    m_cancel->setEnabled(false);
}

void ExportPanel::showProgress(qint64 done, qint64 total, const QString& text)
{
    if (total == 0) {
        m_progress->setRange(0, 0); // busy until the exporter has counted the sessions
    } else if (total > 0) {
        // QProgressBar counts in int; a store with more sessions than that is scaled.
        const int scale = total > 1'000'000'000 ? 1000 : 1;
        m_progress->setRange(0, static_cast<int>(total / scale));
        m_progress->setValue(static_cast<int>(done / scale));
    }
    m_progressLabel->setText(text);
}

void ExportPanel::showResult(const presenters::ExportPresenter::Result& result, const QString& progressText)
{
    if (result.kind != presenters::FeedbackKind::Success && m_progress->maximum() == 0) {
        m_progress->setRange(0, 1);
    }
    m_progressLabel->setText(progressText);
    admin::showFeedback(m_message, result);
    Q_EMIT exportFinished(result.kind == presenters::FeedbackKind::Success, result.text);
}

} // namespace galvani::ui
