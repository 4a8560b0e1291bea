// SPDX-License-Identifier: GPL-3.0-or-later
// Screening, placements on the body map, reuse of the last visit and motor points, through the workspace.
#include "PatientWorld.h"

#include "app/services/MotorPointService.h"
#include "app/services/ScreeningService.h"
#include "ui/patients/BodyMapWidget.h"
#include "ui/patients/PatientWorkspace.h"
#include "ui/patients/ScreeningDialog.h"
#include "ui/patients/ScreeningPanel.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace galvani;
using galvani::test::child;
using test::PatientWorld;

namespace {

const QString kMrn = QStringLiteral("MRN-S1");

ui::ScreeningDialog* openScreening(ui::PatientWorkspace& workspace)
{
    child<QTabWidget>(workspace, QStringLiteral("patientTabs"))->setCurrentIndex(0);
    child<QPushButton>(workspace, QStringLiteral("newScreening"))->click();
    auto* dialog = workspace.screeningPanel()->dialog();
    REQUIRE(dialog != nullptr);
    REQUIRE(dialog->isVisible());
    return dialog;
}

QStringList items(const QListWidget& list)
{
    QStringList out;
    for (int i = 0; i < list.count(); ++i) {
        out << list.item(i)->text();
    }
    return out;
}

} // namespace

TEST_CASE(
    "a screening with an absolute contraindication shows stimulation blocked and why", "[ui][patients][screening]")
{
    PatientWorld world;
    world.addPatient(kMrn, QStringLiteral("Okafor"), QStringLiteral("Ada"), QStringLiteral("1970-05-17"));
    auto workspace = test::showWorkspace(world, world.therapist);
    workspace->selectPatient(kMrn);
    CHECK(
        child<QLabel>(*workspace, QStringLiteral("screeningStatus"))->text().contains(QStringLiteral("No screening")));

    auto* dialog = openScreening(*workspace);
    auto* verdict = child<QLabel>(*dialog, QStringLiteral("screeningVerdict"));
    CHECK(verdict->text().contains(QStringLiteral("25 of 25 questions still to answer")));
    // Saving with questions unanswered is refused, and nothing is recorded.
    child<QPushButton>(*dialog, QStringLiteral("saveScreening"))->click();
    REQUIRE(dialog->isVisible());
    CHECK(child<QLabel>(*dialog, QStringLiteral("screeningError"))
              ->text()
              .contains(QStringLiteral("Answer every question")));

    child<QPushButton>(*dialog, QStringLiteral("noneApply"))->click();
    CHECK(verdict->text().contains(QStringLiteral("treatment allowed")));
    child<QRadioButton>(*dialog, QStringLiteral("answer_implanted_device_1"))->click(); // yes
    child<QLineEdit>(*dialog, QStringLiteral("detail_implanted_device"))
        ->setText(QStringLiteral("demand pacemaker, 2019"));
    CHECK(verdict->text().contains(QStringLiteral("BLOCKED")));
    CHECK(verdict->text().contains(QStringLiteral("pacemaker")));
    // An absolute item can only be acknowledged with a clearance; a forbidden site never.
    CHECK(child<QCheckBox>(*dialog, QStringLiteral("ack_implanted_device"))->isEnabled());
    child<QRadioButton>(*dialog, QStringLiteral("answer_site_anterior_neck_2"))->click(); // not sure
    CHECK_FALSE(child<QCheckBox>(*dialog, QStringLiteral("ack_site_anterior_neck"))->isEnabled());
    CHECK(verdict->text().contains(QStringLiteral("front of the neck")));
    child<QPushButton>(*dialog, QStringLiteral("saveScreening"))->click();
    REQUIRE_FALSE(dialog->isVisible());

    auto* status = child<QLabel>(*workspace, QStringLiteral("screeningStatus"));
    CHECK(status->text().contains(QStringLiteral("STIMULATION BLOCKED")));
    const QStringList lines = items(*child<QListWidget>(*workspace, QStringLiteral("screeningItems")));
    REQUIRE(lines.size() == 2);
    CHECK(lines.at(0).contains(QStringLiteral("pacemaker")));
    CHECK(lines.at(0).contains(QStringLiteral("absolute contraindication: blocks stimulation")));
    CHECK(lines.at(0).contains(QStringLiteral("demand pacemaker, 2019")));
    CHECK(lines.at(1).contains(QStringLiteral("forbidden site")));
    CHECK(lines.at(1).contains(QStringLiteral("not sure")));
    CHECK(child<QLabel>(*workspace, QStringLiteral("screeningDates"))->text().contains(QStringLiteral("valid until")));
    // The banner says it too, and the Treat tooltip names the reason; the button itself is not blocked.
    CHECK(child<QLabel>(*workspace, QStringLiteral("bannerReadiness"))
              ->text()
              .contains(QStringLiteral("blocks stimulation")));
    auto* treat = child<QPushButton>(*workspace, QStringLiteral("treatPatient"));
    CHECK(treat->isEnabled());
    CHECK(treat->toolTip().contains(QStringLiteral("pacemaker")));

    const auto stored = world.context().screenings().latest(world.therapist, kMrn);
    REQUIRE(stored.ok());
    CHECK(stored->outcome == app::ScreeningOutcome::Blocked);
    CHECK_FALSE(stored->permitsTreatment);
}

