// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/PlacementRepository.h"

#include "db/ScopedTransaction.h"
#include "db/TimeStamp.h"
#include "db/records/RecordSupport.h"
#include "db/sql/Query.h"

#include <QCryptographicHash>

namespace galvani::db::records {

namespace {

const QString kPlacementColumns = QStringLiteral(
    "id, patient_id, supersedes_id, retired, channel, lead_label, muscle, side, landmark, offset_cranial_mm, "
    "offset_lateral_mm, electrode_width_mm, electrode_height_mm, electrode_area_mm2, electrode_type, "
    "electrode_reuse_count, polarity, posture, notes, photo, photo_mime, recorded_by, recorded_utc_ms");

Placement readPlacement(const sql::Query& q)
{
    Placement p;
    p.id = q.int64(0);
    p.patientId = q.int64(1);
    p.supersedesId = q.optInt64(2);
    p.retired = q.int64(3) != 0;
    PlacementFields& f = p.fields;
    f.channel = q.int32(4);
    f.leadLabel = q.text(5);
    f.muscle = q.text(6);
    f.side = fromText<Side>(q.text(7)).value_or(Side::Left);
    f.landmark = q.text(8);
    f.offsetCranialMm = q.int32(9);
    f.offsetLateralMm = q.int32(10);
    f.electrodeWidthMm = q.int32(11);
    f.electrodeHeightMm = q.int32(12);
    f.electrodeAreaMm2 = q.int32(13);
    f.electrodeType = fromText<ElectrodeType>(q.text(14)).value_or(ElectrodeType::SelfAdhesive);
    f.electrodeReuseCount = q.int32(15);
    f.polarity = fromText<Polarity>(q.text(16)).value_or(Polarity::ActiveCathode);
    f.posture = fromText<Posture>(q.text(17)).value_or(Posture::Prone);
    f.notes = q.text(18);
    f.photo = q.isNull(19) ? QByteArray() : q.bytes(19);
    f.photoMime = q.optText(20).value_or(QString());
    p.recordedBy = q.int64(21);
    p.recordedUtcMs = q.int64(22);
    return p;
}

QJsonObject toJson(const Placement& p)
{
    const PlacementFields& f = p.fields;
    QJsonObject o{{QStringLiteral("patient_id"), p.patientId}, {QStringLiteral("retired"), p.retired},
        {QStringLiteral("channel"), f.channel}, {QStringLiteral("lead_label"), f.leadLabel},
        {QStringLiteral("muscle"), f.muscle}, {QStringLiteral("side"), toText(f.side)},
        {QStringLiteral("landmark"), f.landmark}, {QStringLiteral("offset_cranial_mm"), f.offsetCranialMm},
        {QStringLiteral("offset_lateral_mm"), f.offsetLateralMm},
        {QStringLiteral("electrode_width_mm"), f.electrodeWidthMm},
        {QStringLiteral("electrode_height_mm"), f.electrodeHeightMm},
        {QStringLiteral("electrode_area_mm2"), f.electrodeAreaMm2},
        {QStringLiteral("electrode_type"), toText(f.electrodeType)},
        {QStringLiteral("electrode_reuse_count"), f.electrodeReuseCount},
        {QStringLiteral("polarity"), toText(f.polarity)}, {QStringLiteral("posture"), toText(f.posture)},
        {QStringLiteral("notes"), f.notes}};
    if (p.supersedesId) {
        o.insert(QStringLiteral("supersedes_id"), *p.supersedesId);
    }
    if (!f.photo.isEmpty()) {
        // The photo itself stays out of the audit trail; its hash shows which one was recorded.
        o.insert(QStringLiteral("photo_sha256"),
            QString::fromLatin1(QCryptographicHash::hash(f.photo, QCryptographicHash::Sha256).toHex()));
    }
    return o;
}

} // namespace

PlacementRepository::PlacementRepository(const StoreContext& ctx) : m_ctx(ctx)
{
}

Status PlacementRepository::validate(const PlacementFields& f)
{
    using support::checkRange;
    using support::checkText;
    for (const Status& s : {checkRange(f.channel, 1, 8, QStringLiteral("channel")),
             checkText(f.leadLabel, QStringLiteral("lead label"), 32, false),
             checkText(f.muscle, QStringLiteral("muscle"), 100, true),
             checkText(f.landmark, QStringLiteral("landmark"), 100, true),
             checkRange(f.offsetCranialMm, -500, 500, QStringLiteral("cranial offset (mm)")),
             checkRange(f.offsetLateralMm, -500, 500, QStringLiteral("lateral offset (mm)")),
             checkRange(f.electrodeWidthMm, 5, 500, QStringLiteral("electrode width (mm)")),
             checkRange(f.electrodeHeightMm, 5, 500, QStringLiteral("electrode height (mm)")),
             checkRange(f.electrodeAreaMm2, 1, qint64{f.electrodeWidthMm} * f.electrodeHeightMm,
                 QStringLiteral("electrode area (mm²), at most width × height,")),
             checkRange(f.electrodeReuseCount, 0, 10000, QStringLiteral("electrode reuse count")),
             checkText(f.notes, QStringLiteral("placement notes"), kMaxNotesChars, false)}) {
        if (!s.ok()) {
            return s;
        }
    }
    if (f.photo.size() > kMaxPhotoBytes) {
        return invalid(
            QStringLiteral("the photo has %1 bytes; at most %2 are allowed").arg(f.photo.size()).arg(kMaxPhotoBytes));
    }
    if (!f.photo.isEmpty() && f.photoMime != QLatin1String("image/jpeg") && f.photoMime != QLatin1String("image/png")) {
        return invalid(QStringLiteral("a placement photo must be image/jpeg or image/png"));
    }
    return {};
}

Result<Placement> PlacementRepository::insert(qint64 patientId, std::optional<qint64> supersedes, bool retired,
    const PlacementFields& f, const Actor& actor, const std::optional<QString>& reason)
{
    const auto author = support::requireUser(actor, QStringLiteral("a placement"));
    if (!author.ok()) {
        return author.error();
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    sql::Query q(m_ctx.db,
        QStringLiteral("INSERT INTO placements (patient_id, supersedes_id, retired, channel, lead_label, muscle, side, "
                       "landmark, offset_cranial_mm, offset_lateral_mm, electrode_width_mm, electrode_height_mm, "
                       "electrode_area_mm2, electrode_type, electrode_reuse_count, polarity, posture, notes, photo, "
                       "photo_mime, recorded_by, recorded_utc_ms) VALUES (:pat, :sup, :ret, :ch, :lead, :mus, :side, "
                       ":lm, :oc, :ol, :w, :h, :a, :et, :reuse, :pol, :pos, :notes, :photo, :mime, :by, :at) "
                       "RETURNING id"));
    q.bind(QStringLiteral(":pat"), patientId)
        .bind(QStringLiteral(":sup"), supersedes)
        .bind(QStringLiteral(":ret"), retired ? 1 : 0)
        .bind(QStringLiteral(":ch"), f.channel)
        .bind(QStringLiteral(":lead"), f.leadLabel)
        .bind(QStringLiteral(":mus"), f.muscle)
        .bind(QStringLiteral(":side"), toText(f.side))
        .bind(QStringLiteral(":lm"), f.landmark)
        .bind(QStringLiteral(":oc"), f.offsetCranialMm)
        .bind(QStringLiteral(":ol"), f.offsetLateralMm)
        .bind(QStringLiteral(":w"), f.electrodeWidthMm)
        .bind(QStringLiteral(":h"), f.electrodeHeightMm)
        .bind(QStringLiteral(":a"), f.electrodeAreaMm2)
        .bind(QStringLiteral(":et"), toText(f.electrodeType))
        .bind(QStringLiteral(":reuse"), f.electrodeReuseCount)
        .bind(QStringLiteral(":pol"), toText(f.polarity))
        .bind(QStringLiteral(":pos"), toText(f.posture))
        .bind(QStringLiteral(":notes"), f.notes)
        .bind(QStringLiteral(":photo"),
            f.photo.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(f.photo))
        .bind(
            QStringLiteral(":mime"), f.photo.isEmpty() ? std::optional<QString>() : std::optional<QString>(f.photoMime))
        .bind(QStringLiteral(":by"), author.value())
        .bind(QStringLiteral(":at"), utcMs(m_ctx.clock));
    if (Status s = q.exec(QStringLiteral("record placement")); !s.ok()) {
        if (s.error().kind == DbError::Kind::Conflict && supersedes) {
            return DbError{DbError::Kind::Conflict,
                QStringLiteral("placement %1 was already revised or retired (or the patient does not exist)")
                    .arg(*supersedes)};
        }
        return s.error();
    }
    if (!q.next()) {
        return storageError(QStringLiteral("record placement returned no id"));
    }
    const qint64 id = q.int64(0);
    q.finish();
    auto stored = byId(id);
    if (!stored.ok()) {
        return stored.error();
    }
    audit::AuditTrail trail(m_ctx);
    if (Status s = support::auditCreate(trail, actor, QStringLiteral("placements"), id, toJson(stored.value()), reason);
        !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return stored;
}

Result<Placement> PlacementRepository::record(qint64 patientId, const PlacementFields& f, const Actor& actor)
{
    if (Status s = validate(f); !s.ok()) {
        return s.error();
    }
    return insert(patientId, std::nullopt, false, f, actor, std::nullopt);
}

Result<Placement> PlacementRepository::revise(
    qint64 placementId, const PlacementFields& f, const Actor& actor, const std::optional<QString>& reason)
{
    if (Status s = validate(f); !s.ok()) {
        return s.error();
    }
    if (Status s = support::checkReason(reason); !s.ok()) {
        return s.error();
    }
    const auto old = byId(placementId);
    if (!old.ok()) {
        return old.error();
    }
    if (old->retired) {
        return refused(QStringLiteral("placement %1 is retired").arg(placementId));
    }
    return insert(old->patientId, placementId, false, f, actor, reason);
}

Result<Placement> PlacementRepository::retire(
    qint64 placementId, const Actor& actor, const std::optional<QString>& reason)
{
    if (Status s = support::checkReason(reason); !s.ok()) {
        return s.error();
    }
    const auto old = byId(placementId);
    if (!old.ok()) {
        return old.error();
    }
    if (old->retired) {
        return refused(QStringLiteral("placement %1 is already retired").arg(placementId));
    }
    return insert(old->patientId, placementId, true, old->fields, actor, reason);
}

Result<Placement> PlacementRepository::byId(qint64 id)
{
    sql::Query q(m_ctx.db, QStringLiteral("SELECT %1 FROM placements WHERE id = :id").arg(kPlacementColumns));
    q.bind(QStringLiteral(":id"), id);
    if (Status s = q.exec(QStringLiteral("read placement")); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return notFound(QStringLiteral("no placement with id %1").arg(id));
    }
    return readPlacement(q);
}

Result<QList<Placement>> PlacementRepository::current(qint64 patientId)
{
    sql::Query q(m_ctx.db,
        QStringLiteral("SELECT %1 FROM placements p WHERE patient_id = :p AND retired = 0 AND NOT EXISTS "
                       "(SELECT 1 FROM placements n WHERE n.supersedes_id = p.id) ORDER BY channel, id")
            .arg(kPlacementColumns));
    q.bind(QStringLiteral(":p"), patientId);
    if (Status s = q.exec(QStringLiteral("list current placements")); !s.ok()) {
        return s.error();
    }
    QList<Placement> out;
    while (q.next()) {
        out.append(readPlacement(q));
    }
    return out;
}

Result<QList<Placement>> PlacementRepository::history(qint64 placementId)
{
    QList<Placement> out;
    std::optional<qint64> next = placementId;
    // Walk back through supersedes_id; bounded in case of a corrupt cycle.
    for (int guard = 0; next && guard < 10000; ++guard) {
        const auto p = byId(*next);
        if (!p.ok()) {
            return p.error();
        }
        out.prepend(p.value());
        next = p->supersedesId;
    }
    return out;
}

} // namespace galvani::db::records
