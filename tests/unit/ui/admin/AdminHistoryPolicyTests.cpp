// SPDX-License-Identifier: GPL-3.0-or-later
// The admin's history and policy panels driven like a user would, on a real AppContext with the in-process
// simulator and a temporary SQLite store (users, export and audit: AdminPanelsTests.cpp).
#include "AdminPanelsSupport.h"

#include "app/calibration/CalibrationService.h"
#include "app/services/ClinicLimitsService.h"
#include "app/services/ClinicPresetService.h"
#include "app/services/SessionHistoryService.h"
#include "ui/admin/HistoryPanel.h"
#include "ui/admin/PolicyPanel.h"
#include "ui/plot/SessionChart.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>

using namespace galvani;
using test::AdminWorld;
using test::child;
using test::column;
using test::showSized;
using test::TreatedWorld;

TEST_CASE("the history panel filtered by patient shows that patient's sessions in full", "[ui][admin][history]")
{
    TreatedWorld t;
    ui::HistoryPanel panel(t.world.context(), t.world.tom);
    showSized(panel, 1200, 820);
    auto* results = child<QTableWidget>(panel, "historyResults");
    CHECK(results->rowCount() == 2);

    panel.setPatientFilter(t.mrnA);
    REQUIRE(results->rowCount() == 1);
    for (const QString& cell : column(results, 1)) {
        CHECK(cell.startsWith(t.mrnA));
    }
    CHECK(child<QLineEdit>(panel, "historyPatientFilter")->text() == t.mrnA);
    // The newest row is selected and shown in full.
    REQUIRE(panel.currentDetail().has_value());
    CHECK(panel.currentDetail()->session.id == t.sessionA);
    auto* channels = child<QTableWidget>(panel, "detailChannels");
    REQUIRE(channels->rowCount() == 2);
    CHECK(column(channels, 0) == QStringList{QStringLiteral("1"), QStringLiteral("2")});
    CHECK(channels->item(0, 2)->text().startsWith(QStringLiteral("right lumbar erector spinae")));
    CHECK(channels->item(0, 3)->text() == QStringLiteral("7.0 mA")); // AdminWorld's target: 6 mA + 1 mA × channel
    CHECK(channels->item(1, 3)->text() == QStringLiteral("8.0 mA"));
    CHECK(channels->item(0, 5)->text() == QStringLiteral("none on record"));
    const QString outcome = child<QLabel>(panel, "detailOutcome")->text();
    CHECK(outcome.contains(QStringLiteral("before: 6")));
    CHECK(outcome.contains(QStringLiteral("after: 3")));
    CHECK(outcome.contains(QStringLiteral("felt looser")));
    CHECK(child<QLabel>(panel, "detailSummary")->text().contains(QStringLiteral("before 6, after 3")));
    auto* events = child<QTableWidget>(panel, "detailEvents");
    REQUIRE(events->rowCount() >= 2);
    CHECK(events->item(0, 3)->text() == QStringLiteral("Start"));
    CHECK(events->item(events->rowCount() - 1, 3)->text() == QStringLiteral("End"));
    CHECK_FALSE(child<ui::SessionChart>(panel, "detailChart")->isEmptyStateShown());
    auto* tabs = child<QTabWidget>(panel, "detailTabs");
    for (const auto& [index, name] : {std::pair{0, "history-channels"}, std::pair{1, "history"},
             std::pair{2, "history-events"}, std::pair{3, "history-outcome"}}) {
        tabs->setCurrentIndex(index);
        test::saveShot(panel, QString::fromLatin1(name));
    }

    // The other patient: only their session, with no outcome on record.
    panel.setPatientFilter(t.mrnB);
    REQUIRE(results->rowCount() == 1);
    CHECK(results->item(0, 1)->text().startsWith(t.mrnB));
    CHECK(child<QLabel>(panel, "detailOutcome")->text().contains(QStringLiteral("No outcome")));
    // An unknown MRN: the service's message, and the typed filter kept.
    panel.setPatientFilter(QStringLiteral("NO-SUCH"));
    CHECK(results->rowCount() == 0);
    CHECK(child<QLabel>(panel, "historyMessage")
              ->text()
              .contains(QStringLiteral("patient MRN: no patient has that MRN")));
    CHECK(child<QLineEdit>(panel, "historyPatientFilter")->text() == QStringLiteral("NO-SUCH"));
}

