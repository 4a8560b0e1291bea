// SPDX-License-Identifier: GPL-3.0-or-later
// CalibrationService: the clinic policy "require a calibration record" and power-on self-test records.
#include "app/calibration/CalibrationService.h"

#include "app/access/AccessGuard.h"
#include "app/calibration/CalibrationRecords.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "db/audit/AuditEntry.h"
#include "db/audit/AuditTrail.h"

#include <QJsonArray>
#include <QJsonObject>

namespace galvani::app {

namespace {

using calibration::fromDb;

const QString kSelfTestAction = QStringLiteral("self_test");
const QString kPolicyTable = QStringLiteral("clinic_policy");
const QString kRequireRecordField = QStringLiteral("require_calibration_record");

QString flag(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

} // namespace

AppResult<bool> CalibrationService::policyUnchecked()
{
    // The setting is the newest change recorded in the audit trail (see the class comment).
    db::audit::AuditTrail trail(m_store.impl().context());
    db::audit::AuditFilter filter;
    filter.table = kPolicyTable;
    bool required = false;
    while (true) {
        const auto page = trail.entries(filter);
        if (!page.ok()) {
            return fromDb(page.error());
        }
        for (const auto& e : *page) {
            if (e.field == kRequireRecordField && e.newValue) {
                required = *e.newValue == flag(true);
            }
        }
        if (page->size() < filter.limit) {
            break;
        }
        filter.afterId = page->back().id;
    }
    return required;
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
    if (reason.trimmed().isEmpty()) {
        return AppError{AppError::Kind::Invalid, QStringLiteral("reason: a clinic policy change needs a reason")};
    }
    // The limit of every other change's reason in the record store.
    if (auto bad = detail::checkText(reason, QStringLiteral("reason"), detail::kMaxReasonChars)) {
        return *bad;
    }
    const auto current = policyUnchecked();
    if (!current.ok()) {
        return current.error();
    }
    db::audit::AuditRecord record;
    record.actor = db::Actor::user(user.id, user.username);
    record.action = QString::fromLatin1(db::audit::action::kUpdate);
    record.table = kPolicyTable;
    record.field = kRequireRecordField;
    record.oldValue = flag(*current);
    record.newValue = flag(required);
    record.reason = reason.trimmed();
    if (const auto written = db::audit::AuditTrail(m_store.impl().context()).append(record); !written.ok()) {
        return fromDb(written.error());
    }
    return {};
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

SelfTestMemory& CalibrationService::selfTests()
{
    return *m_store.impl().selfTests;
}

std::optional<SelfTestReport> CalibrationService::lastSelfTest(const QString& deviceSerial) const
{
    const auto& latest = m_store.impl().selfTests->latest;
    const auto it = latest.constFind(deviceSerial);
    return it == latest.constEnd() ? std::nullopt : std::optional<SelfTestReport>(*it);
}

} // namespace galvani::app
