// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/MotorPointPanel.h"

#include "app/AppContext.h"
#include "ui/patients/FieldMessages.h"
#include "ui/patients/MotorPointSearchDialog.h"
#include "ui/patients/PatientText.h"
#include "ui/presenters/MotorPointPresenter.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace galvani::ui {

using presenters::MotorPointPresenter;

namespace {

QTableWidget* pointTable(const QString& objectName, const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void fill(QTableWidget* table, const QList<QStringList>& rows)
{
    table->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const QStringList& cells = rows.at(r);
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            item->setToolTip(cells.at(c));
            table->setItem(r, c, item);
        }
    }
}

QLabel* hintLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #555555;"));
    return label;
}

} // namespace

MotorPointPanel::MotorPointPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_context(context), m_user(user),
      m_presenter(new MotorPointPresenter(context.store(), user, this))
{
    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(QStringLiteral("Motor points on today's placements"), this);
    title->setStyleSheet(QStringLiteral("font-weight: 700;"));
    layout->addWidget(title);
    m_table = pointTable(QStringLiteral("motorPointTable"),
        {QStringLiteral("Ch"), QStringLiteral("Site"), QStringLiteral("Posture"), QStringLiteral("Threshold"),
            QStringLiteral("Search stimulus"), QStringLiteral("Found"), QStringLiteral("Notes")},
        this);
    layout->addWidget(m_table, 2);

    auto* form = new QGroupBox(QStringLiteral("Record a motor point"), this);
    auto* grid = new QGridLayout(form);
    grid->setColumnStretch(1, 1);
    m_message = FieldMessages::makeLabel(QStringLiteral("motorPointMessage"), form);
    m_messages = std::make_unique<FieldMessages>(m_message);
    int row = 0;
    const auto addRow
        = [&](const QString& label, QWidget* field, const QString& ruleText, const QStringList& keywords) {
              auto* name = new QLabel(label, form);
              name->setBuddy(field);
              grid->addWidget(name, row, 0);
              grid->addWidget(field, row, 1);
              grid->addWidget(hintLabel(ruleText, form), row, 2);
              ++row;
              QLabel* error = FieldMessages::makeLabel(field->objectName() + QStringLiteral("Error"), form);
              grid->addWidget(error, row++, 1, 1, 2);
              m_messages->add(keywords, field, error);
          };
    m_placement = new QComboBox(form);
    m_placement->setObjectName(QStringLiteral("motorPointPlacement"));
    addRow(QStringLiteral("&Placement:"), m_placement, QStringLiteral("One of today's placements"),
        {QStringLiteral("placement")});
    m_guided = new QPushButton(QStringLiteral("&Guided search…"), form);
    m_guided->setObjectName(QStringLiteral("guidedMotorPointSearch"));
    m_guided->setToolTip(QStringLiteral("Search the motor point on the chosen placement with the probe: a recorded "
                                        "session at 2 Hz, 200 µs, raised in 0.5 mA steps up to 20 mA (Alt+G)"));
    grid->addWidget(m_guided, row++, 1);
    m_threshold = new QDoubleSpinBox(form);
    m_threshold->setObjectName(QStringLiteral("motorPointThreshold"));
    m_threshold->setDecimals(1);
    m_threshold->setRange(0.1, kSearchCapMa);
    m_threshold->setSingleStep(0.1);
    m_threshold->setValue(5.0);
    m_threshold->setSuffix(QStringLiteral(" mA"));
    QFont big = m_threshold->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_threshold->setFont(big);
    addRow(QStringLiteral("Motor t&hreshold:"), m_threshold,
        QStringLiteral("0.1–20.0 mA: the least current that twitches; start under 10 mA, the search stops at 20 mA"),
        {QStringLiteral("motor threshold")});
    m_pulseWidth = new QSpinBox(form);
    m_pulseWidth->setObjectName(QStringLiteral("motorPointPulseWidth"));
    m_pulseWidth->setRange(1, 4000);
    m_pulseWidth->setSingleStep(10);
    m_pulseWidth->setValue(250);
    m_pulseWidth->setSuffix(QStringLiteral(" µs"));
    addRow(QStringLiteral("Pulse &width:"), m_pulseWidth, QStringLiteral("1–4000 µs; searches use 150–300 µs"),
        {QStringLiteral("pulse width")});
    m_frequency = new QDoubleSpinBox(form);
    m_frequency->setObjectName(QStringLiteral("motorPointFrequency"));
    m_frequency->setDecimals(1);
    m_frequency->setRange(0.1, 100.0);
    m_frequency->setSingleStep(0.5);
    m_frequency->setValue(2.0);
    m_frequency->setSuffix(QStringLiteral(" Hz"));
    addRow(QStringLiteral("&Rate:"), m_frequency, QStringLiteral("0.1–100.0 Hz; searches use 2–3 Hz, abdomen 0.5 Hz"),
        {QStringLiteral("frequency")});
    m_notes = new QLineEdit(form);
    m_notes->setObjectName(QStringLiteral("motorPointNotes"));
    m_notes->setMaxLength(250);
    addRow(QStringLiteral("N&otes:"), m_notes,
        QStringLiteral("Optional, up to 250 characters (e.g. where the spot "
                       "lies from the pad centre)"),
        {QStringLiteral("notes")});
    m_record = new QPushButton(QStringLiteral("Record &motor point"), form);
    m_record->setObjectName(QStringLiteral("recordMotorPoint"));
    m_record->setToolTip(QStringLiteral("Record the motor point on the chosen placement (Alt+M)"));
    grid->addWidget(m_record, row++, 1);
    grid->addWidget(m_message, row++, 0, 1, 3);
    layout->addWidget(form);

    auto* rememberedTitle = new QLabel(QStringLiteral("Remembered from earlier visits"), this);
    rememberedTitle->setStyleSheet(QStringLiteral("font-weight: 700;"));
    layout->addWidget(rememberedTitle);
    m_rememberedTable = pointTable(QStringLiteral("rememberedMotorPoints"),
        {QStringLiteral("Found"), QStringLiteral("Ch"), QStringLiteral("Site"), QStringLiteral("Posture"),
            QStringLiteral("Threshold"), QStringLiteral("Search stimulus"), QStringLiteral("Notes")},
        this);
    layout->addWidget(m_rememberedTable, 2);
    auto* actions = new QHBoxLayout;
    m_reuse = new QPushButton(QStringLiteral("&Use on today's placements"), this);
    m_reuse->setObjectName(QStringLiteral("reuseMotorPoints"));
    m_reuse->setToolTip(QStringLiteral("Record the newest remembered point again on each of today's placements at "
                                       "the same muscle, side and posture that has none yet (Alt+U)"));
    m_withdraw = new QPushButton(QStringLiteral("&Do not offer again…"), this);
    m_withdraw->setObjectName(QStringLiteral("withdrawMotorPoint"));
    m_withdraw->setToolTip(QStringLiteral("Withdraw the selected remembered point from reuse, e.g. after a poor "
                                          "response (Alt+D)"));
    actions->addWidget(m_reuse);
    actions->addWidget(m_withdraw);
    actions->addStretch(1);
    layout->addLayout(actions);

    connect(m_record, &QPushButton::clicked, this, &MotorPointPanel::record);
    connect(m_reuse, &QPushButton::clicked, this, &MotorPointPanel::reuseRemembered);
    connect(m_withdraw, &QPushButton::clicked, this, &MotorPointPanel::withdrawSelected);
    connect(m_guided, &QPushButton::clicked, this, &MotorPointPanel::openSearch);
    setPatient(QString(), {});
}

