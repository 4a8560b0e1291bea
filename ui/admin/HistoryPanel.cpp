// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/admin/HistoryPanel.h"

#include "app/AppContext.h"
#include "ui/admin/AdminFormat.h"
#include "ui/plot/SessionChart.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace galvani::ui {

using admin::MessageKind;

namespace {

constexpr int kDefaultDaysBack = 90;

QTableWidget* makeTable(const QString& objectName, const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->setVisible(false);
    // Columns fit their text, the last one takes the rest (tables here hold at most a few hundred rows).
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    return table;
}

void setRow(QTableWidget* table, int row, const QStringList& cells, const QVariant& key = {})
{
    for (int col = 0; col < cells.size(); ++col) {
        auto* item = new QTableWidgetItem(cells.at(col));
        if (key.isValid()) {
            item->setData(Qt::UserRole, key);
        }
        table->setItem(row, col, item);
    }
}

QString patientCell(const app::SessionHistoryRow& r)
{
    return r.patientVisible ? QStringLiteral("%1 — %2").arg(r.patientMrn, r.patientName)
                            : QStringLiteral("(not shown to your role)");
}

QString endCell(const app::SessionHistoryRow& r)
{
    return r.endReason ? app::describe(*r.endReason) : QStringLiteral("still running");
}

QString channelsCell(const QList<int>& channels)
{
    QStringList parts;
    for (const int c : channels) {
        parts.append(QString::number(c));
    }
    return parts.join(QStringLiteral(", "));
}

QString hz(qint64 milliHz)
{
    const double v = static_cast<double>(milliHz) / 1000.0;
    return QString::number(v, 'f', milliHz % 1000 == 0 ? 0 : 1) + QStringLiteral(" Hz");
}

QString eventLabel(const QString& kind)
{
    static const QHash<QString, QString> labels{{QStringLiteral("start"), QStringLiteral("Start")},
        {QStringLiteral("amplitude"), QStringLiteral("Amplitude")}, {QStringLiteral("pause"), QStringLiteral("Pause")},
        {QStringLiteral("resume"), QStringLiteral("Resume")}, {QStringLiteral("stop"), QStringLiteral("STOP")},
        {QStringLiteral("fault"), QStringLiteral("Device fault")},
        {QStringLiteral("electrode"), QStringLiteral("Electrode problem")},
        {QStringLiteral("link_lost"), QStringLiteral("Connection lost")},
        {QStringLiteral("end"), QStringLiteral("End")}, {QStringLiteral("interrupted"), QStringLiteral("Interrupted")}};
    return labels.value(kind, kind);
}

QString calibrationCell(const std::optional<app::SessionCalibrationView>& c)
{
    if (!c) {
        return QStringLiteral("none on record");
    }
    return QStringLiteral("%1 on %2, due %3 (record %4)")
        .arg(c->status, admin::formatLocalDay(c->performedUtcMs), admin::formatLocalDay(c->dueUtcMs))
        .arg(c->id);
}

QString nprs(const std::optional<int>& v)
{
    return v ? QString::number(*v) : QStringLiteral("not recorded");
}

} // namespace

