// SPDX-License-Identifier: GPL-3.0-or-later
// Encoders refuse every value outside the documented limits (§6, §9) and name the field.
#include "Sm4VectorSupport.h"

#include "protocols/sciencemode4/Sm4Limits.h"

#include <catch2/catch.hpp>

using namespace galvani;
using namespace galvani::proto;
using namespace galvani::proto::sm4;
using namespace galvani::proto::sm4::test;

namespace {

Point pt(std::int64_t us, std::int64_t ua)
{
    return Point{core::Microseconds{us}, core::Microamps{ua}, Interpolation::Jump};
}

MlChannel mlChannel(std::int64_t periodUs, PeriodResolution r = PeriodResolution::HalfMillisecond)
{
    return MlChannel{0, core::Microseconds{periodUs}, r, {pt(100, 10'000), pt(100, -10'000)}};
}

std::string refusedField(const HostCommand& c, Variant v = Variant::ScienceMode4)
{
    const HostCodec host(v);
    const auto frame = host.encode(c, 0);
    if (frame) {
        return "<accepted>";
    }
    return std::string(frame.error().field);
}

std::string refusedField(const DeviceMessage& m, Variant v = Variant::ScienceMode4)
{
    const DeviceCodec device(v);
    const auto frame = device.encode(0, m);
    if (frame) {
        return "<accepted>";
    }
    return std::string(frame.error().field);
}

} // namespace

