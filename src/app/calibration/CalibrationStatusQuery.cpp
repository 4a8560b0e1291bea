// SPDX-License-Identifier: GPL-3.0-or-later
// CalibrationService: the state of a channel for the rest of the app (lock, reason, correction in force).
#include "app/calibration/CalibrationService.h"

#include "app/access/AccessGuard.h"
#include "app/calibration/CalibrationRecords.h"
#include "app/calibration/CalibrationText.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "core/Clock.h"
#include "core/calibration/AmplitudeCorrection.h"
#include "core/calibration/CalibrationLimits.h"
#include "db/records/CalibrationRepository.h"

#include <QDateTime>

#include <chrono>

namespace galvani::app {

namespace {

namespace cal = core::calibration;
using calibration::fromDb;

} // namespace

AppResult<ChannelCalibrationStatus> CalibrationService::status(
    const SignedInUser& user, const QString& deviceSerial, int channel)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewCalibrations, deviceSerial)) {
        return *denied;
    }
    if (auto bad = calibration::checkDeviceSerial(deviceSerial)) {
        return *bad;
    }
    return statusUnchecked(deviceSerial, channel);
}

AppResult<QList<ChannelCalibrationStatus>> CalibrationService::deviceStatus(
    const SignedInUser& user, const QString& deviceSerial, int channelCount)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewCalibrations, deviceSerial)) {
        return *denied;
    }
    if (auto bad = calibration::checkDeviceSerial(deviceSerial)) {
        return *bad;
    }
    if (channelCount < 1 || channelCount > 8) {
        return detail::invalidInput(QStringLiteral("channel count %1 must be 1..8").arg(channelCount));
    }
    QList<ChannelCalibrationStatus> out;
    for (int ch = 1; ch <= channelCount; ++ch) {
        auto one = statusUnchecked(deviceSerial, ch);
        if (!one.ok()) {
            return one.error();
        }
        out.append(*one);
    }
    return out;
}

