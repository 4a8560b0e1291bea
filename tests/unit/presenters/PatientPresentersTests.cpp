// SPDX-License-Identifier: GPL-3.0-or-later
// The patient panels' presenters on a real AppContext, without widgets: what a search finds and how it words it,
// the patient the finder keeps, demographics and notes as each role may see them, and the new-patient form's
// checks (a refusal names its field and range, and nothing is written). The screening's: ScreeningPresenterTests.
#include "AdminWorld.h"

#include "app/AppContext.h"
#include "app/services/AuditService.h"
#include "app/services/PatientNoteService.h"
#include "app/services/PatientService.h"
#include "ui/presenters/NewPatientPresenter.h"
#include "ui/presenters/PatientDetailsPresenter.h"
#include "ui/presenters/PatientFinderPresenter.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>

using namespace galvani;
using galvani::test::AdminWorld;
using ui::presenters::FeedbackKind;
using ui::presenters::NewPatientPresenter;
using ui::presenters::PatientDetailsPresenter;
using ui::presenters::PatientFinderPresenter;

namespace {

void addPatient(AdminWorld& w, const QString& mrn, const QString& family, const QString& given)
{
    app::NewPatientInput p;
    p.mrn = mrn;
    p.familyName = family;
    p.givenNames = given;
    p.birthDate = QStringLiteral("1970-05-17");
    const auto added = w.context().patients().add(w.tess, p);
    INFO((added.ok() ? QString() : added.error().message).toStdString());
    REQUIRE(added.ok());
}

int patientCount(AdminWorld& w)
{
    const auto listed = w.context().patients().list(w.tess);
    REQUIRE(listed.ok());
    return static_cast<int>(listed->size());
}

app::PatientDetails details(AdminWorld& w, const app::SignedInUser& user, const QString& mrn)
{
    const auto found = w.context().patients().findByMrn(user, mrn);
    INFO((found.ok() ? QString() : found.error().message).toStdString());
    REQUIRE(found.ok());
    return found.value();
}

qint64 auditRows(AdminWorld& w)
{
    const auto checked = w.context().audit().verify(w.admin);
    REQUIRE(checked.ok());
    REQUIRE(checked->ok);
    return checked->rowsChecked;
}

QStringList mrns(const PatientFinderPresenter& p)
{
    QStringList out;
    for (const auto& patient : p.results()) {
        out.append(patient.mrn);
    }
    return out;
}

NewPatientPresenter::Form validForm()
{
    NewPatientPresenter::Form f;
    f.patient.mrn = QStringLiteral("MRN-7731");
    f.patient.familyName = QStringLiteral("Lindqvist");
    f.patient.givenNames = QStringLiteral("Maja Elin");
    f.patient.birthDate = QStringLiteral("1984-11-02");
    return f;
}

} // namespace

