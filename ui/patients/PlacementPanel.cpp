// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/PlacementPanel.h"

#include "ui/patients/BodyMapWidget.h"
#include "ui/patients/FieldMessages.h"
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
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <QSignalBlocker>

namespace galvani::ui {

using presenters::PlacementPresenter;

namespace {

constexpr int kMaxChannel = 8;

QLabel* rule(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #555555;"));
    QFont small = label->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    label->setFont(small);
    return label;
}

QDoubleSpinBox* centimetreBox(const QString& objectName, double min, double max, double step, QWidget* parent)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(objectName);
    box->setDecimals(1);
    box->setRange(min, max);
    box->setSingleStep(step);
    box->setSuffix(QStringLiteral(" cm"));
    box->setAccelerated(true);
    return box;
}

enum Column { kChannel, kPolarity, kSite, kLandmark, kOffset, kPad, kKind, kPosture, kLead, kRecorded, kColumns };

} // namespace

PlacementPanel::PlacementPanel(
    app::PlacementService& placements, app::RecordStore& store, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_presenter(new PlacementPresenter(placements, store, user, this))
{
    auto* layout = new QVBoxLayout(this);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    layout->addWidget(split);

    auto* top = new QWidget(split);
    auto* topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_map = new BodyMapWidget(top);
    m_map->setToolTip(QStringLiteral("Click a site, or use the arrow keys and Enter"));
    topLayout->addWidget(m_map, 1);

    // The form scrolls rather than clip when the window is short.
    auto* formScroll = new QScrollArea(top);
    formScroll->setWidgetResizable(true);
    formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    formScroll->setFrameShape(QFrame::NoFrame);
    auto* formBox = new QGroupBox(QStringLiteral("Record an electrode"), formScroll);
    auto* grid = new QGridLayout(formBox);
    grid->setColumnStretch(1, 1);
    grid->setVerticalSpacing(2);
    m_message = FieldMessages::makeLabel(QStringLiteral("placementMessage"), formBox);
    m_messages = std::make_unique<FieldMessages>(m_message);
    int row = 0;
    // Each field: its label, the field, its rule in small type under it, and room for a refusal naming it.
    const auto addRow
        = [&](const QString& label, QWidget* field, const QString& ruleText, const QStringList& keywords) {
              auto* name = new QLabel(label, formBox);
              name->setBuddy(field);
              grid->addWidget(name, row, 0);
              grid->addWidget(field, row++, 1);
              if (!ruleText.isEmpty()) {
                  grid->addWidget(rule(ruleText, formBox), row++, 1);
              }
              QLabel* error = FieldMessages::makeLabel(field->objectName() + QStringLiteral("Error"), formBox);
              grid->addWidget(error, row++, 0, 1, 2);
              m_messages->add(keywords, field, error);
          };

    m_channel = new QSpinBox(formBox);
    m_channel->setObjectName(QStringLiteral("placementChannel"));
    m_channel->setRange(1, kMaxChannel);
    m_channel->setPrefix(QStringLiteral("Channel "));
    addRow(QStringLiteral("C&hannel:"), m_channel, QStringLiteral("1–8"), {QStringLiteral("channel")});

    m_site = new QComboBox(formBox);
    m_site->setObjectName(QStringLiteral("placementSite"));
    m_site->setToolTip(QStringLiteral("Every site of the body map, for the keyboard"));
    addRow(QStringLiteral("&Site:"), m_site, QString(), {QStringLiteral("site '"), QStringLiteral("catalogue")});
    m_landmark = new QLabel(formBox);
    m_landmark->setObjectName(QStringLiteral("placementLandmark"));
    m_landmark->setWordWrap(true);
    grid->addWidget(m_landmark, row++, 0, 1, 2);

    m_cranial = centimetreBox(QStringLiteral("placementOffsetCranial"), -50.0, 50.0, 0.5, formBox);
    addRow(QStringLiteral("Offset towards h&ead:"), m_cranial,
        QStringLiteral("−50.0 to 50.0 cm from the landmark; + towards the head"), {QStringLiteral("cranial offset")});
    m_lateral = centimetreBox(QStringLiteral("placementOffsetLateral"), -50.0, 50.0, 0.5, formBox);
    addRow(QStringLiteral("Offset a&way from midline:"), m_lateral,
        QStringLiteral("−50.0 to 50.0 cm; + away from the midline"), {QStringLiteral("lateral offset")});

    m_padSize = new QComboBox(formBox);
    m_padSize->setObjectName(QStringLiteral("placementPadSize"));
    for (const PlacementPresenter::PadSize& size : PlacementPresenter::padSizes()) {
        m_padSize->addItem(size.label, QSize(size.widthMm, size.heightMm));
    }
    m_padSize->addItem(QStringLiteral("Other size"), QSize());
    addRow(QStringLiteral("&Pad size:"), m_padSize, QString(), {});
    m_padSize->setToolTip(QStringLiteral("The trial sizes of CLINICAL §4; enter width and height for another pad"));
    auto* sizeRow = new QWidget(formBox);
    auto* sizeLayout = new QHBoxLayout(sizeRow);
    sizeLayout->setContentsMargins(0, 0, 0, 0);
    m_padWidth = centimetreBox(QStringLiteral("placementPadWidth"), 0.5, 50.0, 0.1, sizeRow);
    m_padHeight = centimetreBox(QStringLiteral("placementPadHeight"), 0.5, 50.0, 0.1, sizeRow);
    m_padWidth->setAccessibleName(QStringLiteral("Pad width"));
    m_padHeight->setAccessibleName(QStringLiteral("Pad height"));
    m_padArea = new QLabel(sizeRow);
    m_padArea->setObjectName(QStringLiteral("placementPadArea"));
    sizeLayout->addWidget(m_padWidth);
    sizeLayout->addWidget(new QLabel(QStringLiteral("×"), sizeRow));
    sizeLayout->addWidget(m_padHeight);
    sizeLayout->addWidget(m_padArea, 1);
    sizeRow->setObjectName(QStringLiteral("placementPadDimensions"));
    addRow(QStringLiteral("Wi&dth × height:"), sizeRow, QStringLiteral("0.5–50.0 cm each"),
        {QStringLiteral("electrode width"), QStringLiteral("electrode height"), QStringLiteral("electrode area")});

    m_kind = new QComboBox(formBox);
    m_kind->setObjectName(QStringLiteral("placementKind"));
    for (const auto kind : {app::ElectrodeKind::SelfAdhesive, app::ElectrodeKind::CarbonSponge}) {
        m_kind->addItem(patienttext::electrodeKind(kind), static_cast<int>(kind));
    }
    addRow(QStringLiteral("Pad t&ype:"), m_kind, QString(), {});
    m_reuseCount = new QSpinBox(formBox);
    m_reuseCount->setObjectName(QStringLiteral("placementReuseCount"));
    m_reuseCount->setRange(0, 10000);
    m_reuseCount->setSuffix(QStringLiteral(" times"));
    addRow(
        QStringLiteral("Pad used &before:"), m_reuseCount, QStringLiteral("0–10000"), {QStringLiteral("reuse count")});

    m_polarity = new QComboBox(formBox);
    m_polarity->setObjectName(QStringLiteral("placementPolarity"));
    for (const auto p :
        {app::ElectrodePolarity::ActiveCathode, app::ElectrodePolarity::Reference, app::ElectrodePolarity::Symmetric}) {
        m_polarity->addItem(patienttext::polarity(p), static_cast<int>(p));
    }
    addRow(QStringLiteral("Polar&ity:"), m_polarity,
        QStringLiteral("On the map: ● active (cathode), ■ reference, ◆ symmetric"), {});
    m_posture = new QComboBox(formBox);
    m_posture->setObjectName(QStringLiteral("placementPosture"));
    for (const auto p : {app::PatientPosture::Prone, app::PatientPosture::Supine, app::PatientPosture::Sitting,
             app::PatientPosture::Standing, app::PatientPosture::SideLying}) {
        m_posture->addItem(patienttext::posture(p), static_cast<int>(p));
    }
    addRow(QStringLiteral("Post&ure:"), m_posture, QStringLiteral("Motor points shift up to 3.1 cm with posture"), {});
    m_lead = new QLineEdit(formBox);
    m_lead->setObjectName(QStringLiteral("placementLeadLabel"));
    m_lead->setMaxLength(32);
    addRow(QStringLiteral("Le&ad label:"), m_lead, QStringLiteral("Optional, up to 32 characters"),
        {QStringLiteral("lead label")});
    m_notes = new QLineEdit(formBox);
    m_notes->setObjectName(QStringLiteral("placementNotes"));
    m_notes->setMaxLength(250);
    addRow(QStringLiteral("N&otes:"), m_notes, QStringLiteral("Optional, up to 250 characters"),
        {QStringLiteral("placement notes")});

    m_record = new QPushButton(QStringLiteral("&Record placement"), formBox);
    m_record->setObjectName(QStringLiteral("recordPlacement"));
    m_record->setToolTip(QStringLiteral("Record this electrode for the patient (Alt+R). An electrode of the same "
                                        "role on this channel is replaced; the old one stays on record."));
    grid->setRowStretch(row, 1);
    formScroll->setWidget(formBox);
    // Combo boxes shrink to the column rather than widen the form to their longest item.
    for (auto* combo : formBox->findChildren<QComboBox*>()) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(14);
    }
    // The button and the outcome stay in view below the form, however far it is scrolled.
    auto* formColumn = new QWidget(top);
    formColumn->setFixedWidth(480);
    auto* formColumnLayout = new QVBoxLayout(formColumn);
    formColumnLayout->setContentsMargins(0, 0, 0, 0);
    formColumnLayout->addWidget(formScroll, 1);
    m_record->setParent(formColumn);
    m_message->setParent(formColumn);
    formColumnLayout->addWidget(m_record);
    formColumnLayout->addWidget(m_message);
    topLayout->addWidget(formColumn, 0);

    auto* bottom = new QWidget(split);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto* tableTitle = new QLabel(QStringLiteral("Placements in use"), bottom);
    tableTitle->setStyleSheet(QStringLiteral("font-weight: 700;"));
    bottomLayout->addWidget(tableTitle);
    m_table = new QTableWidget(0, kColumns, bottom);
    m_table->setObjectName(QStringLiteral("placementTable"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("Ch"), QStringLiteral("Polarity"), QStringLiteral("Site"),
        QStringLiteral("Landmark"), QStringLiteral("Offset ↑ / ↔ (cm)"), QStringLiteral("Pad (cm, cm²)"),
        QStringLiteral("Type"), QStringLiteral("Posture"), QStringLiteral("Lead"), QStringLiteral("Recorded")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(kLandmark, QHeaderView::Stretch);
    m_table->setAccessibleName(QStringLiteral("Placements in use"));
    bottomLayout->addWidget(m_table, 1);
    auto* actions = new QHBoxLayout;
    m_reuse = new QPushButton(QStringLiteral("Reuse &last visit"), bottom);
    m_reuse->setObjectName(QStringLiteral("reuseLastVisit"));
    m_reuse->setToolTip(QStringLiteral("Record today's visit with the same placements, and their remembered motor "
                                       "points, in one step (Alt+L)"));
    m_remove = new QPushButton(QStringLiteral("Re&move from use…"), bottom);
    m_remove->setObjectName(QStringLiteral("removePlacement"));
    m_remove->setToolTip(QStringLiteral("Take the selected placement out of use; it stays on record (Alt+M)"));
    actions->addWidget(m_reuse);
    actions->addWidget(m_remove);
    actions->addStretch(1);
    bottomLayout->addLayout(actions);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({560, 240});

    // The catalogue is reference data (ViewPresets); a role without it gets an empty map and a message.
    if (!m_presenter->catalogueProblem().isEmpty()) {
        setErrorText(m_message, m_presenter->catalogueProblem());
    }
    m_map->setSites(m_presenter->sites());
    for (const auto& s : m_presenter->sites()) {
        m_site->addItem(patienttext::site(s.muscle, s.side), s.id);
    }

    connect(m_map, &BodyMapWidget::sitePicked, this, &PlacementPanel::chooseSite);
    connect(m_map, &BodyMapWidget::currentSiteChanged, this, &PlacementPanel::chooseSite);
    connect(m_site, &QComboBox::currentIndexChanged, this, [this] {
        m_map->setCurrentSite(m_site->currentData().toString());
        showSiteDetails();
    });
    connect(m_padSize, &QComboBox::currentIndexChanged, this, [this] {
        const QSize size = m_padSize->currentData().toSize();
        if (size.isValid()) {
            m_padWidth->setValue(size.width() / 10.0);
            m_padHeight->setValue(size.height() / 10.0);
        }
    });
    const auto sizeEdited = [this] {
        const QSignalBlocker block(m_padSize);
        m_padSize->setCurrentIndex(PlacementPresenter::padSizeIndex(m_padWidth->value(), m_padHeight->value()));
        m_padArea->setText(PlacementPresenter::padAreaText(m_padWidth->value(), m_padHeight->value()));
    };
    connect(m_padWidth, &QDoubleSpinBox::valueChanged, this, sizeEdited);
    connect(m_padHeight, &QDoubleSpinBox::valueChanged, this, sizeEdited);
    connect(m_record, &QPushButton::clicked, this, &PlacementPanel::record);
    connect(m_reuse, &QPushButton::clicked, this, &PlacementPanel::reuseLastVisit);
    connect(m_remove, &QPushButton::clicked, this, &PlacementPanel::removeSelected);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int current) { loadRow(current); });

    m_padSize->setCurrentIndex(2); // 5 × 9 cm, the size CLINICAL's worked example uses
    m_padWidth->setValue(5.0);
    m_padHeight->setValue(9.0);
    if (!m_presenter->sites().isEmpty()) {
        chooseSite(m_presenter->sites().first().id);
    }
    setPatient(QString());
}

