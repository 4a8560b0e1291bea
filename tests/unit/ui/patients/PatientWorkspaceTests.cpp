// SPDX-License-Identifier: GPL-3.0-or-later
// Finding and adding patients, the banner, and what each role sees.
#include "PatientWorld.h"

#include "app/services/AuthService.h"
#include "app/services/PatientNoteService.h"
#include "app/services/PatientService.h"
#include "app/services/UserService.h"
#include "ui/patients/NewPatientDialog.h"
#include "ui/patients/PatientListModel.h"
#include "ui/patients/PatientWorkspace.h"

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace galvani;
using galvani::test::child;
using test::PatientWorld;

namespace {

ui::NewPatientDialog* openForm(ui::PatientWorkspace& workspace)
{
    child<QPushButton>(workspace, "newPatient")->click();
    auto* dialog = workspace.findChild<ui::NewPatientDialog*>(QStringLiteral("newPatientDialog"));
    REQUIRE(dialog != nullptr);
    REQUIRE(dialog->isVisible());
    return dialog;
}

void fillForm(ui::NewPatientDialog& form, const QString& mrn, const QString& birthDate)
{
    child<QLineEdit>(form, "newPatientMrn")->setText(mrn);
    child<QLineEdit>(form, "newPatientFamilyName")->setText(QStringLiteral("Lindqvist"));
    child<QLineEdit>(form, "newPatientGivenNames")->setText(QStringLiteral("Maja Elin"));
    child<QLineEdit>(form, "newPatientBirthDate")->setText(birthDate);
    child<QLineEdit>(form, "newPatientPhone")->setText(QStringLiteral("+46 70 123 45 67"));
    child<QLineEdit>(form, "newPatientEmail")->setText(QStringLiteral("maja@example.org"));
    child<QPlainTextEdit>(form, "newPatientAddress")->setPlainText(QStringLiteral("Storgatan 1\nUppsala"));
    child<QPlainTextEdit>(form, "newPatientNote")->setPlainText(QStringLiteral("Referred for neck pain."));
}

QStringList resultTexts(const ui::PatientWorkspace& workspace)
{
    auto* list = workspace.findChild<QListView*>(QStringLiteral("patientResults"));
    REQUIRE(list != nullptr);
    QStringList out;
    for (int r = 0; r < list->model()->rowCount(); ++r) {
        out << list->model()->index(r, 0).data().toString();
    }
    return out;
}

} // namespace

