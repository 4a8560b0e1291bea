// SPDX-License-Identifier: GPL-3.0-or-later
// CalibrationService: calibration records and the drift of a channel's gain and offset.
#include "app/calibration/CalibrationService.h"

#include "app/access/AccessGuard.h"
#include "app/calibration/CalibrationRecords.h"
#include "app/calibration/CalibrationText.h"
#include "app/store/RecordStoreImpl.h"
#include "core/calibration/DriftTrend.h"
#include "db/audit/AuditTrail.h"
#include "db/records/CalibrationRepository.h"

#include <QDateTime>

#include <algorithm>
#include <chrono>
#include <vector>

namespace galvani::app {

namespace {

namespace cal = core::calibration;
using calibration::fromDb;

const QString kCalibrationsTable = QStringLiteral("calibrations");

} // namespace

AppResult<QList<CalibrationHistoryEntry>> CalibrationService::history(
    const SignedInUser& user, const QString& deviceSerial, int channel)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewCalibrations, deviceSerial)) {
        return *denied;
    }
    if (auto bad = calibration::checkDeviceSerial(deviceSerial)) {
        return *bad;
    }
    const auto all = db::records::CalibrationRepository(m_store.impl().context()).history(deviceSerial, channel);
    if (!all.ok()) {
        return fromDb(all.error());
    }
    QList<CalibrationHistoryEntry> out;
    for (const auto& c : *all) {
        out.append(calibration::historyEntry(c));
    }
    return out;
}

AppResult<QList<CalibrationHistoryEntry>> CalibrationService::allCalibrations(const SignedInUser& user)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewCalibrations)) {
        return *denied;
    }
    // The repository lists per channel; every calibration record has its audit row (same transaction), so the
    // trail names them all.
    db::audit::AuditTrail trail(m_store.impl().context());
    db::audit::AuditFilter filter;
    filter.table = kCalibrationsTable;
    QList<qint64> ids;
    while (true) {
        const auto page = trail.entries(filter);
        if (!page.ok()) {
            return fromDb(page.error());
        }
        for (const auto& e : *page) {
            if (e.recordId && !ids.contains(*e.recordId)) {
                ids.append(*e.recordId);
            }
        }
        if (page->size() < filter.limit) {
            break;
        }
        filter.afterId = page->back().id;
    }
    std::sort(ids.begin(), ids.end());
    db::records::CalibrationRepository repo(m_store.impl().context());
    QList<CalibrationHistoryEntry> out;
    for (const qint64 id : ids) {
        const auto c = repo.byId(id);
        if (!c.ok()) {
            return fromDb(c.error());
        }
        out.append(calibration::historyEntry(*c));
    }
    return out;
}

AppResult<DriftReport> CalibrationService::drift(const SignedInUser& user, const QString& deviceSerial, int channel)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewCalibrations, deviceSerial)) {
        return *denied;
    }
    if (auto bad = calibration::checkDeviceSerial(deviceSerial)) {
        return *bad;
    }
    const auto all = db::records::CalibrationRepository(m_store.impl().context()).history(deviceSerial, channel);
    if (!all.ok()) {
        return fromDb(all.error());
    }
    DriftReport report;
    report.deviceSerial = deviceSerial;
    report.channel = channel;
    std::vector<cal::DriftSample> samples;
    const db::records::Calibration* latestPassed = nullptr;
    for (const auto& c : *all) {
        report.history.append(calibration::historyEntry(c));
        const auto& entry = report.history.back();
        if (c.record.status == db::records::CalibrationStatus::Passed && entry.gain && entry.offsetUa) {
            samples.push_back(
                cal::DriftSample{std::chrono::system_clock::time_point(std::chrono::milliseconds(c.performedUtcMs)),
                    cal::CorrectionModel{*entry.gain, core::MicroampsReal(*entry.offsetUa)}});
            latestPassed = &c;
        }
    }
    if (latestPassed == nullptr) {
        report.message = QStringLiteral("no passing calibration on record: no trend");
        return report;
    }
    report.dueUtcMs = latestPassed->record.dueUtcMs;
    const auto [low, high] = calibration::calibratedRange(*latestPassed);
    const auto forecast
        = cal::forecastDrift(samples, std::chrono::system_clock::time_point(std::chrono::milliseconds(report.dueUtcMs)),
            cal::CalibratedRange{core::Microamps(low), core::Microamps(high)});
    report.trendKnown = forecast.trendKnown;
    report.gainPerYear = forecast.gainPerYear;
    report.offsetUaPerYear = forecast.offsetPerYear.value();
    report.gainAtDue = forecast.atDue.gain;
    report.offsetUaAtDue = forecast.atDue.offset.value();
    if (forecast.leavesBoundAt) {
        report.leavesToleranceUtcMs
            = std::chrono::duration_cast<std::chrono::milliseconds>(forecast.leavesBoundAt->time_since_epoch()).count();
        report.message = QStringLiteral("the trend leaves tolerance on %1, before the due date %2: %3")
                             .arg(calibration::utcDateText(*report.leavesToleranceUtcMs),
                                 calibration::utcDateText(report.dueUtcMs), QString::fromStdString(forecast.problem));
    } else if (!forecast.trendKnown) {
        report.message = QStringLiteral("one passing calibration: no trend yet");
    } else {
        report.message = QStringLiteral("the trend stays within tolerance until the due date %1 (gain %2 per year, "
                                        "offset %3 mA per year)")
                             .arg(calibration::utcDateText(report.dueUtcMs))
                             .arg(report.gainPerYear, 0, 'f', 5)
                             .arg(report.offsetUaPerYear / 1000.0, 0, 'f', 3);
    }
    return report;
}

} // namespace galvani::app
