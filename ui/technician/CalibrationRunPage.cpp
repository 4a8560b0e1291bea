// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/CalibrationRunPage.h"

#include "ui/technician/TechnicianFormat.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace galvani::ui {

namespace {

using Presenter = presenters::CalibrationWizardPresenter;

QTableWidgetItem* cell(const QString& text, bool number = true)
{
    auto* out = technician::readOnlyCell(text);
    if (number) {
        out->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    return out;
}

QFont scaled(QFont font, double factor, bool bold)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    font.setBold(bold);
    return font;
}

} // namespace

CalibrationRunPage::CalibrationRunPage(presenters::CalibrationWizardPresenter* presenter, QWidget* parent)
    : QWidget(parent), m_presenter(presenter)
{
    setObjectName(QStringLiteral("calibrationRunPage"));
    auto* layout = new QVBoxLayout(this);
    m_prompt = new QLabel;
    m_prompt->setObjectName(QStringLiteral("runPromptLabel"));
    m_prompt->setWordWrap(true);
    m_prompt->setFont(scaled(m_prompt->font(), 1.4, true));
    m_abort = new QPushButton(QStringLiteral("A&bort calibration"));
    m_abort->setObjectName(QStringLiteral("abortButton"));
    m_abort->setMinimumHeight(40);
    m_abort->setToolTip(QStringLiteral(
        "Stop the output now (Alt+B). The channel under way keeps only an incomplete record, which changes nothing; "
        "channels already finished keep their records."));
    auto* top = new QHBoxLayout;
    top->addWidget(m_prompt, 1);
    top->addWidget(m_abort, 0, Qt::AlignTop);
    layout->addLayout(top);

    auto* progressRow = new QHBoxLayout;
    m_progressText = new QLabel;
    m_progressText->setObjectName(QStringLiteral("runProgressLabel"));
    m_progressText->setFont(scaled(m_progressText->font(), 1.15, false));
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("runProgressBar"));
    m_progress->setTextVisible(true);
    progressRow->addWidget(m_progressText, 1);
    progressRow->addWidget(m_progress, 1);
    layout->addLayout(progressRow);
    m_selfTest = new QLabel;
    m_selfTest->setObjectName(QStringLiteral("runSelfTestLabel"));
    m_selfTest->setWordWrap(true);
    layout->addWidget(m_selfTest);

    auto* controls = new QHBoxLayout;
    m_continue = new QPushButton;
    m_continue->setObjectName(QStringLiteral("continueButton"));
    m_continue->setFont(scaled(m_continue->font(), 1.2, true));
    m_continue->setDefault(true);
    m_continue->setMinimumHeight(44);
    controls->addWidget(m_continue);
    controls->addStretch(1);
    layout->addLayout(controls);

    m_readingGroup = new QGroupBox(QStringLiteral("Meter reading"));
    m_readingGroup->setObjectName(QStringLiteral("readingGroup"));
    auto* readingLayout = new QVBoxLayout(m_readingGroup);
    m_readingPrompt = new QLabel;
    m_readingPrompt->setObjectName(QStringLiteral("readingPromptLabel"));
    m_readingPrompt->setWordWrap(true);
    m_readingPrompt->setFont(scaled(m_readingPrompt->font(), 1.3, true));
    readingLayout->addWidget(m_readingPrompt);
    auto* readingRow = new QHBoxLayout;
    auto* readingLabel = new QLabel(QStringLiteral("C&urrent (mA):"));
    m_reading = new QLineEdit;
    m_reading->setObjectName(QStringLiteral("readingEdit"));
    m_reading->setFont(scaled(m_reading->font(), 1.5, true));
    m_reading->setMaximumWidth(160);
    m_reading->setToolTip(QStringLiteral("The meter's reading of the delivered current, 0-200 mA"));
    readingLabel->setBuddy(m_reading);
    auto* widthLabel = new QLabel(QStringLiteral("&Width (µs):"));
    m_width = new QLineEdit;
    m_width->setObjectName(QStringLiteral("readingWidthEdit"));
    m_width->setPlaceholderText(QStringLiteral("optional"));
    m_width->setMaximumWidth(100);
    widthLabel->setBuddy(m_width);
    auto* rateLabel = new QLabel(QStringLiteral("&Rate (Hz):"));
    m_rate = new QLineEdit;
    m_rate->setObjectName(QStringLiteral("readingRateEdit"));
    m_rate->setPlaceholderText(QStringLiteral("optional"));
    m_rate->setMaximumWidth(100);
    rateLabel->setBuddy(m_rate);
    m_submit = new QPushButton(QStringLiteral("&Enter reading"));
    m_submit->setObjectName(QStringLiteral("submitReadingButton"));
    m_submit->setToolTip(QStringLiteral("Record this reading (Enter)"));
    readingRow->addWidget(readingLabel);
    readingRow->addWidget(m_reading);
    readingRow->addWidget(new QLabel(QStringLiteral("0-200 mA")));
    readingRow->addSpacing(16);
    readingRow->addWidget(widthLabel);
    readingRow->addWidget(m_width);
    readingRow->addWidget(rateLabel);
    readingRow->addWidget(m_rate);
    readingRow->addStretch(1);
    readingRow->addWidget(m_submit);
    readingLayout->addLayout(readingRow);
    m_readingError = new QLabel;
    m_readingError->setObjectName(QStringLiteral("readingErrorLabel"));
    m_readingError->setWordWrap(true);
    m_readingError->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
    m_readingError->hide();
    readingLayout->addWidget(m_readingError);
    layout->addWidget(m_readingGroup);

    const QStringList pointTitles = Presenter::pointColumnTitles();
    m_table = new QTableWidget(0, static_cast<int>(pointTitles.size()));
    m_table->setObjectName(QStringLiteral("pointTable"));
    m_table->setHorizontalHeaderLabels(pointTitles);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setFont(scaled(m_table->font(), 1.1, false));
    m_table->setAccessibleName(QStringLiteral("Measured points"));
    layout->addWidget(m_table, 3);

    auto* finished = new QGroupBox(QStringLiteral("Finished channels"));
    auto* finishedLayout = new QVBoxLayout(finished);
    m_channelResults = new QListWidget;
    m_channelResults->setObjectName(QStringLiteral("channelResultsList"));
    m_channelResults->setMaximumHeight(110);
    m_channelResults->setFont(scaled(m_channelResults->font(), 1.1, true));
    m_channelResults->setIconSize(QSize(20, 20));
    finishedLayout->addWidget(m_channelResults);
    finished->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    layout->addWidget(finished);

    connect(m_continue, &QPushButton::clicked, presenter, &Presenter::continueRun);
    connect(m_abort, &QPushButton::clicked, this, &CalibrationRunPage::abortClicked);
    connect(m_submit, &QPushButton::clicked, this, &CalibrationRunPage::submitReading);
    for (QLineEdit* edit : {m_reading, m_width, m_rate}) {
        connect(edit, &QLineEdit::returnPressed, this, &CalibrationRunPage::submitReading);
    }
    connect(presenter, &Presenter::runBegun, this, &CalibrationRunPage::begin);
    connect(presenter, &Presenter::runStateChanged, this, &CalibrationRunPage::showState);
    connect(presenter, &Presenter::pointMeasured, this, &CalibrationRunPage::addPoint);
    connect(presenter, &Presenter::channelFinished, this, &CalibrationRunPage::addChannelResult);
    showState();
}

