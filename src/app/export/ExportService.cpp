// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/export/ExportService.h"

#include "app/access/AccessGuard.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "db/export/ExportTypes.h"
#include "db/export/SessionExporter.h"
#include "db/records/PatientRepository.h"
#include "db/records/UserRepository.h"

#include <QSaveFile>
#include <QTimeZone>

namespace galvani::app {

namespace {

db::exp::ExportFormat toDb(ExportFileFormat f)
{
    switch (f) {
    case ExportFileFormat::Csv:
        return db::exp::ExportFormat::Csv;
    case ExportFileFormat::Json:
        return db::exp::ExportFormat::Json;
    case ExportFileFormat::Fhir:
        return db::exp::ExportFormat::Fhir;
    }
    return db::exp::ExportFormat::Csv;
}

} // namespace

bool parseExportFormat(const QString& text, ExportFileFormat* format)
{
    if (text == QStringLiteral("csv")) {
        *format = ExportFileFormat::Csv;
    } else if (text == QStringLiteral("json")) {
        *format = ExportFileFormat::Json;
    } else if (text == QStringLiteral("fhir")) {
        *format = ExportFileFormat::Fhir;
    } else {
        return false;
    }
    return true;
}

ExportService::ExportService(RecordStore& store) : m_store(store)
{
}

AppResult<ExportSummary> ExportService::exportSessions(const SignedInUser& user, const ExportRequest& request,
    const std::function<void(qint64, qint64)>& progress, const std::atomic_bool* cancel)
{
    // Admins export any sessions; therapists only their own. Anyone else is refused (and the refusal audited).
    const bool all = isAllowed(user.role, Action::ExportRecords);
    const QString target = QStringLiteral("sessions to ") + request.outPath;
    if (!all) {
        if (auto denied = checkAccess(m_store, user, Action::ExportOwnRecords, target)) {
            return *denied;
        }
        if (!request.therapistUsername.isEmpty() && request.therapistUsername != user.username) {
            if (auto denied = checkAccess(m_store, user, Action::ExportRecords, target)) {
                return *denied;
            }
        }
    }
    if (request.outPath.isEmpty()) {
        return AppError{AppError::Kind::Invalid, QStringLiteral("--out: an output file is required")};
    }
    if (request.from.isValid() && request.to.isValid() && request.from > request.to) {
        return AppError{AppError::Kind::Invalid,
            QStringLiteral("--from (%1) must not be after --to (%2)")
                .arg(request.from.toString(Qt::ISODate), request.to.toString(Qt::ISODate))};
    }

    // A filter no record can match (too long, NUL) is a bad value, refused with the rule as the history does, not
    // looked up. Empty means every patient or therapist.
    if (auto bad = detail::checkText(request.patientMrn, QStringLiteral("--patient: MRN"), detail::kMaxMrnChars)) {
        return *bad;
    }
    if (auto bad = detail::checkText(
            request.therapistUsername, QStringLiteral("--therapist: user name"), detail::kMaxUsernameChars)) {
        return *bad;
    }

    auto& d = m_store.impl();
    auto ctx = d.context();
    db::exp::ExportFilter filter
        = db::exp::ExportFilter::forDays(request.from, request.to, QTimeZone::systemTimeZone());
    if (!request.patientMrn.isEmpty()) {
        auto patient = db::records::PatientRepository(ctx).byMrn(request.patientMrn);
        if (!patient.ok() && patient.error().kind == db::DbError::Kind::NotFound) {
            return AppError{AppError::Kind::NotFound,
                QStringLiteral("--patient: no patient with MRN '%1'").arg(request.patientMrn)};
        }
        if (!patient.ok()) {
            return detail::fromDb(patient.error());
        }
        filter.patientId = patient->id;
    }
    const QString therapist = all ? request.therapistUsername : user.username;
    if (!therapist.isEmpty()) {
        auto account = db::records::UserRepository(ctx).byUsername(therapist);
        if (!account.ok() && account.error().kind == db::DbError::Kind::NotFound) {
            return AppError{AppError::Kind::NotFound, QStringLiteral("--therapist: no user named '%1'").arg(therapist)};
        }
        if (!account.ok()) {
            return detail::fromDb(account.error());
        }
        filter.therapistId = account->id;
    }

    db::exp::ExportOptions options;
    options.pseudonymise = request.pseudonymise;
    options.includeEvents = request.includeEvents;
    if (const auto valid = db::exp::SessionExporter::validate(filter, options); !valid.ok()) {
        return detail::fromDb(valid.error());
    }

    QSaveFile file(request.outPath);
    if (!file.open(QIODevice::WriteOnly)) {
        return AppError{AppError::Kind::Invalid,
            QStringLiteral("--out: cannot write %1: %2").arg(request.outPath, file.errorString())};
    }
    auto report = db::exp::SessionExporter(ctx).run(filter, toDb(request.format), &file,
        db::Actor::user(user.id, user.username), options,
        progress ? db::exp::ExportProgress(progress) : db::exp::ExportProgress{}, cancel);
    if (!report.ok()) {
        file.cancelWriting();
        return detail::fromDb(report.error());
    }
    if (report->cancelled) {
        file.cancelWriting();
        return AppError{AppError::Kind::Refused, QStringLiteral("export cancelled; no file was written")};
    }
    if (!file.commit()) {
        return AppError{AppError::Kind::Storage,
            QStringLiteral("--out: could not finish writing %1: %2").arg(request.outPath, file.errorString())};
    }
    QString anchorError;
    m_store.refreshAnchor(&anchorError);
    return ExportSummary{
        report->sessions, report->rows, report->bytes, QString::fromLatin1(report->sha256), request.outPath};
}

} // namespace galvani::app
