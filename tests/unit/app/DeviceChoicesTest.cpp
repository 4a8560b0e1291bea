// SPDX-License-Identifier: GPL-3.0-or-later
// The serial ports offered as stimulators: only ports whose USB IDs name a protocol, each with the URL to connect it
// and a line saying what it is.
#include "app/DeviceChoices.h"

#include <catch2/catch.hpp>

using galvani::app::SerialPortFacts;

TEST_CASE("serial ports become stimulator choices only when a protocol matches them", "[app][devices]")
{
    const QList<SerialPortFacts> ports{
        {QStringLiteral("/dev/ttyS0"), QString(), QString(), QString(), QString()}, // a built-in RS-232 port
        {QStringLiteral("/dev/ttyUSB0"), QStringLiteral("P24"), QStringLiteral("Hasomed GmbH"), QStringLiteral("4711"),
            QStringLiteral("serial:/dev/ttyUSB0?protocol=sciencemode4")},
        {QStringLiteral("/dev/ttyUSB1"), QStringLiteral("FT232R USB UART"), QStringLiteral("FT232R USB UART"),
            QString(), QStringLiteral("serial:/dev/ttyUSB1?protocol=sciencemode2")},
    };
    const auto choices = galvani::app::stimulatorPortChoices(ports);
    REQUIRE(choices.size() == 2);
    CHECK(choices[0].url == QStringLiteral("serial:/dev/ttyUSB0?protocol=sciencemode4"));
    CHECK(choices[0].label == QStringLiteral("sciencemode4 on /dev/ttyUSB0 (Hasomed GmbH, P24, serial 4711)"));
    CHECK(choices[1].url == QStringLiteral("serial:/dev/ttyUSB1?protocol=sciencemode2"));
    CHECK(choices[1].label == QStringLiteral("sciencemode2 on /dev/ttyUSB1 (FT232R USB UART)")); // said once
    CHECK(galvani::app::stimulatorPortChoices({}).isEmpty());
    // The system's own list goes through the same mapping; every choice it gives is a serial URL.
    for (const auto& c : galvani::app::availableStimulatorPorts()) {
        CHECK(c.url.startsWith(QStringLiteral("serial:")));
    }
}