TEST_CASE("patient finder presenter: finds by part of a name or an MRN, words both identifiers and counts")
{
    AdminWorld w;
    PatientFinderPresenter p(w.context().patients(), w.tess);
    REQUIRE(p.allowed());
    CHECK(p.canAddPatients());
    QSignalSpy changed(&p, &PatientFinderPresenter::resultsChanged);
    p.search(QString());
    CHECK(changed.count() == 1);
    CHECK(p.results().isEmpty());
    CHECK(p.status().kind == FeedbackKind::Info);
    CHECK(p.status().text == QStringLiteral("No patients on record yet."));

    addPatient(w, QStringLiteral("MRN-100"), QStringLiteral("Okafor"), QStringLiteral("Ada"));
    addPatient(w, QStringLiteral("MRN-7731"), QStringLiteral("Lindqvist"), QStringLiteral("Maja"));
    addPatient(w, QStringLiteral("X-200"), QStringLiteral("Okonkwo"), QStringLiteral("Chidi"));
    p.refresh();
    CHECK(changed.count() == 2);
    CHECK(p.results().size() == 3);
    CHECK(p.status().text == QStringLiteral("3 patients"));

    // Part of a name, any case; the text is trimmed.
    p.search(QStringLiteral("  oKa "));
    CHECK(p.text() == QStringLiteral("oKa"));
    CHECK(mrns(p) == QStringList{QStringLiteral("MRN-100")});
    CHECK(p.status().text == QStringLiteral("1 patient"));
    // Part of an MRN, any case.
    p.search(QStringLiteral("mrn-77"));
    CHECK(mrns(p) == QStringList{QStringLiteral("MRN-7731")});
    p.search(QStringLiteral("MRN-"));
    CHECK(p.results().size() == 2);
    CHECK(p.rowOf(QStringLiteral("MRN-7731")) >= 0);
    CHECK(p.rowOf(QStringLiteral("X-200")) == -1);
    CHECK(p.mrnAt(p.rowOf(QStringLiteral("MRN-100"))) == QStringLiteral("MRN-100"));
    CHECK(p.mrnAt(5).isEmpty());
    p.search(QStringLiteral("nobody by this name"));
    CHECK(p.results().isEmpty());
    CHECK(p.status().kind == FeedbackKind::Info);
    CHECK(p.status().text == QStringLiteral("No patient matches “nobody by this name”."));

    // A row names the patient, then the date of birth with the age and the MRN.
    p.search(QStringLiteral("X-200"));
    REQUIRE(p.results().size() == 1);
    const auto& chidi = p.results().first();
    const QString row = PatientFinderPresenter::resultText(chidi);
    CHECK(row.startsWith(QStringLiteral("OKONKWO, Chidi\nborn 1970-05-17 (")));
    CHECK(row.endsWith(QStringLiteral(" years) · MRN X-200")));
    const QString description = PatientFinderPresenter::resultDescription(chidi);
    CHECK(description.startsWith(QStringLiteral("OKONKWO, Chidi, born 1970-05-17 (")));
    CHECK(description.endsWith(QStringLiteral(" years), MRN X-200")));
}

TEST_CASE("patient finder presenter: a search the service refuses is worded as its message and lists nothing")
{
    AdminWorld w;
    addPatient(w, QStringLiteral("MRN-100"), QStringLiteral("Okafor"), QStringLiteral("Ada"));
    PatientFinderPresenter p(w.context().patients(), w.tess);
    p.search(QStringLiteral("Okafor"));
    REQUIRE(p.results().size() == 1);
    const QString tooLong(app::PatientService::kMaxSearchChars + 1, QLatin1Char('a'));
    p.search(tooLong);
    CHECK(p.results().isEmpty());
    CHECK(p.status().isError());
    const auto direct = w.context().patients().list(w.tess, tooLong);
    REQUIRE_FALSE(direct.ok());
    CHECK(p.status().text == direct.error().message);
    CHECK(p.status().text.contains(QStringLiteral("at most 200")));
}

TEST_CASE("patient finder presenter: keeps the patient shown across searches and emits the patient chosen")
{
    AdminWorld w;
    addPatient(w, QStringLiteral("MRN-100"), QStringLiteral("Okafor"), QStringLiteral("Ada"));
    addPatient(w, QStringLiteral("MRN-200"), QStringLiteral("Okonkwo"), QStringLiteral("Chidi"));
    PatientFinderPresenter p(w.context().patients(), w.tess);
    QSignalSpy current(&p, &PatientFinderPresenter::currentChanged);
    QSignalSpy chosen(&p, &PatientFinderPresenter::patientChosen);
    p.search(QStringLiteral("okafor"));
    CHECK(p.current().isEmpty());

    p.choose(0);
    CHECK(p.current() == QStringLiteral("MRN-100"));
    CHECK(current.count() == 1);
    REQUIRE(chosen.count() == 1);
    CHECK(chosen.last().at(0).toString() == QStringLiteral("MRN-100"));
    // Enter on the only result chooses it again: the workspace opens it again, the current one stays.
    p.choose(0);
    CHECK(chosen.count() == 2);
    CHECK(current.count() == 1);
    // A row that is not there chooses nothing.
    p.choose(3);
    p.choose(-1);
    CHECK(chosen.count() == 2);
    CHECK(p.current() == QStringLiteral("MRN-100"));

    // The workspace shows another patient, not listed by this search: none of the rows is it until a search lists it.
    p.showCurrent(QStringLiteral("MRN-200"));
    CHECK(current.count() == 2);
    CHECK(p.rowOf(p.current()) == -1);
    p.search(QStringLiteral("ok"));
    REQUIRE(p.results().size() == 2);
    CHECK(p.current() == QStringLiteral("MRN-200"));
    CHECK(p.mrnAt(p.rowOf(p.current())) == QStringLiteral("MRN-200"));
    p.showCurrent(QStringLiteral("MRN-200"));
    CHECK(current.count() == 2); // unchanged: no signal
    // No patient shown: no row is current, also after the next search.
    p.showCurrent(QString());
    p.search(QStringLiteral("okafor"));
    CHECK(p.current().isEmpty());
    CHECK(p.rowOf(p.current()) == -1);
    CHECK(chosen.count() == 2); // showing is not choosing
}

