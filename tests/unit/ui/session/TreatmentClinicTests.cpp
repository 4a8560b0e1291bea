// SPDX-License-Identifier: GPL-3.0-or-later
// The treatment panel and the clinic's own configuration: its limits bound the editors, and a clinic preset saved
// from the setup page is offered to every therapist with its values.
#include "PanelDriving.h"
#include "TreatmentWorld.h"

#include "app/services/ClinicLimitsService.h"
#include "app/services/ClinicPresetService.h"

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>

using namespace galvani;
using galvani::test::child;
using galvani::test::enableChannel;
using galvani::test::kDeviceWait;
using galvani::test::prepareUntilReady;
using galvani::test::saveShot;
using galvani::test::text;
using galvani::test::TreatmentWorld;
using galvani::test::waitUntil;

TEST_CASE("The clinic's limits bound the amplitude and duration editors", "[ui][session][clinic]")
{
    TreatmentWorld world;
    world.screen();
    world.place(1);
    app::ClinicLimits clinic;
    clinic.amplitudeMaxUa = 30'000;
    clinic.sessionMinutesMax = 20;
    REQUIRE(world.context().clinicLimits().setLimits(world.admin, clinic, QStringLiteral("clinic rule")).ok());
    ui::TreatmentPanel panel(world.context(), world.therapist);
    panel.setPatient(world.mrn);
    auto* target = child<QDoubleSpinBox>(panel, QStringLiteral("channelTarget1"));
    CHECK(target->maximum() == Approx(30.0));
    target->setValue(45.0);
    CHECK(target->value() == Approx(30.0));
    auto* minutes = child<QSpinBox>(panel, QStringLiteral("durationMinutes"));
    CHECK(minutes->maximum() == 20);
    CHECK(minutes->toolTip().contains(QStringLiteral("1–20 min")));
}

TEST_CASE(
    "The clinic's pulse-rate limit narrows the preset's editor and the plan runs within it", "[ui][session][clinic]")
{
    TreatmentWorld world;
    world.screen();
    world.place(1);
    app::ClinicLimits clinic;
    clinic.pulseRateMaxHz = 90.0;
    REQUIRE(world.context().clinicLimits().setLimits(world.admin, clinic, QStringLiteral("clinic rule")).ok());
    app::SessionController& sessions = world.context().sessions();
    ui::TreatmentPanel panel(world.context(), world.therapist);
    panel.setPatient(world.mrn);
    // Conventional TENS: 80–150 Hz, default 100 Hz; the clinic allows at most 90 Hz, so the editor starts there.
    auto* rate = child<QDoubleSpinBox>(panel, QStringLiteral("presetSetting:pulse rate"));
    CHECK(rate->minimum() == Approx(80.0));
    CHECK(rate->maximum() == Approx(90.0));
    CHECK(rate->value() == Approx(90.0));
    enableChannel(panel, 1, 6.0);
    prepareUntilReady(panel, sessions);
    REQUIRE(sessions.plan().has_value());
    CHECK(sessions.plan()->programSummary.contains(QStringLiteral("90 Hz")));
    sessions.stop(QStringLiteral("test: plan dropped"));
    REQUIRE(waitUntil([&] { return sessions.state() == app::SessionState::Idle; }, kDeviceWait));
}

TEST_CASE(
    "A therapist saves the settings as a clinic preset that the next session starts from", "[ui][session][clinic]")
{
    TreatmentWorld world;
    world.screen();
    world.place(1);
    app::SessionController& sessions = world.context().sessions();
    {
        ui::TreatmentPanel panel(world.context(), world.therapist);
        panel.setPatient(world.mrn);
        child<QDoubleSpinBox>(panel, QStringLiteral("presetSetting:pulse rate"))->setValue(85.0);
        child<QDoubleSpinBox>(panel, QStringLiteral("presetSetting:phase width"))->setValue(220.0);
        child<QSpinBox>(panel, QStringLiteral("durationMinutes"))->setValue(40);
        auto* name = child<QLineEdit>(panel, QStringLiteral("clinicPresetName"));
        auto* save = child<QPushButton>(panel, QStringLiteral("clinicPresetSave"));
        name->setText(QStringLiteral("Lumbar TENS, low rate"));
        save->click(); // no reason: refused, nothing typed is lost
        CHECK(text(panel, QStringLiteral("clinicPresetMessage")).contains(QStringLiteral("needs a reason")));
        CHECK(name->text() == QStringLiteral("Lumbar TENS, low rate"));
        child<QLineEdit>(panel, QStringLiteral("clinicPresetReason"))->setText(QStringLiteral("our protocol"));
        save->click();
        INFO(text(panel, QStringLiteral("clinicPresetMessage")).toStdString());
        CHECK(text(panel, QStringLiteral("clinicPresetMessage")).startsWith(QStringLiteral("Saved")));
        CHECK(name->text().isEmpty());
        // The new preset is listed and chosen, its values in the editors.
        auto* preset = child<QComboBox>(panel, QStringLiteral("presetCombo"));
        CHECK(preset->currentText() == QStringLiteral("Lumbar TENS, low rate"));
        CHECK(child<QPushButton>(panel, QStringLiteral("clinicPresetRetire"))->isEnabled());
        panel.resize(1400, 1000);
        saveShot(panel, QStringLiteral("treatment-clinic-preset"));
    }
    // Another therapist's panel offers it; the session runs its values.
    ui::TreatmentPanel panel(world.context(), world.therapist);
    panel.setPatient(world.mrn);
    auto* preset = child<QComboBox>(panel, QStringLiteral("presetCombo"));
    const int index = preset->findText(QStringLiteral("Lumbar TENS, low rate"));
    REQUIRE(index >= 0);
    preset->setCurrentIndex(index);
    CHECK(child<QDoubleSpinBox>(panel, QStringLiteral("presetSetting:pulse rate"))->value() == Approx(85.0));
    CHECK(child<QDoubleSpinBox>(panel, QStringLiteral("presetSetting:phase width"))->value() == Approx(220.0));
    CHECK(child<QSpinBox>(panel, QStringLiteral("durationMinutes"))->value() == 40);
    CHECK(text(panel, QStringLiteral("presetSummary")).contains(QStringLiteral("clinic preset on Conventional TENS")));
    enableChannel(panel, 1, 6.0);
    prepareUntilReady(panel, sessions);
    REQUIRE(sessions.plan().has_value());
    CHECK(sessions.plan()->presetName.contains(QStringLiteral("Lumbar TENS, low rate")));
    CHECK(sessions.plan()->programSummary.contains(QStringLiteral("220 µs")));
    sessions.stop(QStringLiteral("test: plan dropped"));
    REQUIRE(waitUntil([&] { return sessions.state() == app::SessionState::Idle; }, kDeviceWait));

    // Admins see presets but do not save them: the box is not offered.
    ui::TreatmentPanel adminPanel(world.context(), world.admin);
    CHECK(adminPanel.findChild<QWidget*>(QStringLiteral("clinicPresetBox")) == nullptr);
}
