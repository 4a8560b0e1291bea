// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/SessionSetupPage.h"

#include "app/AppContext.h"
#include "app/services/ClinicLimitsService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "ui/session/ChannelSetupRow.h"
#include "ui/session/ClinicPresetBox.h"
#include "ui/session/DeviceStep.h"
#include "ui/session/PlanView.h"
#include "ui/session/PresetSummary.h"
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
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace galvani::ui::session {

namespace {

const QString kDefaultPreset = QStringLiteral("conventional-tens");

} // namespace

SessionSetupPage::SessionSetupPage(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_context(context), m_user(user)
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
    if (app::isAllowed(m_user.role, app::Action::EditPresets)) {
        m_clinicPresets = new ClinicPresetBox(
            m_context, m_user,
            [this] {
                const int index = m_preset->currentIndex();
                ClinicPresetBox::Source s;
                s.presetId = m_preset->currentData().toString();
                s.basePresetId = chosenBasePreset();
                s.presetName = index >= 0 && index < m_presets.size() ? m_presets.at(index).name : QString();
                s.values = m_settings->allValues();
                s.sessionMinutes = m_duration->value();
                return s;
            },
            form);
        column->addWidget(m_clinicPresets);
        connect(m_clinicPresets, &ClinicPresetBox::changed, this, [this](const QString& id) {
            m_lastUrl.clear(); // list again, the new preset included
            reloadPresets(id);
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

void SessionSetupPage::loadPatient(const QString& mrn)
{
    m_mrn = mrn;
    m_rows.clear();
    m_screening->clear();
    m_screening->setVisible(!mrn.isEmpty());
    if (mrn.isEmpty()) {
        m_noChannels->setText(QStringLiteral("Choose a patient in the patient workspace first."));
        m_noChannels->show();
        m_channelBox->hide();
        updateButtons();
        return;
    }
    m_screening->setText(screeningText(m_context.screenings().latest(m_user, mrn)));
    const auto placements = m_context.placements().current(m_user, mrn);
    if (!placements.ok()) {
        m_noChannels->setText(placements.error().message);
        m_noChannels->show();
        m_channelBox->hide();
        updateButtons();
        return;
    }
    // One row per channel: the active (or symmetric) electrode names the site; a reference pad shares the channel.
    std::map<int, app::PlacementView> byChannel;
    for (const app::PlacementView& p : placements.value()) {
        const auto found = byChannel.find(p.channel);
        if (found == byChannel.end() || found->second.polarity == app::ElectrodePolarity::Reference) {
            byChannel[p.channel] = p;
        }
    }
    QWidget* previous = m_deviceUrl;
    int row = 1;
    for (const auto& [channel, p] : byChannel) {
        const QString site = p.siteId.isEmpty() ? siteId(p.side, p.muscle) : p.siteId;
        auto r = std::make_unique<ChannelSetupRow>(channel, site, placementText(p), m_channelGrid, row, m_channelBox);
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
    setTabOrder(previous, m_duration);
    m_noChannels->setText(QStringLiteral("No current electrode placements for this patient: record them in the "
                                         "patient workspace first."));
    m_noChannels->setVisible(m_rows.empty());
    m_channelBox->setVisible(!m_rows.empty());
    applyLimits();
    setState(m_state, m_ours);
}

std::optional<app::SessionRequest> SessionSetupPage::request(QString* problem) const
{
    if (m_mrn.isEmpty()) {
        *problem = QStringLiteral("patient: choose a patient in the patient workspace first");
        return std::nullopt;
    }
    const QString preset = m_preset->currentData().toString();
    if (preset.isEmpty()) {
        *problem = QStringLiteral("preset: choose a preset");
        return std::nullopt;
    }
    app::SessionRequest r;
    r.user = m_user;
    r.patientMrn = m_mrn;
    r.deviceUrl = m_deviceUrl->text().trimmed();
    r.presetId = preset;
    r.settings = m_settings->settings();
    for (const auto& row : m_rows) {
        if (row->isChecked()) {
            r.channels.append(app::ChannelRequest{row->channel(), row->siteId(), row->targetUa(), std::nullopt});
        }
    }
    if (r.channels.isEmpty()) {
        *problem = m_rows.empty()
            ? QStringLiteral("channels: this patient has no current electrode placement; record one first")
            : QStringLiteral("channels: tick at least one channel");
        return std::nullopt;
    }
    r.durationS = static_cast<qint64>(m_duration->value()) * 60;
    if (m_nprsBefore->value() >= 0) {
        r.nprsBefore = m_nprsBefore->value();
    }
    return r;
}

void SessionSetupPage::setState(app::SessionState state, bool ours)
{
    m_state = state;
    m_ours = ours;
    const bool editable = state == app::SessionState::Idle || state == app::SessionState::Ended;
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
    m_plan->setStartAllowed(ours && state == app::SessionState::Ready);
    m_plan->setCancelAllowed(ours && (state == app::SessionState::Ready || state == app::SessionState::Preparing));
    updateButtons();
}

void SessionSetupPage::showRefusal(const QString& message)
{
    m_message->showMessage(StatusMessage::Kind::Refusal, message);
    static const QRegularExpression kChannel(QStringLiteral("\\bchannel (\\d+)"));
    QList<int> named;
    for (auto it = kChannel.globalMatch(message); it.hasNext();) {
        named.append(it.next().captured(1).toInt());
    }
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

void SessionSetupPage::reloadPresets(const QString& select)
{
    const QString url = m_deviceUrl->text().trimmed();
    if (url == m_lastUrl && m_preset->count() > 0) {
        return;
    }
    const auto caps = app::PresetService::deviceCaps(url);
    if (!caps.ok()) {
        m_deviceProblem->setText(caps.error().message);
        m_deviceProblem->show();
        return;
    }
    m_deviceProblem->hide();
    m_lastUrl = url;
    m_deviceChannels = caps->channels;
    m_deviceCurrentMaxUa = caps->currentMax.value();
    const auto listed = m_context.presets().list(m_user, caps.value());
    if (!listed.ok()) {
        m_presetSummary->setText(listed.error().message);
        return;
    }
    m_presets = listed.value();
    const QString previous = select.isEmpty() ? m_preset->currentData().toString() : select;
    {
        const QSignalBlocker block(m_preset);
        m_preset->clear();
        auto* model = qobject_cast<QStandardItemModel*>(m_preset->model());
        for (const app::PresetAvailability& p : m_presets) {
            m_preset->addItem(
                p.deliverable ? p.name : QStringLiteral("%1 — not available on this stimulator").arg(p.name), p.id);
            if (!p.deliverable && model != nullptr) {
                QStandardItem* item = model->item(m_preset->count() - 1);
                item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
                item->setToolTip(p.reasons.join(QStringLiteral("; ")));
            }
        }
        int index = m_preset->findData(previous.isEmpty() ? kDefaultPreset : previous);
        if (index < 0 || !m_presets.at(index).deliverable) {
            const auto deliverable = std::find_if(
                m_presets.begin(), m_presets.end(), [](const app::PresetAvailability& p) { return p.deliverable; });
            index = deliverable == m_presets.end() ? 0 : static_cast<int>(deliverable - m_presets.begin());
        }
        m_preset->setCurrentIndex(index);
    }
    presetChosen();
}

void SessionSetupPage::presetChosen()
{
    const int index = m_preset->currentIndex();
    if (index < 0 || index >= m_presets.size()) {
        m_presetSummary->clear();
        return;
    }
    const app::PresetAvailability& p = m_presets.at(index);
    const QString base = chosenBasePreset();
    // A clinic preset's own values are in the editors below; the summary is of its built-in preset.
    QString summary = QStringLiteral("%1%2\nSource: %3")
                          .arg(p.basePresetId.isEmpty() ? QString() : QStringLiteral("Built-in defaults: "),
                              programmeSummary(base), p.source);
    if (!p.deliverable) {
        summary += QStringLiteral("\n⚠ Not available on this stimulator: %1").arg(p.reasons.join(QStringLiteral("; ")));
    }
    m_presetSummary->setText(summary);
    const auto fields = m_context.presets().fields(m_user, p.id);
    m_settings->setFields(fields.ok() ? fields.value() : QList<app::PresetField>{});
    m_duration->setValue(p.sessionMinutes.value_or(defaultDurationMinutes(base)));
    m_advised->setText(advisedDuration(base) + QStringLiteral(" for ") + p.name);
    if (m_clinicPresets != nullptr) {
        m_clinicPresets->setChosen(p.id);
    }
    applyLimits();
}

QString SessionSetupPage::chosenBasePreset() const
{
    const int index = m_preset->currentIndex();
    if (index < 0 || index >= m_presets.size()) {
        return QString();
    }
    const app::PresetAvailability& p = m_presets.at(index);
    return p.basePresetId.isEmpty() ? p.id : p.basePresetId;
}

void SessionSetupPage::applyLimits()
{
    const qint64 presetMax = presetAmplitudeMaxUa(chosenBasePreset());
    qint64 maxUa = presetMax > 0 ? presetMax : m_deviceCurrentMaxUa;
    if (m_deviceCurrentMaxUa > 0) {
        maxUa = std::min(maxUa, m_deviceCurrentMaxUa);
    }
    // The clinic's own limits (set by an admin) bound the editors too; SessionController holds every request to them.
    int minutesMax = 99;
    if (const auto clinic = m_context.clinicLimits().limits(m_user); clinic.ok()) {
        if (clinic->amplitudeMaxUa) {
            maxUa = maxUa > 0 ? std::min(maxUa, *clinic->amplitudeMaxUa) : *clinic->amplitudeMaxUa;
        }
        minutesMax = clinic->sessionMinutesMax.value_or(minutesMax);
    }
    m_duration->setMaximum(minutesMax);
    m_duration->setToolTip(QStringLiteral("Stimulation time, 1–%1 min (Alt+D); pauses do not count").arg(minutesMax));
    const qint64 stepUa = amplitudeStepUa(m_deviceUrl->text());
    for (const auto& row : m_rows) {
        row->setLimits(stepUa, maxUa);
        row->setUnavailable(m_deviceChannels > 0 && row->channel() > m_deviceChannels
                ? QStringLiteral("not on this stimulator (it has %1 channels)").arg(m_deviceChannels)
                : QString());
    }
}

void SessionSetupPage::updateButtons()
{
    const bool editable = m_state == app::SessionState::Idle || m_state == app::SessionState::Ended;
    m_prepare->setEnabled(editable && !m_mrn.isEmpty() && !m_rows.empty());
}

} // namespace galvani::ui::session