TEST_CASE("patient finder presenter: a role without access is told so, and nothing is asked of the store")
{
    AdminWorld w;
    addPatient(w, QStringLiteral("MRN-100"), QStringLiteral("Okafor"), QStringLiteral("Ada"));
    const qint64 before = auditRows(w);
    PatientFinderPresenter technician(w.context().patients(), w.theo);
    QSignalSpy changed(&technician, &PatientFinderPresenter::resultsChanged);
    CHECK_FALSE(technician.allowed());
    CHECK_FALSE(technician.canAddPatients());
    technician.search(QStringLiteral("Okafor"));
    technician.search(QStringLiteral("MRN-100"));
    CHECK(changed.count() == 2);
    CHECK(technician.results().isEmpty());
    CHECK(technician.status().kind == FeedbackKind::Info);
    CHECK(
        technician.status().text == QStringLiteral("Your role (technician) does not give access to patient records."));
    // No refusal was written for merely opening the search: the audit trail grew only by the checks' own rows.
    const qint64 after = auditRows(w);
    const qint64 again = auditRows(w);
    CHECK(after - before == again - after);

    // An admin may find patients (demographics) but not add them.
    PatientFinderPresenter admin(w.context().patients(), w.admin);
    CHECK(admin.allowed());
    CHECK_FALSE(admin.canAddPatients());
    admin.search(QStringLiteral("MRN-100"));
    CHECK(mrns(admin) == QStringList{QStringLiteral("MRN-100")});
}

