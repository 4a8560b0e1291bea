// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/MotorPointPanel.h"

#include "app/AppContext.h"
#include "ui/patients/FieldMessages.h"
#include "ui/patients/MotorPointSearchDialog.h"
#include "ui/patients/PatientText.h"

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

#include <algorithm>
#include <cmath>

namespace galvani::ui {

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

QString stimulus(const app::MotorPointView& m)
{
    return QStringLiteral("%1 µs, %2 Hz")
        .arg(m.pulseWidthUs)
        .arg(static_cast<double>(m.frequencyMilliHz) / 1000.0, 0, 'f', 1);
}

void fill(QTableWidget* table, int row, const QStringList& cells)
{
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells.at(c));
        item->setToolTip(cells.at(c));
        table->setItem(row, c, item);
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
    : QWidget(parent), m_context(context), m_service(std::make_unique<app::MotorPointService>(context.store())),
      m_user(user)
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
    m_mrn = mrn;
    m_placements = placements;
    m_messages->clear();
    const qint64 chosen = m_placement->currentData().toLongLong();
    m_placement->clear();
    for (const auto& p : m_placements) {
        m_placement->addItem(patienttext::placement(p), p.id);
    }
    if (const int i = m_placement->findData(chosen); i >= 0) {
        m_placement->setCurrentIndex(i);
    }
    setEnabled(!mrn.isEmpty());
    m_record->setEnabled(!m_placements.isEmpty());
    m_guided->setEnabled(!m_placements.isEmpty() && app::isAllowed(m_user.role, app::Action::RunSession));
    m_guided->setToolTip(!app::isAllowed(m_user.role, app::Action::RunSession)
            ? QStringLiteral("Your role does not run sessions, and a search is one")
            : (m_placements.isEmpty()
                    ? QStringLiteral("Record a placement first: the search runs on a placement's channel")
                    : QStringLiteral("Search the motor point on the chosen placement with the probe: a recorded "
                                     "session at 2 Hz, 200 µs, raised in 0.5 mA steps up to 20 mA (Alt+G)")));
    m_record->setToolTip(m_placements.isEmpty()
            ? QStringLiteral("Record a placement first: a motor point belongs "
                             "to a placement")
            : QStringLiteral("Record the motor point on the chosen placement (Alt+M)"));
    reload();
}

void MotorPointPanel::reload()
{
    m_points.clear();
    m_remembered.clear();
    if (!m_mrn.isEmpty()) {
        const auto current = m_service->current(m_user, m_mrn);
        const auto remembered = m_service->remembered(m_user, m_mrn);
        if (current.ok()) {
            m_points = current.value();
        } else {
            setErrorText(m_message, current.error().message);
        }
        if (remembered.ok()) {
            // Earlier visits only: the points on today's placements are in the table above.
            for (const auto& m : remembered.value()) {
                const bool today = std::any_of(
                    m_points.cbegin(), m_points.cend(), [&m](const app::MotorPointView& p) { return p.id == m.id; });
                if (!today) {
                    m_remembered.append(m);
                }
            }
        } else {
            setErrorText(m_message, remembered.error().message);
        }
    }
    m_table->setRowCount(static_cast<int>(m_points.size()));
    for (int r = 0; r < m_points.size(); ++r) {
        const auto& m = m_points.at(r);
        fill(m_table, r,
            {QString::number(m.channel), patienttext::site(m.muscle, m.side), patienttext::posture(m.posture),
                patienttext::milliamps(m.thresholdUa), stimulus(m), patienttext::localDateTime(m.measuredUtcMs),
                m.notes});
    }
    m_rememberedTable->setRowCount(static_cast<int>(m_remembered.size()));
    for (int r = 0; r < m_remembered.size(); ++r) {
        const auto& m = m_remembered.at(r);
        fill(m_rememberedTable, r,
            {patienttext::localDate(m.measuredUtcMs), QString::number(m.channel), patienttext::site(m.muscle, m.side),
                patienttext::posture(m.posture), patienttext::milliamps(m.thresholdUa), stimulus(m), m.notes});
    }
    m_reuse->setEnabled(!m_remembered.isEmpty() && !m_placements.isEmpty());
    m_withdraw->setEnabled(!m_remembered.isEmpty());
}

