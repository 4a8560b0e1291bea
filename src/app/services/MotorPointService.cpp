// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/MotorPointService.h"

#include "app/access/AccessGuard.h"
#include "app/services/PatientLookup.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "core/domain/PlacementCatalogue.h"
#include "db/ScopedTransaction.h"
#include "db/records/MotorPointRepository.h"
#include "db/records/PlacementRepository.h"

#include <QHash>

#include <algorithm>

namespace galvani::app {

namespace {

namespace rec = db::records;

MotorPointView viewOf(const rec::MotorPoint& m, const rec::Placement& p)
{
    MotorPointView v;
    v.id = m.id;
    v.placementId = m.fields.placementId;
    v.channel = p.fields.channel;
    v.siteId = detail::siteIdOf(p.fields);
    v.muscle = p.fields.muscle;
    v.side = rec::toText(p.fields.side);
    (void)parsePosture(rec::toText(p.fields.posture), &v.posture); // the same vocabulary, word for word
    v.thresholdUa = m.fields.thresholdUa;
    v.pulseWidthUs = static_cast<int>(m.fields.pulseWidthUs);
    v.frequencyMilliHz = m.fields.frequencyMilliHz;
    v.sensoryThresholdUa = m.fields.sensoryThresholdUa;
    v.painThresholdUa = m.fields.painThresholdUa;
    v.mtiUa = m.fields.mtiUa;
    v.notes = m.fields.notes;
    v.measuredBy = m.measuredBy;
    v.measuredUtcMs = m.measuredUtcMs;
    v.reusable = m.reusable;
    return v;
}

bool sameSpot(const rec::PlacementFields& a, const rec::PlacementFields& b)
{
    return a.muscle == b.muscle && a.side == b.side && a.posture == b.posture;
}

// Placements looked up once per call, whichever version a point belongs to.
class PlacementCache {
public:
    explicit PlacementCache(const db::StoreContext& ctx) : m_repo(ctx) { }