TEST_CASE("history panels follow the grants: therapists and admins see every session, technicians none",
    "[ui][admin][history]")
{
    TreatedWorld t;
    // A therapist sees the sessions other therapists ran, with the patient named (CLINICAL §7 has no "own" limit
    // on history), and may filter by therapist.
    ui::HistoryPanel tom(t.world.context(), t.world.tom);
    auto* results = child<QTableWidget>(tom, "historyResults");
    REQUIRE(results->rowCount() == 2);
    CHECK(column(results, 2).filter(QStringLiteral("(tess)")).size() == 1);
    CHECK(column(results, 1).filter(t.mrnA).size() == 1);
    child<QLineEdit>(tom, "historyTherapistFilter")->setText(QStringLiteral("tess"));
    child<QPushButton>(tom, "historySearchButton")->click();
    REQUIRE(results->rowCount() == 1);
    CHECK(tom.currentPage().rows.first().id == t.sessionA);

    // Admins find every session too, with the patient's identity, but the outcome is withheld.
    ui::HistoryPanel admin(t.world.context(), t.world.admin);
    auto* adminResults = child<QTableWidget>(admin, "historyResults");
    REQUIRE(adminResults->rowCount() == 2);
    CHECK(column(adminResults, 1).filter(t.mrnA).size() == 1);
    admin.setPatientFilter(t.mrnA);
    REQUIRE(adminResults->rowCount() == 1);
    REQUIRE(admin.currentDetail().has_value()); // the newest row is selected
    CHECK(admin.currentDetail()->session.id == t.sessionA);
    CHECK(admin.currentDetail()->outcomesWithheld);
    CHECK(admin.currentDetail()->outcomes.isEmpty());
    CHECK(child<QLabel>(admin, "detailOutcome")->text().contains(QStringLiteral("not shown to your role")));
    showSized(admin, 1000, 500);
    test::saveShot(admin, QStringLiteral("history-admin"));

    // Technicians hold no ViewSessionHistory grant: the panel says so and shows nothing.
    ui::HistoryPanel panel(t.world.context(), t.world.theo);
    CHECK(child<QTableWidget>(panel, "historyResults")->rowCount() == 0);
    CHECK_FALSE(child<QPushButton>(panel, "historySearchButton")->isEnabled());
    CHECK(child<QLabel>(panel, "historyMessage")->text().contains(QStringLiteral("open to therapists and admins")));
    CHECK_FALSE(panel.currentDetail().has_value());
    panel.setPatientFilter(t.mrnA);
    CHECK(child<QTableWidget>(panel, "historyResults")->rowCount() == 0);
    // Below the UI the service refuses them too.
    CHECK_FALSE(t.world.context().history().list(t.world.theo, {}).ok());
}

TEST_CASE("the policy panel changes the calibration-record policy with a reason", "[ui][admin][policy]")
{
    AdminWorld w;
    ui::PolicyPanel panel(w.context(), w.admin);
    showSized(panel, 900, 520);
    auto* require = child<QCheckBox>(panel, "requireCalibration");
    auto* apply = child<QPushButton>(panel, "policyApply");
    CHECK_FALSE(require->isChecked());
    CHECK_FALSE(apply->isEnabled());
    CHECK(child<QLabel>(panel, "policyCurrent")->text().startsWith(QStringLiteral("not required")));

    require->setChecked(true);
    REQUIRE(apply->isEnabled());
    apply->click();
    CHECK(child<QLabel>(panel, "policyMessage")->text().contains(QStringLiteral("reason:")));
    CHECK_FALSE(w.context().calibration().requiresCalibrationRecord(w.admin).value());

    child<QLineEdit>(panel, "policyReason")->setText(QStringLiteral("insurer requires calibrated channels"));
    apply->click();
    CHECK(w.context().calibration().requiresCalibrationRecord(w.admin).value());
    CHECK(child<QLabel>(panel, "policyCurrent")->text().startsWith(QStringLiteral("REQUIRED")));
    CHECK_FALSE(apply->isEnabled());
    // The clinic's presets, read only: a therapist's saved preset appears after a refresh.
    CHECK(child<QTableWidget>(panel, "clinicPresetList")->rowCount() == 0);
    app::ClinicPresetDraft draft;
    draft.name = QStringLiteral("Neck TENS");
    draft.basePresetId = QStringLiteral("conventional-tens");
    draft.values = {{QStringLiteral("pulse rate"), 90.0}};
    REQUIRE(w.context().clinicPresets().save(w.tess, QString(), draft, QStringLiteral("protocol")).ok());
    panel.refreshPresets();
    auto* presets = child<QTableWidget>(panel, "clinicPresetList");
    REQUIRE(presets->rowCount() == 1);
    CHECK(presets->item(0, 0)->text() == QStringLiteral("Neck TENS"));
    CHECK(presets->item(0, 1)->text() == QStringLiteral("Conventional TENS"));
    CHECK(presets->item(0, 2)->text() == QStringLiteral("pulse rate 90"));
    test::saveShot(panel, QStringLiteral("policy"));

    // A therapist may read the policy but not change it: the service's refusal, verbatim.
    ui::PolicyPanel therapist(w.context(), w.tess);
    auto* theirs = child<QCheckBox>(therapist, "requireCalibration");
    CHECK(theirs->isChecked());
    theirs->setChecked(false);
    child<QLineEdit>(therapist, "policyReason")->setText(QStringLiteral("try"));
    child<QPushButton>(therapist, "policyApply")->click();
    CHECK(
        child<QLabel>(therapist, "policyMessage")->text().contains(QStringLiteral("tess (therapist) is not allowed")));
    CHECK(w.context().calibration().requiresCalibrationRecord(w.admin).value());
}