TEST_CASE(
    "a precaution that applies must be acknowledged, and the acknowledgement is recorded", "[ui][patients][screening]")
{
    PatientWorld world;
    world.addPatient(kMrn, QStringLiteral("Okafor"), QStringLiteral("Ada"), QStringLiteral("1970-05-17"));
    auto workspace = test::showWorkspace(world, world.therapist);
    workspace->selectPatient(kMrn);
    auto* dialog = openScreening(*workspace);
    child<QPushButton>(*dialog, QStringLiteral("noneApply"))->click();
    child<QRadioButton>(*dialog, QStringLiteral("answer_heart_disease_1"))->click();
    auto* ack = child<QCheckBox>(*dialog, QStringLiteral("ack_heart_disease"));
    REQUIRE(ack->isEnabled());
    CHECK(child<QLabel>(*dialog, QStringLiteral("screeningVerdict"))
              ->text()
              .contains(QStringLiteral("taken into account")));

    child<QPushButton>(*dialog, QStringLiteral("saveScreening"))->click();
    REQUIRE(dialog->isVisible());
    auto* error = child<QLabel>(*dialog, QStringLiteral("screeningError"));
    CHECK(error->isVisible());
    CHECK(error->text().contains(QStringLiteral("must be acknowledged")));
    CHECK(error->text().contains(QStringLiteral("heart disease")));
    CHECK_FALSE(world.context().screenings().latest(world.therapist, kMrn).ok()); // nothing recorded

    ack->click();
    CHECK(child<QLabel>(*dialog, QStringLiteral("screeningVerdict"))
              ->text()
              .contains(QStringLiteral("allowed with precautions")));
    child<QPushButton>(*dialog, QStringLiteral("saveScreening"))->click();
    REQUIRE_FALSE(dialog->isVisible());
    CHECK(child<QLabel>(*workspace, QStringLiteral("screeningStatus"))
              ->text()
              .contains(QStringLiteral("precautions taken into account")));
    const QStringList lines = items(*child<QListWidget>(*workspace, QStringLiteral("screeningItems")));
    REQUIRE(lines.size() == 1);
    CHECK(lines.first().contains(QStringLiteral("precaution, taken into account")));

    const auto stored = world.context().screenings().latest(world.therapist, kMrn);
    REQUIRE(stored.ok());
    CHECK(stored->outcome == app::ScreeningOutcome::PrecautionsAcknowledged);
    CHECK(stored->permitsTreatment);
    bool acknowledged = false;
    for (const auto& a : stored->answers) {
        acknowledged = acknowledged || (a.itemId == QStringLiteral("heart_disease") && a.acknowledged);
    }
    CHECK(acknowledged);
    CHECK(child<QLabel>(*workspace, QStringLiteral("bannerReadiness"))
              ->text()
              .contains(QStringLiteral("with precautions")));
}

