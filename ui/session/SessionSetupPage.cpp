// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/SessionSetupPage.h"

#include "app/AppContext.h"
#include "ui/presenters/SessionSetupPresenter.h"
#include "ui/session/ChannelSetupRow.h"
#include "ui/session/ClinicPresetBox.h"
#include "ui/session/PlanView.h"
#include "ui/session/SessionFormat.h"
#include "ui/session/StatusMessage.h"
#include "ui/widgets/PresetSettingsEditor.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace galvani::ui::session {

using presenters::SessionSetupPresenter;

SessionSetupPage::SessionSetupPage(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_presenter(new SessionSetupPresenter(context, user, this))
{
    setObjectName(QStringLiteral("sessionSetup"));
    auto* root = new QHBoxLayout(this);
    root->setContentsMargins(0, 0, 0, 0);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* form = new QWidget(scroll);
    auto* column = new QVBoxLayout(form);
    scroll->setWidget(form);

    auto* programme = new QGroupBox(QStringLiteral("Programme and stimulator"), form);
    auto* programmeForm = new QFormLayout(programme);
    m_preset = new QComboBox(programme);
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    m_preset->setToolTip(QStringLiteral(
        "The preset to run, built in or the clinic's own (Alt+E); presets this stimulator cannot deliver "
        "are listed but cannot be chosen"));
    m_presetSummary = new QLabel(programme);
    m_presetSummary->setObjectName(QStringLiteral("presetSummary"));
    m_presetSummary->setWordWrap(true);
    m_presetSummary->setTextFormat(Qt::PlainText);
    m_presetSummary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_deviceUrl = new QLineEdit(context.deviceUrl(), programme);
    m_deviceUrl->setObjectName(QStringLiteral("deviceUrl"));
    m_deviceUrl->setToolTip(QStringLiteral("The stimulator's address (Alt+U), e.g. sim:sciencemode4?channels=8 or "
                                           "serial:/dev/ttyUSB0?protocol=sciencemode4"));
    m_deviceProblem = new QLabel(programme);
    m_deviceProblem->setObjectName(QStringLiteral("deviceUrlProblem"));
    m_deviceProblem->setWordWrap(true);
    m_deviceProblem->setStyleSheet(QStringLiteral("color: #8e0000; font-weight: bold;"));
    m_deviceProblem->hide();
    programmeForm->addRow(QStringLiteral("Pr&eset:"), m_preset);
    programmeForm->addRow(QString(), m_presetSummary);
    programmeForm->addRow(QStringLiteral("Stimulator &URL:"), m_deviceUrl);
    programmeForm->addRow(QString(), m_deviceProblem);
    column->addWidget(programme);

    auto* settings = new QGroupBox(QStringLiteral("Programme settings (within the preset's ranges)"), form);
    auto* settingsColumn = new QVBoxLayout(settings);
    m_settings = new PresetSettingsEditor(settings);
    m_settings->setObjectName(QStringLiteral("presetSettings"));
    settingsColumn->addWidget(m_settings);
    column->addWidget(settings);
    if (app::isAllowed(user.role, app::Action::EditPresets)) {
        m_clinicPresets = new ClinicPresetBox(
            context, user,
            [this] {
                ClinicPresetBox::Source s;
                if (const auto& chosen = m_presenter->choice()) {
                    s.presetId = chosen->id;
                    s.basePresetId = chosen->basePresetId;
                    s.presetName = chosen->name;
                }
                s.values = m_settings->allValues();
                s.sessionMinutes = m_duration->value();
                return s;
            },
            form);
        column->addWidget(m_clinicPresets);
        connect(m_clinicPresets, &ClinicPresetBox::changed, this, [this](const QString& id) {
            reloadPresets(id, true); // list again, the new preset included
        });
    }

    auto* channels = new QGroupBox(QStringLiteral("Channels (current electrode placements)"), form);
    auto* channelColumn = new QVBoxLayout(channels);
    m_screening = new QLabel(channels);
    m_screening->setObjectName(QStringLiteral("screeningStatus"));
    m_screening->setWordWrap(true);
    m_noChannels = new QLabel(channels);
    m_noChannels->setObjectName(QStringLiteral("noChannels"));
    m_noChannels->setWordWrap(true);
    m_channelBox = new QWidget(channels);
    m_channelGrid = new QGridLayout(m_channelBox);
    m_channelGrid->setContentsMargins(0, 0, 0, 0);
    m_channelGrid->setColumnStretch(1, 1);
    const QStringList headers{
        QStringLiteral("Use"), QStringLiteral("Site and pads"), QStringLiteral("Target"), QStringLiteral("Range")};
    for (int i = 0; i < headers.size(); ++i) {
        auto* header = new QLabel(QStringLiteral("<b>%1</b>").arg(headers.at(i)), m_channelBox);
        m_channelGrid->addWidget(header, 0, i);
    }
    channelColumn->addWidget(m_screening);
    channelColumn->addWidget(m_noChannels);
    channelColumn->addWidget(m_channelBox);
    column->addWidget(channels);

    auto* session = new QGroupBox(QStringLiteral("Session"), form);
    auto* sessionForm = new QFormLayout(session);
    m_duration = new QSpinBox(session);
    m_duration->setObjectName(QStringLiteral("durationMinutes"));
    m_duration->setRange(1, 99);
    m_duration->setSuffix(QStringLiteral(" min"));
    m_duration->setToolTip(QStringLiteral("Stimulation time, 1–99 min (Alt+D); pauses do not count"));
    m_advised = new QLabel(session);
    m_advised->setObjectName(QStringLiteral("durationAdvice"));
    auto* durationRow = new QHBoxLayout();
    durationRow->addWidget(m_duration);
    durationRow->addWidget(m_advised, 1);
    m_nprsBefore = new QSpinBox(session);
    m_nprsBefore->setObjectName(QStringLiteral("nprsBefore"));
    m_nprsBefore->setRange(-1, 10);
    m_nprsBefore->setSpecialValueText(QStringLiteral("not asked"));
    m_nprsBefore->setValue(-1);
    m_nprsBefore->setToolTip(QStringLiteral("Pain before the treatment, 0 (none) to 10 (worst imaginable), or "
                                            "\"not asked\" (Alt+B)"));
    auto* nprsRow = new QHBoxLayout();
    nprsRow->addWidget(m_nprsBefore);
    nprsRow->addWidget(new QLabel(QStringLiteral("0 (no pain) to 10 (worst imaginable), or not asked"), session), 1);
    auto* durationLabel = new QLabel(QStringLiteral("&Duration:"), session);
    durationLabel->setBuddy(m_duration);
    auto* nprsLabel = new QLabel(QStringLiteral("Pain &before (NPRS):"), session);
    nprsLabel->setBuddy(m_nprsBefore);
    sessionForm->addRow(durationLabel, durationRow);
    sessionForm->addRow(nprsLabel, nprsRow);
    column->addWidget(session);

    auto* actions = new QHBoxLayout();
    m_prepare = new QPushButton(QStringLiteral("&Prepare"), form);
    m_prepare->setObjectName(QStringLiteral("prepareButton"));
    m_prepare->setToolTip(QStringLiteral("Check the request, connect to the stimulator and show the plan (Alt+P); "
                                         "no output yet"));
    m_prepare->setMinimumHeight(40);
    m_prepare->setFont(scaledFont(font(), 1.2, true));
    actions->addStretch(1);
    actions->addWidget(m_prepare);
    column->addLayout(actions);

    m_message = new StatusMessage(QStringLiteral("prepareMessage"), form);
    column->addWidget(m_message);
    column->addStretch(1);

    m_plan = new PlanView(this);
    root->addWidget(scroll, 3);
    root->addWidget(m_plan, 2);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &SessionSetupPage::presetChosen);
    connect(m_deviceUrl, &QLineEdit::editingFinished, this, [this] { reloadPresets(); });
    connect(m_prepare, &QPushButton::clicked, this, &SessionSetupPage::prepareRequested);
    reloadPresets();
    loadPatient(QString());
    setState(app::SessionState::Idle);
}

