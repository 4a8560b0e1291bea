// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/SessionSetupPresenter.h"

#include "app/AppContext.h"
#include "app/services/ClinicLimitsService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "ui/presenters/DeviceStep.h"
#include "ui/presenters/PresetSummary.h"
#include "ui/presenters/SessionText.h"

#include <QRegularExpression>

#include <algorithm>
#include <map>
#include <utility>

namespace galvani::ui::presenters {

SessionSetupPresenter::SessionSetupPresenter(app::AppContext& context, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_context(context), m_user(std::move(user))
{
    loadPatient(QString());
}

void SessionSetupPresenter::loadPatient(const QString& mrn)
{
    m_mrn = mrn;
    m_rows.clear();
    m_screening.clear();
    if (mrn.isEmpty()) {
        m_channelsMissing = QStringLiteral("Choose a patient in the patient workspace first.");
        return;
    }
    m_screening = sessiontext::screeningText(m_context.screenings().latest(m_user, mrn));
    const auto placements = m_context.placements().current(m_user, mrn);
    if (!placements.ok()) {
        m_channelsMissing = placements.error().message;
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
    for (const auto& [channel, p] : byChannel) {
        m_rows.append(ChannelRow{channel, p.siteId.isEmpty() ? sessiontext::siteId(p.side, p.muscle) : p.siteId,
            sessiontext::placementText(p)});
    }
    m_channelsMissing = m_rows.isEmpty() ? QStringLiteral("No current electrode placements for this patient: record "
                                                          "them in the patient workspace first.")
                                         : QString();
}

SessionSetupPresenter::Listing SessionSetupPresenter::listPresets(const QString& url, const QString& select, bool force)
{
    const QString trimmed = url.trimmed();
    m_url = trimmed;
    if (!force && trimmed == m_listedUrl && !m_entries.isEmpty()) {
        m_deviceProblem.clear();
        return Listing::Unchanged;
    }
    const auto caps = app::PresetService::deviceCaps(trimmed);
    if (!caps.ok()) {
        m_deviceProblem = caps.error().message;
        return Listing::BadUrl;
    }
    m_deviceProblem.clear();
    m_listedUrl = trimmed;
    m_deviceChannels = caps->channels;
    m_deviceCurrentMaxUa = caps->currentMax.value();
    const auto listed = m_context.presets().list(m_user, caps.value());
    if (!listed.ok()) {
        m_listProblem = listed.error().message;
        return Listing::Refused;
    }
    m_listProblem.clear();
    const QString previous = !select.isEmpty() ? select : m_choice ? m_choice->id : QString();
    m_presets = listed.value();
    m_entries.clear();
    for (const app::PresetAvailability& p : m_presets) {
        m_entries.append(PresetEntry{p.id,
            p.deliverable ? p.name : QStringLiteral("%1 — not available on this stimulator").arg(p.name), p.deliverable,
            p.reasons.join(QStringLiteral("; "))});
    }
    const QString wanted = previous.isEmpty() ? QString::fromLatin1(kDefaultPreset) : previous;
    const auto byId = std::find_if(
        m_presets.begin(), m_presets.end(), [&](const app::PresetAvailability& p) { return p.id == wanted; });
    if (byId != m_presets.end() && byId->deliverable) {
        m_selected = static_cast<int>(byId - m_presets.begin());
    } else {
        const auto deliverable = std::find_if(
            m_presets.begin(), m_presets.end(), [](const app::PresetAvailability& p) { return p.deliverable; });
        m_selected = deliverable == m_presets.end() ? 0 : static_cast<int>(deliverable - m_presets.begin());
    }
    (void)choose(m_selected);
    return Listing::Listed;
}

const std::optional<SessionSetupPresenter::Choice>& SessionSetupPresenter::choose(int index)
{
    if (index < 0 || index >= m_presets.size()) {
        m_choice.reset();
        return m_choice;
    }
    const app::PresetAvailability& p = m_presets.at(index);
    Choice c;
    c.id = p.id;
    c.basePresetId = p.basePresetId.isEmpty() ? p.id : p.basePresetId;
    c.name = p.name;
    // A clinic preset's own values are in the editors; the summary is of its built-in preset.
    c.summary = QStringLiteral("%1%2\nSource: %3")
                    .arg(p.basePresetId.isEmpty() ? QString() : QStringLiteral("Built-in defaults: "),
                        programmeSummary(c.basePresetId), p.source);
    if (!p.deliverable) {
        c.summary
            += QStringLiteral("\n⚠ Not available on this stimulator: %1").arg(p.reasons.join(QStringLiteral("; ")));
    }
    const auto fields = m_context.presets().fields(m_user, p.id);
    c.fields = fields.ok() ? fields.value() : QList<app::PresetField>{};
    c.minutes = p.sessionMinutes.value_or(defaultDurationMinutes(c.basePresetId));
    c.advice = advisedDuration(c.basePresetId) + QStringLiteral(" for ") + p.name;
    m_choice = std::move(c);
    return m_choice;
}

SessionSetupPresenter::Limits SessionSetupPresenter::limits() const
{
    Limits l;
    const qint64 presetMax = m_choice ? presetAmplitudeMaxUa(m_choice->basePresetId) : 0;
    l.amplitudeMaxUa = presetMax > 0 ? presetMax : m_deviceCurrentMaxUa;
    if (m_deviceCurrentMaxUa > 0) {
        l.amplitudeMaxUa = std::min(l.amplitudeMaxUa, m_deviceCurrentMaxUa);
    }
    // The clinic's own limits (set by an admin) bound the editors too; SessionController holds every request to them.
    if (const auto clinic = m_context.clinicLimits().limits(m_user); clinic.ok()) {
        if (clinic->amplitudeMaxUa) {
            l.amplitudeMaxUa
                = l.amplitudeMaxUa > 0 ? std::min(l.amplitudeMaxUa, *clinic->amplitudeMaxUa) : *clinic->amplitudeMaxUa;
        }
        l.minutesMax = clinic->sessionMinutesMax.value_or(l.minutesMax);
    }
    l.durationTip = QStringLiteral("Stimulation time, 1–%1 min (Alt+D); pauses do not count").arg(l.minutesMax);
    l.stepUa = amplitudeStepUa(m_url);
    return l;
}

QString SessionSetupPresenter::unavailable(int channel) const
{
    return m_deviceChannels > 0 && channel > m_deviceChannels
        ? QStringLiteral("not on this stimulator (it has %1 channels)").arg(m_deviceChannels)
        : QString();
}

void SessionSetupPresenter::setState(app::SessionState state, bool ours)
{
    m_state = state;
    m_ours = ours;
}

bool SessionSetupPresenter::editable() const
{
    return m_state == app::SessionState::Idle || m_state == app::SessionState::Ended;
}

bool SessionSetupPresenter::prepareAllowed() const
{
    return editable() && !m_mrn.isEmpty() && !m_rows.isEmpty();
}

bool SessionSetupPresenter::startAllowed() const
{
    return m_ours && m_state == app::SessionState::Ready;
}

bool SessionSetupPresenter::cancelAllowed() const
{
    return m_ours && (m_state == app::SessionState::Ready || m_state == app::SessionState::Preparing);
}

std::optional<app::SessionRequest> SessionSetupPresenter::request(const Form& form, QString* problem) const
{
    if (m_mrn.isEmpty()) {
        *problem = QStringLiteral("patient: choose a patient in the patient workspace first");
        return std::nullopt;
    }
    if (form.presetId.isEmpty()) {
        *problem = QStringLiteral("preset: choose a preset");
        return std::nullopt;
    }
    if (form.channels.isEmpty()) {
        *problem = m_rows.isEmpty()
            ? QStringLiteral("channels: this patient has no current electrode placement; record one first")
            : QStringLiteral("channels: tick at least one channel");
        return std::nullopt;
    }
    app::SessionRequest r;
    r.user = m_user;
    r.patientMrn = m_mrn;
    r.deviceUrl = form.deviceUrl.trimmed();
    r.presetId = form.presetId;
    r.settings = form.settings;
    r.channels = form.channels;
    r.durationS = static_cast<qint64>(form.minutes) * 60;
    r.nprsBefore = form.nprsBefore;
    return r;
}

QList<int> SessionSetupPresenter::channelsNamed(const QString& message)
{
    static const QRegularExpression kChannel(QStringLiteral("\\bchannel (\\d+)"));
    QList<int> named;
    for (auto it = kChannel.globalMatch(message); it.hasNext();) {
        named.append(it.next().captured(1).toInt());
    }
    return named;
}

} // namespace galvani::ui::presenters