TEST_CASE("patient details presenter: demographics worded, notes by whom, and a note added through the service")
{
    AdminWorld w;
    app::NewPatientInput input;
    input.mrn = QStringLiteral("MRN-1");
    input.familyName = QStringLiteral("Okafor");
    input.givenNames = QStringLiteral("Ada");
    input.birthDate = QStringLiteral("1970-05-17");
    input.phone = QStringLiteral("+46 70 123 45 67");
    input.address = QStringLiteral("Storgatan 1\nUppsala");
    REQUIRE(w.context().patients().add(w.tess, input).ok());
    addPatient(w, QStringLiteral("MRN-2"), QStringLiteral("Berg"), QStringLiteral("Ines"));

    PatientDetailsPresenter p(w.context().store(), w.tess);
    CHECK(p.canAddNotes());
    CHECK_FALSE(p.hasPatient());
    CHECK(p.demographics().isEmpty());
    CHECK(p.noteLines().isEmpty());
    CHECK(p.addNote(QStringLiteral("no patient shown")).kind == FeedbackKind::None);

    QSignalSpy changed(&p, &PatientDetailsPresenter::patientChanged);
    QSignalSpy discarded(&p, &PatientDetailsPresenter::noteDraftDiscarded);
    p.setPatient(details(w, w.tess, QStringLiteral("MRN-1")));
    CHECK(changed.count() == 1);
    CHECK(discarded.count() == 1); // another patient than none
    CHECK(p.mrn() == QStringLiteral("MRN-1"));
    CHECK(p.notesShown());
    CHECK_FALSE(p.notesWithheld());
    const auto items = p.demographics();
    REQUIRE(items.size() == 9);
    CHECK(items.at(0).name == QStringLiteral("MRN"));
    CHECK(items.at(0).value == QStringLiteral("MRN-1"));
    CHECK(items.at(1).value == QStringLiteral("Okafor"));
    CHECK(items.at(2).value == QStringLiteral("Ada"));
    CHECK(items.at(3).name == QStringLiteral("Date of birth"));
    CHECK(items.at(3).value.startsWith(QStringLiteral("born 1970-05-17 (")));
    CHECK(items.at(4).value == QStringLiteral("+46 70 123 45 67"));
    CHECK(items.at(5).name == QStringLiteral("E-mail"));
    CHECK(items.at(5).value == QStringLiteral("—")); // none on record
    CHECK(items.at(6).value == QStringLiteral("Storgatan 1\nUppsala"));
    CHECK(items.at(7).name == QStringLiteral("Pseudonym (exports)"));
    CHECK_FALSE(items.at(7).value.isEmpty());
    CHECK(items.at(8).name == QStringLiteral("On record since"));
    CHECK(items.at(8).value.size() == 10); // yyyy-MM-dd
    CHECK(p.noteLines() == QStringList{QStringLiteral("No notes yet.")});

    // Refused notes: the service's words, naming the note and its length limit; nothing written.
    QSignalSpy notes(&p, &PatientDetailsPresenter::notesChanged);
    auto result = p.addNote(QStringLiteral("   "));
    CHECK(result.isError());
    CHECK(result.focus == PatientDetailsPresenter::Field::Note);
    CHECK(result.text == QStringLiteral("note is required"));
    const QString tooLong(app::PatientNoteService::kMaxNoteChars + 1, QLatin1Char('n'));
    result = p.addNote(tooLong);
    CHECK(result.isError());
    CHECK(result.focus == PatientDetailsPresenter::Field::Note);
    CHECK(result.text == QStringLiteral("note has 4001 characters; at most 4000 are allowed"));
    CHECK(details(w, w.tess, QStringLiteral("MRN-1")).notes.isEmpty());
    CHECK(notes.count() == 0);

    result = p.addNote(QStringLiteral("Referred for neck pain."));
    CHECK(result.kind == FeedbackKind::Success);
    CHECK(result.text == QStringLiteral("Note added."));
    CHECK(notes.count() == 1);
    const auto stored = details(w, w.tess, QStringLiteral("MRN-1")).notes;
    REQUIRE(stored.size() == 1);
    CHECK(stored.first().body == QStringLiteral("Referred for neck pain."));
    REQUIRE(p.noteLines().size() == 1);
    CHECK(p.noteLines().first().endsWith(QStringLiteral(" (you): Referred for neck pain.")));

    // A note by another therapist names its author by number.
    REQUIRE(app::PatientNoteService(w.context().store())
                .add(w.tom, QStringLiteral("MRN-1"), QStringLiteral("Pads moved 1 cm."))
                .ok());
    p.setPatient(details(w, w.tess, QStringLiteral("MRN-1")));
    CHECK(discarded.count() == 1); // the same patient: the note being typed stays
    REQUIRE(p.noteLines().size() == 2);
    CHECK(p.noteLines().at(1).endsWith(QStringLiteral(" (user #%1): Pads moved 1 cm.").arg(w.tom.id)));

    p.setPatient(details(w, w.tess, QStringLiteral("MRN-2")));
    CHECK(discarded.count() == 2);
    CHECK(p.noteLines() == QStringList{QStringLiteral("No notes yet.")});

    p.clear();
    CHECK(discarded.count() == 3);
    CHECK_FALSE(p.hasPatient());
    CHECK_FALSE(p.notesShown());
    CHECK(p.demographics().isEmpty());
    CHECK(p.addNote(QStringLiteral("after clear")).kind == FeedbackKind::None);
    CHECK(details(w, w.tess, QStringLiteral("MRN-2")).notes.isEmpty());
}

TEST_CASE("patient details presenter: an admin sees the demographics, the notes withheld and no way to add one")
{
    AdminWorld w;
    addPatient(w, QStringLiteral("MRN-ADM"), QStringLiteral("Okafor"), QStringLiteral("Ada"));
    const QString secret = QStringLiteral("Anxious about the pads.");
    REQUIRE(app::PatientNoteService(w.context().store()).add(w.tess, QStringLiteral("MRN-ADM"), secret).ok());

    PatientDetailsPresenter p(w.context().store(), w.admin);
    CHECK_FALSE(p.canAddNotes());
    CHECK(p.withheldText()
        == QStringLiteral("Clinical notes are not shown to your role (admin): it has the demographics view only."));
    p.setPatient(details(w, w.admin, QStringLiteral("MRN-ADM")));
    CHECK(p.hasPatient());
    CHECK(p.notesWithheld());
    CHECK_FALSE(p.notesShown());
    CHECK(p.noteLines().isEmpty());
    CHECK(p.notes().isEmpty());
    REQUIRE(p.demographics().size() == 9);
    CHECK(p.demographics().at(1).value == QStringLiteral("Okafor"));
    for (const auto& item : p.demographics()) {
        CHECK_FALSE(item.value.contains(secret));
    }
    CHECK(p.addNote(QStringLiteral("admin note")).kind == FeedbackKind::None);
    CHECK(details(w, w.tess, QStringLiteral("MRN-ADM")).notes.size() == 1);
}

