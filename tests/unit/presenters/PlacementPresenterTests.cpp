// SPDX-License-Identifier: GPL-3.0-or-later
// The placement panel's presenter without widgets, on a real store: the site catalogue and what a site says, the
// pad sizes, an electrode recorded from cm (and a refusal naming the field, with nothing written), the electrode
// of the same role on a channel replaced while the other role is added beside it, the form a row fills, the last
// visit reused with its motor points, and a placement taken out of use with a reason. The panel is driven through
// the same flows in tests/unit/ui/patients.
#include "AdminWorld.h"

#include "app/services/MotorPointService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "ui/presenters/PlacementPresenter.h"

#include <catch2/catch.hpp>

using namespace galvani;
using ui::presenters::FeedbackKind;
using ui::presenters::PlacementPresenter;
using PlacementField = PlacementPresenter::Field;

namespace {

const QString kSite = QStringLiteral("right-lumbar-erector-spinae");

void addBarePatient(test::AdminWorld& w, const QString& mrn)
{
    app::NewPatientInput p;
    p.mrn = mrn;
    p.familyName = QStringLiteral("Okafor");
    p.givenNames = QStringLiteral("Ada");
    p.birthDate = QStringLiteral("1970-05-17");
    REQUIRE(w.context().patients().add(w.tess, p).ok());
}

PlacementPresenter::Form electrode(int channel, app::ElectrodePolarity polarity)
{
    PlacementPresenter::Form f;
    f.siteId = kSite;
    f.channel = channel;
    f.offsetCranialCm = 2.0;
    f.offsetLateralCm = 3.5;
    f.widthCm = 5.0;
    f.heightCm = 9.0;
    f.polarity = polarity;
    f.leadLabel = QStringLiteral("  A1 ");
    f.notes = QStringLiteral(" lateral border ");
    return f;
}

} // namespace

TEST_CASE("placement presenter: the site catalogue, what a site says, and the pad sizes", "[presenters][patients]")
{
    test::AdminWorld w;
    PlacementPresenter p(w.context().placements(), w.context().store(), w.tess);
    CHECK(p.catalogueProblem().isEmpty());
    REQUIRE_FALSE(p.sites().isEmpty());
    const auto details = p.siteDetails(kSite);
    REQUIRE(details.has_value());
    CHECK(details->text.startsWith(QStringLiteral("Landmark: ")));
    CHECK(details->text.contains(QStringLiteral("\nPlace: ")));
    CHECK_FALSE(p.siteDetails(QStringLiteral("no-such-site")).has_value());
    bool postureNote = false;
    for (const auto& s : p.sites()) {
        const auto d = p.siteDetails(s.id);
        REQUIRE(d.has_value());
        CHECK(d->offsetCranialCm == Approx(s.offsetCranialMm / 10.0));
        CHECK(d->offsetLateralCm == Approx(s.offsetLateralMm / 10.0));
        CHECK(d->text.contains(QStringLiteral("Motor points move with posture")) == s.postureSensitive);
        postureNote = postureNote || s.postureSensitive;
    }
    CHECK(postureNote);

    REQUIRE(PlacementPresenter::padSizes().size() == 5);
    CHECK(PlacementPresenter::padSizeIndex(5.0, 9.0) == 2);
    CHECK(PlacementPresenter::padSizeIndex(7.6, 12.7) == 4);
    CHECK(PlacementPresenter::padSizeIndex(9.0, 5.0) == 5); // turned round: another size
    CHECK(PlacementPresenter::padSizeIndex(5.04, 8.96) == 2); // compared in whole mm, as stored
    CHECK(PlacementPresenter::padAreaText(5.0, 9.0) == QStringLiteral("= 45.0 cm²"));
}

