// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/calibration/CalibrationProcedure.h"
#include "app/calibration/CalibrationService.h"
#include "app/store/RecordStore.h"

#include "../../db/TestStore.h"

#include <QString>

#include <memory>
#include <optional>

namespace galvani::test {

// The serial number the simulator reports unless its URL sets another.
inline const QString kSimulatorSerial = QStringLiteral("GSIM-0001");

// A record store (SQLite or PostgreSQL: testBackend()) opened the way the app opens one (RecordStore::open), a fake
// clock (2026-01-01 UTC), a technician, a therapist and an admin (inserted directly, see TestStore), and the
// calibration service. Thread affinity: the test thread.
class CalibrationFixture {
public:
    CalibrationFixture();
    ~CalibrationFixture();

    TestStore files; // the store's files, clock and key; its own connection is closed once the app store opens
    app::StoreConfig config; // how `store` was opened (another RecordStore::open with it is a second process)
    std::unique_ptr<app::RecordStore> store;
    std::optional<app::CalibrationService> service;
    app::SignedInUser technician;
    app::SignedInUser therapist;
    app::SignedInUser admin;

    // A setup for the given device URL and channels: 500 Ω, one instrument due 2027-06-30, 10/25/50 mA.
    [[nodiscard]] static app::CalibrationSetup setup(const QString& url, QList<int> channels);
    // The fixture clock's time, in ms since the epoch (UTC).
    [[nodiscard]] qint64 nowUtcMs() const;
    // Rows of the audit trail with this action.
    [[nodiscard]] qint64 auditRows(const QString& action);
    // Runs SQL on the app store's connection (REQUIREs success).
    void exec(const QString& sql);
    // The therapist's view of a channel of the simulator (serial kSimulatorSerial); REQUIREs an answer.
    [[nodiscard]] app::ChannelCalibrationStatus statusOf(int channel);
    // Lets a test alter rows of an append-only table behind the store's back (drops or disables its update guard).
    void allowUpdates(const QString& table);
};

// Drives a procedure to its end: starts it, runs every channel, and in manual mode answers each reading with
// reading(pending) (µA). REQUIREs that it ends within the timeout.
using ReadingFn = std::function<double(const app::PendingReading&)>;
void runToEnd(app::CalibrationProcedure& procedure, const ReadingFn& reading = {});

// The result of one channel in a run's summary (FAILs when there is none).
[[nodiscard]] const app::ChannelCalibrationResult& resultFor(const app::CalibrationSummary& s, int channel);

} // namespace galvani::test