TEST_CASE("Save puts focus on the first unanswered question even after an unacknowledged precaution",
    "[ui][patients][screening]")
{
    // Regression: with a precaution answered yes but not acknowledged before a question left unanswered, Save said
    // "Answer every question" and put focus on the precaution's row (already answered) instead of the unanswered one.
    PatientWorld world;
    world.addPatient(kMrn, QStringLiteral("Okafor"), QStringLiteral("Ada"), QStringLiteral("1970-05-17"));
    auto workspace = test::showWorkspace(world, world.therapist);
    workspace->selectPatient(kMrn);
    auto* dialog = openScreening(*workspace);
    const auto checklist = app::ScreeningService::checklist();
    REQUIRE(checklist.size() > 2);
    // Every item no, except heart disease (a precaution, yes, not acknowledged) and the last item (unanswered).
    const QString unanswered = checklist.back().id;
    for (const auto& item : checklist) {
        if (item.id == unanswered) {
            continue;
        }
        dialog->setAnswer(
            item.id, item.id == QStringLiteral("heart_disease") ? app::ScreeningAnswer::Yes : app::ScreeningAnswer::No);
    }
    REQUIRE(unanswered != QStringLiteral("heart_disease"));

    child<QPushButton>(*dialog, QStringLiteral("saveScreening"))->click();
    REQUIRE(dialog->isVisible());
    CHECK(child<QLabel>(*dialog, QStringLiteral("screeningError"))
              ->text()
              .contains(QStringLiteral("Answer every question")));
    QWidget* focused = dialog->focusWidget();
    REQUIRE(focused != nullptr);
    INFO("focus on " << focused->objectName().toStdString());
    CHECK(focused->objectName().startsWith(QStringLiteral("answer_") + unanswered + QStringLiteral("_")));

    // Once it is answered, Save asks for the acknowledgement and focuses the precaution's tick box.
    dialog->setAnswer(unanswered, app::ScreeningAnswer::No);
    child<QPushButton>(*dialog, QStringLiteral("saveScreening"))->click();
    REQUIRE(dialog->isVisible());
    CHECK(child<QLabel>(*dialog, QStringLiteral("screeningError"))
              ->text()
              .contains(QStringLiteral("must be acknowledged")));
    REQUIRE(dialog->focusWidget() != nullptr);
    CHECK(dialog->focusWidget()->objectName() == QStringLiteral("ack_heart_disease"));
}

