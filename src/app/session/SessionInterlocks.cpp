// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/session/SessionInterlocks.h"

#include "app/calibration/CalibrationService.h"
#include "app/store/RecordStoreImpl.h"
#include "db/TimeStamp.h"
#include "db/records/CalibrationRepository.h"
#include "db/records/ContraindicationChecklist.h"
#include "db/records/PatientRepository.h"
#include "db/records/PlacementRepository.h"
#include "db/records/ScreeningRepository.h"

#include <QRegularExpression>

#include <algorithm>

namespace galvani::app {

namespace {

using namespace db::records;

AppError interlock(QString message)
{
    return AppError{AppError::Kind::Interlock, std::move(message)};
}

AppError storage(const db::DbError& e)
{
    return AppError{AppError::Kind::Storage, e.message};
}

QString dateOf(qint64 utcMs)
{
    return db::isoUtc(utcMs).left(10);
}

// Why a blocked screening blocks: the absolute items answered yes or unknown that no clearance covers.
QString blockingItems(const Screening& s)
{
    QStringList items;
    for (const ScreeningItem& item : s.items) {
        if (item.severity != Severity::Absolute || item.answer == Answer::No) {
            continue;
        }
        const auto* known = ContraindicationChecklist::find(item.code);
        const bool cleared = s.clearanceReason.has_value() && known != nullptr && known->clearable;
        if (cleared) {
            continue;
        }
        QString text = known != nullptr ? QString::fromUtf8(known->question) : item.code;
        text += QStringLiteral(" (%1%2)").arg(toText(item.answer),
            known != nullptr && !known->clearable ? QStringLiteral(", cannot be cleared") : QString());
        items.append(text);
    }
    return items.isEmpty() ? QStringLiteral("an absolute contraindication") : items.join(QStringLiteral("; "));
}

AppResult<Screening> checkScreening(const db::StoreContext& ctx, const Patient& patient, qint64 nowUtcMs)
{
    const auto latest = ScreeningRepository(ctx).latest(patient.id);
    if (!latest.ok()) {
        if (latest.error().kind == db::DbError::Kind::NotFound) {
            return interlock(QStringLiteral("screening: no contraindication screening is on record for patient %1; "
                                            "record one before treatment")
                                 .arg(patient.fields.mrn));
        }
        return storage(latest.error());
    }
    const Screening& s = *latest;
    if (s.outcome == ScreeningOutcome::Blocked) {
        return interlock(QStringLiteral("screening: the screening of %1 (#%2) blocks treatment: %3")
                             .arg(dateOf(s.screenedUtcMs))
                             .arg(s.id)
                             .arg(blockingItems(s)));
    }
    const qint64 validUntil = std::min(s.expiresUtcMs, s.screenedUtcMs + kScreeningValidity.count());
    if (nowUtcMs >= validUntil || nowUtcMs < s.screenedUtcMs) {
        return interlock(
            QStringLiteral("screening: the screening of %1 (#%2) expired on %3 (valid %4 days at most); screen "
                           "the patient again")
                .arg(dateOf(s.screenedUtcMs))
                .arg(s.id)
                .arg(dateOf(validUntil))
                .arg(std::chrono::duration_cast<std::chrono::hours>(kScreeningValidity).count() / 24));
    }
    return s;
}

bool isActive(const Placement& p)
{
    return p.fields.polarity == Polarity::ActiveCathode || p.fields.polarity == Polarity::Symmetric;
}

AppResult<PlacedChannel> placedChannel(const QList<Placement>& current, const ChannelRequest& request)
{
    const QString wanted = request.siteId.trimmed().toLower();
    const Placement* active = nullptr;
    const Placement* reference = nullptr;
    QStringList elsewhere;
    for (const Placement& p : current) {
        if (p.fields.channel != request.channel) {
            continue;
        }
        const QString site = siteIdOf(toText(p.fields.side), p.fields.muscle);
        if (site != wanted) {
            elsewhere.append(site);
            continue;
        }
        if (isActive(p) && active == nullptr) {
            active = &p;
        } else if (p.fields.polarity == Polarity::Reference && reference == nullptr) {
            reference = &p;
        }
    }
    if (active == nullptr) {
        if (!elsewhere.isEmpty()) {
            elsewhere.removeDuplicates();
            return interlock(QStringLiteral("placement: channel %1 is recorded at %2, not at %3; record the "
                                            "placement used today")
                                 .arg(request.channel)
                                 .arg(elsewhere.join(QStringLiteral(", ")), wanted));
        }
        return interlock(QStringLiteral("placement: no electrode placement is recorded for channel %1 (%2); record "
                                        "it before treatment")
                             .arg(request.channel)
                             .arg(wanted));
    }
    PlacedChannel out;
    out.channel = request.channel;
    out.siteId = wanted;
    out.placementId = active->id;
    out.padAreaCm2 = active->fields.electrodeAreaCm2();
    if (reference != nullptr) {
        out.referencePlacementId = reference->id;
        out.padAreaCm2 = std::min(out.padAreaCm2, reference->fields.electrodeAreaCm2());
    }
    if (request.padAreaCm2) {
        out.padAreaCm2 = std::min(out.padAreaCm2, *request.padAreaCm2);
    }
    return out;
}

} // namespace

QString siteIdOf(const QString& side, const QString& muscle)
{
    static const QRegularExpression separators(QStringLiteral("[\\s_-]+"));
    QString m = muscle.trimmed().toLower();
    m.replace(separators, QStringLiteral("-"));
    return side.trimmed().toLower() + QLatin1Char('-') + m;
}

AppResult<PatientRecords> checkPatientRecords(RecordStore& store, const SessionRequest& request, qint64 nowUtcMs)
{
    const auto ctx = store.impl().context();
    const auto patient = PatientRepository(ctx).byMrn(request.patientMrn);
    if (!patient.ok()) {
        if (patient.error().kind == db::DbError::Kind::NotFound) {
            return AppError{AppError::Kind::NotFound,
                QStringLiteral("patient: no patient with MRN '%1' is on record").arg(request.patientMrn)};
        }
        return storage(patient.error());
    }
    const auto screening = checkScreening(ctx, *patient, nowUtcMs);
    if (!screening.ok()) {
        return screening.error();
    }
    const auto current = PlacementRepository(ctx).current(patient->id);
    if (!current.ok()) {
        return storage(current.error());
    }
    PatientRecords out;
    out.patientId = patient->id;
    out.mrn = patient->fields.mrn;
    out.name = patient->fields.familyName + QStringLiteral(", ") + patient->fields.givenNames;
    out.birthDate = patient->fields.birthDate;
    out.screeningId = screening->id;
    out.screeningValidUntilUtcMs
        = std::min(screening->expiresUtcMs, screening->screenedUtcMs + kScreeningValidity.count());
    for (const ChannelRequest& c : request.channels) {
        auto placed = placedChannel(*current, c);
        if (!placed.ok()) {
            return placed.error();
        }
        out.channels.append(std::move(placed).value());
    }
    return out;
}

AppResult<QList<ChannelCalibration>> checkCalibrations(
    RecordStore& store, const SignedInUser& user, const QString& deviceId, const QList<int>& channels)
{
    CalibrationRepository calibrations(store.impl().context());
    CalibrationService service(store);
    QList<ChannelCalibration> out;
    for (const int channel : channels) {
        const auto inForce = calibrations.inForce(deviceId, channel);
        if (!inForce.ok()) {
            return storage(inForce.error());
        }
        ChannelCalibration c;
        c.channel = channel;
        const auto& latest = inForce->latest;
        switch (inForce->state) {
        case db::records::CalibrationState::Failed:
            return interlock(QStringLiteral("calibration: channel %1 of device %2 failed its calibration of %3 "
                                            "(#%4); it is locked until a passing calibration is recorded")
                                 .arg(channel)
                                 .arg(deviceId, dateOf(latest ? latest->performedUtcMs : 0))
                                 .arg(latest ? latest->id : 0));
        case db::records::CalibrationState::Overdue:
            return interlock(QStringLiteral("calibration: channel %1 of device %2 is overdue (calibration #%3 was "
                                            "due on %4); it is locked until it is calibrated again")
                                 .arg(channel)
                                 .arg(deviceId)
                                 .arg(latest ? latest->id : 0)
                                 .arg(dateOf(latest ? latest->record.dueUtcMs : 0)));
        case db::records::CalibrationState::NotCalibrated:
            c.note = QStringLiteral("no calibration on record");
            break;
        case db::records::CalibrationState::Valid:
            if (latest) {
                c.calibrationId = latest->id;
                qint64 top = 0;
                for (const CalibrationPoint& p : latest->record.points) {
                    top = std::max(top, p.commandedUa);
                }
                if (top > 0) {
                    c.calibratedMaxUa = top;
                }
                c.note = QStringLiteral("calibration #%1 valid until %2")
                             .arg(latest->id)
                             .arg(dateOf(latest->record.dueUtcMs));
            }
            break;
        }
        auto status = service.status(user, deviceId, channel);
        if (!status.ok()) {
            return status.error();
        }
        if (status->locked) {
            return interlock(QStringLiteral("calibration: channel %1 of device %2 is locked: %3")
                                 .arg(channel)
                                 .arg(deviceId, status->reason));
        }
        c.status = std::move(status).value();
        out.append(c);
    }
    return out;
}

} // namespace galvani::app
