// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/SessionEndPresenter.h"

#include "ui/presenters/SessionText.h"

namespace galvani::ui::presenters {

SessionEndPresenter::SessionEndPresenter(QObject* parent) : QObject(parent)
{
}

SessionEndPresenter::Summary SessionEndPresenter::show(
    const app::SessionSummary& s, const QMap<int, QString>& sites, qint64 durationMs)
{
    m_summary = s;
    Summary out;
    out.reason = QStringLiteral("Session %1 — %2").arg(s.sessionId).arg(sessiontext::endReasonText(s.reason));
    out.detail = s.detail;
    out.time = QStringLiteral("Stimulation time %1 of %2")
                   .arg(sessiontext::minutesSeconds(s.elapsedMs), sessiontext::minutesSeconds(durationMs));
    for (const app::ChannelTotal& t : s.channels) {
        out.channels.append(ChannelRow{t.channel, sessiontext::siteText(sites.value(t.channel)),
            sessiontext::milliamps(t.maxAmplitudeUa), sessiontext::charge(t.chargeUc)});
    }
    out.recorded = s.recorded;
    out.prompt = s.outcomePrompt;
    out.painBefore = s.nprsBefore ? QString::number(*s.nprsBefore) : QStringLiteral("not asked");
    return out;
}

SessionEndPresenter::FormState SessionEndPresenter::form(
    std::optional<int> painAfter, qsizetype notesLength, bool busy) const
{
    FormState f;
    f.notesTooLong = notesLength > kMaxNotes;
    f.counter = f.notesTooLong ? QStringLiteral("⚠ %1 / %2 characters: %3 too many")
                                     .arg(notesLength)
                                     .arg(kMaxNotes)
                                     .arg(notesLength - kMaxNotes)
                               : QStringLiteral("%1 / %2 characters").arg(notesLength).arg(kMaxNotes);
    f.finishes = !m_summary.recorded || (!m_summary.nprsBefore && !painAfter);
    f.scoreEnabled = m_summary.recorded && !busy;
    f.notesReadOnly = f.finishes || busy;
    if (!m_summary.recorded) {
        f.hint = QStringLiteral("Nothing can be recorded for this session.");
        f.button = QStringLiteral("&Finish");
    } else if (f.finishes) {
        f.hint = QStringLiteral("With no pain score before or after there is nothing to record: notes are kept with a "
                                "score. Enter a score, or finish without an outcome.");
        f.button = QStringLiteral("&Finish without outcome");
    } else {
        f.button = QStringLiteral("&Record outcome");
    }
    f.buttonEnabled = !busy && (f.finishes || !f.notesTooLong);
    f.buttonTip = f.notesTooLong ? QStringLiteral("Shorten the notes to at most %1 characters first").arg(kMaxNotes)
                                 : QStringLiteral("Alt+R");
    return f;
}

app::OutcomeAnswer SessionEndPresenter::answer(std::optional<int> painAfter, const QString& notes)
{
    app::OutcomeAnswer a;
    a.nprsAfter = painAfter;
    a.notes = notes;
    return a;
}

} // namespace galvani::ui::presenters
