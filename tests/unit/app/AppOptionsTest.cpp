// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI's command line: defaults, the idle lock, and refusals that name the option and its range.
#include "app/AppOptions.h"

#include <catch2/catch.hpp>

#include <QStringList>

using galvani::app::parseAppOptions;

namespace {

QStringList argv(std::initializer_list<const char*> args)
{
    QStringList list{QStringLiteral("galvani")};
    for (const char* a : args) {
        list << QString::fromUtf8(a);
    }
    return list;
}

} // namespace

TEST_CASE("the GUI starts on the simulated stimulator and locks after ten idle minutes by default", "[app][options]")
{
    const auto parsed = parseAppOptions(argv({}));
    REQUIRE(parsed.options);
    CHECK(parsed.options->deviceUrl.startsWith(QStringLiteral("sim:")));
    CHECK(parsed.options->storeUrl.startsWith(QStringLiteral("sqlite:")));
    CHECK(parsed.options->lockAfterMinutes == 10); // CLINICAL §7: automatic idle lock, default 10 min
    CHECK_FALSE(parsed.options->quitWhenReady);
}

TEST_CASE("quit-when-ready is a switch for start-up measurements", "[app][options]")
{
    const auto parsed = parseAppOptions(argv({"--quit-when-ready"}));
    REQUIRE(parsed.options);
    CHECK(parsed.options->quitWhenReady);
    CHECK(parsed.options->deviceUrl.startsWith(QStringLiteral("sim:")));
    const auto withValue = parseAppOptions(argv({"--quit-when-ready=yes"}));
    CHECK_FALSE(withValue.options);
    CHECK(withValue.exitCode == 2);
}

TEST_CASE("the lock-after option takes whole minutes from 1 to 60", "[app][options]")
{
    for (const char* good : {"1", "15", "60"}) {
        const auto parsed = parseAppOptions(argv({"--lock-after", good}));
        REQUIRE(parsed.options);
        CHECK(parsed.options->lockAfterMinutes == QString::fromLatin1(good).toInt());
    }
    for (const char* bad : {"0", "61", "-5", "2.5", "five", "", "1e1", "99999999999"}) {
        INFO(bad);
        const auto parsed = parseAppOptions(argv({"--lock-after", bad}));
        CHECK_FALSE(parsed.options);
        CHECK(parsed.exitCode == 2);
        CHECK(parsed.message.startsWith(QStringLiteral("--lock-after: ")));
        CHECK(parsed.message.contains(QStringLiteral("1 to 60")));
    }
}

TEST_CASE("an unknown option or a stray argument is refused with a hint", "[app][options]")
{
    const auto unknown = parseAppOptions(argv({"--no-such-option"}));
    CHECK_FALSE(unknown.options);
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.message.contains(QStringLiteral("--help")));
    const auto stray = parseAppOptions(argv({"extra"}));
    CHECK_FALSE(stray.options);
    CHECK(stray.message.contains(QStringLiteral("extra")));
}