HistoryPanel::HistoryPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_context(context), m_user(user),
      m_allowed(app::isAllowed(user.role, app::Action::ViewSessionHistory))
{
    setObjectName(QStringLiteral("historyPanel"));
    auto* layout = new QVBoxLayout(this);

    auto* filters = new QGroupBox(QStringLiteral("Find sessions"), this);
    buildFilters(filters);
    layout->addWidget(filters);

    m_listMessage = admin::makeMessageLabel(QStringLiteral("historyMessage"), this);
    layout->addWidget(m_listMessage);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    auto* top = new QWidget(splitter);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_results = makeTable(QStringLiteral("historyResults"),
        {QStringLiteral("Started"), QStringLiteral("Patient"), QStringLiteral("Therapist"), QStringLiteral("Duration"),
            QStringLiteral("End"), QStringLiteral("Channels"), QStringLiteral("Stimulator")},
        top);
    topLayout->addWidget(m_results, 1);
    auto* pager = new QHBoxLayout;
    m_pageLabel = new QLabel(top);
    m_pageLabel->setObjectName(QStringLiteral("historyPageLabel"));
    m_newer = new QPushButton(QStringLiteral("◀ &Newer"), top);
    m_newer->setObjectName(QStringLiteral("newerButton"));
    m_older = new QPushButton(QStringLiteral("&Older ▶"), top);
    m_older->setObjectName(QStringLiteral("olderButton"));
    pager->addWidget(m_pageLabel, 1);
    pager->addWidget(m_newer);
    pager->addWidget(m_older);
    topLayout->addLayout(pager);
    splitter->addWidget(top);

    auto* pane = new QGroupBox(QStringLiteral("Selected session"), splitter);
    buildDetail(pane);
    splitter->addWidget(pane);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);

    connect(m_results, &QTableWidget::itemSelectionChanged, this, &HistoryPanel::selectionChanged);
    connect(m_newer, &QPushButton::clicked, this, [this] { load(std::max(0, m_page.offset - kPageRows)); });
    connect(m_older, &QPushButton::clicked, this, [this] { load(m_page.offset + kPageRows); });

    if (!m_allowed) {
        // Deny by default, as the services do: no call is made, so merely opening the panel writes no refusal.
        filters->setEnabled(false);
        filters->setVisible(false);
        splitter->setVisible(false);
        QString notice = QStringLiteral("Session history is open to therapists and admins. Your role (%1) does "
                                        "not include it.")
                             .arg(app::toString(m_user.role));
        if (app::isAllowed(m_user.role, app::Action::ExportRecords)) {
            notice += QStringLiteral(" Every session can be exported to a file with the session export.");
        }
        admin::showMessage(m_listMessage, MessageKind::Info, notice);
        layout->addStretch(1);
        clearDetail(QStringLiteral("No session selected."));
        fillResults();
        return;
    }
    clearDetail(QStringLiteral("Select a session in the list to see it in full."));
    search();
}

void HistoryPanel::buildFilters(QGroupBox* box)
{
    auto* grid = new QGridLayout(box);
    m_mrn = new QLineEdit(box);
    m_mrn->setObjectName(QStringLiteral("historyPatientFilter"));
    m_mrn->setMaxLength(app::SessionHistoryService::kMaxNameChars);
    m_mrn->setPlaceholderText(QStringLiteral("MRN, exactly; empty: every patient"));
    m_therapist = new QLineEdit(box);
    m_therapist->setObjectName(QStringLiteral("historyTherapistFilter"));
    m_therapist->setMaxLength(app::SessionHistoryService::kMaxNameChars);
    m_therapist->setPlaceholderText(QStringLiteral("user name; empty: every therapist"));
    const QDate today = QDate::currentDate();
    m_fromOn = new QCheckBox(QStringLiteral("&From day:"), box);
    m_fromOn->setObjectName(QStringLiteral("historyFromEnabled"));
    m_fromOn->setChecked(true);
    m_from = new QDateEdit(today.addDays(-kDefaultDaysBack), box);
    m_from->setObjectName(QStringLiteral("historyFrom"));
    m_toOn = new QCheckBox(QStringLiteral("&To day:"), box);
    m_toOn->setObjectName(QStringLiteral("historyToEnabled"));
    m_to = new QDateEdit(today, box);
    m_to->setObjectName(QStringLiteral("historyTo"));
    m_to->setEnabled(false);
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setDateRange(QDate(2000, 1, 1), today.addYears(1));
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("2026-12-31")) + 48);
    }
    m_from->setToolTip(QStringLiteral("Sessions started on or after this day (this computer's calendar)"));
    m_to->setToolTip(QStringLiteral("Sessions started on or before this day (this computer's calendar)"));
    m_endReason = new QComboBox(box);
    m_endReason->setObjectName(QStringLiteral("historyEndReason"));
    m_endReason->addItem(QStringLiteral("any"), QString());
    for (const app::HistoryEndReason r : app::kAllHistoryEndReasons) {
        m_endReason->addItem(app::describe(r), app::toString(r));
    }
    m_search = new QPushButton(QStringLiteral("&Search"), box);
    m_search->setObjectName(QStringLiteral("historySearchButton"));
    m_search->setDefault(true);
    m_search->setToolTip(QStringLiteral("Find the sessions (Enter in any field)"));

    auto* mrnLabel = new QLabel(QStringLiteral("&Patient MRN:"), box);
    mrnLabel->setBuddy(m_mrn);
    auto* therapistLabel = new QLabel(QStringLiteral("T&herapist:"), box);
    therapistLabel->setBuddy(m_therapist);
    auto* endLabel = new QLabel(QStringLiteral("&Ended:"), box);
    endLabel->setBuddy(m_endReason);
    grid->addWidget(mrnLabel, 0, 0);
    grid->addWidget(m_mrn, 0, 1);
    grid->addWidget(therapistLabel, 0, 2);
    grid->addWidget(m_therapist, 0, 3);
    grid->addWidget(endLabel, 0, 4);
    grid->addWidget(m_endReason, 0, 5);
    grid->addWidget(m_fromOn, 1, 0);
    grid->addWidget(m_from, 1, 1);
    grid->addWidget(m_toOn, 1, 2);
    grid->addWidget(m_to, 1, 3);
    grid->addWidget(m_search, 1, 5);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);

    connect(m_fromOn, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toOn, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_search, &QPushButton::clicked, this, &HistoryPanel::search);
    connect(m_mrn, &QLineEdit::returnPressed, this, &HistoryPanel::search);
    connect(m_therapist, &QLineEdit::returnPressed, this, &HistoryPanel::search);
}

