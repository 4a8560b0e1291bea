// SPDX-License-Identifier: GPL-3.0-or-later
// The contraindication checklist's presenter without widgets: the items in their sections, the live verdict for
// each kind of item and answer (CLINICAL §3: absolute items block unless cleared, forbidden sites always block,
// precautions need an acknowledgement, "not sure" counts as yes), the checks before saving with what to mark and
// focus, the input recorded, and the record on a real store (a refused form writes nothing). The dialog is driven
// through the same flows in tests/unit/ui/patients.
#include "AdminWorld.h"

#include "app/services/PatientService.h"
#include "ui/presenters/ScreeningChecklistPresenter.h"

#include <catch2/catch.hpp>

using namespace galvani;
using ui::presenters::ScreeningChecklistPresenter;
using ChecklistForm = ScreeningChecklistPresenter::Form;
using ChecklistAnswer = ScreeningChecklistPresenter::Answer;
using ChecklistTone = ScreeningChecklistPresenter::Tone;
using app::ScreeningAnswer;

namespace {

const QList<ScreeningChecklistPresenter::Item>& items()
{
    return ScreeningChecklistPresenter::items();
}

// The first item of a kind ("Absolute", "Forbidden site", "Precaution").
int firstOf(const QString& kind)
{
    for (int i = 0; i < items().size(); ++i) {
        if (items().at(i).kind == kind) {
            return i;
        }
    }
    FAIL("no checklist item of kind " << kind.toStdString());
    return -1;
}

ChecklistForm allNo()
{
    ChecklistForm f;
    for (int i = 0; i < items().size(); ++i) {
        f.answers.append(ChecklistAnswer{ScreeningAnswer::No, false, QString()});
    }
    return f;
}

const QString& question(int index)
{
    return items().at(index).info.question;
}

} // namespace

TEST_CASE("screening checklist presenter: every item once, in sections by kind", "[presenters][patients]")
{
    REQUIRE(items().size() == app::ScreeningService::checklist().size());
    QStringList sections;
    QString kind;
    for (const auto& item : items()) {
        CHECK((item.kind == QStringLiteral("Absolute") || item.kind == QStringLiteral("Forbidden site")
            || item.kind == QStringLiteral("Precaution")));
        CHECK(
            (item.kind == QStringLiteral("Precaution")) == (item.info.severity == app::ScreeningSeverity::Precaution));
        CHECK((item.kind == QStringLiteral("Forbidden site"))
            == (item.info.severity == app::ScreeningSeverity::Absolute && !item.info.clearable));
        // A heading exactly where the kind changes.
        CHECK(item.section.isEmpty() == (item.kind == kind));
        if (!item.section.isEmpty()) {
            sections.append(item.section);
        }
        kind = item.kind;
    }
    CHECK(sections
        == QStringList{QStringLiteral("Absolute contraindications — block stimulation unless a specialist clears them"),
            QStringLiteral("Forbidden sites — no clearance can lift them"),
            QStringLiteral("Precautions — allowed once taken into account")});
}