SessionSetupPage::~SessionSetupPage() = default;

QString SessionSetupPage::patientMrn() const
{
    return m_presenter->patient();
}

void SessionSetupPage::loadPatient(const QString& mrn)
{
    m_presenter->loadPatient(mrn);
    m_rows.clear();
    m_screening->setText(m_presenter->screening());
    m_screening->setVisible(!mrn.isEmpty());
    QWidget* previous = m_deviceUrl;
    int row = 1;
    for (const SessionSetupPresenter::ChannelRow& c : m_presenter->channels()) {
        auto r = std::make_unique<ChannelSetupRow>(c.channel, c.siteId, c.placement, m_channelGrid, row, m_channelBox);
        connect(r.get(), &ChannelSetupRow::changed, this, [this, rp = r.get()] {
            rp->setProblem(QString());
            updateButtons();
        });
        setTabOrder(previous, r->firstFocus());
        setTabOrder(r->firstFocus(), r->lastFocus());
        previous = r->lastFocus();
        m_rows.push_back(std::move(r));
        row += 2;
    }
    m_noChannels->setText(m_presenter->channelsMissing());
    m_noChannels->setVisible(m_rows.empty());
    m_channelBox->setVisible(!m_rows.empty());
    if (mrn.isEmpty()) {
        updateButtons();
        return;
    }
    setTabOrder(previous, m_duration);
    applyLimits();
    applyState();
}

