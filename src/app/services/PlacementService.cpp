// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/PlacementService.h"

#include "app/access/AccessGuard.h"
#include "app/services/PatientLookup.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "core/domain/PlacementCatalogue.h"
#include "db/ScopedTransaction.h"
#include "db/records/PlacementRepository.h"

#include <algorithm>
#include <array>
#include <utility>

namespace galvani::app {

namespace {

namespace rec = db::records;

// The app's vocabularies are the record store's, value for value and word for word.
constexpr std::array<std::pair<ElectrodePolarity, rec::Polarity>, 3> kPolarities{{
    {ElectrodePolarity::ActiveCathode, rec::Polarity::ActiveCathode},
    {ElectrodePolarity::Reference, rec::Polarity::Reference},
    {ElectrodePolarity::Symmetric, rec::Polarity::Symmetric},
}};
constexpr std::array<std::pair<ElectrodeKind, rec::ElectrodeType>, 2> kKinds{{
    {ElectrodeKind::SelfAdhesive, rec::ElectrodeType::SelfAdhesive},
    {ElectrodeKind::CarbonSponge, rec::ElectrodeType::CarbonSponge},
}};
constexpr std::array<std::pair<PatientPosture, rec::Posture>, 5> kPostures{{
    {PatientPosture::Supine, rec::Posture::Supine},
    {PatientPosture::Prone, rec::Posture::Prone},
    {PatientPosture::Sitting, rec::Posture::Sitting},
    {PatientPosture::Standing, rec::Posture::Standing},
    {PatientPosture::SideLying, rec::Posture::SideLying},
}};

template <typename A, typename D, std::size_t N>
D toDb(const std::array<std::pair<A, D>, N>& table, A value)
{
    for (const auto& [a, d] : table) {
        if (a == value) {
            return d;
        }
    }
    return table.front().second;
}

template <typename A, typename D, std::size_t N>
A fromDb(const std::array<std::pair<A, D>, N>& table, D value)
{
    for (const auto& [a, d] : table) {
        if (d == value) {
            return a;
        }
    }
    return table.front().first;
}

template <typename A, typename D, std::size_t N>
bool parse(const std::array<std::pair<A, D>, N>& table, const QString& text, A* out)
{
    QString normalised = text.trimmed().toLower();
    normalised.replace(QLatin1Char('-'), QLatin1Char('_'));
    for (const auto& [a, d] : table) {
        if (rec::toText(d) == normalised) {
            *out = a;
            return true;
        }
    }
    return false;
}

PlacementSiteInfo infoOf(const core::PlacementSite& s)
{
    return PlacementSiteInfo{detail::fromUtf8(s.id), detail::fromUtf8(s.muscle),
        detail::fromUtf8(core::toString(s.side)), detail::fromUtf8(s.landmark), detail::fromUtf8(s.guidance),
        s.offsetCranialMm, s.offsetLateralMm, detail::fromUtf8(s.atlasMotorPoints), s.convention, s.postureSensitive};
}

PlacementView viewOf(const rec::Placement& p)
{
    const rec::PlacementFields& f = p.fields;
    PlacementView v;
    v.id = p.id;
    v.patientId = p.patientId;
    v.siteId = detail::siteIdOf(f);
    v.channel = f.channel;
    v.leadLabel = f.leadLabel;
    v.muscle = f.muscle;
    v.side = rec::toText(f.side);
    v.landmark = f.landmark;
    v.offsetCranialMm = f.offsetCranialMm;
    v.offsetLateralMm = f.offsetLateralMm;
    v.electrodeWidthMm = f.electrodeWidthMm;
    v.electrodeHeightMm = f.electrodeHeightMm;
    v.electrodeAreaMm2 = f.electrodeAreaMm2;
    v.electrodeKind = fromDb(kKinds, f.electrodeType);
    v.reuseCount = f.electrodeReuseCount;
    v.polarity = fromDb(kPolarities, f.polarity);
    v.posture = fromDb(kPostures, f.posture);
    v.notes = f.notes;
    v.recordedBy = p.recordedBy;
    v.recordedUtcMs = p.recordedUtcMs;
    return v;
}

// The fields of a placement made from `input` at its catalogue site, or an error naming the site.
AppResult<rec::PlacementFields> fieldsOf(const PlacementInput& input)
{
    const core::PlacementSite* site = core::PlacementCatalogue::find(input.siteId.toStdString());
    if (site == nullptr) {
        return detail::invalidInput(
            QStringLiteral("site '%1' is not in the placement catalogue (ids are <left|right>-<muscle>, e.g. "
                           "left-upper-trapezius)")
                .arg(input.siteId));
    }
    rec::PlacementFields f;
    f.channel = input.channel;
    f.leadLabel = input.leadLabel;
    f.muscle = detail::fromUtf8(site->muscle);
    f.side = site->side == core::BodySide::Left ? rec::Side::Left : rec::Side::Right;
    f.landmark = detail::fromUtf8(site->landmark);
    f.offsetCranialMm = input.offsetCranialMm.value_or(site->offsetCranialMm);
    f.offsetLateralMm = input.offsetLateralMm.value_or(site->offsetLateralMm);
    f.electrodeWidthMm = input.electrodeWidthMm;
    f.electrodeHeightMm = input.electrodeHeightMm;
    // Widths are checked (5–500 mm) by the repository before the default area could overflow anything.
    f.electrodeAreaMm2 = input.electrodeAreaMm2.value_or(
        std::clamp(input.electrodeWidthMm, 0, 500) * std::clamp(input.electrodeHeightMm, 0, 500));
    f.electrodeType = toDb(kKinds, input.electrodeKind);
    f.electrodeReuseCount = input.reuseCount;
    f.polarity = toDb(kPolarities, input.polarity);
    f.posture = toDb(kPostures, input.posture);
    f.notes = input.notes;
    return f;
}

// The current placement `placementId` of the patient, or NotFound when it is another patient's or no longer in
// use (replaced or removed meanwhile, e.g. on another workstation).
AppResult<rec::Placement> currentPlacement(const db::StoreContext& ctx, qint64 patientId, qint64 placementId)
{
    const auto current = rec::PlacementRepository(ctx).current(patientId);
    if (!current.ok()) {
        return detail::fromDb(current.error());
    }
    for (const rec::Placement& p : current.value()) {
        if (p.id == placementId) {
            return p;
        }
    }
    return detail::notFound(
        QStringLiteral("placement %1 is not a placement in use for this patient (it may have been replaced or "
                       "removed meanwhile)")
            .arg(placementId));
}

} // namespace

QString toString(ElectrodePolarity v)
{
    return rec::toText(toDb(kPolarities, v));
}

QString toString(ElectrodeKind v)
{
    return rec::toText(toDb(kKinds, v));
}

QString toString(PatientPosture v)
{
    return rec::toText(toDb(kPostures, v));
}

bool parsePolarity(const QString& text, ElectrodePolarity* out)
{
    return parse(kPolarities, text, out);
}

bool parseElectrodeKind(const QString& text, ElectrodeKind* out)
{
    return parse(kKinds, text, out);
}

bool parsePosture(const QString& text, PatientPosture* out)
{
    return parse(kPostures, text, out);
}

PlacementService::PlacementService(RecordStore& store) : m_store(store)
{
}

AppResult<QList<PlacementSiteInfo>> PlacementService::catalogue(const SignedInUser& user)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewPresets, QStringLiteral("placement catalogue"))) {
        return *denied;
    }
    QList<PlacementSiteInfo> out;
    for (const core::PlacementSite& s : core::PlacementCatalogue::all()) {
        out.append(infoOf(s));
    }
    return out;
}

