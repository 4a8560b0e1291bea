// SPDX-License-Identifier: GPL-3.0-or-later
// The clinic-preset box's presenter without widgets, on a real store: a save and a retirement each need a reason
// and come back in words (a refusal verbatim, nothing written), Retire applies to a clinic preset only, and the
// preset to list and choose after each. The box is driven through the same flows in tests/unit/ui/session.
#include "AdminWorld.h"

#include "app/services/ClinicPresetService.h"
#include "ui/presenters/ClinicPresetPresenter.h"

#include <catch2/catch.hpp>

using namespace galvani;
using ui::presenters::ClinicPresetPresenter;
using ui::presenters::FeedbackKind;

TEST_CASE("clinic preset presenter: save and retire with a reason, each result in words", "[presenters][session]")
{
    test::AdminWorld w;
    ClinicPresetPresenter p(w.context().clinicPresets(), w.tess);
    ClinicPresetPresenter::Source source;
    source.presetId = QStringLiteral("conventional-tens");
    source.basePresetId = QStringLiteral("conventional-tens");
    source.presetName = QStringLiteral("Conventional TENS");
    source.sessionMinutes = 25;

    p.setChosen(source.presetId);
    CHECK_FALSE(p.canRetire()); // a built-in preset is never retired

    auto r = p.save(source, QStringLiteral("Lumbar TENS, low rate"), QString());
    CHECK(r.isError());
    CHECK(r.text.contains(QStringLiteral("reason")));
    CHECK(p.changedId().isEmpty());
    r = p.save(source, QString(), QStringLiteral("clinic protocol 2026"));
    CHECK(r.isError());
    CHECK(r.text.contains(QStringLiteral("name")));

    r = p.save(source, QStringLiteral("Lumbar TENS, low rate"), QStringLiteral("clinic protocol 2026"));
    INFO(r.text.toStdString());
    REQUIRE(r.kind == FeedbackKind::Success);
    CHECK(r.text.startsWith(QStringLiteral("Saved \"Lumbar TENS, low rate\" (on ")));
    CHECK(r.text.endsWith(QStringLiteral(", version 1): every therapist can now choose it.")));
    const QString saved = p.changedId();
    CHECK(app::ClinicPresetService::isClinicPresetId(saved));

    // The same name again is refused, verbatim.
    r = p.save(source, QStringLiteral("Lumbar TENS, low rate"), QStringLiteral("again"));
    CHECK(r.isError());
    CHECK(p.changedId() == saved);

    source.presetId = saved;
    source.presetName = QStringLiteral("Lumbar TENS, low rate");
    p.setChosen(saved);
    CHECK(p.canRetire());
    r = p.retire(source, QString());
    CHECK(r.isError());
    CHECK(r.text.contains(QStringLiteral("reason")));
    r = p.retire(source, QStringLiteral("replaced by the 2027 protocol"));
    REQUIRE(r.kind == FeedbackKind::Success);
    CHECK(r.text
        == QStringLiteral(
            "Retired \"Lumbar TENS, low rate\": it is no longer offered (sessions that used it keep their "
            "record)."));
    CHECK(p.changedId().isEmpty());
}
