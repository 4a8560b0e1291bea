// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/CalibrationSetupPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace galvani::ui {

namespace {

using Field = presenters::CalibrationWizardPresenter::Field;

QLabel* errorLabel(const QString& objectName)
{
    auto* label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
    label->hide();
    return label;
}

QString loadText(int ohms)
{
    return ohms < 1000 ? QStringLiteral("%1 Ω").arg(ohms) : QStringLiteral("%1 kΩ").arg(ohms / 1000);
}

} // namespace

CalibrationSetupPage::CalibrationSetupPage(presenters::CalibrationWizardPresenter* presenter, QWidget* parent)
    : QWidget(parent), m_presenter(presenter)
{
    setObjectName(QStringLiteral("calibrationSetupPage"));
    auto* layout = new QVBoxLayout(this);
    m_device = new QLabel;
    m_device->setObjectName(QStringLiteral("setupDeviceLabel"));
    m_device->setWordWrap(true);
    layout->addWidget(m_device);

    auto* columns = new QHBoxLayout;
    auto* run = new QGroupBox(QStringLiteral("What to calibrate"));
    auto* form = new QFormLayout(run);
    auto* channelGrid = new QGridLayout;
    for (int ch = 1; ch <= 8; ++ch) {
        auto* check = new QCheckBox(QString::number(ch));
        check->setObjectName(QStringLiteral("channelCheck%1").arg(ch));
        check->setToolTip(QStringLiteral("Calibrate channel %1").arg(ch));
        check->setChecked(true);
        channelGrid->addWidget(check, (ch - 1) / 4, (ch - 1) % 4);
        m_channelChecks.append(check);
    }
    auto* all = new QPushButton(QStringLiteral("&All"));
    all->setObjectName(QStringLiteral("allChannelsButton"));
    auto* none = new QPushButton(QStringLiteral("&None"));
    none->setObjectName(QStringLiteral("noChannelsButton"));
    channelGrid->addWidget(all, 0, 4);
    channelGrid->addWidget(none, 1, 4);
    form->addRow(QStringLiteral("Channels (1-8):"), channelGrid);

    m_load = new QComboBox;
    m_load->setObjectName(QStringLiteral("loadCombo"));
    for (const int ohms : app::kReferenceLoadsOhms) {
        m_load->addItem(loadText(ohms) + (ohms == 500 ? QStringLiteral(" (default)") : QString()), ohms);
    }
    auto* loadLabel = new QLabel(QStringLiteral("Reference &load:"));
    loadLabel->setBuddy(m_load);
    form->addRow(loadLabel, m_load);

    m_points = new QLineEdit(QStringLiteral("10, 25, 50"));
    m_points->setObjectName(QStringLiteral("pointsEdit"));
    m_points->setToolTip(QStringLiteral("At least 3 different currents, each above 0 and at most 100 mA, on the "
                                        "stimulator's step (0.5 mA for ScienceMode4)"));
    auto* pointsLabel = new QLabel(QStringLiteral("Test &currents (mA):"));
    pointsLabel->setBuddy(m_points);
    auto* pointsRow = new QHBoxLayout;
    pointsRow->addWidget(m_points);
    pointsRow->addWidget(new QLabel(QStringLiteral("at least 3, 0-100 mA")));
    form->addRow(pointsLabel, pointsRow);

    m_interval = new QSpinBox;
    m_interval->setObjectName(QStringLiteral("intervalSpin"));
    m_interval->setRange(1, 12);
    m_interval->setValue(12);
    m_interval->setSuffix(QStringLiteral(" months"));
    auto* intervalLabel = new QLabel(QStringLiteral("Next &due after:"));
    intervalLabel->setBuddy(m_interval);
    auto* intervalRow = new QHBoxLayout;
    intervalRow->addWidget(m_interval);
    intervalRow->addWidget(new QLabel(QStringLiteral("1-12 months (at least yearly)")));
    intervalRow->addStretch(1);
    form->addRow(intervalLabel, intervalRow);

    m_modeDevice = new QRadioButton(QStringLiteral("The stimulator &measures each pulse"));
    m_modeDevice->setObjectName(QStringLiteral("modeDeviceRadio"));
    m_modeDevice->setChecked(true);
    m_modeManual = new QRadioButton(QStringLiteral("Man&ual: I read an external meter and type each reading"));
    m_modeManual->setObjectName(QStringLiteral("modeManualRadio"));
    auto* modes = new QVBoxLayout;
    modes->addWidget(m_modeDevice);
    modes->addWidget(m_modeManual);
    form->addRow(QStringLiteral("Readings:"), modes);
    form->addRow(QString(), new QLabel(QStringLiteral("Pulses: symmetric biphasic, 200 µs per phase, 100 Hz.")));
    columns->addWidget(run, 1);

    auto* instruments = new QGroupBox(QStringLiteral("Reference instruments (at least one)"));
    auto* instrumentsLayout = new QVBoxLayout(instruments);
    auto* entry = new QFormLayout;
    m_instrumentName = new QLineEdit;
    m_instrumentName->setObjectName(QStringLiteral("instrumentNameEdit"));
    m_instrumentName->setPlaceholderText(QStringLiteral("e.g. Fluke 87V"));
    auto* nameLabel = new QLabel(QStringLiteral("&Instrument name:"));
    nameLabel->setBuddy(m_instrumentName);
    entry->addRow(nameLabel, m_instrumentName);
    m_instrumentSerial = new QLineEdit;
    m_instrumentSerial->setObjectName(QStringLiteral("instrumentSerialEdit"));
    auto* serialLabel = new QLabel(QStringLiteral("Instrument se&rial:"));
    serialLabel->setBuddy(m_instrumentSerial);
    entry->addRow(serialLabel, m_instrumentSerial);
    m_instrumentDue = new QDateEdit;
    m_instrumentDue->setObjectName(QStringLiteral("instrumentDueEdit"));
    m_instrumentDue->setCalendarPopup(true);
    m_instrumentDue->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_instrumentDue->setDate(presenter->today().addYears(1));
    auto* dueLabel = new QLabel(QStringLiteral("Its cali&bration due:"));
    dueLabel->setBuddy(m_instrumentDue);
    entry->addRow(dueLabel, m_instrumentDue);
    instrumentsLayout->addLayout(entry);
    auto* instrumentButtons = new QHBoxLayout;
    auto* add = new QPushButton(QStringLiteral("Add ins&trument"));
    add->setObjectName(QStringLiteral("addInstrumentButton"));
    auto* remove = new QPushButton(QStringLiteral("Remo&ve selected"));
    remove->setObjectName(QStringLiteral("removeInstrumentButton"));
    instrumentButtons->addWidget(add);
    instrumentButtons->addWidget(remove);
    instrumentButtons->addStretch(1);
    instrumentsLayout->addLayout(instrumentButtons);
    m_instrumentError = errorLabel(QStringLiteral("instrumentErrorLabel"));
    instrumentsLayout->addWidget(m_instrumentError);
    const QStringList instrumentTitles = presenters::CalibrationWizardPresenter::instrumentColumnTitles();
    m_instrumentTable = new QTableWidget(0, static_cast<int>(instrumentTitles.size()));
    m_instrumentTable->setObjectName(QStringLiteral("instrumentTable"));
    m_instrumentTable->setHorizontalHeaderLabels(instrumentTitles);
    m_instrumentTable->verticalHeader()->hide();
    m_instrumentTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_instrumentTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_instrumentTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_instrumentTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_instrumentTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    instrumentsLayout->addWidget(m_instrumentTable, 1);
    columns->addWidget(instruments, 1);
    layout->addLayout(columns, 1);

    auto* extra = new QFormLayout;
    m_deviceSerial = new QLineEdit;
    m_deviceSerial->setObjectName(QStringLiteral("deviceSerialEdit"));
    m_deviceSerial->setPlaceholderText(QStringLiteral("only if the stimulator reports none (ScienceMode2)"));
    auto* deviceSerialLabel = new QLabel(QStringLiteral("D&evice serial:"));
    deviceSerialLabel->setBuddy(m_deviceSerial);
    extra->addRow(deviceSerialLabel, m_deviceSerial);
    m_notes = new QLineEdit;
    m_notes->setObjectName(QStringLiteral("notesEdit"));
    m_notes->setPlaceholderText(QStringLiteral("optional; kept with each record"));
    auto* notesLabel = new QLabel(QStringLiteral("N&otes:"));
    notesLabel->setBuddy(m_notes);
    extra->addRow(notesLabel, m_notes);
    layout->addLayout(extra);

    auto* startRow = new QHBoxLayout;
    m_error = errorLabel(QStringLiteral("setupErrorLabel"));
    startRow->addWidget(m_error, 1);
    m_start = new QPushButton(QStringLiteral("&Start calibration"));
    m_start->setObjectName(QStringLiteral("startCalibrationButton"));
    m_start->setToolTip(QStringLiteral("Connect, self-test and calibrate the ticked channels (Alt+S)"));
    startRow->addWidget(m_start);
    layout->addLayout(startRow);

    connect(all, &QPushButton::clicked, this, [this] {
        for (QCheckBox* c : m_channelChecks) {
            c->setChecked(c->isEnabled());
        }
    });
    connect(none, &QPushButton::clicked, this, [this] {
        for (QCheckBox* c : m_channelChecks) {
            c->setChecked(false);
        }
    });
    connect(add, &QPushButton::clicked, this, &CalibrationSetupPage::addInstrument);
    connect(m_instrumentSerial, &QLineEdit::returnPressed, this, &CalibrationSetupPage::addInstrument);
    connect(remove, &QPushButton::clicked, this,
        [this] { m_presenter->removeInstrument(m_instrumentTable->currentRow()); });
    connect(m_start, &QPushButton::clicked, this, &CalibrationSetupPage::startRequested);
    using P = presenters::CalibrationWizardPresenter;
    connect(presenter, &P::deviceChanged, this, &CalibrationSetupPage::showDevice);
    connect(presenter, &P::instrumentsChanged, this, &CalibrationSetupPage::showInstruments);
    connect(presenter, &P::setupFeedbackChanged, this, &CalibrationSetupPage::showFeedback);
    showDevice();
    showInstruments();
    showFeedback();
}

