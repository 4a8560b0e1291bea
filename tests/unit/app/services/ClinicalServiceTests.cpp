// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceStore.h"

#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/PresetService.h"

#include <catch2/catch.hpp>

using namespace galvani;
using test::ServiceStore;

TEST_CASE("patients are added once per MRN and admins see demographics only", "[app][patients]")
{
    ServiceStore s;
    const auto admin = s.admin();
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    test::addPatient(s, therapist, QStringLiteral("MRN-1"));
    app::PatientService patients(s.store());

    app::NewPatientInput again;
    again.mrn = QStringLiteral("MRN-1");
    again.familyName = QStringLiteral("Other");
    again.givenNames = QStringLiteral("Person");
    again.birthDate = QStringLiteral("1999-09-09");
    const auto duplicate = patients.add(therapist, again);
    REQUIRE_FALSE(duplicate.ok());
    CHECK(duplicate.error().kind == app::AppError::Kind::Conflict);
    CHECK(duplicate.error().message.contains(QStringLiteral("MRN")));

    again.mrn = QStringLiteral("MRN-2");
    again.birthDate = QStringLiteral("1999-02-30");
    const auto badDate = patients.add(therapist, again);
    REQUIRE_FALSE(badDate.ok());
    CHECK(badDate.error().kind == app::AppError::Kind::Invalid);
    CHECK(badDate.error().message.contains(QStringLiteral("date of birth")));

    const auto forTherapist = patients.findByMrn(therapist, QStringLiteral("MRN-1"));
    REQUIRE(forTherapist.ok());
    CHECK_FALSE(forTherapist->clinicalWithheld);
    const auto forAdmin = patients.findByMrn(admin, QStringLiteral("MRN-1"));
    REQUIRE(forAdmin.ok());
    CHECK(forAdmin->clinicalWithheld);
    CHECK(forAdmin->notes.isEmpty());
    CHECK(forAdmin->summary.familyName == QStringLiteral("Okafor"));
    CHECK(forAdmin->summary.birthDate == QStringLiteral("1970-05-17"));

    const auto missing = patients.findByMrn(therapist, QStringLiteral("MRN-404"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == app::AppError::Kind::NotFound);

    const auto all = patients.list(admin);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 1);
    CHECK(all->first().mrn == QStringLiteral("MRN-1"));
    CHECK(patients.list(admin, QStringLiteral("okaf"))->size() == 1);
    CHECK(patients.list(admin, QStringLiteral("zzz"))->isEmpty());
}

TEST_CASE("placements are recorded from catalogue sites with their landmark and default offset", "[app][placement]")
{
    ServiceStore s;
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const QString mrn = QStringLiteral("MRN-P");
    test::addPatient(s, therapist, mrn);
    app::PlacementService placements(s.store());

    const auto sites = placements.catalogue(therapist);
    REQUIRE(sites.ok());
    CHECK(sites->size() == 18);

    app::PlacementInput neck;
    neck.siteId = QStringLiteral("right-cervical-paraspinals");
    neck.channel = 2;
    neck.electrodeWidthMm = 40;
    neck.electrodeHeightMm = 100;
    neck.polarity = app::ElectrodePolarity::Symmetric;
    neck.posture = app::PatientPosture::Sitting;
    const auto recorded = placements.record(therapist, mrn, neck);
    REQUIRE(recorded.ok());
    CHECK(recorded->siteId == neck.siteId);
    CHECK(recorded->muscle == QStringLiteral("cervical paraspinals"));
    CHECK(recorded->side == QStringLiteral("right"));
    CHECK(recorded->offsetLateralMm == 20);
    CHECK(recorded->electrodeAreaMm2 == 4000);
    CHECK(recorded->polarity == app::ElectrodePolarity::Symmetric);
    CHECK(recorded->posture == app::PatientPosture::Sitting);

    app::PlacementInput back;
    back.siteId = QStringLiteral("left-lumbar-erector-spinae");
    back.channel = 1;
    back.offsetCranialMm = -15;
    REQUIRE(placements.record(therapist, mrn, back).ok());

    const auto current = placements.current(therapist, mrn);
    REQUIRE(current.ok());
    REQUIRE(current->size() == 2);
    CHECK(current->at(0).channel == 1);
    CHECK(current->at(0).offsetCranialMm == -15);
    CHECK(current->at(1).siteId == QStringLiteral("right-cervical-paraspinals"));

    app::PlacementInput bad = back;
    bad.siteId = QStringLiteral("left-biceps");
    const auto unknownSite = placements.record(therapist, mrn, bad);
    REQUIRE_FALSE(unknownSite.ok());
    CHECK(unknownSite.error().message.contains(QStringLiteral("left-biceps")));
    bad = back;
    bad.channel = 9;
    const auto badChannel = placements.record(therapist, mrn, bad);
    REQUIRE_FALSE(badChannel.ok());
    CHECK(badChannel.error().message.contains(QStringLiteral("channel")));
    CHECK(badChannel.error().message.contains(QStringLiteral("1–8")));
    bad = back;
    bad.electrodeWidthMm = 2;
    const auto tiny = placements.record(therapist, mrn, bad);
    REQUIRE_FALSE(tiny.ok());
    CHECK(tiny.error().message.contains(QStringLiteral("electrode width")));

    app::ElectrodePolarity p{};
    CHECK(app::parsePolarity(QStringLiteral("active-cathode"), &p));
    CHECK(p == app::ElectrodePolarity::ActiveCathode);
    app::PatientPosture posture{};
    CHECK(app::parsePosture(QStringLiteral("side-lying"), &posture));
    CHECK(posture == app::PatientPosture::SideLying);
    CHECK_FALSE(app::parsePosture(QStringLiteral("upside down"), &posture));
}

