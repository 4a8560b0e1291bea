// SPDX-License-Identifier: GPL-3.0-or-later
// The patient workspace's presenter without widgets, on a real store: what each role sees and what the empty
// workspace says, a patient selected by MRN (and one that cannot be), and the readiness for treatment for every
// combination of screening and placements. The workspace is driven through the same flows in tests/unit/ui/patients.
#include "AdminWorld.h"

#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "ui/presenters/PatientWorkspacePresenter.h"

#include <catch2/catch.hpp>

using namespace galvani;
using ui::presenters::PatientWorkspacePresenter;

TEST_CASE("patient workspace presenter: what each role sees", "[presenters][patients]")
{
    test::AdminWorld w;
    PatientWorkspacePresenter therapist(w.context().patients(), w.tess);
    CHECK(therapist.canScreen());
    CHECK(therapist.canPlace());
    CHECK(therapist.canTreat());
    CHECK(therapist.canAddPatients());
    CHECK(therapist.placeholder()
        == QStringLiteral("Find a patient on the left (Ctrl+F), or add one with New patient (Ctrl+N)."));

    PatientWorkspacePresenter admin(w.context().patients(), w.admin);
    CHECK_FALSE(admin.canScreen());
    CHECK_FALSE(admin.canPlace());
    CHECK_FALSE(admin.canTreat());
    CHECK_FALSE(admin.canAddPatients());
    CHECK(admin.placeholder() == QStringLiteral("Find a patient on the left (Ctrl+F)."));

    PatientWorkspacePresenter technician(w.context().patients(), w.theo);
    CHECK_FALSE(technician.canTreat());
    CHECK(technician.placeholder().startsWith(QStringLiteral("Your role (")));
    CHECK(technician.placeholder().endsWith(QStringLiteral(") does not give access to patient records.")));
}

TEST_CASE("patient workspace presenter: the selection and the readiness for treatment", "[presenters][patients]")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-W1"), QStringLiteral("Okafor"), {2, 1});
    PatientWorkspacePresenter p(w.context().patients(), w.tess);

    CHECK_FALSE(p.select(QStringLiteral("MRN-NONE")).isEmpty()); // the service's reason
    CHECK_FALSE(p.patient().has_value());
    CHECK(p.mrn().isEmpty());
    CHECK(p.label().isEmpty());
    CHECK(p.readiness(QString(), std::nullopt, {}).lines.isEmpty()); // nothing to judge without a patient

    CHECK(p.select(QStringLiteral("  MRN-W1 ")).isEmpty());
    REQUIRE(p.patient().has_value());
    CHECK(p.mrn() == QStringLiteral("MRN-W1"));
    CHECK(p.label().startsWith(QStringLiteral("OKAFOR, Ada, ")));
    CHECK(p.label().endsWith(QStringLiteral(", MRN MRN-W1")));

    const auto screening = w.context().screenings().latest(w.tess, QStringLiteral("MRN-W1"));
    REQUIRE(screening.ok());
    const auto placements = w.context().placements().current(w.tess, QStringLiteral("MRN-W1"));
    REQUIRE(placements.ok());

    auto r = p.readiness(QString(), screening.value(), placements.value());
    CHECK_FALSE(r.blocked);
    REQUIRE(r.lines.size() == 2);
    CHECK(r.lines.at(0).startsWith(QStringLiteral("✔ Screening clear, valid until ")));
    CHECK(r.lines.at(1) == QStringLiteral("✔ 2 placement(s) on channels 1, 2"));
    CHECK(r.treatTip == QStringLiteral("Open the session screen for OKAFOR, Ada (Alt+T)"));

    r = p.readiness(QStringLiteral("the screening expired on 2026-01-31"), screening.value(), {});
    CHECK(r.blocked);
    CHECK(r.lines
        == QStringList{QStringLiteral("✖ The screening expired on 2026-01-31"),
            QStringLiteral("✖ No electrode placement recorded")});
    CHECK(r.treatTip
        == QStringLiteral("Open the session screen (Alt+T). Stimulation cannot start until this is resolved:\n"
                          "• the screening expired on 2026-01-31\n• no electrode placement is recorded"));

    r = p.readiness(QString(), std::nullopt, {placements->first()});
    CHECK(r.blocked);
    CHECK(r.lines.at(0) == QStringLiteral("✖ No contraindication screening on record"));
    CHECK(
        r.lines.at(1) == QStringLiteral("✔ 1 placement(s) on channel ") + QString::number(placements->first().channel));

    // An admin's workspace judges nothing it does not show.
    PatientWorkspacePresenter admin(w.context().patients(), w.admin);
    REQUIRE(admin.select(QStringLiteral("MRN-W1")).isEmpty());
    r = admin.readiness(QStringLiteral("no contraindication screening on record"), std::nullopt, {});
    CHECK(r.lines.isEmpty());
    CHECK_FALSE(r.blocked);
}
