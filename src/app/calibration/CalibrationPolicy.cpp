// SPDX-License-Identifier: GPL-3.0-or-later
// CalibrationService: the clinic policy "require a calibration record" and power-on self-test records.
#include "app/calibration/CalibrationService.h"

#include "app/access/AccessGuard.h"
#include "app/calibration/CalibrationRecords.h"
#include "app/services/PolicyTrail.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "db/audit/AuditEntry.h"
#include "db/audit/AuditTrail.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace galvani::app {

namespace {

using calibration::fromDb;

const QString kSelfTestAction = QStringLiteral("self_test");
const QString kRequireRecordField = QStringLiteral("require_calibration_record");

QString flag(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

constexpr int kMaxSelfTestHistory = 1000;

CheckOutcome outcomeFrom(const QString& text)
{
    for (const CheckOutcome o : {CheckOutcome::Passed, CheckOutcome::Warning, CheckOutcome::Failed}) {
        if (text == toString(o)) {
            return o;
        }
    }
    return CheckOutcome::NotAvailable;
}

// The report recordSelfTest() wrote into an audit row (the same JSON fields), with the row's time and actor.
RecordedSelfTest selfTestOf(const db::audit::AuditEntry& e)
{
    const QJsonObject v = QJsonDocument::fromJson(e.newValue.value_or(QString()).toUtf8()).object();
    RecordedSelfTest out;
    out.operatorName = e.actorName;
    SelfTestReport& r = out.report;
    r.deviceUrl = v.value(QStringLiteral("device")).toString();
    r.deviceSerial = v.value(QStringLiteral("serial")).toString(e.field.value_or(QString()));
    r.firmware = v.value(QStringLiteral("firmware")).toString();
    r.protocol = v.value(QStringLiteral("protocol")).toString();
    r.atUtcMs = e.atUtcMs;
    r.scope = v.value(QStringLiteral("scope")).toString() == toString(SelfTestScope::Therapy) ? SelfTestScope::Therapy
                                                                                              : SelfTestScope::Full;
    for (const auto& item : v.value(QStringLiteral("checks")).toArray()) {
        const QJsonObject c = item.toObject();
        r.checks.append(SelfTestCheck{c.value(QStringLiteral("check")).toString(),
            c.value(QStringLiteral("channel")).toInt(), outcomeFrom(c.value(QStringLiteral("outcome")).toString()),
            c.value(QStringLiteral("detail")).toString()});
    }
    return out;
}

} // namespace

AppResult<bool> CalibrationService::policyUnchecked()
{
    // The setting is the newest change recorded in the audit trail (see the class comment).
    const auto newest = detail::newestPolicyValue(m_store, kRequireRecordField);
    if (!newest.ok()) {
        return newest.error();
    }
    return newest->has_value() && **newest == flag(true);
}

AppResult<bool> CalibrationService::requiresCalibrationRecord(const SignedInUser& user)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewCalibrations, kRequireRecordField)) {
        return *denied;
    }
    return policyUnchecked();
}

AppStatus CalibrationService::setRequiresCalibrationRecord(
    const SignedInUser& user, bool required, const QString& reason)
{
    if (auto denied = checkAccess(m_store, user, Action::SetClinicPolicy, kRequireRecordField)) {
        return *denied;
    }
    const auto current = policyUnchecked();
    if (!current.ok()) {
        return current.error();
    }
    return detail::recordPolicyChange(m_store, user, kRequireRecordField, flag(*current), flag(required), reason);
}

