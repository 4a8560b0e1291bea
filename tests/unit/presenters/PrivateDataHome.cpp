// SPDX-License-Identifier: GPL-3.0-or-later
// Each process of ui_presenters_tests gets an application data folder of its own (audit key, anchor, the
// workstation's session lock), as the GUI tests' main gives them: ctest runs the test cases in parallel processes,
// and two sessions under one session lock would refuse each other.
#include <QTemporaryDir>
#include <QtGlobal>

namespace {

struct PrivateDataHome {
    QTemporaryDir dir;
    PrivateDataHome() { qputenv("XDG_DATA_HOME", dir.path().toLocal8Bit()); }
};
const PrivateDataHome privateDataHome;

} // namespace
