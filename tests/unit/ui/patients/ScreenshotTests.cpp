// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the workspace's main screens. With GALVANI_SHOTS_DIR set, saves them there as patients-*.png for review.
#include "PatientWorld.h"

#include "app/services/MotorPointService.h"
#include "app/services/ScreeningService.h"
#include "ui/patients/BodyMapWidget.h"
#include "ui/patients/NewPatientDialog.h"
#include "ui/patients/PatientWorkspace.h"
#include "ui/patients/ScreeningDialog.h"
#include "ui/patients/ScreeningPanel.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QTabWidget>

using namespace galvani;

namespace {

void save(QWidget& widget, const QString& name)
{
    // Let pending layout requests run, as they would in the application's event loop.
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    const QPixmap shot = widget.grab();
    REQUIRE_FALSE(shot.isNull());
    const QString dir = qEnvironmentVariable("GALVANI_SHOTS_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        CHECK(shot.save(QDir(dir).filePath(QStringLiteral("patients-%1.png").arg(name))));
    }
}

} // namespace

TEST_CASE("the patient workspace renders its screens", "[ui][patients][screenshots]")
{
    test::PatientWorld world;
    const QString mrn = QStringLiteral("MRN-0042");
    world.addPatient(mrn, QStringLiteral("Okafor"), QStringLiteral("Ada Ngozi"), QStringLiteral("1970-05-17"));
    world.addPatient(
        QStringLiteral("MRN-0043"), QStringLiteral("Lindqvist"), QStringLiteral("Maja"), QStringLiteral("1984-11-02"));
    world.addPatient(
        QStringLiteral("MRN-0107"), QStringLiteral("Okonkwo"), QStringLiteral("Chidi"), QStringLiteral("1958-01-30"));
    world.addPatient(
        QStringLiteral("MRN-0311"), QStringLiteral("Berg"), QStringLiteral("Anders"), QStringLiteral("1991-07-09"));
    app::ScreeningInput screening = app::ScreeningInput::noneApply();
    for (auto& a : screening.answers) {
        if (a.itemId == QStringLiteral("heart_disease") || a.itemId == QStringLiteral("first_treatment")) {
            a.answer = app::ScreeningAnswer::Yes;
            a.acknowledged = true;
        }
    }
    REQUIRE(world.context().screenings().record(world.therapist, mrn, screening).ok());
    const auto ch1 = world.addPlacement(mrn, QStringLiteral("left-upper-trapezius"), 1);
    world.addPlacement(mrn, QStringLiteral("right-upper-trapezius"), 2);
    world.addPlacement(mrn, QStringLiteral("left-middle-trapezius"), 1, app::ElectrodePolarity::Reference);
    world.addPlacement(mrn, QStringLiteral("right-middle-trapezius"), 2, app::ElectrodePolarity::Reference);
    world.addPlacement(mrn, QStringLiteral("left-lumbar-multifidus"), 3, app::ElectrodePolarity::Symmetric);
    world.addPlacement(mrn, QStringLiteral("right-lumbar-multifidus"), 4, app::ElectrodePolarity::Symmetric);
    world.addPlacement(mrn, QStringLiteral("left-rectus-abdominis"), 5);
    world.addPlacement(mrn, QStringLiteral("right-transversus-abdominis"), 6);
    app::MotorPointInput point;
    point.placementId = ch1.id;
    point.thresholdUa = 8'400;
    point.notes = QStringLiteral("1 cm medial of the pad centre");
    REQUIRE(app::MotorPointService(world.context().store()).record(world.therapist, mrn, point).ok());

    auto workspace = test::showWorkspace(world, world.therapist);
    workspace->resize(1440, 900);
    auto* search = workspace->findChild<QLineEdit*>(QStringLiteral("patientSearch"));
    REQUIRE(search != nullptr);
    search->setText(QStringLiteral("ok"));
    save(*workspace, QStringLiteral("list"));

    workspace->selectPatient(mrn);
    auto* tabs = workspace->findChild<QTabWidget*>(QStringLiteral("patientTabs"));
    REQUIRE(tabs != nullptr);
    tabs->setCurrentIndex(0);
    save(*workspace, QStringLiteral("screening"));
    tabs->setCurrentIndex(1);
    save(*workspace, QStringLiteral("placements"));
    {
        // The body map alone, large, with the patient's placements (front and back).
        ui::BodyMapWidget map;
        const auto sites = world.context().placements().catalogue(world.therapist);
        REQUIRE(sites.ok());
        map.setSites(sites.value());
        map.setPlacements(world.context().placements().current(world.therapist, mrn).value());
        map.setCurrentSite(QStringLiteral("right-latissimus-dorsi"));
        map.resize(1000, 720);
        save(map, QStringLiteral("bodymap"));
    }
    tabs->setCurrentIndex(2);
    save(*workspace, QStringLiteral("motor-points"));
    tabs->setCurrentIndex(3);
    save(*workspace, QStringLiteral("details"));

    tabs->setCurrentIndex(0);
    workspace->findChild<QPushButton*>(QStringLiteral("newScreening"))->click();
    auto* dialog = workspace->screeningPanel()->dialog();
    REQUIRE(dialog != nullptr);
    dialog->setAnswer(QStringLiteral("implanted_device"), app::ScreeningAnswer::No);
    dialog->setAnswer(QStringLiteral("body_worn_device"), app::ScreeningAnswer::No);
    dialog->setAnswer(QStringLiteral("epilepsy"), app::ScreeningAnswer::Yes);
    dialog->setAnswer(QStringLiteral("heart_disease"), app::ScreeningAnswer::Yes);
    dialog->setAcknowledged(QStringLiteral("heart_disease"), true);
    dialog->setAnswer(QStringLiteral("skin_hypersensitivity"), app::ScreeningAnswer::Unknown);
    save(*dialog, QStringLiteral("screening-dialog"));
    dialog->reject();

    auto* form = workspace->openNewPatient();
    REQUIRE(form != nullptr);
    form->findChild<QLineEdit*>(QStringLiteral("newPatientMrn"))->setText(QStringLiteral("MRN-0043"));
    form->findChild<QLineEdit*>(QStringLiteral("newPatientFamilyName"))->setText(QStringLiteral("Lindqvist"));
    form->findChild<QLineEdit*>(QStringLiteral("newPatientGivenNames"))->setText(QStringLiteral("Maja"));
    form->findChild<QLineEdit*>(QStringLiteral("newPatientBirthDate"))->setText(QStringLiteral("1984-11-02"));
    form->findChild<QPushButton*>(QStringLiteral("createPatient"))->click();
    REQUIRE(form->isVisible());
    save(*form, QStringLiteral("new-patient-refused"));
    form->reject();

    auto admin = test::showWorkspace(world, world.admin);
    admin->resize(1440, 900);
    admin->selectPatient(mrn);
    save(*admin, QStringLiteral("admin"));
}
