// SPDX-License-Identifier: GPL-3.0-or-later
// Protocol descriptors and capabilities agree with the spec and with what the encoders accept.
#include "protocols/sciencemode4/Sm4Descriptor.h"
#include "protocols/sciencemode4/HostCodec.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace galvani;
using namespace galvani::proto;
using namespace galvani::proto::sm4;

namespace {

bool accepts(Variant v, const HostCommand& c)
{
    return HostCodec(v).encode(c, 0).hasValue();
}

LlChannelConfig pulse(core::Microamps current, core::Microseconds width)
{
    return LlChannelConfig{true, 0, Connector::Yellow, {Point{width, current, Interpolation::Jump}}};
}

} // namespace

TEST_CASE("sm4 descriptor: ids, line settings and USB ids", "[protocols][sm4][descriptor]")
{
    const ProtocolDescriptor p24 = descriptor();
    CHECK(p24.id == "sciencemode4");
    CHECK(p24.serial.baud == 3'000'000);
    CHECK(p24.serial.dataBits == 8);
    CHECK(p24.serial.parity == Parity::None);
    CHECK(p24.serial.stopBits == 2);
    CHECK(p24.serial.rtsCts);
    CHECK(p24.usbVendorIds == std::vector<std::uint16_t>{0x0483});
    CHECK(p24.usbProductIds == std::vector<std::uint16_t>{0x5740});

    const ProtocolDescriptor rm3 = sm3Descriptor();
    CHECK(rm3.id == "sciencemode3");
    CHECK(rm3.serial.baud == 3'000'000);
    CHECK(rm3.serial.stopBits == 2);
    CHECK(rm3.usbVendorIds == std::vector<std::uint16_t>{0x0403});
    CHECK(rm3.usbProductIds.empty());
}

TEST_CASE("sm4 descriptor: capabilities of the P24 and the RehaMove3", "[protocols][sm4][descriptor]")
{
    const DeviceCapabilities p24 = descriptor().capabilities;
    CHECK(p24.channels == 8);
    CHECK(p24.currentMax == core::milliamps(130.0));
    CHECK(p24.currentStep == core::Microamps{500});
    CHECK(p24.pulseWidthMin == core::Microseconds{10});
    CHECK(p24.pulseWidthMax == core::Microseconds{4095});
    CHECK(p24.pulseWidthStep == core::Microseconds{1});
    CHECK(p24.frequencyMax.value() == Approx(4000.0));
    CHECK(p24.frequencyMin.value() == Approx(1000.0 / 16383.5));
    CHECK(p24.deviceWatchdog == std::chrono::milliseconds{2000});
    CHECK(p24.hostKeepAlive <= std::chrono::milliseconds{100});
    CHECK(p24.hostKeepAlive.count() > 0);
    CHECK(p24.measuresDeliveredCurrent);
    for (const WaveformKind w :
        {WaveformKind::Monophasic, WaveformKind::SymmetricBiphasic, WaveformKind::AsymmetricBiphasic}) {
        CHECK(std::find(p24.waveforms.begin(), p24.waveforms.end(), w) != p24.waveforms.end());
    }

    const DeviceCapabilities rm3 = sm3Descriptor().capabilities;
    CHECK(rm3.channels == 4);
    CHECK(rm3.currentMax == p24.currentMax);
    CHECK(rm3.frequencyMax.value() == Approx(2000.0));
    CHECK_FALSE(rm3.measuresDeliveredCurrent);
    CHECK(rm3.frequencyMaxAllChannels.value() <= rm3.frequencyMax.value());
    CHECK(p24.frequencyMaxAllChannels.value() <= p24.frequencyMax.value());
}

TEST_CASE("sm4 descriptor: the capability edges are exactly what the encoder accepts", "[protocols][sm4][descriptor]")
{
    for (const Variant v : {Variant::ScienceMode4, Variant::ScienceMode3}) {
        const DeviceCapabilities caps = capabilities(v);
        CHECK(accepts(v, pulse(caps.currentMax, caps.pulseWidthMax)));
        CHECK(accepts(v, pulse(-caps.currentMax, caps.pulseWidthMin)));
        CHECK_FALSE(accepts(v, pulse(caps.currentMax + caps.currentStep, caps.pulseWidthMax)));
        CHECK_FALSE(accepts(v, pulse(caps.currentMax, caps.pulseWidthMax + caps.pulseWidthStep)));

        // Fastest and slowest repetition as mid-level periods.
        const auto fastestUs = static_cast<std::int64_t>(std::llround(1e6 / caps.frequencyMax.value()));
        const auto slowestUs = static_cast<std::int64_t>(std::llround(1e6 / caps.frequencyMin.value()));
        const auto fine
            = v == Variant::ScienceMode4 ? PeriodResolution::QuarterMillisecond : PeriodResolution::HalfMillisecond;
        MlUpdate fast;
        fast.channels[0] = MlChannel{
            0, core::Microseconds{fastestUs}, fine, {Point{caps.pulseWidthMin, caps.currentStep, Interpolation::Jump}}};
        CHECK(accepts(v, fast));
        fast.channels[0]->period = core::Microseconds{fastestUs - (v == Variant::ScienceMode4 ? 250 : 500)};
        CHECK_FALSE(accepts(v, fast));
        MlUpdate slow;
        const auto last = static_cast<std::size_t>(caps.channels - 1);
        slow.channels[last] = MlChannel{0, core::Microseconds{slowestUs}, PeriodResolution::HalfMillisecond,
            {Point{caps.pulseWidthMax, caps.currentMax, Interpolation::Jump}}};
        CHECK(accepts(v, slow));
        slow.channels[last]->period = core::Microseconds{slowestUs + 500};
        CHECK_FALSE(accepts(v, slow));
    }
}

TEST_CASE("sm4 outputs: low-level channel and connector map to outputs 1..8", "[protocols][sm4][descriptor]")
{
    CHECK(outputNumber(0, Connector::Yellow) == 1);
    CHECK(outputNumber(3, Connector::Green) == 8); // vector ll_channel_config_pn10: green, white = ch8
    CHECK_FALSE(lowLevelTarget(0));
    CHECK_FALSE(lowLevelTarget(9));
    for (int output = 1; output <= 8; ++output) {
        const auto target = lowLevelTarget(output);
        REQUIRE(target);
        CHECK(outputNumber(target->channel, target->connector) == output);
        CHECK((target->connector == Connector::Green) == (output > 4));
    }
}
