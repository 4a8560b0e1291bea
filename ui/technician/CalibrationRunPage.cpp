// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/CalibrationRunPage.h"

#include "ui/technician/TechnicianFormat.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <optional>

namespace galvani::ui {

namespace {

enum RunColumn {
    RunChannel,
    RunPhase,
    RunSet,
    RunCommand,
    RunMeasured,
    RunError,
    RunTolerance,
    RunWidth,
    RunRate,
    RunWithin,
    RunColumnCount
};

constexpr double kMaxReadingMa = 200.0;

QTableWidgetItem* cell(const QString& text, bool number = true)
{
    auto* out = technician::readOnlyCell(text);
    if (number) {
        out->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    return out;
}

// A number typed by the technician: the workstation's locale first ("12,5"), then the C form ("12.5").
std::optional<double> parseNumber(const QString& text)
{
    bool ok = false;
    double value = QLocale().toDouble(text.trimmed(), &ok);
    if (!ok) {
        value = QLocale::c().toDouble(text.trimmed(), &ok);
    }
    return ok && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

QFont scaled(QFont font, double factor, bool bold)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    font.setBold(bold);
    return font;
}

} // namespace

CalibrationRunPage::CalibrationRunPage(QWidget* parent) : QWidget(parent)
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

    m_table = new QTableWidget(0, RunColumnCount);
    m_table->setObjectName(QStringLiteral("pointTable"));
    m_table->setHorizontalHeaderLabels(
        {QStringLiteral("Channel"), QStringLiteral("Phase"), QStringLiteral("Set mA"), QStringLiteral("Commanded mA"),
            QStringLiteral("Measured mA"), QStringLiteral("Error mA"), QStringLiteral("Tolerance mA"),
            QStringLiteral("Width µs"), QStringLiteral("Rate Hz"), QStringLiteral("Within tolerance")});
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

    connect(m_continue, &QPushButton::clicked, this, &CalibrationRunPage::continueClicked);
    connect(m_abort, &QPushButton::clicked, this, &CalibrationRunPage::abortClicked);
    connect(m_submit, &QPushButton::clicked, this, &CalibrationRunPage::submitReading);
    for (QLineEdit* edit : {m_reading, m_width, m_rate}) {
        connect(edit, &QLineEdit::returnPressed, this, &CalibrationRunPage::submitReading);
    }
    showWorking();
}

void CalibrationRunPage::begin(int channelCount, int pointsPerPhase)
{
    m_table->setRowCount(0);
    m_channelResults->clear();
    m_selfTest->clear();
    m_progress->setRange(0, std::max(1, channelCount * pointsPerPhase * 2));
    m_progress->setValue(0);
    setAbortEnabled(true);
    showWorking();
}

void CalibrationRunPage::setPrompt(const QString& prompt)
{
    m_prompt->setText(prompt);
}

void CalibrationRunPage::setProgress(const QString& text, int done, int total)
{
    m_progressText->setText(text);
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(std::min(done, std::max(1, total)));
}

void CalibrationRunPage::showSelfTest(const app::SelfTestReport& report)
{
    m_selfTest->setText(
        QStringLiteral("Device %1, firmware %2. Power-on self-test: %3.")
            .arg(report.deviceSerial, report.firmware.isEmpty() ? QStringLiteral("not reported") : report.firmware,
                report.passed() ? QStringLiteral("passed") : report.summary()));
}

void CalibrationRunPage::addPoint(const app::CalibrationPointResult& p)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, RunChannel, cell(QString::number(p.channel)));
    m_table->setItem(row, RunPhase, cell(app::toString(p.phase), false));
    m_table->setItem(row, RunSet, cell(technician::milliamps1(static_cast<double>(p.setUa))));
    m_table->setItem(row, RunCommand, cell(technician::milliamps1(static_cast<double>(p.commandedUa))));
    m_table->setItem(row, RunMeasured, cell(technician::milliamps2(p.measuredUa)));
    m_table->setItem(row, RunError, cell(technician::milliamps2(p.errorUa(), true)));
    m_table->setItem(row, RunTolerance, cell(QStringLiteral("±") + technician::milliamps2(p.toleranceUa)));
    // Width and rate where the device measured them or the technician read them.
    m_table->setItem(
        row, RunWidth, cell(p.measuredWidthUs ? QString::number(*p.measuredWidthUs, 'f', 1) : QStringLiteral("–")));
    m_table->setItem(row, RunRate,
        cell(p.measuredFrequencyHz ? QString::number(*p.measuredFrequencyHz, 'f', 2) : QStringLiteral("–")));
    auto* within = cell(p.passed ? QStringLiteral("Yes") : QStringLiteral("NO"), false);
    within->setIcon(technician::passIcon(this, p.passed));
    within->setToolTip(p.failure);
    if (!p.passed) {
        QFont bold = within->font();
        bold.setBold(true);
        within->setFont(bold);
    }
    m_table->setItem(row, RunWithin, within);
    m_table->scrollToBottom();
}