AppResult<ChannelCalibrationStatus> CalibrationService::statusUnchecked(const QString& deviceSerial, int channel)
{
    if (channel < 1 || channel > 8) {
        return detail::invalidInput(QStringLiteral("channel %1 must be 1..8").arg(channel));
    }
    ChannelCalibrationStatus st;
    st.deviceSerial = deviceSerial;
    st.channel = channel;
    const auto inForce = db::records::CalibrationRepository(m_store.impl().context()).inForce(deviceSerial, channel);
    if (!inForce.ok()) {
        return fromDb(inForce.error());
    }
    const qint64 now = calibration::utcNowMs(m_store.clock());
    if (!inForce->latest) {
        const auto required = policyUnchecked();
        if (!required.ok()) {
            return required.error();
        }
        st.state = CalibrationState::None;
        st.locked = *required;
        st.reason = *required
            ? QStringLiteral("no calibration on record and the clinic requires one: a technician must calibrate "
                             "channel %1")
                  .arg(channel)
            : QStringLiteral("no calibration on record: the device's factory calibration applies");
    } else {
        const db::records::Calibration& c = *inForce->latest;
        st.factoryCalibration = false;
        st.calibrationId = c.id;
        st.recordHash = c.recordHash;
        st.performedUtcMs = c.performedUtcMs;
        st.dueUtcMs = c.record.dueUtcMs;
        switch (inForce->state) {
        case db::records::CalibrationState::Failed:
            st.state = CalibrationState::Failed;
            st.locked = true;
            st.reason = QStringLiteral("calibration #%1 of %2 failed: a technician must recalibrate channel %3")
                            .arg(c.id)
                            .arg(calibration::utcDateText(c.performedUtcMs))
                            .arg(channel);
            break;
        case db::records::CalibrationState::Overdue:
            st.state = CalibrationState::Overdue;
            st.locked = true;
            st.reason = QStringLiteral("calibration #%1 was due on %2: a technician must recalibrate channel %3")
                            .arg(c.id)
                            .arg(calibration::utcDateText(c.record.dueUtcMs))
                            .arg(channel);
            break;
        case db::records::CalibrationState::Valid:
        case db::records::CalibrationState::NotCalibrated: {
            const auto [low, high] = calibration::calibratedRange(c);
            st.calibratedMinUa = low;
            st.calibratedMaxUa = high;
            if (c.record.gainAfterPpm && c.record.offsetAfterUa) {
                st.gain = static_cast<double>(*c.record.gainAfterPpm) / 1e6;
                st.offsetUa = static_cast<double>(*c.record.offsetAfterUa);
            }
            const auto problem
                = cal::correctionBoundProblem(cal::CorrectionModel{st.gain, core::MicroampsReal(st.offsetUa)},
                    cal::CalibratedRange{core::Microamps(low), core::Microamps(high)});
            constexpr qint64 kDayMs = 24LL * 3600 * 1000;
            const qint64 leftMs = c.record.dueUtcMs - now;
            const qint64 daysLeft = (leftMs + kDayMs - 1) / kDayMs; // started days count
            st.state = leftMs <= cal::kDueSoonDays * kDayMs ? CalibrationState::DueSoon : CalibrationState::Valid;
            if (!c.record.gainAfterPpm || !c.record.offsetAfterUa || problem) {
                st.locked = true;
                st.reason = QStringLiteral("calibration #%1 carries no applicable correction%2")
                                .arg(c.id)
                                .arg(problem ? QStringLiteral(": ") + QString::fromStdString(*problem) : QString());
            } else if (st.state == CalibrationState::DueSoon) {
                st.reason = QStringLiteral("calibration due on %1 (%2 days)")
                                .arg(calibration::utcDateText(c.record.dueUtcMs))
                                .arg(daysLeft);
            }
            break;
        }
        }
        // The stored hash must still describe the stored record (CLINICAL §6: mismatch → no therapy).
        if (db::records::CalibrationRepository::recordHash(c) != c.recordHash) {
            st.locked = true;
            st.reason = QStringLiteral("calibration #%1 no longer matches its record hash: the record was altered; a "
                                       "technician must recalibrate channel %2")
                            .arg(c.id)
                            .arg(channel);
        }
    }
    // A failed self-test locks until newer evidence: a passing self-test (which replaces the report) or a passing
    // calibration made after it.
    const auto known = selfTestsOf(deviceSerial);
    if (!known.ok()) {
        return known.error();
    }
    const SelfTestMemory& memory = **known;
    const auto it = memory.latest.constFind(deviceSerial);
    if (it != memory.latest.constEnd() && it->channelFailed(channel)
        && (st.calibrationId == 0 || it->atUtcMs >= st.performedUtcMs)) {
        st.locked = true;
        const QString why = QStringLiteral("power-on self-test failed: ") + it->summary();
        st.reason
            = st.reason.isEmpty() || st.state == CalibrationState::None ? why : st.reason + QStringLiteral("; ") + why;
    }
    // A therapy self-test runs no low-current check, so it cannot pass one: a low-current failure of the latest full
    // self-test stands until a full one passes it or a passing calibration is made after it.
    const auto full = memory.full.constFind(deviceSerial);
    if (it != memory.latest.constEnd() && it->scope == SelfTestScope::Therapy && full != memory.full.constEnd()
        && (st.calibrationId == 0 || full->atUtcMs >= st.performedUtcMs)) {
        for (const SelfTestCheck& c : full->checks) {
            if (c.outcome == CheckOutcome::Failed && c.channel == channel
                && c.name == QStringLiteral("low-current check")) {
                st.locked = true;
                const QString why = QStringLiteral("power-on self-test failed: low-current check on channel %1: %2")
                                        .arg(channel)
                                        .arg(c.detail);
                st.reason = st.reason.isEmpty() || st.state == CalibrationState::None
                    ? why
                    : st.reason + QStringLiteral("; ") + why;
            }
        }
    }
    return st;
}

} // namespace galvani::app
