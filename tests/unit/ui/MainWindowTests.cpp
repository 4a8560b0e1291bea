// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/AppContext.h"
#include "ui/mainwindow/MainWindow.h"

#include <catch2/catch.hpp>

#include <QLabel>
#include <QTemporaryDir>

using galvani::app::AppContext;
using galvani::app::AppOptions;

TEST_CASE("the main window shows the stimulator and the record store in use", "[ui][gui]")
{
    QTemporaryDir dir;
    AppOptions options;
    options.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8");
    options.storeUrl = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("galvani.sqlite"));
    QString error;
    auto context = AppContext::create(options, &error);
    REQUIRE(context);

    galvani::ui::MainWindow window(*context);
    window.show();
    const auto* device = window.findChild<QLabel*>(QStringLiteral("deviceUrlLabel"));
    const auto* store = window.findChild<QLabel*>(QStringLiteral("storeUrlLabel"));
    REQUIRE(device != nullptr);
    REQUIRE(store != nullptr);
    CHECK(device->text() == QStringLiteral("sim:sciencemode4?channels=8"));
    CHECK(store->text() == options.storeUrl);
    CHECK_FALSE(window.grab().isNull());
}

TEST_CASE("the composition root refuses a bad device or store and names the option", "[ui][gui]")
{
    QTemporaryDir dir;
    AppOptions options;
    options.storeUrl = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("galvani.sqlite"));
    options.deviceUrl = QStringLiteral("sim:nosuchprotocol");
    QString error;
    CHECK_FALSE(AppContext::create(options, &error));
    CHECK(error.startsWith(QStringLiteral("--device: ")));

    options.deviceUrl = QStringLiteral("sim:sciencemode2");
    options.storeUrl = QStringLiteral("ftp://x");
    CHECK_FALSE(AppContext::create(options, &error));
    CHECK(error.startsWith(QStringLiteral("--db: ")));
}