AppStatus CalibrationService::recordSelfTest(const SignedInUser& user, const SelfTestReport& report)
{
    // Whoever connects a device runs its self-test: therapists for therapy, technicians for calibration.
    if (!isAllowed(user.role, Action::RunSession) && !isAllowed(user.role, Action::Calibrate)) {
        return *checkAccess(m_store, user, Action::RunSession, report.deviceSerial);
    }
    QJsonArray checks;
    for (const SelfTestCheck& c : report.checks) {
        checks.append(QJsonObject{{QStringLiteral("check"), c.name}, {QStringLiteral("channel"), c.channel},
            {QStringLiteral("outcome"), toString(c.outcome)}, {QStringLiteral("detail"), c.detail}});
    }
    db::audit::AuditRecord record;
    record.actor = db::Actor::user(user.id, user.username);
    record.action = kSelfTestAction;
    record.field = report.deviceSerial;
    record.newValue = db::audit::recordJson(QJsonObject{{QStringLiteral("device"), report.deviceUrl},
        {QStringLiteral("serial"), report.deviceSerial}, {QStringLiteral("firmware"), report.firmware},
        {QStringLiteral("protocol"), report.protocol}, {QStringLiteral("checks"), checks},
        {QStringLiteral("scope"), toString(report.scope)},
        {QStringLiteral("run_at"),
            report.scope == SelfTestScope::Therapy ? QStringLiteral("session start") : QStringLiteral("calibration")}});
    record.reason = report.scope == SelfTestScope::Therapy
        ? QStringLiteral("therapy self-test at session start: ") + report.summary()
        : report.summary();
    if (const auto written = db::audit::AuditTrail(m_store.impl().context()).append(record); !written.ok()) {
        return fromDb(written.error());
    }
    if (!report.deviceSerial.isEmpty()) {
        selfTests().latest.insert(report.deviceSerial, report);
        if (report.scope == SelfTestScope::Full) {
            selfTests().full.insert(report.deviceSerial, report);
        }
    }
    return {};
}

AppResult<QList<RecordedSelfTest>> CalibrationService::selfTestHistory(
    const SignedInUser& user, const QString& deviceSerial, int limit)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewCalibrations, deviceSerial)) {
        return *denied;
    }
    if (auto bad = calibration::checkDeviceSerial(deviceSerial)) {
        return *bad;
    }
    if (limit < 1 || limit > kMaxSelfTestHistory) {
        return AppError{AppError::Kind::Invalid,
            QStringLiteral("self-test history: limit %1 is outside 1–%2").arg(limit).arg(kMaxSelfTestHistory)};
    }
    QList<RecordedSelfTest> out; // oldest first while reading; only the newest `limit` kept
    const auto read = forEachRecordedSelfTest(deviceSerial, 0, [&out, limit](qint64, const RecordedSelfTest& t) {
        out.append(t);
        if (out.size() > limit) {
            out.removeFirst();
        }
    });
    if (!read.ok()) {
        return read.error();
    }
    std::reverse(out.begin(), out.end());
    return out;
}

SelfTestMemory& CalibrationService::selfTests()
{
    return *m_store.impl().selfTests;
}

AppStatus CalibrationService::forEachRecordedSelfTest(
    const QString& deviceSerial, qint64 afterId, const std::function<void(qint64 rowId, const RecordedSelfTest&)>& each)
{
    db::audit::AuditTrail trail(m_store.impl().context());
    db::audit::AuditFilter filter;
    filter.action = kSelfTestAction;
    filter.field = deviceSerial;
    filter.afterId = afterId;
    while (true) {
        const auto page = trail.entries(filter);
        if (!page.ok()) {
            return fromDb(page.error());
        }
        for (const auto& e : *page) {
            each(e.id, selfTestOf(e));
        }
        if (page->size() < filter.limit) {
            break;
        }
        filter.afterId = page->last().id;
    }
    return {};
}

AppResult<const SelfTestMemory*> CalibrationService::selfTestsOf(const QString& deviceSerial)
{
    // Rows in the order they were recorded, by this process or any other on the store: the newest of each kind wins.
    SelfTestMemory& memory = selfTests();
    qint64 upTo = memory.readUpTo.value(deviceSerial, 0);
    const auto read = forEachRecordedSelfTest(deviceSerial, upTo, [&](qint64 rowId, const RecordedSelfTest& t) {
        memory.latest.insert(deviceSerial, t.report);
        if (t.report.scope == SelfTestScope::Full) {
            memory.full.insert(deviceSerial, t.report);
        }
        upTo = rowId;
    });
    if (!read.ok()) {
        return read.error();
    }
    memory.readUpTo.insert(deviceSerial, upTo);
    return &memory;
}

std::optional<SelfTestReport> CalibrationService::lastSelfTest(const QString& deviceSerial) const
{
    const auto& latest = m_store.impl().selfTests->latest;
    const auto it = latest.constFind(deviceSerial);
    return it == latest.constEnd() ? std::nullopt : std::optional<SelfTestReport>(*it);
}

} // namespace galvani::app
