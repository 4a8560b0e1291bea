// SPDX-License-Identifier: GPL-3.0-or-later
// ScienceMode3 (RehaMove3) differences (§9), enforced by the codecs' variant option.
#include "Sm4VectorSupport.h"

#include "protocols/sciencemode4/Sm4Limits.h"

#include <catch2/catch.hpp>

using namespace galvani;
using namespace galvani::proto;
using namespace galvani::proto::sm4;
using namespace galvani::proto::sm4::test;

namespace {

const Point kPoint{core::Microseconds{200}, core::Microamps{20'000}, Interpolation::Jump};

Bytes frameOf(std::uint8_t pn, std::uint16_t cmd, const Bytes& data)
{
    auto f = buildFrame(pn, cmd, data);
    REQUIRE(f);
    return f.value();
}

bool sm3Refuses(const HostCommand& c)
{
    return !HostCodec(Variant::ScienceMode3).encode(c, 0);
}
bool sm4Refuses(const HostCommand& c)
{
    return !HostCodec(Variant::ScienceMode4).encode(c, 0);
}

RejectedRequest sm3DeviceReject(const Bytes& wire)
{
    DeviceCodec device(Variant::ScienceMode3);
    const auto events = feedAll(device, wire);
    REQUIRE(commandsIn(events).empty());
    const auto rejects = rejectsIn(events);
    REQUIRE(rejects.size() == 1);
    return rejects[0];
}

MlUpdate updateOn(std::size_t index, PeriodResolution r = PeriodResolution::HalfMillisecond)
{
    MlUpdate u;
    u.channels[index] = MlChannel{0, core::Microseconds{20'000}, r, {kPoint}};
    return u;
}

} // namespace

TEST_CASE("sm3: the host encoder refuses what the RehaMove3 does not have", "[protocols][sm4][sm3]")
{
    CHECK(sm3Refuses(LlInit{LlMeasurement::StimulationCurrent, HighVoltageSetting::Default}));
    CHECK_FALSE(sm4Refuses(LlInit{LlMeasurement::StimulationCurrent, HighVoltageSetting::Default}));
    CHECK_FALSE(sm3Refuses(LlInit{LlMeasurement::None, HighVoltageSetting::V90}));

    CHECK(sm3Refuses(LlChannelConfig{true, 0, Connector::Green, {kPoint}}));
    CHECK_FALSE(sm3Refuses(LlChannelConfig{true, 3, Connector::Yellow, {kPoint}}));

    for (std::size_t i = 0; i < 8; ++i) {
        INFO("channel " << i + 1);
        CHECK(sm3Refuses(updateOn(i)) == (i >= 4));
        CHECK_FALSE(sm4Refuses(updateOn(i)));
    }
    CHECK(sm3Refuses(updateOn(0, PeriodResolution::QuarterMillisecond)));
    CHECK_FALSE(sm4Refuses(updateOn(0, PeriodResolution::QuarterMillisecond)));

    CHECK_FALSE(sm3Refuses(MlGetCurrentData{CurrentDataSelection::FourChannelStatus}));
    CHECK(sm3Refuses(MlGetCurrentData{CurrentDataSelection::EightChannelStatus}));
    CHECK(sm3Refuses(MlGetCurrentData{CurrentDataSelection::ChannelStates}));
    CHECK(sm3Refuses(GetExtendedVersion{}));
    CHECK_FALSE(sm3Refuses(GetBatteryStatus{}));
}

TEST_CASE("sm3: the device rejects ScienceMode4-only fields with result 2", "[protocols][sm4][sm3]")
{
    // Connector bit (bit 4) is reserved.
    auto r = sm3DeviceReject(frameOf(1, 2, {0x90, 0x0C, 0x85, 0x50, 0x00}));
    CHECK(r.frame.reason == RejectReason::FieldRange);
    CHECK(r.reply
        == Reply{1, LlChannelConfigAck{ResultCode::ParameterError, 0, Connector::Yellow, LlMeasurement::None, {}, {}}});
    // Mask bits 4..7.
    r = sm3DeviceReject(frameOf(1, 32, {0x10, 0x00, 0x00, 0x50, 0x0C, 0x85, 0x50, 0x00}));
    CHECK(r.frame.reason == RejectReason::FieldRange);
    CHECK(r.reply == Reply{1, MlUpdateAck{ResultCode::ParameterError}});
    // Period bit 0 (quarter resolution) is reserved.
    CHECK(sm3DeviceReject(frameOf(1, 32, {0x01, 0x00, 0x00, 0x51, 0x0C, 0x85, 0x50, 0x00})).frame.reason
        == RejectReason::FieldRange);
    // Measurement bits of Ll_init are reserved.
    CHECK(sm3DeviceReject(frameOf(1, 0, {0x10})).frame.reason == RejectReason::FieldRange);
    // Selections 3 and 4: echoed with result 2 and no body.
    for (const std::uint8_t sel : {std::uint8_t{3}, std::uint8_t{4}}) {
        r = sm3DeviceReject(frameOf(2, 36, {sel}));
        CHECK(r.frame.reason == RejectReason::FieldRange);
        CHECK(r.reply == Reply{2, MlGetCurrentDataAck{ResultCode::ParameterError, sel, std::monostate{}}});
    }
    // No extended version: Unknown_cmd.
    r = sm3DeviceReject(frameOf(5, 68, {}));
    CHECK(r.frame.reason == RejectReason::UnknownCommand);
    CHECK(r.reply == Reply{5, UnknownCmd{ResultCode::UnknownCommand}});

    // The same frames are fine for the P24.
    DeviceCodec p24(Variant::ScienceMode4);
    CHECK(commandsIn(feedAll(p24, frameOf(1, 2, {0x90, 0x0C, 0x85, 0x50, 0x00}))).size() == 1);
    CHECK(commandsIn(feedAll(p24, frameOf(1, 32, {0x10, 0x00, 0x00, 0x50, 0x0C, 0x85, 0x50, 0x00}))).size() == 1);
    CHECK(commandsIn(feedAll(p24, frameOf(5, 68, {}))).size() == 1);
}

TEST_CASE(
    "sm3: Ll_channel_config_ack is result and channel (L 14) and hosts accept both forms", "[protocols][sm4][sm3]")
{
    const LlChannelConfigAck ack{ResultCode::ElectrodeError, 2, Connector::Yellow, LlMeasurement::None, {}, {}};
    const Bytes shortForm = encodeOrFail(DeviceCodec(Variant::ScienceMode3), ack, 4);
    CHECK(shortForm.size() == 14);
    const Bytes longForm = encodeOrFail(DeviceCodec(Variant::ScienceMode4), ack, 4);
    CHECK(longForm.size() == 15);

    for (const Bytes& wire : {shortForm, longForm}) {
        HostCodec sm3(Variant::ScienceMode3);
        const auto messages = messagesIn(feedAll(sm3, wire));
        REQUIRE(messages.size() == 1);
        CHECK(messages[0].message == DeviceMessage{ack});
    }
    HostCodec sm4(Variant::ScienceMode4);
    const auto rejects = rejectsIn(feedAll(sm4, shortForm));
    REQUIRE(rejects.size() == 1);
    CHECK(rejects[0].reason == RejectReason::DataLength);

    // A RehaMove3 never sends measurement or the connector bit.
    HostCodec sm3(Variant::ScienceMode3);
    CHECK(rejectsIn(feedAll(sm3, frameOf(0, 3, {0, 0x00, 1}))).at(0).reason == RejectReason::DataLength);
    CHECK(rejectsIn(feedAll(sm3, frameOf(0, 3, {0, 0x10}))).at(0).reason == RejectReason::FieldRange);
    CHECK(DeviceCodec(Variant::ScienceMode3)
              .encode(0, LlChannelConfigAck{ResultCode::Ok, 0, Connector::Green, LlMeasurement::None, {}, {}})
              .hasValue()
        == false);
}

TEST_CASE("sm3: the host rejects replies the RehaMove3 cannot send", "[protocols][sm4][sm3]")
{
    HostCodec sm3(Variant::ScienceMode3);
    auto events = feedAll(sm3, fromHex(vectorNamed("get_extended_version_ack_pn1").at("hex")));
    CHECK(rejectsIn(events).at(0).reason == RejectReason::UnknownCommand);
    events = feedAll(sm3, fromHex(vectorNamed("ml_get_current_data_ack_pn1_sel4").at("hex")));
    CHECK(rejectsIn(events).at(0).reason == RejectReason::DataLength);
    events = feedAll(sm3, fromHex(vectorNamed("ml_get_current_data_ack_pn2_sel2").at("hex")));
    CHECK(messagesIn(events).size() == 1);
    CHECK(DeviceCodec(Variant::ScienceMode3).encode(0, GetExtendedVersionAck{}).hasValue() == false);
}
