// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/calibration/SelfTestReport.h"

#include <QTableWidget>

namespace galvani::ui {

// The checks of one power-on self-test, one row each: check, channel ("device" for whole-device checks), outcome
// (word and icon, never colour alone) and what was found (the detail carries its own units).
// Thread affinity: GUI thread. Ownership: a child widget like any other.
class SelfTestView : public QTableWidget {
    Q_OBJECT
public:
    explicit SelfTestView(QWidget* parent = nullptr);

    void setReport(const app::SelfTestReport& report);
    void clearReport();
};

} // namespace galvani::ui
