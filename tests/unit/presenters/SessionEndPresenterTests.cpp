// SPDX-License-Identifier: GPL-3.0-or-later
// The end page's presenter without widgets: the ended session's summary in words, and the outcome form's state for
// every combination that matters (score before or not, score after or declined, notes too long, the end not
// recorded, the outcome being written).
#include "ui/presenters/SessionEndPresenter.h"

#include <catch2/catch.hpp>

using galvani::app::ChannelTotal;
using galvani::app::SessionEndReason;
using galvani::app::SessionSummary;
using galvani::ui::presenters::SessionEndPresenter;

namespace {

SessionSummary endedSession(bool recorded, std::optional<int> painBefore)
{
    SessionSummary s;
    s.sessionId = 12;
    s.reason = SessionEndReason::StoppedByTherapist;
    s.detail = QStringLiteral("STOP pressed at 03:00");
    s.elapsedMs = 180'000;
    s.channels = {ChannelTotal{1, 12'500, 734.24}, ChannelTotal{3, 20'000, 12'480.0}};
    s.recorded = recorded;
    s.nprsBefore = painBefore;
    s.outcomePrompt = QStringLiteral("Pain now, 0 (none) to 10 (worst imaginable)?");
    return s;
}

const QMap<int, QString> kEndSites{{1, QStringLiteral("right-lumbar-erector-spinae")}};

} // namespace

TEST_CASE("session end presenter: the summary in words, each channel with its site, amplitude and charge",
    "[presenters][session]")
{
    SessionEndPresenter p;
    const auto shown = p.show(endedSession(true, 4), kEndSites, 20 * 60'000);
    CHECK(shown.reason == QStringLiteral("Session 12 — Stopped by the therapist"));
    CHECK(shown.detail == QStringLiteral("STOP pressed at 03:00"));
    CHECK(shown.time == QStringLiteral("Stimulation time 03:00 of 20:00"));
    REQUIRE(shown.channels.size() == 2);
    CHECK(shown.channels[0].channel == 1);
    CHECK(shown.channels[0].site == QStringLiteral("right lumbar erector spinae"));
    CHECK(shown.channels[0].largestAmplitude == QStringLiteral("12.5 mA"));
    CHECK(shown.channels[0].charge == QStringLiteral("734.2 µC"));
    CHECK(shown.channels[1].channel == 3);
    CHECK(shown.channels[1].site.isEmpty()); // the plan named no site for channel 3
    CHECK(shown.channels[1].largestAmplitude == QStringLiteral("20.0 mA"));
    CHECK(shown.channels[1].charge == QStringLiteral("12.48 mC"));
    CHECK(shown.recorded);
    CHECK(shown.prompt == QStringLiteral("Pain now, 0 (none) to 10 (worst imaginable)?"));
    CHECK(shown.painBefore == QStringLiteral("4"));

    const auto unasked = p.show(endedSession(false, std::nullopt), kEndSites, 20 * 60'000);
    CHECK(unasked.painBefore == QStringLiteral("not asked"));
    CHECK_FALSE(unasked.recorded);
}

TEST_CASE(
    "session end presenter: the form records an outcome only when there is a score to keep", "[presenters][session]")
{
    SessionEndPresenter p;

    SECTION("a score before: the outcome is recorded, also when the score after is declined")
    {
        (void)p.show(endedSession(true, 4), kEndSites, 60'000);
        for (const std::optional<int> after : {std::optional<int>(), std::optional<int>(2)}) {
            const auto f = p.form(after, 0, false);
            CHECK_FALSE(f.finishes);
            CHECK(f.button == QStringLiteral("&Record outcome"));
            CHECK(f.hint.isEmpty());
            CHECK(f.buttonEnabled);
            CHECK(f.scoreEnabled);
            CHECK_FALSE(f.notesReadOnly);
        }
    }
    SECTION("no score before: declining the score after leaves nothing to record, a score after records it")
    {
        (void)p.show(endedSession(true, std::nullopt), kEndSites, 60'000);
        const auto declined = p.form(std::nullopt, 5, false);
        CHECK(declined.finishes);
        CHECK(declined.button == QStringLiteral("&Finish without outcome"));
        CHECK(declined.hint.contains(QStringLiteral("nothing to record")));
        CHECK(declined.notesReadOnly); // notes are kept only with a score
        CHECK(declined.scoreEnabled);
        CHECK(declined.buttonEnabled);
        const auto scored = p.form(0, 5, false);
        CHECK_FALSE(scored.finishes);
        CHECK(scored.button == QStringLiteral("&Record outcome"));
        CHECK_FALSE(scored.notesReadOnly);
    }
    SECTION("an end that could not be recorded takes no outcome at all")
    {
        (void)p.show(endedSession(false, 4), kEndSites, 60'000);
        const auto f = p.form(3, 0, false);
        CHECK(f.finishes);
        CHECK(f.button == QStringLiteral("&Finish"));
        CHECK(f.hint == QStringLiteral("Nothing can be recorded for this session."));
        CHECK_FALSE(f.scoreEnabled);
        CHECK(f.notesReadOnly);
        CHECK(f.buttonEnabled);
    }
}

TEST_CASE("session end presenter: notes over the limit are counted and block recording, not finishing",
    "[presenters][session]")
{
    SessionEndPresenter p;
    (void)p.show(endedSession(true, 4), kEndSites, 60'000);
    const auto atLimit = p.form(2, SessionEndPresenter::kMaxNotes, false);
    CHECK(atLimit.counter == QStringLiteral("1000 / 1000 characters"));
    CHECK_FALSE(atLimit.notesTooLong);
    CHECK(atLimit.buttonEnabled);
    CHECK(atLimit.buttonTip == QStringLiteral("Alt+R"));

    const auto over = p.form(2, SessionEndPresenter::kMaxNotes + 3, false);
    CHECK(over.counter == QStringLiteral("⚠ 1003 / 1000 characters: 3 too many"));
    CHECK(over.notesTooLong);
    CHECK_FALSE(over.buttonEnabled);
    CHECK(over.buttonTip == QStringLiteral("Shorten the notes to at most 1000 characters first"));

    (void)p.show(endedSession(false, 4), kEndSites, 60'000);
    const auto finishing = p.form(2, SessionEndPresenter::kMaxNotes + 3, false);
    CHECK(finishing.finishes);
    CHECK(finishing.buttonEnabled); // nothing is recorded, so the notes' length does not matter
}

TEST_CASE("session end presenter: while the outcome is being written the form waits", "[presenters][session]")
{
    SessionEndPresenter p;
    (void)p.show(endedSession(true, 4), kEndSites, 60'000);
    const auto f = p.form(2, 10, true);
    CHECK_FALSE(f.buttonEnabled);
    CHECK_FALSE(f.scoreEnabled);
    CHECK(f.notesReadOnly);
    CHECK_FALSE(f.finishes);

    const auto answer = SessionEndPresenter::answer(2, QStringLiteral("less pain on standing"));
    CHECK(answer.nprsAfter == 2);
    CHECK(answer.notes == QStringLiteral("less pain on standing"));
    CHECK_FALSE(SessionEndPresenter::answer(std::nullopt, QString()).nprsAfter.has_value());
}