TEST_CASE("new patient presenter: the search text goes to the MRN or the family name, and a message to its field")
{
    using Field = NewPatientPresenter::Field;
    auto prefill = NewPatientPresenter::prefill(QStringLiteral(" MRN-12 "));
    CHECK(prefill.field == Field::Mrn);
    CHECK(prefill.text == QStringLiteral("MRN-12"));
    CHECK(prefill.focus == Field::FamilyName);
    prefill = NewPatientPresenter::prefill(QStringLiteral("okafor"));
    CHECK(prefill.field == Field::FamilyName);
    CHECK(prefill.text == QStringLiteral("okafor"));
    CHECK(prefill.focus == Field::Mrn);

    CHECK(NewPatientPresenter::fieldNamedIn(QStringLiteral("MRN 'A' belongs to another patient")) == Field::Mrn);
    CHECK(NewPatientPresenter::fieldNamedIn(QStringLiteral("family name is required")) == Field::FamilyName);
    CHECK(NewPatientPresenter::fieldNamedIn(QStringLiteral("given names has 201 characters; at most 200 are allowed"))
        == Field::GivenNames);
    CHECK(NewPatientPresenter::fieldNamedIn(QStringLiteral("date of birth 1850-01-01 is outside 1900-01-01 – x"))
        == Field::BirthDate);
    CHECK(NewPatientPresenter::fieldNamedIn(QStringLiteral("phone contains a NUL character")) == Field::Phone);
    CHECK(NewPatientPresenter::fieldNamedIn(QStringLiteral("email has 201 characters")) == Field::Email);
    CHECK(NewPatientPresenter::fieldNamedIn(QStringLiteral("address has 1001 characters")) == Field::Address);
    CHECK(NewPatientPresenter::fieldNamedIn(QStringLiteral("clinical note has 4001 characters")) == Field::Note);
    CHECK(NewPatientPresenter::fieldNamedIn(QStringLiteral("the record store is read-only")) == Field::None);
}

TEST_CASE("new patient presenter: a refusal names its field and the allowed range, and nothing is written")
{
    using Field = NewPatientPresenter::Field;
    AdminWorld w;
    addPatient(w, QStringLiteral("MRN-TAKEN"), QStringLiteral("Okafor"), QStringLiteral("Ada"));
    NewPatientPresenter p(w.context().patients(), w.context().store(), w.tess);
    QSignalSpy created(&p, &NewPatientPresenter::created);
    const int before = patientCount(w);

    auto form = validForm();
    form.patient.birthDate = QStringLiteral("1999-02-30");
    auto result = p.create(form);
    CHECK(result.isError());
    CHECK(result.focus == Field::BirthDate);
    CHECK(result.text == QStringLiteral("date of birth '1999-02-30' is not a date of the form YYYY-MM-DD"));

    form.patient.birthDate = QStringLiteral("1850-01-01");
    result = p.create(form);
    CHECK(result.focus == Field::BirthDate);
    CHECK(result.text.startsWith(QStringLiteral("date of birth 1850-01-01 is outside 1900-01-01 – ")));

    form = validForm();
    form.patient.familyName = QString(201, QLatin1Char('f'));
    result = p.create(form);
    CHECK(result.focus == Field::FamilyName);
    CHECK(result.text == QStringLiteral("family name has 201 characters; at most 200 are allowed"));

    form = validForm();
    form.patient.mrn = QStringLiteral("   ");
    result = p.create(form);
    CHECK(result.focus == Field::Mrn);
    CHECK(result.text == QStringLiteral("MRN is required"));

    form = validForm();
    form.patient.mrn = QStringLiteral(" MRN-TAKEN ");
    result = p.create(form);
    CHECK(result.focus == Field::Mrn);
    CHECK(result.text == QStringLiteral("MRN 'MRN-TAKEN' belongs to another patient"));

    // A note too long for the store is refused before the patient is added, so no patient is left without it.
    form = validForm();
    form.note = QString(app::PatientNoteService::kMaxNoteChars + 1, QLatin1Char('n'));
    result = p.create(form);
    CHECK(result.focus == Field::Note);
    CHECK(result.text == QStringLiteral("clinical note has 4001 characters; at most 4000 are allowed"));

    // A role that may not add patients: the service's refusal, verbatim.
    NewPatientPresenter admin(w.context().patients(), w.context().store(), w.admin);
    QSignalSpy adminCreated(&admin, &NewPatientPresenter::created);
    result = admin.create(validForm());
    CHECK(result.isError());
    app::NewPatientInput direct;
    direct.mrn = QStringLiteral("MRN-7731");
    const auto refused = w.context().patients().add(w.admin, direct);
    REQUIRE_FALSE(refused.ok());
    CHECK(result.text == refused.error().message);

    CHECK(created.count() == 0);
    CHECK(adminCreated.count() == 0);
    CHECK(patientCount(w) == before);
    CHECK_FALSE(w.context().patients().findByMrn(w.tess, QStringLiteral("MRN-7731")).ok());
}