void CalibrationSetupPage::showDevice()
{
    const int channels = m_presenter->deviceChannels();
    for (int i = 0; i < m_channelChecks.size(); ++i) {
        const bool exists = i < channels;
        m_channelChecks[i]->setEnabled(exists);
        if (!exists) {
            m_channelChecks[i]->setChecked(false);
        }
    }
    m_device->setText(m_presenter->deviceText());
}

void CalibrationSetupPage::addInstrument()
{
    const auto added
        = m_presenter->addInstrument(m_instrumentName->text(), m_instrumentSerial->text(), m_instrumentDue->date());
    m_instrumentError->setText(added.text);
    m_instrumentError->setVisible(added.isError());
    if (added.isError()) {
        QWidget* const fields[] = {m_instrumentName, m_instrumentSerial, m_instrumentDue};
        fields[added.focus == Field::InstrumentSerial ? 1 : added.focus == Field::InstrumentDue ? 2 : 0]->setFocus();
        return;
    }
    m_instrumentName->clear();
    m_instrumentSerial->clear();
    m_instrumentName->setFocus();
}

void CalibrationSetupPage::showInstruments()
{
    m_instrumentTable->setRowCount(0);
    for (const auto& instrument : m_presenter->instruments()) {
        const int row = m_instrumentTable->rowCount();
        m_instrumentTable->insertRow(row);
        const QStringList cells = presenters::CalibrationWizardPresenter::instrumentRow(instrument);
        for (int column = 0; column < cells.size(); ++column) {
            m_instrumentTable->setItem(row, column, new QTableWidgetItem(cells[column]));
        }
    }
}

presenters::CalibrationWizardPresenter::SetupForm CalibrationSetupPage::form() const
{
    presenters::CalibrationWizardPresenter::SetupForm f;
    for (int i = 0; i < m_channelChecks.size(); ++i) {
        if (m_channelChecks[i]->isChecked()) {
            f.channels.append(i + 1);
        }
    }
    f.loadOhms = m_load->currentData().toInt();
    f.points = m_points->text();
    f.intervalMonths = m_interval->value();
    f.manual = m_modeManual->isChecked();
    f.deviceSerial = m_deviceSerial->text();
    f.notes = m_notes->text();
    return f;
}

void CalibrationSetupPage::showFeedback()
{
    const auto& feedback = m_presenter->setupFeedback();
    m_error->setText(feedback.text);
    m_error->setVisible(feedback.isError());
    switch (feedback.focus) {
    case Field::Channels:
        m_channelChecks.constFirst()->setFocus();
        break;
    case Field::Points:
        m_points->setFocus();
        break;
    case Field::Instruments:
        m_instrumentName->setFocus();
        break;
    default:
        break;
    }
}

} // namespace galvani::ui