// The search dialog is a child of the panel's window (see openSearch), so it goes with the panel explicitly; its
// destructor stops a search in progress.
MotorPointPanel::~MotorPointPanel()
{
    delete m_search.data();
}

void MotorPointPanel::setPatient(const QString& mrn, const QList<app::PlacementView>& placements)
{
    m_messages->clear();
    const qint64 chosen = m_placement->currentData().toLongLong();
    const QString problem = m_presenter->setPatient(mrn, placements);
    m_placement->clear();
    for (const auto& p : m_presenter->placements()) {
        m_placement->addItem(patienttext::placement(p), p.id);
    }
    if (const int i = m_placement->findData(chosen); i >= 0) {
        m_placement->setCurrentIndex(i);
    }
    setEnabled(!mrn.isEmpty());
    m_record->setEnabled(m_presenter->canRecord());
    m_record->setToolTip(m_presenter->recordTip());
    m_guided->setEnabled(m_presenter->canSearch());
    m_guided->setToolTip(m_presenter->searchTip());
    showPoints(problem);
}

const QList<app::MotorPointView>& MotorPointPanel::points() const
{
    return m_presenter->points();
}

void MotorPointPanel::showPoints(const QString& problem)
{
    if (!problem.isEmpty()) {
        setErrorText(m_message, problem);
    }
    fill(m_table, m_presenter->pointRows());
    fill(m_rememberedTable, m_presenter->rememberedRows());
    m_reuse->setEnabled(m_presenter->canReuse());
    m_withdraw->setEnabled(m_presenter->canWithdraw());
}