AppResult<PlacementView> PlacementService::record(
    const SignedInUser& user, const QString& patientMrn, const PlacementInput& input)
{
    if (auto denied = checkAccess(m_store, user, Action::EditPlacements, patientMrn)) {
        return *denied;
    }
    const auto fields = fieldsOf(input);
    if (!fields.ok()) {
        return fields.error();
    }
    rec::PatientRepository patients(m_store.impl().context());
    const auto patient = detail::patientByMrn(patients, patientMrn);
    if (!patient.ok()) {
        return patient.error();
    }
    const auto recorded
        = rec::PlacementRepository(m_store.impl().context()).record(patient->id, fields.value(), detail::actorOf(user));
    if (!recorded.ok()) {
        return detail::fromDb(recorded.error());
    }
    return viewOf(recorded.value());
}

AppResult<QList<PlacementView>> PlacementService::current(const SignedInUser& user, const QString& patientMrn)
{
    const auto patient = detail::allowedPatient(m_store, user, Action::EditPlacements, patientMrn);
    if (!patient.ok()) {
        return patient.error();
    }
    const auto placements = rec::PlacementRepository(m_store.impl().context()).current(patient->id);
    if (!placements.ok()) {
        return detail::fromDb(placements.error());
    }
    QList<PlacementView> out;
    for (const auto& p : placements.value()) {
        out.append(viewOf(p));
    }
    std::stable_sort(
        out.begin(), out.end(), [](const PlacementView& a, const PlacementView& b) { return a.channel < b.channel; });
    return out;
}

