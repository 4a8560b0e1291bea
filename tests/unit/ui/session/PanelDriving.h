// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Driving the treatment panel's widgets from a test, as a user would: find a widget by object name, enable a
// channel at a target, prepare until the plan is ready. Test thread only.

#include "app/session/SessionController.h"
#include "support/ChildWidget.h"
#include "support/WaitUntil.h"
#include "ui/session/TreatmentPanel.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>

#include <chrono>

namespace galvani::test {

inline constexpr std::chrono::milliseconds kDeviceWait{15'000};

inline QString text(const QObject& root, const QString& name)
{
    return child<QLabel>(root, name)->text();
}

inline void enableChannel(ui::TreatmentPanel& panel, int channel, double milliamps)
{
    child<QCheckBox>(panel, QStringLiteral("channelEnable%1").arg(channel))->setChecked(true);
    child<QDoubleSpinBox>(panel, QStringLiteral("channelTarget%1").arg(channel))->setValue(milliamps);
}

inline void prepareUntilReady(ui::TreatmentPanel& panel, app::SessionController& sessions)
{
    child<QPushButton>(panel, QStringLiteral("prepareButton"))->click();
    REQUIRE(waitUntil([&] { return sessions.state() != app::SessionState::Preparing; }, kDeviceWait));
    INFO(text(panel, QStringLiteral("prepareMessage")).toStdString());
    REQUIRE(sessions.state() == app::SessionState::Ready);
}

} // namespace galvani::test