void MotorPointPanel::showResult(const MotorPointPresenter::Result& result)
{
    if (result.isError()) {
        if (result.focus == MotorPointPresenter::Field::Form) {
            m_messages->show(result.text);
        } else {
            setErrorText(m_message, result.text);
        }
        return;
    }
    showPoints(QString());
    if (result.kind == presenters::FeedbackKind::Success) {
        setOkText(m_message, result.text);
    }
    Q_EMIT motorPointsChanged();
}

void MotorPointPanel::record()
{
    m_messages->clear();
    MotorPointPresenter::Input in;
    in.placementId = m_placement->currentIndex() < 0 ? 0 : m_placement->currentData().toLongLong();
    in.thresholdMa = m_threshold->value();
    in.pulseWidthUs = m_pulseWidth->value();
    in.frequencyHz = m_frequency->value();
    in.notes = m_notes->text();
    const MotorPointPresenter::Result result = m_presenter->record(in);
    if (!result.isError()) {
        m_notes->clear();
    }
    showResult(result);
}

MotorPointSearchDialog* MotorPointPanel::searchDialog() const
{
    return m_search.data();
}

void MotorPointPanel::openSearch()
{
    m_messages->clear();
    QString problem;
    const auto placement = m_presenter->searchPlacement(m_placement->currentIndex(), &problem);
    if (!placement) {
        setErrorText(m_message, problem);
        return;
    }
    if (m_search) {
        if (m_search->isVisible()) {
            m_search->raise();
            m_search->activateWindow();
            return;
        }
        delete m_search.data(); // a closed one: its search has ended (closing stops it)
    }
    // Parented to the window, not to this panel: the main window disables the patient workspace while a session
    // runs (one patient per session), and the search's own controls must stay usable.
    m_search = new MotorPointSearchDialog(m_context, m_user, m_presenter->mrn(), *placement, window());
    connect(m_search, &MotorPointSearchDialog::pointMarked, this, [this](const app::MotorPointView& point) {
        showPoints(m_presenter->reload());
        setOkText(m_message, MotorPointPresenter::markedText(point));
        Q_EMIT motorPointsChanged();
    });
    m_search->resize(760, 860);
    m_search->open();
}

void MotorPointPanel::reuseRemembered()
{
    m_messages->clear();
    showResult(m_presenter->reuse());
}

void MotorPointPanel::withdrawSelected()
{
    m_messages->clear();
    const int row = m_rememberedTable->currentRow();
    if (const auto check = m_presenter->checkWithdraw(row); check.isError()) {
        showResult(check);
        return;
    }
    bool ok = false;
    const QString reason = QInputDialog::getText(this, QStringLiteral("Do not offer this motor point again"),
        QStringLiteral("Why should this point not be reused? (1–1000 characters)"), QLineEdit::Normal, QString(), &ok);
    if (!ok) {
        return;
    }
    showResult(m_presenter->withdraw(row, reason));
}

} // namespace galvani::ui