TEST_CASE(
    "a patient created through the form is selected, shown in the banner and found by name and MRN", "[ui][patients]")
{
    PatientWorld world;
    world.addPatient(
        QStringLiteral("MRN-100"), QStringLiteral("Okafor"), QStringLiteral("Ada"), QStringLiteral("1970-05-17"));
    auto workspace = test::showWorkspace(world, world.therapist);
    QSignalSpy selected(workspace.get(), &ui::PatientWorkspace::patientSelected);
    CHECK_FALSE(child<QWidget>(*workspace, "patientBanner")->isVisible());
    CHECK_FALSE(child<QPushButton>(*workspace, "treatPatient")->isVisible());

    auto* form = openForm(*workspace);
    fillForm(*form, QStringLiteral("MRN-7731"), QStringLiteral("1984-11-02"));
    child<QPushButton>(*form, "createPatient")->click();
    CHECK_FALSE(form->isVisible());
    CHECK(workspace->currentMrn() == QStringLiteral("MRN-7731"));
    REQUIRE(selected.count() >= 1);
    CHECK(selected.last().at(0).toString() == QStringLiteral("MRN-7731"));

    // The banner: both identifiers, always at the top.
    auto* banner = child<QWidget>(*workspace, "patientBanner");
    CHECK(banner->isVisible());
    CHECK(child<QLabel>(*banner, "bannerName")->text() == QStringLiteral("LINDQVIST, Maja Elin"));
    CHECK(child<QLabel>(*banner, "bannerBirthDate")->text().startsWith(QStringLiteral("born 1984-11-02 (")));
    CHECK(child<QLabel>(*banner, "bannerMrn")->text() == QStringLiteral("MRN MRN-7731"));
    auto* treat = child<QPushButton>(*banner, "treatPatient");
    CHECK(treat->isVisible());
    CHECK(treat->isEnabled());
    // Neither screened nor placed: the tooltip says what is missing, the button is not blocked.
    CHECK(treat->toolTip().contains(QStringLiteral("no contraindication screening on record")));
    CHECK(treat->toolTip().contains(QStringLiteral("no electrode placement")));
    QSignalSpy treatSpy(workspace.get(), &ui::PatientWorkspace::treatRequested);
    treat->click();
    REQUIRE(treatSpy.count() == 1);
    CHECK(treatSpy.first().at(0).toString() == QStringLiteral("MRN-7731"));

    // Stored with every field and the note.
    const auto stored = world.context().patients().findByMrn(world.therapist, QStringLiteral("MRN-7731"));
    REQUIRE(stored.ok());
    CHECK(stored->summary.address == QStringLiteral("Storgatan 1\nUppsala"));
    CHECK(stored->summary.email == QStringLiteral("maja@example.org"));
    REQUIRE(stored->notes.size() == 1);
    CHECK(stored->notes.first().body == QStringLiteral("Referred for neck pain."));

    // Live search by part of the name, then by part of the MRN; each result shows both identifiers.
    auto* search = child<QLineEdit>(*workspace, "patientSearch");
    search->setText(QStringLiteral("lindq"));
    QStringList found = resultTexts(*workspace);
    REQUIRE(found.size() == 1);
    CHECK(found.first().contains(QStringLiteral("LINDQVIST, Maja Elin")));
    CHECK(found.first().contains(QStringLiteral("1984-11-02")));
    CHECK(found.first().contains(QStringLiteral("MRN-7731")));
    search->setText(QStringLiteral("7731"));
    found = resultTexts(*workspace);
    REQUIRE(found.size() == 1);
    CHECK(found.first().contains(QStringLiteral("MRN-7731")));
    search->setText(QStringLiteral("MRN-"));
    CHECK(resultTexts(*workspace).size() == 2);
    search->setText(QStringLiteral("nobody by this name"));
    CHECK(resultTexts(*workspace).isEmpty());
    CHECK(child<QLabel>(*workspace, "patientSearchStatus")->text().contains(QStringLiteral("No patient matches")));

    // Enter opens the first result.
    workspace->selectPatient(QString());
    CHECK(workspace->currentMrn().isEmpty());
    CHECK(selected.last().at(0).toString().isEmpty());
    search->setText(QStringLiteral("okafor"));
    QTest::keyClick(search, Qt::Key_Return);
    CHECK(workspace->currentMrn() == QStringLiteral("MRN-100"));
    CHECK(child<QLabel>(*workspace, "bannerName")->text() == QStringLiteral("OKAFOR, Ada"));
}

TEST_CASE("a refused create shows the message next to the field it names and keeps every input", "[ui][patients]")
{
    PatientWorld world;
    world.addPatient(
        QStringLiteral("MRN-TAKEN"), QStringLiteral("Okafor"), QStringLiteral("Ada"), QStringLiteral("1970-05-17"));
    auto workspace = test::showWorkspace(world, world.therapist);
    auto* form = openForm(*workspace);
    fillForm(*form, QStringLiteral("MRN-NEW"), QStringLiteral("1999-02-30"));
    child<QPushButton>(*form, "createPatient")->click();

    REQUIRE(form->isVisible());
    auto* birthError = child<QLabel>(*form, "newPatientBirthDateError");
    CHECK(birthError->isVisible());
    CHECK(birthError->text().contains(QStringLiteral("date of birth")));
    CHECK(birthError->text().contains(QStringLiteral("1999-02-30")));
    CHECK_FALSE(child<QLabel>(*form, "newPatientMrnError")->isVisible());
    // Nothing typed is lost.
    CHECK(child<QLineEdit>(*form, "newPatientMrn")->text() == QStringLiteral("MRN-NEW"));
    CHECK(child<QLineEdit>(*form, "newPatientFamilyName")->text() == QStringLiteral("Lindqvist"));
    CHECK(child<QLineEdit>(*form, "newPatientGivenNames")->text() == QStringLiteral("Maja Elin"));
    CHECK(child<QLineEdit>(*form, "newPatientBirthDate")->text() == QStringLiteral("1999-02-30"));
    CHECK(child<QLineEdit>(*form, "newPatientPhone")->text() == QStringLiteral("+46 70 123 45 67"));
    CHECK(child<QPlainTextEdit>(*form, "newPatientAddress")->toPlainText() == QStringLiteral("Storgatan 1\nUppsala"));
    CHECK(child<QPlainTextEdit>(*form, "newPatientNote")->toPlainText() == QStringLiteral("Referred for neck pain."));
    CHECK(workspace->currentMrn().isEmpty());
    CHECK_FALSE(world.context().patients().findByMrn(world.therapist, QStringLiteral("MRN-NEW")).ok());

    // A taken MRN: the message moves to the MRN field.
    child<QLineEdit>(*form, "newPatientBirthDate")->setText(QStringLiteral("1999-02-28"));
    child<QLineEdit>(*form, "newPatientMrn")->setText(QStringLiteral("MRN-TAKEN"));
    child<QPushButton>(*form, "createPatient")->click();
    REQUIRE(form->isVisible());
    auto* mrnError = child<QLabel>(*form, "newPatientMrnError");
    CHECK(mrnError->isVisible());
    CHECK(mrnError->text().contains(QStringLiteral("MRN 'MRN-TAKEN' belongs to another patient")));
    CHECK_FALSE(birthError->isVisible());

    // Fixed: created.
    child<QLineEdit>(*form, "newPatientMrn")->setText(QStringLiteral("MRN-NEW"));
    child<QPushButton>(*form, "createPatient")->click();
    CHECK_FALSE(form->isVisible());
    CHECK(workspace->currentMrn() == QStringLiteral("MRN-NEW"));
}