    AppResult<rec::Placement> get(qint64 id)
    {
        if (const auto it = m_seen.constFind(id); it != m_seen.constEnd()) {
            return it.value();
        }
        const auto p = m_repo.byId(id);
        if (!p.ok()) {
            return detail::fromDb(p.error());
        }
        m_seen.insert(id, p.value());
        return p.value();
    }

private:
    rec::PlacementRepository m_repo;
    QHash<qint64, rec::Placement> m_seen;
};

AppResult<QList<MotorPointView>> viewsOf(const QList<rec::MotorPoint>& points, PlacementCache& placements)
{
    QList<MotorPointView> out;
    for (const rec::MotorPoint& m : points) {
        const auto p = placements.get(m.fields.placementId);
        if (!p.ok()) {
            return p.error();
        }
        out.append(viewOf(m, p.value()));
    }
    return out;
}

AppResult<rec::Placement> currentPlacement(const QList<rec::Placement>& current, qint64 placementId)
{
    for (const rec::Placement& p : current) {
        if (p.id == placementId) {
            return p;
        }
    }
    return detail::notFound(
        QStringLiteral("placement %1 is not a placement in use for this patient (it may have been replaced or "
                       "removed meanwhile)")
            .arg(placementId));
}

rec::MotorPointFields fieldsOf(const MotorPointInput& input)
{
    rec::MotorPointFields f;
    f.placementId = input.placementId;
    f.thresholdUa = input.thresholdUa;
    f.pulseWidthUs = input.pulseWidthUs;
    f.frequencyMilliHz = input.frequencyMilliHz;
    f.sensoryThresholdUa = input.sensoryThresholdUa;
    f.painThresholdUa = input.painThresholdUa;
    f.mtiUa = input.mtiUa;
    f.notes = input.notes;
    return f;
}

} // namespace

MotorPointService::MotorPointService(RecordStore& store) : m_store(store)
{
}

AppResult<MotorPointView> MotorPointService::record(
    const SignedInUser& user, const QString& patientMrn, const MotorPointInput& input)
{
    const auto patient = detail::allowedPatient(m_store, user, Action::EditPlacements, patientMrn);
    if (!patient.ok()) {
        return patient.error();
    }
    const auto ctx = m_store.impl().context();
    const auto current = rec::PlacementRepository(ctx).current(patient->id);
    if (!current.ok()) {
        return detail::fromDb(current.error());
    }
    const auto placement = currentPlacement(current.value(), input.placementId);
    if (!placement.ok()) {
        return placement.error();
    }
    const auto recorded = rec::MotorPointRepository(ctx).record(fieldsOf(input), detail::actorOf(user));
    if (!recorded.ok()) {
        return detail::fromDb(recorded.error());
    }
    return viewOf(recorded.value(), placement.value());
}

AppResult<QList<MotorPointView>> MotorPointService::current(const SignedInUser& user, const QString& patientMrn)
{
    const auto patient = detail::allowedPatient(m_store, user, Action::EditPlacements, patientMrn);
    if (!patient.ok()) {
        return patient.error();
    }
    const auto ctx = m_store.impl().context();
    const auto current = rec::PlacementRepository(ctx).current(patient->id);
    if (!current.ok()) {
        return detail::fromDb(current.error());
    }
    rec::MotorPointRepository points(ctx);
    QList<MotorPointView> out;
    for (const rec::Placement& p : current.value()) {
        const auto found = points.forPlacement(p.id);
        if (!found.ok()) {
            return detail::fromDb(found.error());
        }
        for (const rec::MotorPoint& m : found.value()) {
            out.append(viewOf(m, p));
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const MotorPointView& a, const MotorPointView& b) {
        return a.channel != b.channel ? a.channel < b.channel : a.measuredUtcMs > b.measuredUtcMs;
    });
    return out;
}

AppResult<QList<MotorPointView>> MotorPointService::remembered(const SignedInUser& user, const QString& patientMrn)
{
    const auto patient = detail::allowedPatient(m_store, user, Action::EditPlacements, patientMrn);
    if (!patient.ok()) {
        return patient.error();
    }
    const auto ctx = m_store.impl().context();
    const auto found = rec::MotorPointRepository(ctx).reusableForPatient(patient->id);
    if (!found.ok()) {
        return detail::fromDb(found.error());
    }
    PlacementCache placements(ctx);
    return viewsOf(found.value(), placements);
}

AppResult<QList<MotorPointView>> MotorPointService::reuseOnCurrent(const SignedInUser& user, const QString& patientMrn)
{
    const auto patient = detail::allowedPatient(m_store, user, Action::EditPlacements, patientMrn);
    if (!patient.ok()) {
        return patient.error();
    }
    const auto ctx = m_store.impl().context();
    db::ScopedTransaction tx(ctx.db);
    if (!tx.began()) {
        return detail::fromDb(tx.status().error());
    }
    const auto current = rec::PlacementRepository(ctx).current(patient->id);
    if (!current.ok()) {
        return detail::fromDb(current.error());
    }
    rec::MotorPointRepository points(ctx);
    const auto remembered = points.reusableForPatient(patient->id); // newest first
    if (!remembered.ok()) {
        return detail::fromDb(remembered.error());
    }
    PlacementCache placements(ctx);
    QList<MotorPointView> out;
    for (const rec::Placement& p : current.value()) {
        const auto own = points.forPlacement(p.id);
        if (!own.ok()) {
            return detail::fromDb(own.error());
        }
        if (!own->isEmpty()) {
            continue;
        }
        // Posture is part of the match: points shift up to 3.1 cm between sitting and supine (CLINICAL §4).
        for (const rec::MotorPoint& m : remembered.value()) {
            const auto from = placements.get(m.fields.placementId);
            if (!from.ok()) {
                return from.error();
            }
            if (!sameSpot(from->fields, p.fields)) {
                continue;
            }
            rec::MotorPointFields f = m.fields;
            f.placementId = p.id;
            const auto again = points.record(f, detail::actorOf(user));
            if (!again.ok()) {
                return detail::fromDb(again.error());
            }
            out.append(viewOf(again.value(), p));
            break;
        }
    }
    if (auto s = tx.commit(); !s.ok()) {
        return detail::fromDb(s.error());
    }
    return out;
}

AppResult<MotorPointView> MotorPointService::setReusable(
    const SignedInUser& user, const QString& patientMrn, qint64 motorPointId, bool reusable, const QString& reason)
{
    const auto patient = detail::allowedPatient(m_store, user, Action::EditPlacements, patientMrn);
    if (!patient.ok()) {
        return patient.error();
    }
    const auto ctx = m_store.impl().context();
    rec::MotorPointRepository points(ctx);
    const auto point = points.byId(motorPointId);
    if (!point.ok() && point.error().kind != db::DbError::Kind::NotFound) {
        return detail::fromDb(point.error());
    }
    PlacementCache placements(ctx);
    const auto placement = point.ok() ? placements.get(point->fields.placementId)
                                      : AppResult<rec::Placement>(detail::fromDb(point.error()));
    // Another patient's point is reported exactly like a missing one.
    if (!placement.ok() || placement->patientId != patient->id) {
        return detail::notFound(
            QStringLiteral("motor point %1 is not a motor point of this patient").arg(motorPointId));
    }
    const auto changed = points.setReusable(motorPointId, reusable, detail::actorOf(user), reason);
    if (!changed.ok()) {
        return detail::fromDb(changed.error());
    }
    return viewOf(changed.value(), placement.value());
}

} // namespace galvani::app
