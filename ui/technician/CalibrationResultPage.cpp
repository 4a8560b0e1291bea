// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/CalibrationResultPage.h"

#include "ui/technician/TechnicianFormat.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

namespace galvani::ui {

namespace {

// The column with the outcome in words, marked with an icon and bold type too.
constexpr int kOutcomeColumn = 1;

} // namespace

CalibrationResultPage::CalibrationResultPage(presenters::CalibrationWizardPresenter* presenter, QWidget* parent)
    : QWidget(parent), m_presenter(presenter)
{
    setObjectName(QStringLiteral("calibrationResultPage"));
    auto* layout = new QVBoxLayout(this);
    m_headline = new QLabel;
    m_headline->setObjectName(QStringLiteral("resultHeadlineLabel"));
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_headline->setFont(big);
    m_headline->setWordWrap(true);
    layout->addWidget(m_headline);
    m_detail = new QLabel;
    m_detail->setObjectName(QStringLiteral("resultDetailLabel"));
    m_detail->setWordWrap(true);
    layout->addWidget(m_detail);

    const QStringList titles = presenters::CalibrationWizardPresenter::resultColumnTitles();
    const int reasonColumn = static_cast<int>(titles.size()) - 1;
    m_table = new QTableWidget(0, static_cast<int>(titles.size()));
    m_table->setObjectName(QStringLiteral("resultTable"));
    m_table->setHorizontalHeaderLabels(titles);
    m_table->verticalHeader()->hide();
    for (int c = 0; c < reasonColumn; ++c) {
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    m_table->horizontalHeader()->setSectionResizeMode(reasonColumn, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    QFont tableFont = m_table->font();
    tableFont.setPointSizeF(tableFont.pointSizeF() * 1.1);
    m_table->setFont(tableFont);
    m_table->setIconSize(QSize(20, 20));
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);

    auto* bottom = new QHBoxLayout;
    m_signedBy = new QLabel;
    m_signedBy->setObjectName(QStringLiteral("signedByLabel"));
    m_signedBy->setWordWrap(true);
    bottom->addWidget(m_signedBy, 1);
    auto* again = new QPushButton(QStringLiteral("&New calibration"));
    again->setObjectName(QStringLiteral("newCalibrationButton"));
    again->setToolTip(QStringLiteral("Back to the set-up, which keeps what was entered (Alt+N)"));
    bottom->addWidget(again);
    layout->addLayout(bottom);
    connect(again, &QPushButton::clicked, this, &CalibrationResultPage::newCalibrationClicked);
    // Filled as the wizard turns to this page, before anyone hears that the run has ended.
    connect(presenter, &presenters::CalibrationWizardPresenter::pageChanged, this,
        [this](presenters::CalibrationWizardPresenter::Page page) {
            if (page == presenters::CalibrationWizardPresenter::Page::Result) {
                showOutcome();
            }
        });
}

void CalibrationResultPage::showOutcome()
{
    m_table->setRowCount(0);
    for (const app::ChannelCalibrationResult& r : m_presenter->lastSummary().channels) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells = presenters::CalibrationWizardPresenter::resultRow(r);
        for (int column = 0; column < cells.size(); ++column) {
            m_table->setItem(row, column, technician::readOnlyCell(cells[column]));
        }
        auto* outcome = m_table->item(row, kOutcomeColumn);
        outcome->setIcon(technician::passIcon(this, r.passed));
        QFont bold = outcome->font();
        bold.setBold(true);
        outcome->setFont(bold);
    }
    m_table->resizeRowsToContents();
    const auto words = m_presenter->outcome();
    m_headline->setText(words.headline);
    m_detail->setText(words.detail);
    m_signedBy->setText(words.signedBy);
}

} // namespace galvani::ui