void MotorPointPanel::record()
{
    m_messages->clear();
    if (m_mrn.isEmpty() || m_placement->currentIndex() < 0) {
        setErrorText(m_message, QStringLiteral("Record a placement first: a motor point belongs to a placement."));
        return;
    }
    app::MotorPointInput in;
    in.placementId = m_placement->currentData().toLongLong();
    in.thresholdUa = std::llround(m_threshold->value() * 1000.0);
    in.pulseWidthUs = m_pulseWidth->value();
    in.frequencyMilliHz = std::llround(m_frequency->value() * 1000.0);
    in.notes = m_notes->text().trimmed();
    const auto recorded = m_service->record(m_user, m_mrn, in);
    if (!recorded.ok()) {
        m_messages->show(recorded.error().message);
        return;
    }
    m_notes->clear();
    reload();
    setOkText(m_message,
        QStringLiteral("Motor point at %1 on channel %2 recorded, threshold %3.")
            .arg(patienttext::site(recorded->muscle, recorded->side))
            .arg(recorded->channel)
            .arg(patienttext::milliamps(recorded->thresholdUa)));
    Q_EMIT motorPointsChanged();
}

MotorPointSearchDialog* MotorPointPanel::searchDialog() const
{
    return m_search.data();
}

void MotorPointPanel::openSearch()
{
    m_messages->clear();
    const int index = m_placement->currentIndex();
    if (m_mrn.isEmpty() || index < 0 || index >= m_placements.size()) {
        setErrorText(m_message, QStringLiteral("Record a placement first: the search runs on a placement's channel."));
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
    m_search = new MotorPointSearchDialog(m_context, m_user, m_mrn, m_placements.at(index), window());
    connect(m_search, &MotorPointSearchDialog::pointMarked, this, [this](const app::MotorPointView& point) {
        reload();
        setOkText(m_message,
            QStringLiteral("Motor point at %1 on channel %2 recorded by the guided search, threshold %3.")
                .arg(patienttext::site(point.muscle, point.side))
                .arg(point.channel)
                .arg(patienttext::milliamps(point.thresholdUa)));
        Q_EMIT motorPointsChanged();
    });
    m_search->resize(760, 860);
    m_search->open();
}

void MotorPointPanel::reuseRemembered()
{
    m_messages->clear();
    const auto copied = m_service->reuseOnCurrent(m_user, m_mrn);
    if (!copied.ok()) {
        setErrorText(m_message, copied.error().message);
        return;
    }
    reload();
    setOkText(m_message,
        copied->isEmpty()
            ? QStringLiteral("Nothing to carry over: each of today's placements has a point already, or "
                             "no remembered point matches its muscle, side and posture.")
            : QStringLiteral("%1 remembered motor point(s) recorded on today's placements.").arg(copied->size()));
    Q_EMIT motorPointsChanged();
}

void MotorPointPanel::withdrawSelected()
{
    m_messages->clear();
    const int row = m_rememberedTable->currentRow();
    if (row < 0 || row >= m_remembered.size()) {
        setErrorText(m_message, QStringLiteral("Select the remembered point to withdraw first."));
        return;
    }
    const auto point = m_remembered.at(row);
    bool ok = false;
    const QString reason = QInputDialog::getText(this, QStringLiteral("Do not offer this motor point again"),
        QStringLiteral("Why should this point not be reused? (1–1000 characters)"), QLineEdit::Normal, QString(), &ok);
    if (!ok) {
        return;
    }
    const auto changed = m_service->setReusable(m_user, m_mrn, point.id, false, reason);
    if (!changed.ok()) {
        setErrorText(m_message, changed.error().message);
        return;
    }
    reload();
    Q_EMIT motorPointsChanged();
}

} // namespace galvani::ui