TEST_CASE("screening checklist presenter: the verdict for each kind of item and answer", "[presenters][patients]")
{
    const int absolute = firstOf(QStringLiteral("Absolute"));
    const int forbidden = firstOf(QStringLiteral("Forbidden site"));
    const int precaution = firstOf(QStringLiteral("Precaution"));
    const QString total = QString::number(items().size());

    auto v = ScreeningChecklistPresenter::verdict(ChecklistForm{});
    CHECK(v.tone == ChecklistTone::Pending);
    CHECK(v.text == QStringLiteral("%1 of %1 questions still to answer.").arg(total));

    ChecklistForm f = allNo();
    v = ScreeningChecklistPresenter::verdict(f);
    CHECK(v.tone == ChecklistTone::Allowed);
    CHECK(v.text == QStringLiteral("✔ No contraindication or precaution applies: treatment allowed."));

    SECTION("a precaution that applies needs its acknowledgement; not sure counts as yes")
    {
        f.answers[precaution].answer = ScreeningAnswer::Unknown;
        CHECK(ScreeningChecklistPresenter::acknowledgeable(precaution, f.answers[precaution]));
        v = ScreeningChecklistPresenter::verdict(f);
        CHECK(v.tone == ChecklistTone::Attention);
        CHECK(v.text == QStringLiteral("⚠ Not yet allowed: tick “taken into account” for ") + question(precaution));
        f.answers[precaution].acknowledged = true;
        v = ScreeningChecklistPresenter::verdict(f);
        CHECK(v.tone == ChecklistTone::Attention);
        CHECK(v.text
            == QStringLiteral("⚠ Treatment allowed with precautions taken into account: ") + question(precaution));
    }
    SECTION("an absolute item blocks until a clearance is given, and then needs its acknowledgement")
    {
        f.answers[absolute].answer = ScreeningAnswer::Yes;
        v = ScreeningChecklistPresenter::verdict(f);
        CHECK(v.tone == ChecklistTone::Blocked);
        CHECK(v.text
            == QStringLiteral("✖ STIMULATION BLOCKED by: %1 (absolute contraindication; only a specialist clearance "
                              "with a reason can lift it)")
                   .arg(question(absolute)));
        f.clearance = QStringLiteral("   ");
        CHECK(ScreeningChecklistPresenter::verdict(f).tone == ChecklistTone::Blocked); // blank is no clearance
        f.clearance = QStringLiteral("Dr Adeyemi, cardiology, 2026-11-30: pacemaker removed");
        v = ScreeningChecklistPresenter::verdict(f);
        CHECK(v.tone == ChecklistTone::Attention);
        CHECK(v.text.startsWith(QStringLiteral("⚠ Not yet allowed")));
        f.answers[absolute].acknowledged = true;
        CHECK(ScreeningChecklistPresenter::verdict(f).text.startsWith(
            QStringLiteral("⚠ Treatment allowed with precautions taken into account: ")));
    }
    SECTION("a forbidden site blocks whatever the clearance, and cannot be acknowledged")
    {
        f.answers[forbidden].answer = ScreeningAnswer::Yes;
        f.answers[forbidden].acknowledged = true;
        f.clearance = QStringLiteral("Dr Adeyemi");
        CHECK_FALSE(ScreeningChecklistPresenter::acknowledgeable(forbidden, f.answers[forbidden]));
        v = ScreeningChecklistPresenter::verdict(f);
        CHECK(v.tone == ChecklistTone::Blocked);
        CHECK(v.text
            == QStringLiteral("✖ STIMULATION BLOCKED by: %1 (forbidden site: no clearance lifts it)")
                   .arg(question(forbidden)));
    }
    SECTION("questions left are counted after a block")
    {
        f.answers[forbidden].answer = ScreeningAnswer::Yes;
        f.answers[precaution].answer.reset();
        v = ScreeningChecklistPresenter::verdict(f);
        CHECK(v.tone == ChecklistTone::Blocked);
        CHECK(v.text.endsWith(QStringLiteral(" — 1 of %1 questions still to answer.").arg(total)));
    }
    CHECK_FALSE(
        ScreeningChecklistPresenter::acknowledgeable(precaution, ChecklistAnswer{ScreeningAnswer::No, false, {}}));
    CHECK_FALSE(ScreeningChecklistPresenter::acknowledgeable(static_cast<int>(items().size()), ChecklistAnswer{}));
}

TEST_CASE("screening checklist presenter: before saving, unanswered questions first, then acknowledgements",
    "[presenters][patients]")
{
    const int absolute = firstOf(QStringLiteral("Absolute"));
    const int precaution = firstOf(QStringLiteral("Precaution"));
    ChecklistForm f = allNo();
    CHECK_FALSE(ScreeningChecklistPresenter::problem(f).has_value());

    f.answers[precaution].answer = ScreeningAnswer::Yes; // not acknowledged
    const int last = static_cast<int>(items().size()) - 1;
    REQUIRE(last != precaution);
    f.answers[last].answer.reset();
    f.answers[absolute].answer.reset();
    auto p = ScreeningChecklistPresenter::problem(f);
    REQUIRE(p.has_value());
    CHECK(p->message
        == QStringLiteral("Answer every question: 2 not answered yet (first: “%1”).").arg(question(absolute)));
    CHECK(p->focus == absolute);
    CHECK_FALSE(p->focusAcknowledgement);
    CHECK(p->marked == QList<int>{absolute, last, precaution});

    f.answers[last].answer = ScreeningAnswer::No;
    f.answers[absolute].answer = ScreeningAnswer::No;
    p = ScreeningChecklistPresenter::problem(f);
    REQUIRE(p.has_value());
    CHECK(p->message
        == QStringLiteral("Each precaution that applies must be acknowledged: tick “taken into account” for %1, or "
                          "change the answer.")
               .arg(question(precaution)));
    CHECK(p->focus == precaution);
    CHECK(p->focusAcknowledgement);
    CHECK(p->marked == QList<int>{precaution});

    // A cleared absolute item needs its acknowledgement too; without a clearance it is recorded as blocking.
    f.answers[precaution].acknowledged = true;
    f.answers[absolute].answer = ScreeningAnswer::Yes;
    CHECK_FALSE(ScreeningChecklistPresenter::problem(f).has_value());
    f.clearance = QStringLiteral("Dr Adeyemi");
    p = ScreeningChecklistPresenter::problem(f);
    REQUIRE(p.has_value());
    CHECK(p->marked == QList<int>{absolute});
}

