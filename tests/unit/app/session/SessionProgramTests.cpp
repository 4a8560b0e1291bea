// SPDX-License-Identifier: GPL-3.0-or-later
// From a preset and a session request to the programme the safety kernel checks: per-channel targets, the device
// timer, the programme version recorded with the session, and the limits of the session's channels.
#include "app/session/SessionInterlocks.h"
#include "app/session/SessionProgram.h"
#include "core/domain/PresetCatalogue.h"
#include "core/safety/SafetyGuard.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace galvani;

namespace {

const core::Preset& preset(const char* id)
{
    const core::Preset* p = core::PresetCatalogue::find(id);
    REQUIRE(p != nullptr);
    return *p;
}

core::HardwareCaps eightChannels()
{
    core::HardwareCaps hw;
    hw.channels = 8;
    hw.currentMax = core::Microamps(130'000);
    hw.pulseWidthMin = core::Microseconds(10);
    hw.pulseWidthMax = core::Microseconds(4'000);
    hw.frequencyMin = core::Hertz(0.5);
    hw.frequencyMax = core::Hertz(1'000.0);
    hw.waveforms = core::WaveformSet().add(core::WaveformKind::SymmetricBiphasic).add(core::WaveformKind::Monophasic);
    return hw;
}

} // namespace

TEST_CASE("Each channel runs the preset at its own target, with the device timer as a backstop", "[app][session]")
{
    const auto built = app::buildSessionProgram(preset("conventional-tens"),
        {app::ChannelRequest{1, QStringLiteral("right-lumbar-erector-spinae"), 12'000, {}},
            app::ChannelRequest{3, QStringLiteral("left-lumbar-erector-spinae"), 9'500, {}}},
        5);
    REQUIRE(built.ok());
    const core::Program& program = built->program;
    REQUIRE(program.channels.size() == 2);
    REQUIRE(program.find(1)->train.amplitude == core::Microamps(12'000));
    REQUIRE(program.find(3)->train.amplitude == core::Microamps(9'500));
    // A 5 s session: the device timer is the kernel's one-minute minimum, the controller ends the session itself.
    REQUIRE(program.find(1)->duration == core::minutes(1));
    REQUIRE(program.find(1)->startRamp == core::milliseconds(1'500));
    REQUIRE(built->phaseChargeTimeUs.at(1) == Approx(360.0)); // symmetric biphasic 180 µs
    // Outside the advised 30–99 min: a notice, not a refusal.
    REQUIRE(built->notices.size() == 1);
    REQUIRE(built->notices.first().contains(QStringLiteral("outside the 30–99 min advised")));

    const app::ProgramVersionRecord& v = built->version;
    REQUIRE(v.key == QStringLiteral("conventional-tens"));
    REQUIRE(v.waveform == QStringLiteral("symmetric-biphasic"));
    REQUIRE(v.frequencyMilliHz == 100'000);
    REQUIRE(v.pulseWidthUs == 180);
    REQUIRE(v.durationS == 5);
    REQUIRE(v.parametersJson.startsWith(QLatin1Char('{')));
    REQUIRE(v.parametersJson.contains(QStringLiteral("\"start_ramp_ms\":1500")));
}

TEST_CASE(
    "A 45 min session keeps the device timer 2 s beyond it, and an NMES preset carries its cycles", "[app][session]")
{
    const auto built = app::buildSessionProgram(preset("nmes-strengthening"),
        {app::ChannelRequest{2, QStringLiteral("left-lumbar-multifidus"), 20'000, {}}}, 45 * 60);
    REQUIRE(built.ok());
    REQUIRE(built->program.find(2)->duration == core::seconds(45 * 60 + 2));
    REQUIRE_FALSE(built->program.find(2)->envelope.isContinuous());
    REQUIRE(built->version.parametersJson.contains(QStringLiteral("\"on_ms\"")));
    REQUIRE(built->summary.contains(QStringLiteral("cycles of")));
}

TEST_CASE("Limits of the session: the smaller pad and the calibrated range bind their channel only", "[app][session]")
{
    const QList<app::PlacedChannel> placed{
        app::PlacedChannel{1, {}, 1, {}, 25.0}, app::PlacedChannel{2, {}, 2, {}, 4.0}};
    const QList<app::ChannelCalibration> calibrations{
        app::ChannelCalibration{1, 7, 30'000, {}, {}}, app::ChannelCalibration{2, std::nullopt, std::nullopt, {}, {}}};
    const auto limits = app::sessionLimits(eightChannels(), placed, calibrations, core::safety::Caps{});
    REQUIRE(limits.channel(1)->amplitudeMax.value == core::Microamps(30'000));
    REQUIRE(limits.channel(1)->amplitudeMax.source.layer == core::safety::LimitLayer::Calibration);
    REQUIRE(limits.channel(2)->electrodeArea.value == core::squareCentimetres(4.0));
    REQUIRE(limits.channel(3)->amplitudeMax.value > core::Microamps(30'000));

    // 40 mA on channel 1 is beyond its calibrated range: the kernel refuses it, naming the channel.
    const auto built = app::buildSessionProgram(preset("conventional-tens"),
        {app::ChannelRequest{1, QStringLiteral("right-lumbar-erector-spinae"), 40'000, {}}}, 60);
    REQUIRE(built.ok());
    const auto verdict = core::safety::SafetyGuard::validate(built->program, limits);
    REQUIRE_FALSE(verdict.accepted());
    REQUIRE(app::violationsText(verdict.violations()).contains(QStringLiteral("channel 1")));
}

TEST_CASE("Limits of the session: the clinic's limits bind every channel", "[app][session][clinic]")
{
    const QList<app::PlacedChannel> placed{app::PlacedChannel{1, {}, 1, {}, 25.0}};
    const QList<app::ChannelCalibration> calibrations{app::ChannelCalibration{1, 7, 30'000, {}, {}}};
    core::safety::Caps clinic;
    clinic.amplitudeMax = core::Microamps(20'000);
    clinic.frequencyMax = core::Hertz(90.0);
    const auto limits = app::sessionLimits(eightChannels(), placed, calibrations, clinic);
    for (const int ch : {1, 3}) {
        REQUIRE(limits.channel(ch)->amplitudeMax.value == core::Microamps(20'000));
        REQUIRE(limits.channel(ch)->amplitudeMax.source.layer == core::safety::LimitLayer::ClinicPolicy);
    }
    const auto built = app::buildSessionProgram(preset("conventional-tens"),
        {app::ChannelRequest{1, QStringLiteral("right-lumbar-erector-spinae"), 20'000, {}}}, 60);
    REQUIRE(built.ok());
    // The preset's 100 Hz is above the clinic's 90 Hz.
    const auto verdict = core::safety::SafetyGuard::validate(built->program, limits);
    REQUIRE_FALSE(verdict.accepted());
    REQUIRE(app::violationsText(verdict.violations()).contains(QStringLiteral("clinic policy")));
}

TEST_CASE("Site ids of recorded placements follow the catalogue's <side>-<muscle> form", "[app][session]")
{
    REQUIRE(app::siteIdOf(QStringLiteral("left"), QStringLiteral("lumbar multifidus"))
        == QStringLiteral("left-lumbar-multifidus"));
    REQUIRE(app::siteIdOf(QStringLiteral("right"), QStringLiteral(" Upper  Trapezius "))
        == QStringLiteral("right-upper-trapezius"));
    REQUIRE(app::siteIdOf(QStringLiteral("left"), QStringLiteral("cervical_paraspinals"))
        == QStringLiteral("left-cervical-paraspinals"));
}

TEST_CASE("A target outside the preset's range is refused naming the channel", "[app][session]")
{
    const auto built = app::buildSessionProgram(preset("conventional-tens"),
        {app::ChannelRequest{4, QStringLiteral("right-lumbar-erector-spinae"), 150'000, {}}}, 60);
    REQUIRE_FALSE(built.ok());
    REQUIRE(built.error().kind == app::AppError::Kind::Invalid);
    REQUIRE(built.error().message.contains(QStringLiteral("channel 4")));
}

TEST_CASE("The therapist's settings change the programme and are refused outside the preset's ranges", "[app][session]")
{
    const QList<app::ChannelRequest> one{app::ChannelRequest{1, QStringLiteral("left-lumbar-multifidus"), 15'000, {}}};
    const core::Preset& nmes = preset("spinal-stabilisation");

    const auto edited = app::buildSessionProgram(nmes, one, 600,
        {app::ProgramSetting{QStringLiteral("phase width"), 350.0},
            app::ProgramSetting{QStringLiteral("on time"), 6.0}});
    REQUIRE(edited.ok());
    const core::ChannelProgram& cp = edited->program.channels.front();
    CHECK(cp.train.phaseWidth == core::Microseconds(350));
    CHECK(edited->summary.contains(QStringLiteral("350")));
    CHECK(edited->version.pulseWidthUs == 350);

    const auto defaults = app::buildSessionProgram(nmes, one, 600);
    REQUIRE(defaults.ok());
    CHECK(defaults->version.pulseWidthUs == 300);

    const auto wide
        = app::buildSessionProgram(nmes, one, 600, {app::ProgramSetting{QStringLiteral("phase width"), 5000.0}});
    REQUIRE_FALSE(wide.ok());
    CHECK(wide.error().kind == app::AppError::Kind::Invalid);
    CHECK(wide.error().message.contains(QStringLiteral("phase width")));
    CHECK(wide.error().message.contains(QStringLiteral("outside the preset range")));

    const auto unknown = app::buildSessionProgram(
        preset("conventional-tens"), one, 600, {app::ProgramSetting{QStringLiteral("on time"), 5.0}});
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.contains(QStringLiteral("'on time' is not an editable value")));
    CHECK(unknown.error().message.contains(QStringLiteral("phase width")));

    const auto notANumber = app::buildSessionProgram(
        nmes, one, 600, {app::ProgramSetting{QStringLiteral("pulse rate"), std::numeric_limits<double>::quiet_NaN()}});
    REQUIRE_FALSE(notANumber.ok());
    CHECK(notANumber.error().message.contains(QStringLiteral("pulse rate: not a number")));

    const auto amplitude
        = app::buildSessionProgram(nmes, one, 600, {app::ProgramSetting{QStringLiteral("amplitude"), 90'000.0}});
    REQUIRE_FALSE(amplitude.ok());
    CHECK(amplitude.error().message.contains(QStringLiteral("not an editable value")));
}