TEST_CASE("sm4 encoder: low-level requests out of range are refused", "[protocols][sm4][limits]")
{
    CHECK(refusedField(LlInit{static_cast<LlMeasurement>(4), HighVoltageSetting::Default}) == "llInit.measurement");
    CHECK(refusedField(LlInit{LlMeasurement::None, static_cast<HighVoltageSetting>(7)}) == "llInit.highVoltage");
    CHECK(refusedField(LlChannelConfig{true, 4, Connector::Yellow, {pt(100, 0)}}) == "llChannelConfig.channel");
    CHECK(
        refusedField(LlChannelConfig{true, 0, static_cast<Connector>(2), {pt(100, 0)}}) == "llChannelConfig.connector");
    CHECK(refusedField(LlChannelConfig{true, 0, Connector::Yellow, {}}) == "points.size");
    CHECK(
        refusedField(LlChannelConfig{true, 0, Connector::Yellow, std::vector<Point>(17, pt(10, 0))}) == "points.size");
    CHECK(refusedField(LlChannelConfig{false, 0, Connector::Yellow, {pt(10, 0)}}) == "points.size");
    CHECK(refusedField(LlChannelConfig{true, 0, Connector::Yellow, {pt(4096, 0)}}) == "point.duration");
    CHECK(refusedField(LlChannelConfig{true, 0, Connector::Yellow, {pt(100, 130'500)}}) == "point.current");
    CHECK(refusedField(LlChannelConfig{true, 0, Connector::Yellow, {pt(100, -131'000)}}) == "point.current");
    CHECK(refusedField(LlChannelConfig{true, 0, Connector::Yellow, {pt(100, 1'234)}}) == "point.current");
    CHECK(refusedField(LlChannelConfig{
              true, 0, Connector::Yellow, {Point{core::Microseconds{10}, core::Microamps{0}, Interpolation::Linear}}})
        == "point.interpolation");
    // The last of 16 points is checked like the first.
    std::vector<Point> points(16, pt(100, 1000));
    points.back() = pt(100, 200'000);
    CHECK(refusedField(LlChannelConfig{true, 0, Connector::Yellow, points}) == "point.current");
}

TEST_CASE("sm4 encoder: mid-level requests out of range are refused", "[protocols][sm4][limits]")
{
    auto update = [](MlChannel ch, std::size_t index = 0) {
        MlUpdate u;
        u.channels[index] = std::move(ch);
        return HostCommand{u};
    };
    CHECK(refusedField(update(mlChannel(20'000))) == "<accepted>");
    MlChannel ramp = mlChannel(20'000);
    ramp.ramp = 16;
    CHECK(refusedField(update(ramp)) == "mlUpdate.ramp");
    CHECK(refusedField(update(mlChannel(0))) == "mlUpdate.period");
    CHECK(refusedField(update(mlChannel(250))) == "mlUpdate.period"); // needs quarter resolution
    CHECK(refusedField(update(mlChannel(20'100))) == "mlUpdate.period"); // not a 0.5 ms step
    CHECK(refusedField(update(mlChannel(16'384'000))) == "mlUpdate.period"); // code 32768
    CHECK(refusedField(update(mlChannel(16'383'500))) == "<accepted>");
    // The shortest period (0.25 ms) is fine for a short pulse: (10 + 60) / 0.25 ms = 280 per mille.
    CHECK(refusedField(
              update(MlChannel{0, core::Microseconds{250}, PeriodResolution::QuarterMillisecond, {pt(10, 1000)}}))
        == "<accepted>");
    CHECK(refusedField(update(mlChannel(250, PeriodResolution::QuarterMillisecond))) == "mlUpdate.duty");
    CHECK(refusedField(update(mlChannel(8'192'000, PeriodResolution::QuarterMillisecond))) == "mlUpdate.period");
    CHECK(refusedField(update(mlChannel(8'191'750, PeriodResolution::QuarterMillisecond))) == "<accepted>");
    CHECK(refusedField(update(mlChannel(20'000, static_cast<PeriodResolution>(2)))) == "mlUpdate.resolution");
    MlChannel tooFast{0, core::Microseconds{500}, PeriodResolution::HalfMillisecond, {pt(440, 1000)}};
    CHECK(refusedField(update(tooFast)) == "mlUpdate.duty"); // (440 + 60) / 0.5 ms = 1000
    tooFast.points[0] = pt(439, 1000);
    CHECK(refusedField(update(tooFast)) == "<accepted>");
    MlChannel noPoints = mlChannel(20'000);
    noPoints.points.clear();
    CHECK(refusedField(update(noPoints)) == "points.size");
    MlChannel badPoint = mlChannel(20'000);
    badPoint.points[1] = pt(100, 140'000);
    CHECK(refusedField(update(badPoint, 7)) == "point.current");

    CHECK(refusedField(MlGetCurrentData{static_cast<CurrentDataSelection>(1)}) == "mlGetCurrentData.selection");
    CHECK(refusedField(MlGetCurrentData{static_cast<CurrentDataSelection>(5)}) == "mlGetCurrentData.selection");
    CHECK(refusedField(SetPower{0x20}) == "setPower.modules");
    CHECK(refusedField(SetPower{0x1F}) == "<accepted>");
}

TEST_CASE("sm4 encoder: packet number and frame size limits", "[protocols][sm4][limits]")
{
    const HostCodec host(Variant::ScienceMode4);
    const auto frame = host.encode(MlStop{}, 64);
    REQUIRE_FALSE(frame);
    CHECK(frame.error().field == "packetNumber");
    CHECK(frame.error().message() == "packetNumber = 64 (allowed: 0..63)");
    CHECK_FALSE(buildFrame(0, 1024, {}));
    // A largest Ml_update fits in 1200 bytes even with every byte escaped by a conforming sender...
    const std::vector<std::uint8_t> data(1078 / 2, 0x81);
    CHECK(buildFrame(0, 32, data));
    // ...but a frame beyond 1200 wire bytes is refused.
    const std::vector<std::uint8_t> tooLong(600, 0xF0);
    const auto refused = buildFrame(0, 32, tooLong);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().field == "frameLength");
}

TEST_CASE("sm4 encoder: device replies out of range are refused", "[protocols][sm4][limits]")
{
    CHECK(refusedField(GetBatteryStatusAck{ResultCode::Ok, 101, core::Millivolts{0}}) == "battery.level");
    CHECK(refusedField(GetBatteryStatusAck{ResultCode::Ok, 50, core::Millivolts{65'536}}) == "battery.voltage");
    CHECK(refusedField(GetStimStatusAck{ResultCode::Ok, static_cast<StimStatus>(4), HighVoltageLevel::Off})
        == "stimStatus.status");
    CHECK(refusedField(GetStimStatusAck{ResultCode::Ok, StimStatus::None, static_cast<HighVoltageLevel>(7)})
        == "stimStatus.highVoltage");
    GetDeviceIdAck id{ResultCode::Ok, {}};
    id.deviceId[3] = static_cast<char>(0x80);
    CHECK(refusedField(id) == "deviceId");
    CHECK(refusedField(GetExtendedVersionAck{ResultCode::Ok, {}, {}, 0, static_cast<HashType>(4), true})
        == "extendedVersion.hashType");
    CHECK(refusedField(LlChannelConfigAck{ResultCode::Ok, 4, Connector::Yellow, LlMeasurement::None, {}, {}})
        == "llAck.channel");
    CHECK(refusedField(LlChannelConfigAck{ResultCode::Ok, 0, Connector::Yellow, LlMeasurement::StimulationCurrent,
              core::Microseconds{5}, std::vector<std::uint16_t>(127)})
        == "llAck.samples");
    CHECK(refusedField(LlChannelConfigAck{
              ResultCode::Ok, 0, Connector::Yellow, LlMeasurement::None, {}, std::vector<std::uint16_t>(128)})
        == "llAck.samples");
    CHECK(refusedField(LlChannelConfigAck{ResultCode::Ok, 0, Connector::Yellow, LlMeasurement::StimulationCurrent,
              core::Microseconds{70'000}, std::vector<std::uint16_t>(128)})
        == "llAck.samplingPeriod");
    CHECK(refusedField(LlChannelConfigAck{ResultCode::Ok, 0, Connector::Yellow, static_cast<LlMeasurement>(4), {}, {}})
        == "llAck.measurement");
    // Ml_get_current_data_ack: the body must match the selection.
    CHECK(refusedField(MlGetCurrentDataAck{ResultCode::Ok, 4, FourChannelStatus{}}) == "currentData.body");
    CHECK(refusedField(MlGetCurrentDataAck{ResultCode::Ok, 7, std::monostate{}}) == "currentData.selection");
    CHECK(refusedField(MlGetCurrentDataAck{ResultCode::ParameterError, 7, std::monostate{}}) == "<accepted>");
    CHECK(refusedField(MlGetCurrentDataAck{ResultCode::Ok, 2, FourChannelStatus{{true, 16}}})
        == "currentData.electrodeErrors");
    ChannelStatesReport report;
    report.states[7] = static_cast<ChannelState>(4);
    CHECK(refusedField(MlGetCurrentDataAck{ResultCode::Ok, 4, report}) == "currentData.channelState");
}