TEST_CASE(
    "screening checklist presenter: the input recorded, and a refused form writes nothing", "[presenters][patients]")
{
    const int absolute = firstOf(QStringLiteral("Absolute"));
    const int precaution = firstOf(QStringLiteral("Precaution"));
    ChecklistForm f = allNo();
    f.answers[precaution] = ChecklistAnswer{ScreeningAnswer::Yes, true, QStringLiteral("  left knee replacement  ")};
    f.answers[absolute] = ChecklistAnswer{ScreeningAnswer::No, true, QString()}; // a stray tick on a "no" is not kept
    f.answers[0].answer.reset();
    f.clearance = QStringLiteral("  ");
    f.notes = QStringLiteral(" checked with the patient ");
    f.validDays = 30;
    const app::ScreeningInput in = ScreeningChecklistPresenter::input(f);
    CHECK(in.answers.size() == items().size() - 1); // the unanswered one is left out
    for (const auto& a : in.answers) {
        CHECK(a.itemId != items().at(0).info.id);
        if (a.itemId == items().at(precaution).info.id) {
            CHECK(a.answer == ScreeningAnswer::Yes);
            CHECK(a.acknowledged);
            CHECK(a.detail == QStringLiteral("left knee replacement"));
        }
        if (a.itemId == items().at(absolute).info.id) {
            CHECK_FALSE(a.acknowledged);
        }
    }
    CHECK(in.clearanceReason.isEmpty());
    CHECK(in.notes == QStringLiteral("checked with the patient"));
    CHECK(in.validDays == 30);

    test::AdminWorld w;
    app::NewPatientInput patient;
    patient.mrn = QStringLiteral("MRN-C1");
    patient.familyName = QStringLiteral("Okafor");
    patient.givenNames = QStringLiteral("Ada");
    patient.birthDate = QStringLiteral("1970-05-17");
    REQUIRE(w.context().patients().add(w.tess, patient).ok());
    ScreeningChecklistPresenter p(w.context().screenings(), w.tess, QStringLiteral("MRN-C1"));

    // Unanswered: refused before the service, nothing recorded.
    auto r = p.record(f);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == app::AppError::Kind::Invalid);
    CHECK(r.error().message.startsWith(QStringLiteral("Answer every question: 1 not answered yet")));
    CHECK_FALSE(w.context().screenings().latest(w.tess, QStringLiteral("MRN-C1")).ok());

    // The service's own refusal comes back verbatim, still nothing recorded.
    f.answers[0].answer = ScreeningAnswer::No;
    f.validDays = 0;
    r = p.record(f);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.contains(QStringLiteral("1–365")));
    CHECK_FALSE(w.context().screenings().latest(w.tess, QStringLiteral("MRN-C1")).ok());

    f.validDays = 30;
    r = p.record(f);
    INFO((r.ok() ? QString() : r.error().message).toStdString());
    REQUIRE(r.ok());
    CHECK(r->outcome == app::ScreeningOutcome::PrecautionsAcknowledged);
    CHECK(r->permitsTreatment);
    CHECK(r->itemsThatApply.size() == 1);
    const auto latest = w.context().screenings().latest(w.tess, QStringLiteral("MRN-C1"));
    REQUIRE(latest.ok());
    CHECK(latest->id == r->id);
    CHECK(latest->notes == QStringLiteral("checked with the patient"));
}
