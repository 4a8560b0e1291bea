// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace galvani::app {

// The outcome of one power-on self-test check.
enum class CheckOutcome {
    Passed,
    Warning, // worth telling the operator; locks nothing (e.g. a low battery)
    Failed, // locks the channel it names (or every channel when it names none)
    NotAvailable, // the device cannot be checked this way (e.g. no current measurement)
};

[[nodiscard]] QString toString(CheckOutcome outcome); // "passed", "warning", "failed", "not available"

// Which checks a self-test ran, and so when (calibration::SelfTestRun explains the difference).
enum class SelfTestScope {
    Full, // a technician's connection: every check, the 2 mA low-current check included
    Therapy, // a therapy session's connection, run at session start: no current is driven into the patient
};

[[nodiscard]] QString toString(SelfTestScope scope); // "full", "therapy"

struct SelfTestCheck {
    QString name; // "handshake", "battery", "zero output", "low-current check"
    int channel = 0; // 1-based; 0 for the whole device
    CheckOutcome outcome = CheckOutcome::NotAvailable;
    QString detail; // what was found, with units
};

// The power-on self-test of one connection (issue #8 §4, CLINICAL §6): handshake and firmware, battery, zero
// output and, where the device measures, a short low-current check of each channel into its load.
// Plain value. Units: times in UTC ms.
struct SelfTestReport {
    QString deviceUrl;
    QString deviceSerial;
    QString firmware;
    QString protocol;
    qint64 atUtcMs = 0;
    SelfTestScope scope = SelfTestScope::Full;
    QList<SelfTestCheck> checks;

    // True when no check failed.
    [[nodiscard]] bool passed() const;
    // Whether a check that failed locks this channel (a failure naming no channel locks every channel).
    [[nodiscard]] bool channelFailed(int channel) const;
    // One line: "passed" or "failed: <each failed check>".
    [[nodiscard]] QString summary() const;
};

// A self-test as the audit trail keeps it: the report and who connected the device.
struct RecordedSelfTest {
    SelfTestReport report;
    QString operatorName; // the user name of the audit row's actor
};

// What the process knows of self-tests, per device serial: the latest report of any scope and the latest full
// one. One per record store (RecordStore::Impl), shared by every CalibrationService on it, so the session's checks
// see what the technician's self-test found and the technician's view sees the session's therapy self-test. A
// device's entry follows the audit trail (its self_test rows): each time the device is asked for, the rows recorded
// since the last look are read, so what an earlier process or another workstation on the store recorded stands too;
// `readUpTo` holds, per serial, the id of the last row read.
struct SelfTestMemory {
    QHash<QString, SelfTestReport> latest;
    QHash<QString, SelfTestReport> full;
    QHash<QString, qint64> readUpTo;
};

} // namespace galvani::app