TEST_CASE(
    "a placement picked on the body map is recorded and shown on the map and in the table", "[ui][patients][placement]")
{
    PatientWorld world;
    world.addPatient(kMrn, QStringLiteral("Okafor"), QStringLiteral("Ada"), QStringLiteral("1970-05-17"));
    world.screenNoneApply(kMrn);
    auto workspace = test::showWorkspace(world, world.therapist);
    workspace->selectPatient(kMrn);
    auto* tabs = child<QTabWidget>(*workspace, QStringLiteral("patientTabs"));
    tabs->setCurrentIndex(1);
    auto* map = workspace->bodyMap();
    REQUIRE(map->isVisible());
    auto* site = child<QComboBox>(*workspace, QStringLiteral("placementSite"));
    auto* table = child<QTableWidget>(*workspace, QStringLiteral("placementTable"));
    CHECK(table->rowCount() == 0);

    // Mouse: a click on the right lumbar multifidus marker picks it.
    const QPointF at = map->markerCentre(QStringLiteral("right-lumbar-multifidus"));
    REQUIRE(at.x() >= 0);
    QTest::mouseClick(map, Qt::LeftButton, Qt::NoModifier, at.toPoint());
    CHECK(site->currentData().toString() == QStringLiteral("right-lumbar-multifidus"));
    CHECK(map->currentSite() == QStringLiteral("right-lumbar-multifidus"));
    child<QSpinBox>(*workspace, QStringLiteral("placementChannel"))->setValue(2);
    child<QPushButton>(*workspace, QStringLiteral("recordPlacement"))->click();
    REQUIRE(table->rowCount() == 1);
    CHECK(table->item(0, 0)->text() == QStringLiteral("2"));
    CHECK(table->item(0, 2)->text() == QStringLiteral("Lumbar multifidus, right"));

    // Keyboard: Home goes to the first site (front view, from the head down), Right moves across, Enter picks.
    map->setFocus();
    QTest::keyClick(map, Qt::Key_Home);
    const QString first = map->currentSite();
    CHECK(first == map->readingOrder().first());
    CHECK(ui::BodyMapWidget::viewOf(first) == ui::BodyMapWidget::View::Front);
    QTest::keyClick(map, Qt::Key_Right);
    const QString moved = map->currentSite();
    CHECK(moved != first);
    CHECK(map->markerCentre(moved).x() > map->markerCentre(first).x());
    QTest::keyClick(map, Qt::Key_Return);
    CHECK(site->currentData().toString() == moved);
    child<QSpinBox>(*workspace, QStringLiteral("placementChannel"))->setValue(1);
    child<QComboBox>(*workspace, QStringLiteral("placementPolarity"))->setCurrentIndex(1); // reference
    child<QDoubleSpinBox>(*workspace, QStringLiteral("placementPadWidth"))->setValue(7.6);
    child<QDoubleSpinBox>(*workspace, QStringLiteral("placementPadHeight"))->setValue(12.7);
    CHECK(child<QComboBox>(*workspace, QStringLiteral("placementPadSize"))->currentText()
        == QStringLiteral("7.6 × 12.7 cm"));
    child<QPushButton>(*workspace, QStringLiteral("recordPlacement"))->click();
    REQUIRE(table->rowCount() == 2);
    CHECK(table->item(0, 0)->text() == QStringLiteral("1"));
    CHECK(table->item(0, 1)->text() == QStringLiteral("reference"));

    const auto current = world.context().placements().current(world.therapist, kMrn);
    REQUIRE(current.ok());
    REQUIRE(current->size() == 2);
    CHECK(current->at(0).siteId == moved);
    CHECK(current->at(0).electrodeWidthMm == 76);
    CHECK(current->at(0).electrodeHeightMm == 127);
    CHECK(current->at(0).polarity == app::ElectrodePolarity::Reference);
    CHECK(current->at(1).siteId == QStringLiteral("right-lumbar-multifidus"));
    CHECK(current->at(1).channel == 2);

    // Recording channel 2's active electrode elsewhere replaces it (one current placement per role and channel).
    QTest::mouseClick(
        map, Qt::LeftButton, Qt::NoModifier, map->markerCentre(QStringLiteral("left-lumbar-erector-spinae")).toPoint());
    child<QSpinBox>(*workspace, QStringLiteral("placementChannel"))->setValue(2);
    child<QComboBox>(*workspace, QStringLiteral("placementPolarity"))->setCurrentIndex(0);
    child<QPushButton>(*workspace, QStringLiteral("recordPlacement"))->click();
    CHECK(child<QLabel>(*workspace, QStringLiteral("placementMessage"))->text().contains(QStringLiteral("replaces")));
    REQUIRE(table->rowCount() == 2);
    CHECK(table->item(1, 2)->text() == QStringLiteral("Lumbar erector spinae, left"));
    CHECK(child<QLabel>(*workspace, QStringLiteral("bannerReadiness"))
              ->text()
              .contains(QStringLiteral("2 placement(s)")));
    CHECK_FALSE(child<QPushButton>(*workspace, QStringLiteral("treatPatient"))
                    ->toolTip()
                    .contains(QStringLiteral("cannot start")));
}

TEST_CASE("a refused placement shows the message next to the field", "[ui][patients][placement]")
{
    PatientWorld world;
    world.addPatient(kMrn, QStringLiteral("Okafor"), QStringLiteral("Ada"), QStringLiteral("1970-05-17"));
    auto workspace = test::showWorkspace(world, world.therapist);
    workspace->selectPatient(kMrn);
    child<QTabWidget>(*workspace, QStringLiteral("patientTabs"))->setCurrentIndex(1);
    // The spin boxes cannot go out of range; a refusal by the record store still lands next to its field.
    auto* notes = child<QLineEdit>(*workspace, QStringLiteral("placementNotes"));
    QString withNul = QStringLiteral("before");
    withNul.append(QChar(u'\0'));
    notes->setText(withNul);
    child<QPushButton>(*workspace, QStringLiteral("recordPlacement"))->click();
    auto* error = child<QLabel>(*workspace, QStringLiteral("placementNotesError"));
    CHECK(error->isVisible());
    CHECK(error->text().contains(QStringLiteral("placement notes")));
    CHECK(notes->text() == withNul);
    CHECK(child<QTableWidget>(*workspace, QStringLiteral("placementTable"))->rowCount() == 0);
}