TEST_CASE("new patient presenter: adds the patient with trimmed values, then the note, and announces both")
{
    AdminWorld w;
    NewPatientPresenter p(w.context().patients(), w.context().store(), w.tess);
    struct Created {
        app::PatientSummary patient;
        QString note;
        QString noteError;
    };
    QList<Created> created;
    QObject::connect(&p, &NewPatientPresenter::created,
        [&created](const app::PatientSummary& patient, const QString& note, const QString& noteError) {
            created.append({patient, note, noteError});
        });

    auto form = validForm();
    form.patient.mrn = QStringLiteral("  MRN-7731 ");
    form.patient.givenNames = QStringLiteral(" Maja Elin ");
    form.patient.email = QStringLiteral(" maja@example.org ");
    form.patient.address = QStringLiteral("Storgatan 1\nUppsala\n");
    form.note = QStringLiteral("Referred for neck pain.\n");
    auto result = p.create(form);
    CHECK(result.kind == FeedbackKind::Success);
    CHECK(result.text == QStringLiteral("patient MRN-7731 added."));
    REQUIRE(created.size() == 1);
    CHECK(created.first().patient.mrn == QStringLiteral("MRN-7731"));
    CHECK(created.first().patient.familyName == QStringLiteral("Lindqvist"));
    CHECK(created.first().note == form.note);
    CHECK(created.first().noteError.isEmpty());
    const auto stored = details(w, w.tess, QStringLiteral("MRN-7731"));
    CHECK(stored.summary.givenNames == QStringLiteral("Maja Elin"));
    CHECK(stored.summary.email == QStringLiteral("maja@example.org"));
    CHECK(stored.summary.address == QStringLiteral("Storgatan 1\nUppsala"));
    REQUIRE(stored.notes.size() == 1);
    CHECK(stored.notes.first().body == form.note); // the note as written

    // A note the store refuses after the patient was added: the patient stays, the note and why come back.
    form = validForm();
    form.patient.mrn = QStringLiteral("MRN-7732");
    form.note = QStringLiteral("before") + QChar(u'\0') + QStringLiteral("after");
    result = p.create(form);
    CHECK(result.kind == FeedbackKind::Success);
    REQUIRE(created.size() == 2);
    CHECK(created.last().patient.mrn == QStringLiteral("MRN-7732"));
    CHECK(created.last().note == form.note);
    CHECK(created.last().noteError == QStringLiteral("note contains a NUL character"));
    CHECK(details(w, w.tess, QStringLiteral("MRN-7732")).notes.isEmpty());

    // No note typed: none written.
    form = validForm();
    form.patient.mrn = QStringLiteral("MRN-7733");
    form.note = QStringLiteral("  \n ");
    CHECK(p.create(form).kind == FeedbackKind::Success);
    CHECK(details(w, w.tess, QStringLiteral("MRN-7733")).notes.isEmpty());
    REQUIRE(created.size() == 3);
    CHECK(created.last().noteError.isEmpty());
}
