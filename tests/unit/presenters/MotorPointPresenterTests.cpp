// SPDX-License-Identifier: GPL-3.0-or-later
// The motor-point panel's presenter without widgets, on a real store: what applies with and without placements
// and for a role that runs no sessions, a point recorded from mA, µs and Hz (and a refusal naming the field, with
// nothing written), the points of an earlier placement remembered, carried over to today's placement and withdrawn
// from reuse with a reason. The panel is driven through the same flows in tests/unit/ui/patients.
#include "AdminWorld.h"

#include "app/services/PlacementService.h"
#include "ui/presenters/MotorPointPresenter.h"

#include <catch2/catch.hpp>

using namespace galvani;
using ui::presenters::FeedbackKind;
using ui::presenters::MotorPointPresenter;
using MotorPointField = MotorPointPresenter::Field;

namespace {

QList<app::PlacementView> placementsOf(test::AdminWorld& w, const QString& mrn)
{
    const auto current = w.context().placements().current(w.tess, mrn);
    REQUIRE(current.ok());
    return current.value();
}

MotorPointPresenter::Input pointOn(qint64 placementId, double thresholdMa)
{
    MotorPointPresenter::Input in;
    in.placementId = placementId;
    in.thresholdMa = thresholdMa;
    in.pulseWidthUs = 250;
    in.frequencyHz = 2.0;
    in.notes = QStringLiteral("  1 cm medial  ");
    return in;
}

} // namespace

TEST_CASE("motor point presenter: what applies with and without placements and for each role", "[presenters][patients]")
{
    test::AdminWorld w;
    MotorPointPresenter p(w.context().store(), w.tess);
    CHECK(p.setPatient(QString(), {}).isEmpty());
    CHECK_FALSE(p.canRecord());
    CHECK(p.recordTip() == QStringLiteral("Record a placement first: a motor point belongs to a placement"));
    CHECK_FALSE(p.canSearch());
    CHECK(p.searchTip() == QStringLiteral("Record a placement first: the search runs on a placement's channel"));
    CHECK_FALSE(p.canReuse());
    CHECK_FALSE(p.canWithdraw());
    QString problem;
    CHECK_FALSE(p.searchPlacement(0, &problem).has_value());
    CHECK(problem == QStringLiteral("Record a placement first: the search runs on a placement's channel."));
    const auto refused = p.record(pointOn(1, 5.0));
    CHECK(refused.isError());
    CHECK(refused.focus == MotorPointField::None);
    CHECK(refused.text == QStringLiteral("Record a placement first: a motor point belongs to a placement."));

    w.addPatient(QStringLiteral("MRN-M1"), QStringLiteral("Okafor"), {1, 2});
    const auto placements = placementsOf(w, QStringLiteral("MRN-M1"));
    REQUIRE(placements.size() == 2);
    CHECK(p.setPatient(QStringLiteral("MRN-M1"), placements).isEmpty());
    CHECK(p.canRecord());
    CHECK(p.recordTip() == QStringLiteral("Record the motor point on the chosen placement (Alt+M)"));
    CHECK(p.canSearch());
    CHECK(p.searchTip().startsWith(QStringLiteral("Search the motor point on the chosen placement")));
    const auto chosen = p.searchPlacement(1, &problem);
    REQUIRE(chosen.has_value());
    CHECK(chosen->id == placements.at(1).id);
    CHECK(p.pointRows().isEmpty());

    // An admin does not run sessions, so no guided search.
    MotorPointPresenter admin(w.context().store(), w.admin);
    (void)admin.setPatient(QStringLiteral("MRN-M1"), placements);
    CHECK_FALSE(admin.canSearch());
    CHECK(admin.searchTip() == QStringLiteral("Your role does not run sessions, and a search is one"));
}

