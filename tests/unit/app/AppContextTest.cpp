// SPDX-License-Identifier: GPL-3.0-or-later
// AppContext::create, the GUI's start-up checks of its command line: every option of the device URL (a simulator's
// included) is checked before the store is opened, and a refusal names the option and what it allows.
#include "app/AppContext.h"
#include "app/AppOptions.h"

#include <catch2/catch.hpp>

#include <QFileInfo>
#include <QTemporaryDir>

using namespace galvani;

TEST_CASE("AppContext refuses a device URL with a bad simulator option before it opens the store", "[app][context]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    qputenv("XDG_DATA_HOME", dir.filePath(QStringLiteral("data")).toUtf8());
    const QString storePath = dir.filePath(QStringLiteral("gui.sqlite"));
    const auto create = [&](const QString& device) {
        app::AppOptions o;
        o.deviceUrl = device;
        o.storeUrl = QStringLiteral("sqlite:") + storePath;
        QString error;
        auto context = app::AppContext::create(o, &error);
        return std::pair{std::move(context), error};
    };
    struct Case {
        const char* url;
        const char* option;
        const char* allowed;
    };
    for (const Case& c : {Case{"sim:sciencemode4?channels=9", "channels", "1..8"},
             Case{"sim:sciencemode3?channels=5", "channels", "1..4"},
             Case{"sim:sciencemode4?load-ohms=-5", "load-ohms", "1..10000000"},
             Case{"sim:sciencemode4?battery=101", "battery", "0..100"},
             Case{"sim:sciencemode4?watchdog-ms=10", "watchdog-ms", "50..2000"},
             Case{"sim:sciencemode4?level=high", "level", "low, mid"},
             Case{"sim:sciencemode4?frobnicate=1", "frobnicate", "known: channels"}}) {
        INFO(c.url);
        const auto [context, error] = create(QString::fromLatin1(c.url));
        CHECK_FALSE(context);
        INFO(error.toStdString());
        CHECK(error.startsWith(QStringLiteral("--device: ")));
        CHECK(error.contains(QString::fromLatin1(c.option)));
        CHECK(error.contains(QString::fromLatin1(c.allowed)));
        CHECK_FALSE(QFileInfo::exists(storePath)); // refused before the store was opened (or created)
    }

    const auto [context, error] = create(QStringLiteral("sim:sciencemode4?channels=4&battery=50&level=mid"));
    INFO(error.toStdString());
    REQUIRE(context);
    CHECK(context->deviceUrl().contains(QStringLiteral("channels=4")));
    CHECK(QFileInfo::exists(storePath));
}