PlacementPanel::~PlacementPanel() = default;

const QList<app::PlacementView>& PlacementPanel::placements() const
{
    return m_presenter->placements();
}

void PlacementPanel::setPatient(const QString& mrn)
{
    m_messages->clear();
    setEnabled(!mrn.isEmpty());
    showPlacements(m_presenter->setPatient(mrn));
}

void PlacementPanel::showPlacements(const QString& problem)
{
    if (!problem.isEmpty()) {
        setErrorText(m_message, problem);
    }
    m_map->setPlacements(m_presenter->placements());
    const QSignalBlocker block(m_table);
    const QList<QStringList> rows = m_presenter->rows();
    m_table->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const QStringList& cells = rows.at(r);
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            item->setToolTip(cells.at(c));
            m_table->setItem(r, c, item);
        }
    }
    m_reuse->setEnabled(m_presenter->canReuse());
    m_remove->setEnabled(m_presenter->canRemove());
}

void PlacementPanel::showResult(const PlacementPresenter::Result& result)
{
    if (result.isError()) {
        if (result.focus == PlacementPresenter::Field::Form) {
            m_messages->show(result.text);
        } else {
            setErrorText(m_message, result.text);
        }
        return;
    }
    if (result.kind != presenters::FeedbackKind::Success) {
        return;
    }
    showPlacements(QString());
    setOkText(m_message, result.text);
    Q_EMIT placementsChanged();
}

