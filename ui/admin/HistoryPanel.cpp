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

} // namespace

HistoryPanel::HistoryPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_presenter(context.history(), user)
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
    m_results = makeTable(QStringLiteral("historyResults"), presenters::HistoryPresenter::columnTitles(), top);
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
    connect(m_newer, &QPushButton::clicked, &m_presenter, &presenters::HistoryPresenter::newer);
    connect(m_older, &QPushButton::clicked, &m_presenter, &presenters::HistoryPresenter::older);
    connect(&m_presenter, &presenters::HistoryPresenter::pageChanged, this, &HistoryPanel::fillResults);
    connect(&m_presenter, &presenters::HistoryPresenter::detailChanged, this, &HistoryPanel::showDetail);

    showDetail();
    if (!m_presenter.allowed()) {
        // Deny by default, as the services do: no call is made, so merely opening the panel writes no refusal.
        filters->setEnabled(false);
        filters->setVisible(false);
        splitter->setVisible(false);
        admin::showMessage(m_listMessage, MessageKind::Info, m_presenter.notice());
        layout->addStretch(1);
        fillResults();
        return;
    }
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
    m_channels = makeTable(QStringLiteral("detailChannels"), presenters::HistoryPresenter::channelTitles(), m_tabs);
    m_chart = new SessionChart(m_tabs);
    m_chart->setObjectName(QStringLiteral("detailChart"));
    m_events = makeTable(QStringLiteral("detailEvents"), presenters::HistoryPresenter::eventTitles(), m_tabs);
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
    m_presenter.search(filterFromForm());
}

void HistoryPanel::fillResults()
{
    if (m_presenter.listFeedback().isError()) {
        // The filters stay as typed so the user can correct them.
        admin::showFeedback(m_listMessage, m_presenter.listFeedback());
    } else if (m_presenter.allowed()) {
        admin::clearMessage(m_listMessage);
    }
    m_filling = true;
    const auto& rows = m_presenter.page().rows;
    m_results->setRowCount(0);
    m_results->setRowCount(static_cast<int>(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        setRow(m_results, row, m_presenter.rowText(row), rows.at(row).id);
    }
    if (!rows.isEmpty()) {
        m_results->selectRow(0); // the presenter shows the newest session
    }
    m_filling = false;
    m_pageLabel->setText(m_presenter.pageText());
    m_newer->setEnabled(m_presenter.canGoNewer());
    m_older->setEnabled(m_presenter.canGoOlder());
}

void HistoryPanel::selectionChanged()
{
    const auto rows = m_results->selectionModel()->selectedRows();
    if (m_filling || rows.isEmpty()) {
        return;
    }
    const auto* item = m_results->item(rows.first().row(), 0);
    if (item != nullptr) {
        m_presenter.select(item->data(Qt::UserRole).toLongLong());
    }
}

void HistoryPanel::showDetail()
{
    const auto& detail = m_presenter.detail();
    m_summary->setText(m_presenter.summary());
    admin::showFeedback(m_detailMessage, m_presenter.detailFeedback());
    m_tabs->setEnabled(detail.has_value());
    const auto channels = m_presenter.channelRows();
    m_channels->setRowCount(static_cast<int>(channels.size()));
    for (int row = 0; row < channels.size(); ++row) {
        setRow(m_channels, row, channels.at(row));
    }
    const auto events = m_presenter.eventRows();
    m_events->setRowCount(static_cast<int>(events.size()));
    for (int row = 0; row < events.size(); ++row) {
        setRow(m_events, row, events.at(row));
    }
    m_outcome->setText(m_presenter.outcomeText());
    if (detail) {
        fillChart(*detail);
    } else {
        m_chart->setData({}, QString());
    }
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
