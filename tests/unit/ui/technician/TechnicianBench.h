// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppContext.h"
#include "app/access/Access.h"
#include "ui/technician/TechnicianWorkspace.h"

#include <QString>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace galvani::test {

// The serial number the simulator reports unless its URL sets another.
inline const QString kSimulatorSerial = QStringLiteral("GSIM-0001");

// A real AppContext on a fresh SQLite store with the given device URL, an admin (the first account) and a
// technician made through UserService and signed in through AuthService, and the technician's workspace, shown
// offscreen at a realistic size. Thread affinity: the test thread.
class TechnicianBench {
public:
    explicit TechnicianBench(const QString& deviceUrl);
    ~TechnicianBench();

    QTemporaryDir dir;
    std::unique_ptr<app::AppContext> context;
    app::SignedInUser admin;
    app::SignedInUser technician;
    std::unique_ptr<ui::TechnicianWorkspace> workspace;

    template <typename T>
    T* find(const QString& objectName) const
    {
        return workspace->findChild<T*>(objectName);
    }

    // Fills the wizard's set-up (channels, manual or measured, one instrument due in a year) and clicks Start.
    void startWizard(const QList<int>& channels, bool manual);
    // Answers the wizard until the run ends: Continue whenever it waits for the load, and in manual mode
    // reading(commanded mA) typed into the reading field. REQUIREs the end within the timeout.
    void driveWizardToEnd(const std::function<double(double commandedMa)>& reading = {});
    // Saves a screenshot of the workspace as tech-<name>.png in the folder GALVANI_SHOTS_DIR names (when set).
    void shoot(const QString& name) const;
};

} // namespace galvani::test