std::optional<app::SessionRequest> SessionSetupPage::request(QString* problem) const
{
    SessionSetupPresenter::Form form;
    form.deviceUrl = m_deviceUrl->text();
    form.presetId = m_preset->currentData().toString();
    form.settings = m_settings->settings();
    for (const auto& row : m_rows) {
        if (row->isChecked()) {
            form.channels.append(app::ChannelRequest{row->channel(), row->siteId(), row->targetUa(), std::nullopt});
        }
    }
    form.minutes = m_duration->value();
    if (m_nprsBefore->value() >= 0) {
        form.nprsBefore = m_nprsBefore->value();
    }
    return m_presenter->request(form, problem);
}

void SessionSetupPage::setState(app::SessionState state, bool ours)
{
    m_presenter->setState(state, ours);
    applyState();
}

void SessionSetupPage::applyState()
{
    const bool editable = m_presenter->editable();
    m_preset->setEnabled(editable);
    m_settings->setEnabled(editable);
    m_deviceUrl->setEnabled(editable);
    m_duration->setEnabled(editable);
    m_nprsBefore->setEnabled(editable);
    if (m_clinicPresets != nullptr) {
        m_clinicPresets->setEnabled(editable);
    }
    for (const auto& row : m_rows) {
        row->setEditable(editable);
    }
    m_plan->setStartAllowed(m_presenter->startAllowed());
    m_plan->setCancelAllowed(m_presenter->cancelAllowed());
    updateButtons();
}

void SessionSetupPage::showRefusal(const QString& message)
{
    m_message->showMessage(StatusMessage::Kind::Refusal, message);
    const QList<int> named = SessionSetupPresenter::channelsNamed(message);
    for (const auto& row : m_rows) {
        row->setProblem(named.contains(row->channel()) ? message : QString());
    }
}

void SessionSetupPage::showProgress(const QString& message)
{
    m_message->showMessage(StatusMessage::Kind::Progress, message);
}

void SessionSetupPage::showInfo(const QString& message)
{
    m_message->showMessage(StatusMessage::Kind::Info, message);
}

void SessionSetupPage::clearMessage()
{
    m_message->clearMessage();
    for (const auto& row : m_rows) {
        row->setProblem(QString());
    }
}

void SessionSetupPage::reloadPresets(const QString& select, bool force)
{
    switch (m_presenter->listPresets(m_deviceUrl->text(), select, force)) {
    case SessionSetupPresenter::Listing::Unchanged:
        m_deviceProblem->hide();
        return;
    case SessionSetupPresenter::Listing::BadUrl:
        m_deviceProblem->setText(m_presenter->deviceProblem());
        m_deviceProblem->show();
        return;
    case SessionSetupPresenter::Listing::Refused:
        m_deviceProblem->hide();
        m_presetSummary->setText(m_presenter->listProblem());
        return;
    case SessionSetupPresenter::Listing::Listed:
        break;
    }
    m_deviceProblem->hide();
    {
        const QSignalBlocker block(m_preset);
        m_preset->clear();
        auto* model = qobject_cast<QStandardItemModel*>(m_preset->model());
        for (const SessionSetupPresenter::PresetEntry& p : m_presenter->presets()) {
            m_preset->addItem(p.label, p.id);
            if (!p.deliverable && model != nullptr) {
                QStandardItem* item = model->item(m_preset->count() - 1);
                item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
                item->setToolTip(p.reasons);
            }
        }
        m_preset->setCurrentIndex(m_presenter->selected());
    }
    showChoice();
}

void SessionSetupPage::presetChosen()
{
    (void)m_presenter->choose(m_preset->currentIndex());
    showChoice();
}

void SessionSetupPage::showChoice()
{
    const auto& chosen = m_presenter->choice();
    if (!chosen) {
        m_presetSummary->clear();
        return;
    }
    m_presetSummary->setText(chosen->summary);
    m_settings->setFields(chosen->fields);
    m_duration->setValue(chosen->minutes);
    m_advised->setText(chosen->advice);
    if (m_clinicPresets != nullptr) {
        m_clinicPresets->setChosen(chosen->id);
    }
    applyLimits();
}

void SessionSetupPage::applyLimits()
{
    const SessionSetupPresenter::Limits limits = m_presenter->limits();
    m_duration->setMaximum(limits.minutesMax);
    m_duration->setToolTip(limits.durationTip);
    for (const auto& row : m_rows) {
        row->setLimits(limits.stepUa, limits.amplitudeMaxUa);
        row->setUnavailable(m_presenter->unavailable(row->channel()));
    }
}

void SessionSetupPage::updateButtons()
{
    m_prepare->setEnabled(m_presenter->prepareAllowed());
}

} // namespace galvani::ui::session
