// SPDX-License-Identifier: GPL-3.0-or-later
// The screening panel's presenter on a real AppContext, without widgets: each state of the screening in force in
// words, the items that apply one by one with what they mean, and why stimulation is blocked.
#include "AdminWorld.h"

#include "app/AppContext.h"
#include "app/services/PatientService.h"
#include "app/services/ScreeningService.h"
#include "ui/presenters/ScreeningPresenter.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>

using namespace galvani;
using galvani::test::AdminWorld;
using ui::presenters::ScreeningPresenter;

namespace {

// A patient with no screening yet.
void addPatient(AdminWorld& w, const QString& mrn)
{
    app::NewPatientInput p;
    p.mrn = mrn;
    p.familyName = QStringLiteral("Okafor");
    p.givenNames = QStringLiteral("Ada");
    p.birthDate = QStringLiteral("1970-05-17");
    const auto added = w.context().patients().add(w.tess, p);
    INFO((added.ok() ? QString() : added.error().message).toStdString());
    REQUIRE(added.ok());
}

// Every item "no" except the ones given, with their answer, acknowledgement and detail.
app::ScreeningInput screening(const QList<app::ScreeningAnswerInput>& applying, const QString& clearance = QString())
{
    app::ScreeningInput input = app::ScreeningInput::noneApply();
    for (auto& a : input.answers) {
        for (const auto& yes : applying) {
            if (a.itemId == yes.itemId) {
                a = yes;
            }
        }
    }
    input.clearanceReason = clearance;
    return input;
}

} // namespace

TEST_CASE("screening presenter: none on record, then clear, then precautions, each in words with its state")
{
    using State = ScreeningPresenter::State;
    AdminWorld w;
    const QString mrn = QStringLiteral("MRN-S1");
    addPatient(w, mrn);
    ScreeningPresenter p(w.context().screenings(), w.tess);
    CHECK(p.canRecord());
    QSignalSpy read(&p, &ScreeningPresenter::screeningRead);

    p.setPatient(QString(), QString());
    CHECK(read.count() == 1);
    CHECK(p.state() == State::NoPatient);
    CHECK(p.statusText().isEmpty());
    CHECK(p.itemLines().isEmpty());

    p.setPatient(mrn, QStringLiteral("OKAFOR, Ada, MRN MRN-S1"));
    CHECK(read.count() == 2);
    CHECK(p.patientLabel() == QStringLiteral("OKAFOR, Ada, MRN MRN-S1"));
    CHECK(p.state() == State::Missing);
    CHECK_FALSE(p.latest());
    CHECK(p.statusText() == QStringLiteral("No screening on record — screen the patient before the first treatment."));
    CHECK(p.datesText().isEmpty());
    CHECK(p.itemLines().isEmpty());
    CHECK(p.blockingReason() == QStringLiteral("no contraindication screening on record"));

    REQUIRE(w.context().screenings().record(w.tess, mrn, app::ScreeningInput::noneApply()).ok());
    CHECK(p.state() == State::Missing); // read again only when asked
    p.reload();
    CHECK(read.count() == 3);
    REQUIRE(p.latest());
    CHECK(p.state() == State::Clear);
    CHECK(p.statusText() == QStringLiteral("✔ Screening clear — treatment allowed"));
    CHECK(p.itemLines() == QStringList{QStringLiteral("✔ Nothing on the checklist applies.")});
    CHECK(p.datesText().startsWith(QStringLiteral("Screened ")));
    CHECK(p.datesText().contains(QStringLiteral(" by you · valid until ")));
    CHECK(p.notesText().isEmpty());
    CHECK(p.blockingReason().isEmpty());

    // Precautions taken into account, one answered "not sure" with a detail, and notes.
    auto input = screening({{QStringLiteral("heart_disease"), app::ScreeningAnswer::Yes, true, QString()},
        {QStringLiteral("first_treatment"), app::ScreeningAnswer::Unknown, true, QStringLiteral("lying")}});
    input.notes = QStringLiteral("Check the pulse after 5 minutes.");
    REQUIRE(w.context().screenings().record(w.tess, mrn, input).ok());
    p.reload();
    CHECK(p.state() == State::Precautions);
    CHECK(p.statusText() == QStringLiteral("⚠ Treatment allowed — precautions taken into account"));
    const QStringList lines = p.itemLines();
    REQUIRE(lines.size() == 2);
    CHECK(lines.at(0)
        == QStringLiteral("⚠ %1 — precaution, taken into account")
               .arg(ScreeningPresenter::question(QStringLiteral("heart_disease"))));
    CHECK(lines.at(1)
        == QStringLiteral("⚠ %1 — precaution, taken into account (answered “not sure”, counted as yes) — detail: lying")
               .arg(ScreeningPresenter::question(QStringLiteral("first_treatment"))));
    CHECK(p.notesText() == QStringLiteral("Notes: Check the pulse after 5 minutes."));
    CHECK(p.blockingReason().isEmpty());

    // Made by another therapist: named by number.
    REQUIRE(w.context().screenings().record(w.tom, mrn, app::ScreeningInput::noneApply()).ok());
    p.reload();
    CHECK(p.datesText().contains(QStringLiteral(" by user #%1 · ").arg(w.tom.id)));
}