TEST_CASE("placement presenter: an electrode recorded, replaced by role on its channel, and the form a row fills",
    "[presenters][patients]")
{
    test::AdminWorld w;
    addBarePatient(w, QStringLiteral("MRN-P1"));
    PlacementPresenter p(w.context().placements(), w.context().store(), w.tess);
    CHECK(p.record(electrode(1, app::ElectrodePolarity::ActiveCathode)).kind == FeedbackKind::None); // no patient
    REQUIRE(p.setPatient(QStringLiteral("MRN-P1")).isEmpty());
    CHECK_FALSE(p.canReuse());
    CHECK_FALSE(p.canRemove());

    auto bad = electrode(1, app::ElectrodePolarity::ActiveCathode);
    bad.widthCm = 0.4;
    auto r = p.record(bad);
    CHECK(r.isError());
    CHECK(r.focus == PlacementField::Form);
    CHECK(r.text.contains(QStringLiteral("electrode width")));
    CHECK(p.placements().isEmpty());

    r = p.record(electrode(1, app::ElectrodePolarity::ActiveCathode));
    INFO(r.text.toStdString());
    REQUIRE(r.kind == FeedbackKind::Success);
    CHECK(r.text == QStringLiteral("Channel 1 · Lumbar erector spinae, right · active (cathode) recorded."));
    REQUIRE(p.placements().size() == 1);
    const app::PlacementView& first = p.placements().at(0);
    CHECK(first.offsetCranialMm == 20);
    CHECK(first.offsetLateralMm == 35);
    CHECK(first.electrodeWidthMm == 50);
    CHECK(first.electrodeHeightMm == 90);
    CHECK(first.leadLabel == QStringLiteral("A1"));
    CHECK(first.notes == QStringLiteral("lateral border"));
    const auto rows = p.rows();
    REQUIRE(rows.size() == 1);
    CHECK(rows.at(0).at(0) == QStringLiteral("1"));
    CHECK(rows.at(0).at(4) == QStringLiteral("2.0 / 3.5"));
    CHECK(rows.at(0).at(5) == QStringLiteral("5.0 × 9.0, 45.0"));
    CHECK(rows.at(0).at(8) == QStringLiteral("A1"));

    // A reference pad joins the channel; another active electrode replaces the first, which stays on record.
    REQUIRE(p.record(electrode(1, app::ElectrodePolarity::Reference)).kind == FeedbackKind::Success);
    CHECK(p.placements().size() == 2);
    auto moved = electrode(1, app::ElectrodePolarity::Symmetric);
    moved.offsetCranialCm = -1.0;
    r = p.record(moved);
    REQUIRE(r.kind == FeedbackKind::Success);
    CHECK(r.text
        == QStringLiteral(
            "Channel 1 · Lumbar erector spinae, right · symmetric recorded; it replaces Lumbar erector spinae, "
            "right on that channel (kept on record)."));
    CHECK(p.placements().size() == 2);

    const auto form = p.formOf(0);
    REQUIRE(form.has_value());
    CHECK(form->siteId == kSite);
    CHECK(form->channel == 1);
    CHECK(form->widthCm == Approx(5.0));
    CHECK(form->heightCm == Approx(9.0));
    CHECK(form->leadLabel == QStringLiteral("A1"));
    CHECK_FALSE(p.formOf(2).has_value());
    CHECK_FALSE(p.formOf(-1).has_value());
    // The form a row fills records the same electrode again.
    const auto same = PlacementPresenter::input(*form);
    CHECK(same.offsetCranialMm == p.placements().at(0).offsetCranialMm);
    CHECK(same.electrodeWidthMm == p.placements().at(0).electrodeWidthMm);
}

TEST_CASE("placement presenter: the last visit reused with its motor points, and a placement taken out of use",
    "[presenters][patients]")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-P2"), QStringLiteral("Okafor"), {1, 2});
    PlacementPresenter p(w.context().placements(), w.context().store(), w.tess);
    REQUIRE(p.setPatient(QStringLiteral("MRN-P2")).isEmpty());
    REQUIRE(p.placements().size() == 2);
    CHECK(p.canReuse());
    app::MotorPointInput point;
    point.placementId = p.placements().at(0).id;
    point.thresholdUa = 6'000;
    REQUIRE(app::MotorPointService(w.context().store()).record(w.tess, QStringLiteral("MRN-P2"), point).ok());

    auto r = p.reuseLastVisit();
    INFO(r.text.toStdString());
    REQUIRE(r.kind == FeedbackKind::Success);
    CHECK(r.text.startsWith(QStringLiteral("Today's visit recorded with the same 2 placement(s) as on ")));
    // The one remembered point goes onto both of today's placements: each is at its muscle, side and posture.
    CHECK(r.text.endsWith(QStringLiteral("; 2 remembered motor point(s) carried over.")));
    CHECK(p.placements().size() == 2);

    CHECK(p.checkRemove(5).text == QStringLiteral("Select the placement to remove in the table first."));
    CHECK(p.checkRemove(0).kind == FeedbackKind::None);
    CHECK(p.removeQuestion(0).startsWith(QStringLiteral("Channel ")));
    CHECK(p.removeQuestion(0).endsWith(
        QStringLiteral("\nWhy is it no longer used? (1–1000 characters; it stays on record)")));
    r = p.remove(0, QString());
    CHECK(r.isError());
    CHECK(r.text.contains(QStringLiteral("reason")));
    CHECK(p.placements().size() == 2);
    const QString gone = QStringLiteral("Channel %1").arg(p.placements().at(0).channel);
    r = p.remove(0, QStringLiteral("pad irritated the skin"));
    REQUIRE(r.kind == FeedbackKind::Success);
    CHECK(r.text.startsWith(gone));
    CHECK(r.text.endsWith(QStringLiteral(" taken out of use (kept on record).")));
    CHECK(p.placements().size() == 1);
}