void PlacementPanel::chooseSite(const QString& siteId)
{
    const int index = m_site->findData(siteId);
    if (index >= 0) {
        m_site->setCurrentIndex(index);
    }
    m_map->setCurrentSite(siteId);
    showSiteDetails();
}

void PlacementPanel::showSiteDetails()
{
    const auto details = m_presenter->siteDetails(m_site->currentData().toString());
    if (!details) {
        m_landmark->clear();
        return;
    }
    m_landmark->setText(details->text);
    m_cranial->setValue(details->offsetCranialCm);
    m_lateral->setValue(details->offsetLateralCm);
}

void PlacementPanel::loadRow(int row)
{
    const auto f = m_presenter->formOf(row);
    if (!f) {
        return;
    }
    m_channel->setValue(f->channel);
    chooseSite(f->siteId);
    m_cranial->setValue(f->offsetCranialCm);
    m_lateral->setValue(f->offsetLateralCm);
    m_padWidth->setValue(f->widthCm);
    m_padHeight->setValue(f->heightCm);
    m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(f->kind)));
    m_reuseCount->setValue(f->reuseCount);
    m_polarity->setCurrentIndex(m_polarity->findData(static_cast<int>(f->polarity)));
    m_posture->setCurrentIndex(m_posture->findData(static_cast<int>(f->posture)));
    m_lead->setText(f->leadLabel);
    m_notes->setText(f->notes);
}

