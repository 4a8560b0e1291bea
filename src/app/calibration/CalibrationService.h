// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "app/calibration/CalibrationProcedure.h"
#include "app/calibration/CalibrationSetup.h"
#include "app/calibration/ChannelCalibrationStatus.h"
#include "app/calibration/SelfTestReport.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

#include <memory>
#include <optional>

namespace galvani::app {

class RecordStore;

// Technician calibration for the rest of the app (issue #8, CLINICAL.md §6–7):
//  - begin(): a CalibrationProcedure for a technician (Action::Calibrate; anyone else is refused and the refusal
//    audited). It is the only way a calibration record is made, so the only way a channel is unlocked.
//  - status(): a channel's state (none / valid / due soon / overdue / failed), whether it is locked and why, and
//    the correction in force. Locked: failed, overdue, a record that no longer matches its hash, a power-on
//    self-test of this process that failed the channel, or no record while the clinic policy requires one.
//  - history(), allCalibrations(), drift(): the records and the gain/offset trend with its warning.
//  - the clinic policy "require a calibration record" (Action::SetClinicPolicy to change, audited). It is kept in
//    the audit trail itself: each change is an audit row (table clinic_policy, field require_calibration_record,
//    old and new value, reason) and the setting is the newest such row — tamper-evident, append-only and verified
//    at start-up with the rest of the trail, with no extra table. Default: not required.
//  - recordSelfTest(): records a power-on self-test (audit row, action self_test) and keeps the latest report per
//    device serial in memory for status(), in the store's SelfTestMemory that every CalibrationService on the same
//    RecordStore shares (the session's checks use one of their own); a new connection's self-test replaces it. A
//    therapy-scope self-test (run at session start, without the 2 mA low-current check) does not lift a low-current
//    failure of the latest full self-test: that stands until a full self-test passes it or a passing calibration is
//    made after it.
// Thread affinity: the RecordStore's thread. Ownership: borrows the store, which must outlive it and every
// procedure it began. Units: µA, UTC ms.
class CalibrationService {
public:
    explicit CalibrationService(RecordStore& store);
    ~CalibrationService() = default;
    CalibrationService(const CalibrationService&) = delete;
    CalibrationService& operator=(const CalibrationService&) = delete;

    [[nodiscard]] AppResult<std::unique_ptr<CalibrationProcedure>> begin(
        const SignedInUser& user, const CalibrationSetup& setup);

    [[nodiscard]] AppResult<ChannelCalibrationStatus> status(
        const SignedInUser& user, const QString& deviceSerial, int channel);
    // Channels 1..channelCount of one device.
    [[nodiscard]] AppResult<QList<ChannelCalibrationStatus>> deviceStatus(
        const SignedInUser& user, const QString& deviceSerial, int channelCount);
    [[nodiscard]] AppResult<QList<CalibrationHistoryEntry>> history(
        const SignedInUser& user, const QString& deviceSerial, int channel);
    // Every calibration record of every device, oldest first.
    [[nodiscard]] AppResult<QList<CalibrationHistoryEntry>> allCalibrations(const SignedInUser& user);
    [[nodiscard]] AppResult<DriftReport> drift(const SignedInUser& user, const QString& deviceSerial, int channel);

    [[nodiscard]] AppResult<bool> requiresCalibrationRecord(const SignedInUser& user);
    [[nodiscard]] AppStatus setRequiresCalibrationRecord(
        const SignedInUser& user, bool required, const QString& reason);

    [[nodiscard]] AppStatus recordSelfTest(const SignedInUser& user, const SelfTestReport& report);
    [[nodiscard]] std::optional<SelfTestReport> lastSelfTest(const QString& deviceSerial) const;
    // The self-tests recorded for one device, newest first, at most `limit` (1–1000), read back from the audit
    // trail (every process's, not only this one's). Action::ViewCalibrations.
    [[nodiscard]] AppResult<QList<RecordedSelfTest>> selfTestHistory(
        const SignedInUser& user, const QString& deviceSerial, int limit = 100);

    [[nodiscard]] RecordStore& store() { return m_store; }

private:
    [[nodiscard]] AppResult<ChannelCalibrationStatus> statusUnchecked(const QString& deviceSerial, int channel);
    [[nodiscard]] AppResult<bool> policyUnchecked();

    [[nodiscard]] SelfTestMemory& selfTests();
    // The memory with this device's self-tests recorded since the last look read in.
    [[nodiscard]] AppResult<const SelfTestMemory*> selfTestsOf(const QString& deviceSerial);
    // The self_test audit rows of a device after row id `afterId`, oldest first, each handed to `each` with its id.
    [[nodiscard]] AppStatus forEachRecordedSelfTest(const QString& deviceSerial, qint64 afterId,
        const std::function<void(qint64 rowId, const RecordedSelfTest&)>& each);

    RecordStore& m_store;
};

} // namespace galvani::app