TEST_CASE("the preset list says which presets a device can deliver and why not", "[app][presets]")
{
    ServiceStore s;
    const auto technician = s.addUser(QStringLiteral("theo"), app::Role::Technician);
    app::PresetService presets(s.store());
    const QStringList required{QStringLiteral("conventional-tens"), QStringLiteral("burst-tens"),
        QStringLiteral("acupuncture-like-tens"), QStringLiteral("spinal-stabilisation"),
        QStringLiteral("nmes-strengthening"), QStringLiteral("russian"), QStringLiteral("interferential-4-pole")};

    // A device that can do everything delivers every preset's defaults.
    core::HardwareCaps everything;
    everything.channels = 8;
    everything.currentMax = core::Microamps(130'000);
    everything.pulseWidthMin = core::Microseconds(10);
    everything.pulseWidthMax = core::Microseconds(4'000);
    everything.frequencyMin = core::Hertz(0.5);
    everything.frequencyMax = core::Hertz(1'000.0);
    everything.carrierFrequencyMin = core::Hertz(1'000.0);
    everything.carrierFrequencyMax = core::Hertz(5'000.0);
    everything.waveforms = core::WaveformSet::all();
    everything.pulseBursts = true;
    everything.carrierBursts = true;
    const auto all = presets.list(technician, everything);
    REQUIRE(all.ok());
    QStringList ids;
    for (const auto& p : all.value()) {
        INFO(p.id.toStdString() << ": " << p.reasons.join(QStringLiteral("; ")).toStdString());
        ids << p.id;
        CHECK(p.deliverable);
    }
    CHECK(ids == required);

    // One channel: the interferential pair cannot be delivered, and says why.
    core::HardwareCaps single = everything;
    single.channels = 1;
    const auto one = presets.list(technician, single);
    REQUIRE(one.ok());
    for (const auto& p : one.value()) {
        INFO(p.id.toStdString());
        CHECK(p.deliverable == (p.channelsPerProgram == 1));
        if (!p.deliverable) {
            CHECK(p.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("2 channels")));
        }
    }

    // The default simulator: pulsed output only, no bursts or carriers.
    const auto caps = app::PresetService::deviceCaps(QString::fromLatin1(app::PresetService::kDefaultDeviceUrl));
    REQUIRE(caps.ok());
    CHECK(caps->channels == 8);
    const auto sim = presets.list(technician, caps.value());
    REQUIRE(sim.ok());
    for (const auto& p : sim.value()) {
        INFO(p.id.toStdString() << ": " << p.reasons.join(QStringLiteral("; ")).toStdString());
        CHECK(p.deliverable == p.reasons.isEmpty());
        if (p.id == QStringLiteral("conventional-tens")) {
            CHECK(p.deliverable);
        }
        if (p.id == QStringLiteral("interferential-4-pole") || p.id == QStringLiteral("russian")
            || p.id == QStringLiteral("burst-tens")) {
            CHECK_FALSE(p.deliverable);
        }
    }
    CHECK(app::PresetService::deviceCaps(QStringLiteral("sim:sciencemode4?channels=4"))->channels == 4);
    const auto badChannels = app::PresetService::deviceCaps(QStringLiteral("sim:sciencemode4?channels=99"));
    REQUIRE_FALSE(badChannels.ok());
    CHECK(badChannels.error().message.contains(QStringLiteral("channels")));
    // Said once: "device URL option channels …", not "device URL: device URL option …".
    CHECK(badChannels.error().message.startsWith(QStringLiteral("device URL option channels")));
    CHECK_FALSE(app::PresetService::deviceCaps(QStringLiteral("usb:nothing")).ok());
}

TEST_CASE("a preset's editable values come with their ranges and units", "[app][presets]")
{
    ServiceStore s;
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    app::PresetService presets(s.store());
    const auto fields = presets.fields(therapist, QStringLiteral("spinal-stabilisation"));
    REQUIRE(fields.ok());
    QStringList names;
    for (const app::PresetField& f : fields.value()) {
        INFO(f.name.toStdString());
        names << f.name;
        CHECK(f.min <= f.defaultValue);
        CHECK(f.defaultValue <= f.max);
        CHECK(f.step > 0.0);
        if (f.name == QStringLiteral("phase width")) {
            CHECK(f.unit == QStringLiteral("µs"));
        }
        if (f.name == QStringLiteral("on time")) {
            CHECK(f.unit == QStringLiteral("s"));
        }
    }
    CHECK(names.contains(QStringLiteral("pulse rate")));
    CHECK(names.contains(QStringLiteral("on time")));
    CHECK_FALSE(names.contains(QStringLiteral("amplitude")));
    CHECK_FALSE(names.contains(QStringLiteral("duration")));

    const auto missing = presets.fields(therapist, QStringLiteral("no-such-preset"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == app::AppError::Kind::NotFound);
    CHECK(missing.error().message.contains(QStringLiteral("no-such-preset")));
}