PlacementPresenter::Form PlacementPanel::form() const
{
    PlacementPresenter::Form f;
    f.siteId = m_site->currentData().toString();
    f.channel = m_channel->value();
    f.offsetCranialCm = m_cranial->value();
    f.offsetLateralCm = m_lateral->value();
    f.widthCm = m_padWidth->value();
    f.heightCm = m_padHeight->value();
    f.kind = static_cast<app::ElectrodeKind>(m_kind->currentData().toInt());
    f.reuseCount = m_reuseCount->value();
    f.polarity = static_cast<app::ElectrodePolarity>(m_polarity->currentData().toInt());
    f.posture = static_cast<app::PatientPosture>(m_posture->currentData().toInt());
    f.leadLabel = m_lead->text();
    f.notes = m_notes->text();
    return f;
}

void PlacementPanel::record()
{
    m_messages->clear();
    showResult(m_presenter->record(form()));
}

void PlacementPanel::reuseLastVisit()
{
    m_messages->clear();
    showResult(m_presenter->reuseLastVisit());
}

void PlacementPanel::removeSelected()
{
    m_messages->clear();
    const int row = m_table->currentRow();
    if (const auto check = m_presenter->checkRemove(row); check.isError()) {
        showResult(check);
        return;
    }
    bool ok = false;
    const QString reason = QInputDialog::getText(this, QStringLiteral("Remove placement from use"),
        m_presenter->removeQuestion(row), QLineEdit::Normal, QString(), &ok);
    if (!ok) {
        return;
    }
    showResult(m_presenter->remove(row, reason));
}

} // namespace galvani::ui
