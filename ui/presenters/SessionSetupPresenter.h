// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/PresetService.h"
#include "app/session/SessionTypes.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace galvani::app {
class AppContext;
}

namespace galvani::ui::presenters {

// The setup page's decisions, for SessionSetupPage: the chosen patient's channels (one per channel with a current
// placement) and screening in words; the presets listed against the stimulator a device URL names (before
// connecting: PresetService::deviceCaps), which one is chosen and what it brings (summary, editable values,
// duration and advice); the amplitude and duration limits of the editors (the smallest of the preset's, the
// device's and the clinic's); what can be edited and which buttons work in each controller state; the request the
// form describes, or what is missing; and which channels a refusal names.
// The page holds only its widgets: it hands what the therapist typed to the presenter and shows what it says.
// Thread affinity: GUI thread. Ownership: borrows the AppContext, which must outlive it. Units: µA, minutes.
class SessionSetupPresenter : public QObject {
    Q_OBJECT
public:
    // The preset a fresh list chooses when nothing was chosen before (and it can be delivered).
    static constexpr const char* kDefaultPreset = "conventional-tens";

    struct ChannelRow {
        int channel = 0;
        QString siteId; // "right-lumbar-erector-spinae"
        QString placement; // the placement in words
    };

    struct PresetEntry {
        QString id;
        QString label; // the name, or "<name> — not available on this stimulator"
        bool deliverable = true;
        QString reasons; // why it cannot be delivered; empty when it can
    };

    enum class Listing {
        Unchanged, // the same URL as the list shown: nothing to do
        BadUrl, // deviceProblem() says why; the list shown stays
        Refused, // the URL is good but the presets could not be listed: listProblem() says why
        Listed, // presets() is the new list, and selected() the entry chosen (choice())
    };

    // What choosing a preset brings to the form.
    struct Choice {
        QString id; // the entry: a built-in preset or a clinic preset ("clinic-…")
        QString basePresetId; // the built-in preset its values belong to
        QString name;
        QString summary; // the built-in preset's programme, the entry's source, why it cannot be delivered
        QList<app::PresetField> fields; // the editable values with their ranges (empty if they cannot be read)
        int minutes = 1; // the session length to start from
        QString advice; // "advised 20–40 min for Conventional TENS"
    };

    struct Limits {
        qint64 stepUa = 100; // the device's amplitude grid (0.1 mA when the URL names no known device)
        qint64 amplitudeMaxUa = 0; // the largest target; 0: none known yet
        int minutesMax = 99;
        QString durationTip;
    };

    // What the form holds when Prepare is pressed.
    struct Form {
        QString deviceUrl;
        QString presetId;
        QList<app::ProgramSetting> settings; // only the values changed from the preset's
        QList<app::ChannelRequest> channels; // the ticked rows
        int minutes = 0;
        std::optional<int> nprsBefore; // empty: not asked
    };

    SessionSetupPresenter(app::AppContext& context, app::SignedInUser user, QObject* parent = nullptr);

    // --- The patient ("" = none) ---
    void loadPatient(const QString& mrn);
    [[nodiscard]] const QString& patient() const { return m_mrn; }
    [[nodiscard]] const QString& screening() const { return m_screening; } // empty without a patient
    [[nodiscard]] const QList<ChannelRow>& channels() const { return m_rows; }
    // Why there are no channel rows (no patient, the placements could not be read, none recorded); empty otherwise.
    [[nodiscard]] const QString& channelsMissing() const { return m_channelsMissing; }

    // --- The stimulator and its presets ---
    // Lists the presets for the stimulator `url` names. `select`: the entry to choose (a clinic preset just saved);
    // empty keeps the chosen one, or takes the default. The same URL as the list shown lists again only when
    // `force` is set (after a clinic preset was saved or retired).
    Listing listPresets(const QString& url, const QString& select = QString(), bool force = false);
    [[nodiscard]] const QString& deviceProblem() const { return m_deviceProblem; }
    [[nodiscard]] const QString& listProblem() const { return m_listProblem; }
    [[nodiscard]] const QList<PresetEntry>& presets() const { return m_entries; }
    // The entry a fresh list chose: `select` or the one chosen before if it can be delivered, else the default,
    // else the first that can be delivered.
    [[nodiscard]] int selected() const { return m_selected; }
    // The entry chosen (an index into presets()); nullopt when out of range.
    const std::optional<Choice>& choose(int index);
    [[nodiscard]] const std::optional<Choice>& choice() const { return m_choice; }
    [[nodiscard]] Limits limits() const;
    // Why a channel cannot be used on this stimulator (it has fewer channels); empty when it can.
    [[nodiscard]] QString unavailable(int channel) const;

    // --- The controller's state ---
    // `ours`: the controller's session was prepared from this page; another view's session (a motor-point search)
    // never enables Start or Cancel.
    void setState(app::SessionState state, bool ours);
    [[nodiscard]] bool editable() const;
    [[nodiscard]] bool prepareAllowed() const;
    [[nodiscard]] bool startAllowed() const;
    [[nodiscard]] bool cancelAllowed() const;

    // The request the form describes, or nullopt with *problem naming what is missing ("field: what to do").
    [[nodiscard]] std::optional<app::SessionRequest> request(const Form& form, QString* problem) const;
    // The channels a refusal names ("channel N").
    [[nodiscard]] static QList<int> channelsNamed(const QString& message);

private:
    app::AppContext& m_context;
    app::SignedInUser m_user;
    QString m_mrn;
    QString m_screening;
    QList<ChannelRow> m_rows;
    QString m_channelsMissing;
    QString m_url; // as last given, good or not (the amplitude step follows it)
    QString m_listedUrl; // of the list shown
    QString m_deviceProblem;
    QString m_listProblem;
    int m_deviceChannels = 0;
    qint64 m_deviceCurrentMaxUa = 0;
    QList<app::PresetAvailability> m_presets;
    QList<PresetEntry> m_entries;
    int m_selected = -1;
    std::optional<Choice> m_choice;
    app::SessionState m_state = app::SessionState::Idle;
    bool m_ours = true;
};

} // namespace galvani::ui::presenters
