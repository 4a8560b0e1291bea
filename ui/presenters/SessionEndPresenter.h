// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/session/SessionTypes.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QString>

#include <optional>

namespace galvani::ui::presenters {

// The end page's decisions, for SessionEndPage: the ended session's summary in words (end reason, stimulation time,
// per channel the site, the largest amplitude and the charge delivered), and, for what the outcome form holds (the
// pain score after, the notes' length, whether the outcome is being written), the state of the form: the notes'
// counter, the hint, the button's words and whether it records the outcome or finishes without one (nothing to
// record: no score before or after, or the end itself could not be recorded). It calls no service: the treatment
// presenter records the outcome. Thread affinity: GUI thread. Units: µA shown in mA, µC in µC or mC, ms.
class SessionEndPresenter : public QObject {
    Q_OBJECT
public:
    // The notes' limit, in characters (the session controller refuses longer notes).
    static constexpr int kMaxNotes = 1000;

    struct ChannelRow {
        int channel = 0;
        QString site; // "right lumbar erector spinae"; empty when the plan named none
        QString largestAmplitude; // "12.5 mA"
        QString charge; // "734.2 µC"
    };

    struct Summary {
        QString reason; // "Session 12 — Completed: the session time ran out"
        QString detail; // what happened, in words; empty when nothing to add
        QString time; // "Stimulation time 03:00 of 20:00"
        QList<ChannelRow> channels;
        bool recorded = true; // false: the end could not be recorded (the page says so)
        QString prompt; // the outcome question
        QString painBefore; // "4", or "not asked"
    };

    struct FormState {
        QString counter; // "12 / 1000 characters", or "⚠ 1003 / 1000 characters: 3 too many"
        bool notesTooLong = false;
        bool scoreEnabled = true;
        bool notesReadOnly = false;
        QString hint; // why there is nothing to record; empty otherwise
        QString button; // "&Record outcome", "&Finish without outcome" or "&Finish"
        bool buttonEnabled = true;
        QString buttonTip;
        bool finishes = false; // the button finishes without recording an outcome
    };

    explicit SessionEndPresenter(QObject* parent = nullptr);

    // The session that ended; sites: the placement site per channel (from the plan); durationMs: the planned
    // stimulation time.
    Summary show(const app::SessionSummary& summary, const QMap<int, QString>& sites, qint64 durationMs);
    // The form's state for the score after (empty: declined), the notes' length and whether the outcome is being
    // written.
    [[nodiscard]] FormState form(std::optional<int> painAfter, qsizetype notesLength, bool busy) const;
    // The therapist's answer as typed (the session controller checks it).
    [[nodiscard]] static app::OutcomeAnswer answer(std::optional<int> painAfter, const QString& notes);

private:
    app::SessionSummary m_summary;
};

} // namespace galvani::ui::presenters