TEST_CASE("screening presenter: an absolute item or a forbidden site blocks, and the reason names each")
{
    using State = ScreeningPresenter::State;
    AdminWorld w;
    const QString mrn = QStringLiteral("MRN-S2");
    addPatient(w, mrn);
    REQUIRE(w.context()
                .screenings()
                .record(w.tess, mrn,
                    screening({{QStringLiteral("implanted_device"), app::ScreeningAnswer::Yes, false,
                                   QStringLiteral("demand pacemaker, 2019")},
                        {QStringLiteral("site_anterior_neck"), app::ScreeningAnswer::Unknown, false, QString()}}))
                .ok());
    ScreeningPresenter p(w.context().screenings(), w.tess);
    p.setPatient(mrn, QStringLiteral("OKAFOR, Ada"));
    CHECK(p.state() == State::Blocked);
    CHECK(p.statusText() == QStringLiteral("✖ STIMULATION BLOCKED — see the items below"));
    const QStringList lines = p.itemLines();
    REQUIRE(lines.size() == 2);
    CHECK(lines.at(0)
        == QStringLiteral("✖ %1 — absolute contraindication: blocks stimulation — detail: demand pacemaker, 2019")
               .arg(ScreeningPresenter::question(QStringLiteral("implanted_device"))));
    CHECK(lines.at(1)
        == QStringLiteral("✖ %1 — forbidden site: blocks stimulation; no clearance can lift it (answered “not sure”, "
                          "counted as yes)")
               .arg(ScreeningPresenter::question(QStringLiteral("site_anterior_neck"))));
    CHECK(p.blockingReason()
        == QStringLiteral("the screening blocks stimulation: %1; %2").arg(lines.at(0).mid(2), lines.at(1).mid(2)));

    // Cleared by a specialist and acknowledged: the absolute item no longer blocks.
    REQUIRE(w.context()
                .screenings()
                .record(w.tess, mrn,
                    screening({{QStringLiteral("implanted_device"), app::ScreeningAnswer::Yes, true, QString()}},
                        QStringLiteral("cardiologist, letter of 2026-01-10")))
                .ok());
    p.reload();
    CHECK(p.state() == State::Precautions);
    REQUIRE(p.itemLines().size() == 1);
    CHECK(p.itemLines().first()
        == QStringLiteral("✔ %1 — absolute, cleared by a specialist (cardiologist, letter of 2026-01-10) and taken "
                          "into account")
               .arg(ScreeningPresenter::question(QStringLiteral("implanted_device"))));
    CHECK(p.blockingReason().isEmpty());
}

TEST_CASE("screening presenter: a role without the screening view reads the refusal, and may not record")
{
    using State = ScreeningPresenter::State;
    AdminWorld w;
    const QString mrn = QStringLiteral("MRN-S3");
    addPatient(w, mrn);
    ScreeningPresenter admin(w.context().screenings(), w.admin);
    CHECK_FALSE(admin.canRecord());
    admin.setPatient(mrn, QStringLiteral("OKAFOR, Ada"));
    const auto direct = w.context().screenings().latest(w.admin, mrn);
    REQUIRE_FALSE(direct.ok());
    CHECK(admin.state() == State::Unreadable);
    CHECK(admin.statusText() == QStringLiteral("⚠ ") + direct.error().message);
    CHECK(admin.blockingReason() == direct.error().message);
    CHECK(admin.itemLines().isEmpty());

    CHECK(ScreeningPresenter::question(QStringLiteral("epilepsy")) == QStringLiteral("Epilepsy"));
    CHECK(ScreeningPresenter::question(QStringLiteral("no_such_item")) == QStringLiteral("no_such_item"));
}