TEST_CASE("an admin sees demographics but no clinical notes, and cannot add patients or treat", "[ui][patients]")
{
    PatientWorld world;
    world.addPatient(
        QStringLiteral("MRN-ADM"), QStringLiteral("Okafor"), QStringLiteral("Ada"), QStringLiteral("1970-05-17"));
    const QString secret = QStringLiteral("Anxious about the pads; prefers the left side first.");
    REQUIRE(
        app::PatientNoteService(world.context().store()).add(world.therapist, QStringLiteral("MRN-ADM"), secret).ok());

    {
        // The therapist sees the note.
        auto workspace = test::showWorkspace(world, world.therapist);
        workspace->selectPatient(QStringLiteral("MRN-ADM"));
        child<QTabWidget>(*workspace, "patientTabs")->setCurrentIndex(3);
        CHECK(test::visibleText(*workspace).contains(secret));
    }

    auto workspace = test::showWorkspace(world, world.admin);
    workspace->selectPatient(QStringLiteral("MRN-ADM"));
    REQUIRE(workspace->currentMrn() == QStringLiteral("MRN-ADM"));
    CHECK(child<QLabel>(*workspace, "bannerName")->text() == QStringLiteral("OKAFOR, Ada"));
    CHECK(child<QLabel>(*workspace, "bannerMrn")->text() == QStringLiteral("MRN MRN-ADM"));
    auto* tabs = child<QTabWidget>(*workspace, "patientTabs");
    REQUIRE(tabs->count() == 1); // demographics only: no screening, placements or motor points
    CHECK(child<QLabel>(*workspace, "patientDemographics")->text().contains(QStringLiteral("1970-05-17")));
    CHECK(child<QLabel>(*workspace, "notesWithheld")->isVisible());
    CHECK_FALSE(child<QWidget>(*workspace, "patientNotesBox")->isVisible());
    CHECK_FALSE(test::visibleText(*workspace).contains(secret));
    CHECK_FALSE(test::visibleText(*workspace).contains(QStringLiteral("prefers the left side")));
    CHECK_FALSE(child<QPushButton>(*workspace, "newPatient")->isVisible());
    CHECK_FALSE(child<QPushButton>(*workspace, "treatPatient")->isVisible());
    CHECK(workspace->openNewPatient() == nullptr);
}