TEST_CASE(
    "motor point presenter: a point recorded, a refusal naming the field, the rows in words", "[presenters][patients]")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-M2"), QStringLiteral("Okafor"), {1});
    const auto placements = placementsOf(w, QStringLiteral("MRN-M2"));
    MotorPointPresenter p(w.context().store(), w.tess);
    REQUIRE(p.setPatient(QStringLiteral("MRN-M2"), placements).isEmpty());

    auto r = p.record(pointOn(placements.at(0).id, 0.0));
    CHECK(r.isError());
    CHECK(r.focus == MotorPointField::Form);
    CHECK(r.text.contains(QStringLiteral("threshold")));
    CHECK(p.points().isEmpty());

    r = p.record(pointOn(placements.at(0).id, 7.46));
    INFO(r.text.toStdString());
    REQUIRE(r.kind == FeedbackKind::Success);
    CHECK(r.text
        == QStringLiteral("Motor point at Lumbar erector spinae, right on channel 1 recorded, threshold 7.5 mA."));
    REQUIRE(p.points().size() == 1);
    CHECK(p.points().at(0).thresholdUa == 7'460);
    CHECK(p.points().at(0).frequencyMilliHz == 2'000);
    CHECK(p.points().at(0).notes == QStringLiteral("1 cm medial"));
    const auto rows = p.pointRows();
    REQUIRE(rows.size() == 1);
    CHECK(rows.at(0).at(0) == QStringLiteral("1"));
    CHECK(rows.at(0).at(1) == QStringLiteral("Lumbar erector spinae, right"));
    CHECK(rows.at(0).at(3) == QStringLiteral("7.5 mA"));
    CHECK(rows.at(0).at(4) == QStringLiteral("250 µs, 2.0 Hz"));
    CHECK(rows.at(0).at(6) == QStringLiteral("1 cm medial"));
    CHECK(p.remembered().isEmpty()); // today's point is not offered as an earlier one
    CHECK(MotorPointPresenter::markedText(p.points().at(0))
        == QStringLiteral("Motor point at Lumbar erector spinae, right on channel 1 recorded by the guided search, "
                          "threshold 7.5 mA."));
}

TEST_CASE("motor point presenter: an earlier placement's point remembered, carried over and withdrawn",
    "[presenters][patients]")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-M3"), QStringLiteral("Okafor"), {1});
    MotorPointPresenter p(w.context().store(), w.tess);
    auto placements = placementsOf(w, QStringLiteral("MRN-M3"));
    REQUIRE(p.setPatient(QStringLiteral("MRN-M3"), placements).isEmpty());
    REQUIRE(p.record(pointOn(placements.at(0).id, 6.0)).kind == FeedbackKind::Success);

    // The next visit: the placement is replaced by a new version on the same channel, site and posture.
    app::PlacementInput again;
    again.siteId = QStringLiteral("right-lumbar-erector-spinae");
    again.channel = 1;
    again.electrodeWidthMm = 50;
    again.electrodeHeightMm = 90;
    REQUIRE(w.context()
                .placements()
                .replace(w.tess, QStringLiteral("MRN-M3"), placements.at(0).id, again, QStringLiteral("next visit"))
                .ok());
    placements = placementsOf(w, QStringLiteral("MRN-M3"));
    REQUIRE(placements.size() == 1);
    REQUIRE(p.setPatient(QStringLiteral("MRN-M3"), placements).isEmpty());
    CHECK(p.points().isEmpty());
    REQUIRE(p.remembered().size() == 1);
    CHECK(p.canReuse());
    CHECK(p.canWithdraw());
    CHECK(p.rememberedRows().at(0).at(4) == QStringLiteral("6.0 mA"));

    auto r = p.reuse();
    REQUIRE(r.kind == FeedbackKind::Success);
    CHECK(r.text == QStringLiteral("1 remembered motor point(s) recorded on today's placements."));
    REQUIRE(p.points().size() == 1);
    CHECK(p.points().at(0).thresholdUa == 6'000);
    r = p.reuse();
    CHECK(r.text.startsWith(QStringLiteral("Nothing to carry over")));

    CHECK(p.checkWithdraw(-1).text == QStringLiteral("Select the remembered point to withdraw first."));
    CHECK(p.checkWithdraw(0).kind == FeedbackKind::None);
    const int before = static_cast<int>(p.remembered().size());
    r = p.withdraw(0, QString());
    CHECK(r.isError());
    CHECK(r.text.contains(QStringLiteral("reason")));
    CHECK(p.remembered().size() == before);
    r = p.withdraw(0, QStringLiteral("poor response last visit"));
    INFO(r.text.toStdString());
    REQUIRE(r.kind == FeedbackKind::Success);
    CHECK(r.text.startsWith(QStringLiteral("The motor point at Lumbar erector spinae, right on channel 1 found ")));
    CHECK(p.remembered().size() == before - 1);
}