AppResult<PlacementView> PlacementService::replace(const SignedInUser& user, const QString& patientMrn,
    qint64 placementId, const PlacementInput& input, const QString& reason)
{
    if (auto denied = checkAccess(m_store, user, Action::EditPlacements, patientMrn)) {
        return *denied;
    }
    const auto fields = fieldsOf(input);
    if (!fields.ok()) {
        return fields.error();
    }
    const auto ctx = m_store.impl().context();
    rec::PatientRepository patients(ctx);
    const auto patient = detail::patientByMrn(patients, patientMrn);
    if (!patient.ok()) {
        return patient.error();
    }
    const auto old = currentPlacement(ctx, patient->id, placementId);
    if (!old.ok()) {
        return old.error();
    }
    const auto revised
        = rec::PlacementRepository(ctx).revise(placementId, fields.value(), detail::actorOf(user), reason);
    if (!revised.ok()) {
        return detail::fromDb(revised.error());
    }
    return viewOf(revised.value());
}

AppResult<PlacementView> PlacementService::retire(
    const SignedInUser& user, const QString& patientMrn, qint64 placementId, const QString& reason)
{
    if (auto denied = checkAccess(m_store, user, Action::EditPlacements, patientMrn)) {
        return *denied;
    }
    const auto ctx = m_store.impl().context();
    rec::PatientRepository patients(ctx);
    const auto patient = detail::patientByMrn(patients, patientMrn);
    if (!patient.ok()) {
        return patient.error();
    }
    const auto old = currentPlacement(ctx, patient->id, placementId);
    if (!old.ok()) {
        return old.error();
    }
    const auto retired = rec::PlacementRepository(ctx).retire(placementId, detail::actorOf(user), reason);
    if (!retired.ok()) {
        return detail::fromDb(retired.error());
    }
    return viewOf(retired.value());
}

AppResult<QList<PlacementView>> PlacementService::reuseCurrent(const SignedInUser& user, const QString& patientMrn)
{
    if (auto denied = checkAccess(m_store, user, Action::EditPlacements, patientMrn)) {
        return *denied;
    }
    const auto ctx = m_store.impl().context();
    rec::PatientRepository patients(ctx);
    const auto patient = detail::patientByMrn(patients, patientMrn);
    if (!patient.ok()) {
        return patient.error();
    }
    rec::PlacementRepository placements(ctx);
    // One transaction: today's visit has all of last visit's placements or none of them.
    db::ScopedTransaction tx(ctx.db);
    if (!tx.began()) {
        return detail::fromDb(tx.status().error());
    }
    const auto current = placements.current(patient->id);
    if (!current.ok()) {
        return detail::fromDb(current.error());
    }
    if (current->isEmpty()) {
        return detail::notFound(QStringLiteral("the patient has no placement in use to reuse; record the placements"));
    }
    QList<PlacementView> out;
    const QString reason = QStringLiteral("the same placement reused at a later visit");
    for (const rec::Placement& p : current.value()) {
        const auto again = placements.revise(p.id, p.fields, detail::actorOf(user), reason);
        if (!again.ok()) {
            return detail::fromDb(again.error());
        }
        out.append(viewOf(again.value()));
    }
    if (auto s = tx.commit(); !s.ok()) {
        return detail::fromDb(s.error());
    }
    std::stable_sort(
        out.begin(), out.end(), [](const PlacementView& a, const PlacementView& b) { return a.channel < b.channel; });
    return out;
}

} // namespace galvani::app