TEST_CASE("a technician sees no patient records", "[ui][patients]")
{
    PatientWorld world;
    world.addPatient(
        QStringLiteral("MRN-T"), QStringLiteral("Okafor"), QStringLiteral("Ada"), QStringLiteral("1970-05-17"));
    const auto added = world.context().users().add(world.admin,
        app::NewUserInput{QStringLiteral("theo"), QStringLiteral("Theo Tech"), app::Role::Technician,
            QString::fromLatin1(PatientWorld::kPassword)});
    REQUIRE(added.ok());
    const auto tech
        = world.context().auth().signIn(QStringLiteral("theo"), QString::fromLatin1(PatientWorld::kPassword));
    REQUIRE(tech.ok());
    auto workspace = test::showWorkspace(world, tech.value());
    CHECK_FALSE(child<QLineEdit>(*workspace, "patientSearch")->isEnabled());
    CHECK(child<QLabel>(*workspace, "patientPlaceholder")->text().contains(QStringLiteral("does not give access")));
    CHECK_FALSE(test::visibleText(*workspace).contains(QStringLiteral("OKAFOR")));
    workspace->selectPatient(QStringLiteral("MRN-T"));
    CHECK(workspace->currentMrn().isEmpty());
    CHECK_FALSE(child<QWidget>(*workspace, "patientBanner")->isVisible());
}

TEST_CASE("the result list model passes the model tester and shows both identifiers", "[ui][patients]")
{
    ui::PatientListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    app::PatientSummary a;
    a.id = 1;
    a.mrn = QStringLiteral("MRN-1");
    a.familyName = QStringLiteral("Okafor");
    a.givenNames = QStringLiteral("Ada");
    a.birthDate = QStringLiteral("1970-05-17");
    app::PatientSummary b = a;
    b.id = 2;
    b.mrn = QStringLiteral("MRN-2");
    b.familyName = QStringLiteral("Berg");
    model.setPatients({a, b});
    REQUIRE(model.rowCount() == 2);
    const QString text = model.index(0, 0).data().toString();
    CHECK(text.contains(QStringLiteral("OKAFOR, Ada")));
    CHECK(text.contains(QStringLiteral("born 1970-05-17")));
    CHECK(text.contains(QStringLiteral("MRN MRN-1")));
    CHECK(model.index(1, 0).data(ui::PatientListModel::MrnRole).toString() == QStringLiteral("MRN-2"));
    CHECK(model.rowOf(QStringLiteral("MRN-2")) == 1);
    CHECK(model.rowOf(QStringLiteral("MRN-3")) == -1);
    model.setPatients({});
    CHECK(model.rowCount() == 0);
}

TEST_CASE("the result list highlights only the patient the workspace shows, search after search", "[ui][patients]")
{
    // Regression: the next search highlighted the row that was current in the list before, even when the workspace
    // had cleared that patient or shown another one since, so the list marked a patient the workspace did not show.
    PatientWorld world;
    world.addPatient(
        QStringLiteral("MRN-100"), QStringLiteral("Okafor"), QStringLiteral("Ada"), QStringLiteral("1970-05-17"));
    world.addPatient(
        QStringLiteral("MRN-200"), QStringLiteral("Okonkwo"), QStringLiteral("Chidi"), QStringLiteral("1958-01-30"));
    auto workspace = test::showWorkspace(world, world.therapist);
    auto* search = child<QLineEdit>(*workspace, "patientSearch");
    auto* list = child<QListView>(*workspace, "patientResults");
    search->setText(QStringLiteral("okafor"));
    QTest::keyClick(search, Qt::Key_Return);
    REQUIRE(workspace->currentMrn() == QStringLiteral("MRN-100"));
    REQUIRE(list->selectionModel()->selectedRows().size() == 1);

    workspace->selectPatient(QString());
    CHECK(list->selectionModel()->selectedRows().isEmpty());
    search->setText(QStringLiteral("oka"));
    CHECK(resultTexts(*workspace).size() == 1);
    CHECK(list->selectionModel()->selectedRows().isEmpty());
    CHECK(workspace->currentMrn().isEmpty());

    // A patient shown while the search does not list them is highlighted once it does, and no other.
    workspace->selectPatient(QStringLiteral("MRN-200"));
    CHECK(list->selectionModel()->selectedRows().isEmpty());
    search->setText(QStringLiteral("ok"));
    REQUIRE(resultTexts(*workspace).size() == 2);
    const auto rows = list->selectionModel()->selectedRows();
    REQUIRE(rows.size() == 1);
    CHECK(rows.first().data(ui::PatientListModel::MrnRole).toString() == QStringLiteral("MRN-200"));
    CHECK(workspace->currentMrn() == QStringLiteral("MRN-200"));
}