TEST_CASE(
    "reuse last visit records the placements and their motor points again in one click", "[ui][patients][placement]")
{
    PatientWorld world;
    world.addPatient(kMrn, QStringLiteral("Okafor"), QStringLiteral("Ada"), QStringLiteral("1970-05-17"));
    const auto trapezius = world.addPlacement(kMrn, QStringLiteral("left-upper-trapezius"), 1);
    const auto reference
        = world.addPlacement(kMrn, QStringLiteral("left-middle-trapezius"), 1, app::ElectrodePolarity::Reference);
    app::MotorPointService points(world.context().store());
    app::MotorPointInput point;
    point.placementId = trapezius.id;
    point.thresholdUa = 8'400;
    REQUIRE(points.record(world.therapist, kMrn, point).ok());

    auto workspace = test::showWorkspace(world, world.therapist);
    workspace->selectPatient(kMrn);
    child<QTabWidget>(*workspace, QStringLiteral("patientTabs"))->setCurrentIndex(1);
    auto* reuse = child<QPushButton>(*workspace, QStringLiteral("reuseLastVisit"));
    REQUIRE(reuse->isEnabled());
    reuse->click();
    CHECK(child<QLabel>(*workspace, QStringLiteral("placementMessage"))
              ->text()
              .contains(QStringLiteral("Today's visit recorded with the same 2 placement(s)")));

    const auto current = world.context().placements().current(world.therapist, kMrn);
    REQUIRE(current.ok());
    REQUIRE(current->size() == 2);
    for (const auto& p : current.value()) {
        CHECK(p.id != trapezius.id);
        CHECK(p.id != reference.id);
    }
    const auto carried = points.current(world.therapist, kMrn);
    REQUIRE(carried.ok());
    REQUIRE(carried->size() == 1);
    CHECK(carried->first().thresholdUa == 8'400);
    // The motor point tab shows it on today's placement.
    child<QTabWidget>(*workspace, QStringLiteral("patientTabs"))->setCurrentIndex(2);
    auto* table = child<QTableWidget>(*workspace, QStringLiteral("motorPointTable"));
    REQUIRE(table->rowCount() == 1);
    CHECK(table->item(0, 3)->text() == QStringLiteral("8.4 mA"));
}

TEST_CASE("a motor point recorded in the workspace is shown and remembered", "[ui][patients][motorpoints]")
{
    PatientWorld world;
    world.addPatient(kMrn, QStringLiteral("Okafor"), QStringLiteral("Ada"), QStringLiteral("1970-05-17"));
    auto workspace = test::showWorkspace(world, world.therapist);
    workspace->selectPatient(kMrn);
    auto* tabs = child<QTabWidget>(*workspace, QStringLiteral("patientTabs"));
    tabs->setCurrentIndex(2);
    CHECK_FALSE(child<QPushButton>(*workspace, QStringLiteral("recordMotorPoint"))->isEnabled());

    // A placement recorded in the placements tab becomes choosable here at once.
    tabs->setCurrentIndex(1);
    auto* map = workspace->bodyMap();
    QTest::mouseClick(
        map, Qt::LeftButton, Qt::NoModifier, map->markerCentre(QStringLiteral("right-upper-trapezius")).toPoint());
    child<QPushButton>(*workspace, QStringLiteral("recordPlacement"))->click();
    tabs->setCurrentIndex(2);
    auto* placement = child<QComboBox>(*workspace, QStringLiteral("motorPointPlacement"));
    REQUIRE(placement->count() == 1);
    CHECK(placement->currentText().contains(QStringLiteral("Upper trapezius, right")));
    child<QDoubleSpinBox>(*workspace, QStringLiteral("motorPointThreshold"))->setValue(7.5);
    child<QLineEdit>(*workspace, QStringLiteral("motorPointNotes"))->setText(QStringLiteral("1 cm medial"));
    auto* record = child<QPushButton>(*workspace, QStringLiteral("recordMotorPoint"));
    REQUIRE(record->isEnabled());
    record->click();
    auto* table = child<QTableWidget>(*workspace, QStringLiteral("motorPointTable"));
    REQUIRE(table->rowCount() == 1);
    CHECK(table->item(0, 3)->text() == QStringLiteral("7.5 mA"));
    CHECK(table->item(0, 6)->text() == QStringLiteral("1 cm medial"));
    // Remembered: earlier visits only, so not this one yet.
    CHECK(child<QTableWidget>(*workspace, QStringLiteral("rememberedMotorPoints"))->rowCount() == 0);
    const auto stored = app::MotorPointService(world.context().store()).current(world.therapist, kMrn);
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == 1);
    CHECK(stored->first().thresholdUa == 7'500);
    CHECK(stored->first().pulseWidthUs == 250);
    CHECK(stored->first().frequencyMilliHz == 2'000);
}