void CalibrationRunPage::begin()
{
    m_table->setRowCount(0);
    m_channelResults->clear();
    m_asked = Presenter::Ask::Nothing;
}

void CalibrationRunPage::showState()
{
    m_prompt->setText(m_presenter->prompt());
    m_progressText->setText(m_presenter->progressText());
    m_progress->setRange(0, m_presenter->progressTotal());
    m_progress->setValue(m_presenter->progressDone());
    m_selfTest->setText(m_presenter->selfTestText());
    m_abort->setEnabled(m_presenter->abortEnabled());
    const Presenter::Ask ask = m_presenter->ask();
    const bool newRequest
        = ask != m_asked || (ask == Presenter::Ask::Reading && m_readingPrompt->text() != m_presenter->readingPrompt());
    m_asked = ask;
    m_continue->setVisible(ask == Presenter::Ask::Continue);
    m_readingGroup->setVisible(ask == Presenter::Ask::Reading);
    if (ask == Presenter::Ask::Continue) {
        m_continue->setText(m_presenter->continueText());
        m_continue->setToolTip(m_presenter->continueToolTip());
        if (newRequest) {
            m_continue->setFocus();
        }
    } else if (ask == Presenter::Ask::Reading && newRequest) {
        m_readingPrompt->setText(m_presenter->readingPrompt());
        m_reading->clear();
        m_width->clear();
        m_rate->clear();
        m_reading->setFocus();
    }
    const auto& refusal = m_presenter->readingFeedback();
    m_readingError->setText(refusal.text);
    m_readingError->setVisible(refusal.isError());
}

void CalibrationRunPage::addPoint(const app::CalibrationPointResult& point)
{
    const Presenter::PointRow shown = Presenter::pointRow(point);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    for (int column = 0; column < shown.cells.size(); ++column) {
        // Numbers right-aligned; the phase and the verdict are words.
        const bool number = column != 1 && column != shown.cells.size() - 1;
        m_table->setItem(row, column, cell(shown.cells[column], number));
    }
    auto* within = m_table->item(row, static_cast<int>(shown.cells.size()) - 1);
    within->setIcon(technician::passIcon(this, shown.passed));
    within->setToolTip(shown.failure);
    if (!shown.passed) {
        QFont bold = within->font();
        bold.setBold(true);
        within->setFont(bold);
    }
    m_table->scrollToBottom();
}

void CalibrationRunPage::addChannelResult(const app::ChannelCalibrationResult& result)
{
    m_channelResults->addItem(
        new QListWidgetItem(technician::passIcon(this, result.passed), Presenter::channelResultText(result)));
    m_channelResults->scrollToBottom();
}

void CalibrationRunPage::submitReading()
{
    const auto refusal = m_presenter->submitReading(m_reading->text(), m_width->text(), m_rate->text());
    switch (refusal.focus) {
    case Presenter::Field::Current:
        m_reading->setFocus();
        break;
    case Presenter::Field::Width:
        m_width->setFocus();
        break;
    case Presenter::Field::Rate:
        m_rate->setFocus();
        break;
    default:
        break;
    }
}

} // namespace galvani::ui
