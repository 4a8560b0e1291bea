// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/ProtocolRegistry.h"
#include "protocols/sciencemode2/Sm2Descriptor.h"

#include <catch2/catch.hpp>

#include <chrono>

using namespace galvani::proto;
using namespace std::chrono_literals;

TEST_CASE("SM2 descriptor: RehaStim2 capabilities", "[protocols][sm2][descriptor]")
{
    const auto caps = sm2::capabilities();
    CHECK(caps.model == "Hasomed RehaStim2");
    CHECK(caps.channels == 8);
    CHECK(caps.currentMax == galvani::core::milliamps(130));
    CHECK(caps.currentStep == galvani::core::milliamps(1));
    CHECK(caps.currentStepEffective == galvani::core::milliamps(2));
    CHECK(caps.pulseWidthMin == galvani::core::microseconds(20));
    CHECK(caps.pulseWidthMax == galvani::core::microseconds(500));
    CHECK(caps.pulseWidthStep == galvani::core::microseconds(1));
    CHECK(caps.frequencyMin == galvani::core::hertz(1.0));
    CHECK(caps.frequencyMax == galvani::core::hertz(50.0));
    CHECK(caps.frequencyMaxAllChannels == galvani::core::hertz(40.0));
    CHECK(caps.waveforms == std::vector<WaveformKind>{WaveformKind::SymmetricBiphasic});
    CHECK(caps.deviceWatchdog == 1200ms);
    CHECK(caps.hostKeepAlive == 100ms);
    CHECK(caps.hostKeepAlive < caps.deviceWatchdog);
    CHECK_FALSE(caps.measuresDeliveredCurrent);
}

TEST_CASE("SM2 descriptor: serial line and USB identity", "[protocols][sm2][descriptor]")
{
    const auto d = sm2::descriptor();
    CHECK(d.id == "sciencemode2");
    CHECK(d.displayName == "ScienceMode2 (Hasomed RehaStim2)");
    CHECK(d.serial.baud == 460800U);
    CHECK(d.serial.dataBits == 8);
    CHECK(d.serial.parity == Parity::Even);
    CHECK(d.serial.stopBits == 1);
    CHECK_FALSE(d.serial.rtsCts);
    CHECK(d.usbVendorIds == std::vector<std::uint16_t>{0x0403});
    CHECK(d.usbProductIds.empty());
    CHECK(d.capabilities.channels == sm2::capabilities().channels);
}

TEST_CASE("SM2 descriptor: registered under its id", "[protocols][sm2][descriptor]")
{
    const auto* found = ProtocolRegistry::find("sciencemode2");
    REQUIRE(found != nullptr);
    CHECK(found->displayName == sm2::descriptor().displayName);
    CHECK(found->serial.parity == Parity::Even);
}