TEST_CASE("the policy panel sets the clinic's limits with a reason, within the allowed ranges",
    "[ui][admin][policy][clinic-limits]")
{
    AdminWorld w;
    ui::PolicyPanel panel(w.context(), w.admin);
    showSized(panel, 900, 760);
    auto* apply = child<QPushButton>(panel, "clinicLimitsApply");
    auto* amplitude = child<QDoubleSpinBox>(panel, "limitAmplitudeMa");
    auto* minutes = child<QSpinBox>(panel, "limitSessionMinutesValue");
    CHECK(child<QLabel>(panel, "clinicLimitsCurrent")->text() == QStringLiteral("none"));
    CHECK_FALSE(apply->isEnabled());
    CHECK_FALSE(amplitude->isEnabled()); // usable only while its limit is ticked
    // The editors cannot leave the standard's ranges.
    CHECK(amplitude->minimum() == 1.0);
    CHECK(amplitude->maximum() == 100.0);
    CHECK(minutes->maximum() == 99);

    child<QCheckBox>(panel, "limitAmplitude")->setChecked(true);
    CHECK(amplitude->isEnabled());
    amplitude->setValue(35.5);
    child<QCheckBox>(panel, "limitSessionMinutes")->setChecked(true);
    minutes->setValue(30);
    REQUIRE(apply->isEnabled());
    apply->click(); // no reason yet
    CHECK(child<QLabel>(panel, "clinicLimitsMessage")->text().contains(QStringLiteral("reason:")));
    CHECK(*w.context().clinicLimits().limits(w.admin) == app::ClinicLimits{});

    child<QLineEdit>(panel, "clinicLimitsReason")->setText(QStringLiteral("clinic board, December"));
    apply->click();
    app::ClinicLimits expected;
    expected.amplitudeMaxUa = 35'500;
    expected.sessionMinutesMax = 30;
    CHECK(*w.context().clinicLimits().limits(w.admin) == expected);
    CHECK(child<QLabel>(panel, "clinicLimitsCurrent")->text() == QStringLiteral("at most 35.5 mA, 30 min per session"));
    CHECK_FALSE(apply->isEnabled());
    test::saveShot(panel, QStringLiteral("policy-clinic-limits"));

    // A therapist sees the limits in force but cannot change them: the service's refusal, verbatim.
    ui::PolicyPanel therapist(w.context(), w.tess);
    CHECK(child<QLabel>(therapist, "clinicLimitsCurrent")->text()
        == QStringLiteral("at most 35.5 mA, 30 min per session"));
    child<QCheckBox>(therapist, "limitAmplitude")->setChecked(false);
    child<QLineEdit>(therapist, "clinicLimitsReason")->setText(QStringLiteral("try"));
    child<QPushButton>(therapist, "clinicLimitsApply")->click();
    CHECK(child<QLabel>(therapist, "clinicLimitsMessage")
              ->text()
              .contains(QStringLiteral("tess (therapist) is not allowed")));
    CHECK(*w.context().clinicLimits().limits(w.admin) == expected);
}