void HistoryPanel::buildDetail(QWidget* pane)
{
    auto* layout = new QVBoxLayout(pane);
    m_summary = new QLabel(pane);
    m_summary->setObjectName(QStringLiteral("detailSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_summary);
    m_detailMessage = admin::makeMessageLabel(QStringLiteral("detailMessage"), pane);
    layout->addWidget(m_detailMessage);

    m_tabs = new QTabWidget(pane);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_channels = makeTable(QStringLiteral("detailChannels"),
        {QStringLiteral("Ch"), QStringLiteral("Programme"), QStringLiteral("Electrode site"),
            QStringLiteral("Highest amplitude"), QStringLiteral("Charge delivered"),
            QStringLiteral("Calibration in force")},
        m_tabs);
    m_chart = new SessionChart(m_tabs);
    m_chart->setObjectName(QStringLiteral("detailChart"));
    m_events = makeTable(QStringLiteral("detailEvents"),
        {QStringLiteral("#"), QStringLiteral("Time"), QStringLiteral("Since start"), QStringLiteral("Event"),
            QStringLiteral("Ch"), QStringLiteral("Amplitude"), QStringLiteral("Note")},
        m_tabs);
    m_outcome = new QLabel(m_tabs);
    m_outcome->setObjectName(QStringLiteral("detailOutcome"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextFormat(Qt::PlainText);
    m_outcome->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_outcome->setMargin(8);
    m_tabs->addTab(m_channels, QStringLiteral("&Channels"));
    m_tabs->addTab(m_chart, QStringLiteral("&Delivered current"));
    m_tabs->addTab(m_events, QStringLiteral("E&vents"));
    m_tabs->addTab(m_outcome, QStringLiteral("O&utcome"));
    layout->addWidget(m_tabs, 1);
}

app::SessionHistoryFilter HistoryPanel::filterFromForm() const
{
    app::SessionHistoryFilter f;
    f.patientMrn = m_mrn->text().trimmed();
    f.therapistUsername = m_therapist->text().trimmed();
    if (m_fromOn->isChecked()) {
        f.from = m_from->date();
    }
    if (m_toOn->isChecked()) {
        f.to = m_to->date();
    }
    const QString reason = m_endReason->currentData().toString();
    app::HistoryEndReason parsed{};
    if (!reason.isEmpty() && app::parseHistoryEndReason(reason, &parsed)) {
        f.endReason = parsed;
    }
    f.limit = kPageRows;
    return f;
}

void HistoryPanel::setPatientFilter(const QString& mrn)
{
    m_mrn->setText(mrn.trimmed());
    // A patient's whole history: the day limits would hide older treatments.
    m_fromOn->setChecked(false);
    m_toOn->setChecked(false);
    search();
}

void HistoryPanel::search()
{
    load(0);
}

void HistoryPanel::load(int offset)
{
    if (!m_allowed) {
        return;
    }
    app::SessionHistoryFilter f = filterFromForm();
    f.offset = offset;
    const auto listed = m_context.history().list(m_user, f);
    if (!listed.ok()) {
        // The filters stay as typed so the user can correct them.
        admin::showMessage(m_listMessage, MessageKind::Error, listed.error().message);
        m_page = {};
        fillResults();
        clearDetail(QStringLiteral("No session selected."));
        return;
    }
    admin::clearMessage(m_listMessage);
    m_page = listed.value();
    fillResults();
    if (m_results->rowCount() > 0) {
        m_results->selectRow(0);
    } else {
        clearDetail(QStringLiteral("No session matches these filters."));
    }
}

void HistoryPanel::fillResults()
{
    m_results->setRowCount(0);
    m_results->setRowCount(static_cast<int>(m_page.rows.size()));
    for (int row = 0; row < m_page.rows.size(); ++row) {
        const auto& r = m_page.rows.at(row);
        setRow(m_results, row,
            {admin::formatLocalTime(r.startedUtcMs), patientCell(r),
                r.therapistName.isEmpty() ? r.therapistUsername
                                          : QStringLiteral("%1 (%2)").arg(r.therapistName, r.therapistUsername),
                r.durationMs ? admin::formatDuration(*r.durationMs) : QStringLiteral("running"), endCell(r),
                channelsCell(r.channels), r.deviceId},
            r.id);
    }
    if (m_page.rows.isEmpty()) {
        m_pageLabel->setText(m_page.total == 0 ? QStringLiteral("No sessions.") : QString());
    } else {
        m_pageLabel->setText(QStringLiteral("Sessions %1–%2 of %3, newest first")
                                 .arg(m_page.offset + 1)
                                 .arg(m_page.offset + m_page.rows.size())
                                 .arg(m_page.total));
    }
    m_newer->setEnabled(m_allowed && m_page.offset > 0);
    m_older->setEnabled(m_allowed && m_page.hasMore());
}

void HistoryPanel::selectionChanged()
{
    const auto rows = m_results->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        return;
    }
    const auto* item = m_results->item(rows.first().row(), 0);
    if (item != nullptr) {
        showDetail(item->data(Qt::UserRole).toLongLong());
    }
}

void HistoryPanel::clearDetail(const QString& why)
{
    m_detail.reset();
    m_summary->setText(why);
    admin::clearMessage(m_detailMessage);
    m_channels->setRowCount(0);
    m_events->setRowCount(0);
    m_outcome->clear();
    m_chart->setData({}, QString());
    m_tabs->setEnabled(false);
}

void HistoryPanel::showDetail(qint64 sessionId)
{
    const auto found = m_context.history().detail(m_user, sessionId);
    if (!found.ok()) {
        clearDetail(QStringLiteral("Session %1").arg(sessionId));
        admin::showMessage(m_detailMessage, MessageKind::Error, found.error().message);
        return;
    }
    m_detail = found.value();
    const auto& d = *m_detail;
    const auto& s = d.session;
    QString summary = QStringLiteral("Session %1 · %2 · started %3")
                          .arg(s.id)
                          .arg(patientCell(s))
                          .arg(admin::formatLocalTime(s.startedUtcMs));
    summary += s.endedUtcMs
        ? QStringLiteral(", ended %1 (%2), %3")
              .arg(admin::formatLocalTime(*s.endedUtcMs), endCell(s), admin::formatDuration(s.durationMs.value_or(0)))
        : QStringLiteral(", still running");
    summary += QStringLiteral("\nTherapist %1 · stimulator %2, firmware %3 · workstation %4")
                   .arg(s.therapistUsername, s.deviceId, d.firmware.isEmpty() ? QStringLiteral("–") : d.firmware,
                       d.workstation);
    if (!d.outcomes.isEmpty()) {
        const auto& o = d.outcomes.last();
        summary += QStringLiteral("\nPain (NPRS 0–10): before %1, after %2").arg(nprs(o.nprsBefore), nprs(o.nprsAfter));
    }
    m_summary->setText(summary);
    admin::clearMessage(m_detailMessage);
    m_tabs->setEnabled(true);
    fillChannels(d);
    fillEvents(d);
    fillOutcome(d);
    fillChart(d);
}

void HistoryPanel::fillChannels(const app::SessionHistoryDetail& d)
{
    m_channels->setRowCount(static_cast<int>(d.channels.size()));
    for (int row = 0; row < d.channels.size(); ++row) {
        const auto& c = d.channels.at(row);
        const QString programme = QStringLiteral("%1 v%2 (%3, %4 µs)")
                                      .arg(c.programName)
                                      .arg(c.programVersion)
                                      .arg(hz(c.frequencyMilliHz))
                                      .arg(c.pulseWidthUs);
        QString site = c.placementSite;
        if (!c.landmark.isEmpty()) {
            site += QStringLiteral(" (%1)").arg(c.landmark);
        }
        setRow(m_channels, row,
            {QString::number(c.channel), programme, site, admin::formatMa(c.maxAmplitudeUa),
                QStringLiteral("%1 µC").arg(c.totalChargeUc), calibrationCell(c.calibration)});
    }
}

void HistoryPanel::fillEvents(const app::SessionHistoryDetail& d)
{
    m_events->setRowCount(static_cast<int>(d.events.size()));
    const qint64 startNs = d.events.isEmpty() ? 0 : d.events.first().atMonoNs;
    for (int row = 0; row < d.events.size(); ++row) {
        const auto& e = d.events.at(row);
        const double since = static_cast<double>(e.atMonoNs - startNs) / 1e9;
        setRow(m_events, row,
            {QString::number(e.seq), admin::formatLocalTimeOfDay(e.atUtcMs),
                QStringLiteral("%1 s").arg(since, 0, 'f', 3), eventLabel(e.kind),
                e.channel ? QString::number(*e.channel) : QStringLiteral("all"),
                e.amplitudeUa ? admin::formatMa(*e.amplitudeUa) : QString(), e.note});
    }
}

void HistoryPanel::fillOutcome(const app::SessionHistoryDetail& d)
{
    if (d.outcomesWithheld) {
        m_outcome->setText(QStringLiteral("Outcomes are clinical content and are not shown to your role."));
        return;
    }
    if (d.outcomes.isEmpty()) {
        m_outcome->setText(QStringLiteral("No outcome was recorded for this session."));
        return;
    }
    QStringList parts;
    for (const auto& o : d.outcomes) {
        QString text = QStringLiteral("Recorded %1\nPain (NPRS 0–10) before: %2\nPain (NPRS 0–10) after: %3")
                           .arg(admin::formatLocalTime(o.recordedUtcMs), nprs(o.nprsBefore), nprs(o.nprsAfter));
        if (o.ndiRaw) {
            text += QStringLiteral("\nNDI: %1 of 50").arg(*o.ndiRaw);
        }
        if (o.odiPercent) {
            text += QStringLiteral("\nODI: %1 %").arg(*o.odiPercent);
        }
        text += QStringLiteral("\nNotes: %1").arg(o.notes.isEmpty() ? QStringLiteral("none") : o.notes);
        parts.append(text);
    }
    m_outcome->setText(parts.join(QStringLiteral("\n\n")));
}

void HistoryPanel::fillChart(const app::SessionHistoryDetail& d)
{
    QList<SessionChartSecond> seconds;
    seconds.reserve(d.seconds.size());
    const auto ma = [](const std::optional<qint64>& ua) {
        return ua ? std::optional<double>(static_cast<double>(*ua) / 1000.0) : std::nullopt;
    };
    for (const auto& s : d.seconds) {
        SessionChartSecond c;
        c.channel = s.channel;
        c.second = static_cast<int>(s.second);
        c.commandedMa = static_cast<double>(s.commandedUa) / 1000.0;
        c.measuredMinMa = ma(s.measuredMinUa);
        c.measuredMeanMa = ma(s.measuredMeanUa);
        c.measuredMaxMa = ma(s.measuredMaxUa);
        seconds.append(c);
    }
    m_chart->setData(seconds, QStringLiteral("Session %1 — delivered current per second").arg(d.session.id));
}

} // namespace galvani::ui
