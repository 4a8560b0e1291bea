// SPDX-License-Identifier: GPL-3.0-or-later
// The preset settings editor: ranges shown, typed values outside them refused with the field and range named,
// only changed values handed to the session request.
#include "ui/widgets/PresetSettingsEditor.h"

#include <catch2/catch.hpp>

#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QTest>

using galvani::app::PresetField;
using galvani::ui::PresetSettingsEditor;

namespace {

QList<PresetField> nmesFields()
{
    return {PresetField{QStringLiteral("pulse rate"), QStringLiteral("Hz"), 20.0, 35.0, 80.0, 1.0},
        PresetField{QStringLiteral("phase width"), QStringLiteral("µs"), 250.0, 300.0, 400.0, 10.0},
        PresetField{QStringLiteral("on time"), QStringLiteral("s"), 5.0, 10.0, 15.0, 0.1}};
}

QDoubleSpinBox* box(PresetSettingsEditor& editor, const char* field)
{
    auto* found = editor.findChild<QDoubleSpinBox*>(QStringLiteral("presetSetting:") + QLatin1String(field));
    REQUIRE(found != nullptr);
    return found;
}

} // namespace

TEST_CASE("the preset editor shows each value's range and returns only what changed", "[ui][gui][widgets]")
{
    PresetSettingsEditor editor;
    editor.setFields(nmesFields());
    editor.show();
    CHECK(editor.settings().isEmpty());
    const auto* hint = editor.findChild<QLabel*>(QStringLiteral("presetRange:phase width"));
    REQUIRE(hint != nullptr);
    CHECK(hint->text() == QStringLiteral("250–400 µs (default 300)"));
    CHECK(editor.findChild<QLabel*>(QStringLiteral("presetRange:on time"))->text()
        == QStringLiteral("5.0–15.0 s (default 10.0)"));

    box(editor, "phase width")->setValue(350.0);
    REQUIRE(editor.setValue(QStringLiteral("on time"), 6.5));
    const auto settings = editor.settings();
    REQUIRE(settings.size() == 2);
    CHECK(settings.at(0).field == QStringLiteral("phase width"));
    CHECK(settings.at(0).value == Approx(350.0));
    CHECK(settings.at(1).field == QStringLiteral("on time"));
    CHECK(settings.at(1).value == Approx(6.5));

    CHECK_FALSE(editor.setValue(QStringLiteral("on time"), 99.0));
    CHECK(editor.message().contains(QStringLiteral("on time: 99.0 is outside 5.0–15.0 s")));
    CHECK_FALSE(editor.setValue(QStringLiteral("no such value"), 1.0));

    editor.resetToDefaults();
    CHECK(editor.settings().isEmpty());
}

TEST_CASE("typing a value outside the range names the field and the range and keeps the last valid value",
    "[ui][gui][widgets]")
{
    PresetSettingsEditor editor;
    editor.setFields(nmesFields());
    editor.show();
    QDoubleSpinBox* width = box(editor, "phase width");
    QLineEdit* line = width->findChild<QLineEdit*>();
    REQUIRE(line != nullptr);
    width->setFocus();
    line->selectAll();
    QTest::keyClicks(line, QStringLiteral("900"));
    CHECK(editor.message().contains(QStringLiteral("phase width")));
    CHECK(editor.message().contains(QStringLiteral("250–400 µs")));
    CHECK(width->value() == Approx(300.0));

    // A decimal comma is refused the same way, never read as something else.
    QDoubleSpinBox* on = box(editor, "on time");
    QLineEdit* onLine = on->findChild<QLineEdit*>();
    on->setFocus();
    onLine->selectAll();
    QTest::keyClicks(onLine, QStringLiteral("7,5"));
    CHECK(on->value() == Approx(10.0));
    CHECK(editor.settings().isEmpty());
}

TEST_CASE("an editor without a preset says what to do", "[ui][gui][widgets]")
{
    PresetSettingsEditor editor;
    editor.show();
    CHECK(editor.findChild<QLabel*>(QStringLiteral("presetSettingsEmpty"))->isVisible());
    editor.setFields(nmesFields());
    CHECK_FALSE(editor.findChild<QLabel*>(QStringLiteral("presetSettingsEmpty"))->isVisible());
    editor.setFields({});
    CHECK(editor.findChild<QLabel*>(QStringLiteral("presetSettingsEmpty"))->isVisible());
    CHECK(editor.settings().isEmpty());
}