void CalibrationRunPage::addChannelResult(const app::ChannelCalibrationResult& r)
{
    QString text = QStringLiteral("Channel %1: %2")
                       .arg(r.channel)
                       .arg(r.passed ? QStringLiteral("PASSED") : QStringLiteral("FAILED"));
    if (r.gain && r.offsetUa) {
        text += QStringLiteral(", gain %1, offset %2 mA")
                    .arg(*r.gain, 0, 'f', 4)
                    .arg(technician::milliamps2(*r.offsetUa, true));
    }
    if (!r.passed && !r.reason.isEmpty()) {
        text += QStringLiteral(" - ") + r.reason;
    }
    m_channelResults->addItem(new QListWidgetItem(technician::passIcon(this, r.passed), text));
    m_channelResults->scrollToBottom();
}

void CalibrationRunPage::askToContinue(int channel, int loadOhms)
{
    m_readingGroup->hide();
    m_continue->setText(QStringLiteral("&Continue: the %1 Ω load is on channel %2").arg(loadOhms).arg(channel));
    m_continue->setToolTip(QStringLiteral("Start measuring channel %1 (Alt+C or Enter)").arg(channel));
    m_continue->show();
    m_continue->setFocus();
}

void CalibrationRunPage::askForReading(const app::PendingReading& pending)
{
    m_continue->hide();
    m_readingGroup->show();
    m_readingPrompt->setText(
        QStringLiteral("Channel %1, %2: set %3 mA. The stimulator is commanded %4 mA now. "
                       "Read the meter and type its reading.")
            .arg(pending.channel)
            .arg(app::toString(pending.phase), technician::milliamps1(static_cast<double>(pending.setUa)),
                technician::milliamps1(static_cast<double>(pending.commandedUa))));
    m_reading->clear();
    m_width->clear();
    m_rate->clear();
    m_reading->setFocus();
}

void CalibrationRunPage::showWorking()
{
    m_continue->hide();
    m_readingGroup->hide();
}

void CalibrationRunPage::setReadingError(const QString& message)
{
    m_readingError->setText(message);
    m_readingError->setVisible(!message.isEmpty());
}

void CalibrationRunPage::setAbortEnabled(bool enabled)
{
    m_abort->setEnabled(enabled);
}

void CalibrationRunPage::submitReading()
{
    const auto current = parseNumber(m_reading->text());
    if (!current || *current < 0.0 || *current > kMaxReadingMa) {
        setReadingError(QStringLiteral("Current: '%1' is not a reading; type the meter's current in mA, 0-200 mA.")
                            .arg(m_reading->text().trimmed()));
        m_reading->setFocus();
        return;
    }
    double width = 0.0;
    if (!m_width->text().trimmed().isEmpty()) {
        const auto w = parseNumber(m_width->text());
        if (!w || *w <= 0.0 || *w > 10'000.0) {
            setReadingError(QStringLiteral("Width: '%1' is not a pulse width; type it in µs, above 0 and at most "
                                           "10000 µs, or leave it empty.")
                                .arg(m_width->text().trimmed()));
            m_width->setFocus();
            return;
        }
        width = *w;
    }
    double rate = 0.0;
    if (!m_rate->text().trimmed().isEmpty()) {
        const auto r = parseNumber(m_rate->text());
        if (!r || *r <= 0.0 || *r > 10'000.0) {
            setReadingError(QStringLiteral("Rate: '%1' is not a pulse rate; type it in Hz, above 0 and at most "
                                           "10000 Hz, or leave it empty.")
                                .arg(m_rate->text().trimmed()));
            m_rate->setFocus();
            return;
        }
        rate = *r;
    }
    setReadingError(QString());
    Q_EMIT readingEntered(*current * 1000.0, width, rate);
}

} // namespace galvani::ui
