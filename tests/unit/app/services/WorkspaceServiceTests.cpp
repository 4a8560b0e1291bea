// SPDX-License-Identifier: GPL-3.0-or-later
// The services the patient workspace added: MotorPointService, PatientNoteService and PlacementService's
// replace / retire / reuseCurrent. Roles refused and audited, hostile text, round trips through the store.
#include "ServiceStore.h"

#include "app/services/AuditService.h"
#include "app/services/MotorPointService.h"
#include "app/services/PatientNoteService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <functional>

using namespace galvani;
using test::ServiceStore;

namespace {

app::PlacementInput placementAt(const QString& siteId, int channel, app::ElectrodePolarity polarity)
{
    app::PlacementInput in;
    in.siteId = siteId;
    in.channel = channel;
    in.polarity = polarity;
    in.electrodeWidthMm = 50;
    in.electrodeHeightMm = 90;
    return in;
}

app::PlacementView recordPlacement(
    ServiceStore& s, const app::SignedInUser& user, const QString& mrn, const app::PlacementInput& in)
{
    const auto r = app::PlacementService(s.store()).record(user, mrn, in);
    INFO((r.ok() ? QString() : r.error().message).toStdString());
    REQUIRE(r.ok());
    return r.value();
}

app::MotorPointInput pointOn(qint64 placementId, qint64 thresholdUa)
{
    app::MotorPointInput in;
    in.placementId = placementId;
    in.thresholdUa = thresholdUa;
    in.pulseWidthUs = 250;
    in.frequencyMilliHz = 2000;
    return in;
}

QStringList payloads()
{
    QString withNul = QStringLiteral("before");
    withNul.append(QChar(u'\0'));
    withNul.append(QStringLiteral("after"));
    return {QStringLiteral("'; DROP TABLE motor_points; --"), QStringLiteral("' OR '1'='1"),
        QStringLiteral(":id ?1 $1 %s %d _%"), QStringLiteral("$$; DROP TABLE notes; $$"),
        QStringLiteral("😀 Zoë Ångström 👩‍⚕️"), QStringLiteral("\u202Egnp.exe\u202C مرحبا"),
        QStringLiteral("line1\nline2\ttab\r\nend"), withNul, QString(5000, QLatin1Char('x')),
        QStringLiteral("=HYPERLINK(\"http://x\")")};
}

// Stored exactly as given, or refused as Invalid with a message naming the field (and the limit or the NUL).
template <typename T>
void storedOrRefused(const app::AppResult<T>& result, const std::function<QString(const T&)>& readBack,
    const QString& payload, const QString& field, int maxChars, bool required)
{
    INFO(field.toStdString() << ": payload of " << payload.size() << " characters " << payload.left(40).toStdString());
    const bool acceptable
        = payload.size() <= maxChars && !payload.contains(QChar(u'\0')) && (!required || !payload.trimmed().isEmpty());
    if (!result.ok()) {
        INFO("refused: " << result.error().message.toStdString());
    }
    REQUIRE(result.ok() == acceptable);
    if (result.ok()) {
        CHECK(readBack(result.value()) == payload);
        return;
    }
    CHECK(result.error().kind == app::AppError::Kind::Invalid);
    CHECK(result.error().message.contains(field, Qt::CaseInsensitive));
    if (payload.size() > maxChars) {
        CHECK(result.error().message.contains(QString::number(maxChars)));
    } else {
        CHECK(result.error().message.contains(QStringLiteral("NUL")));
    }
}

} // namespace

TEST_CASE("motor points, notes and placement changes are refused to admins and technicians and audited",
    "[app][access][motorpoints]")
{
    ServiceStore s;
    const auto admin = s.admin();
    const auto technician = s.addUser(QStringLiteral("theo"), app::Role::Technician);
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const QString mrn = QStringLiteral("MRN-ROLES");
    test::addPatient(s, therapist, mrn);
    const auto placed = recordPlacement(s, therapist, mrn,
        placementAt(QStringLiteral("left-upper-trapezius"), 1, app::ElectrodePolarity::ActiveCathode));
    app::MotorPointService points(s.store());
    const auto point = points.record(therapist, mrn, pointOn(placed.id, 8'500));
    REQUIRE(point.ok());

    app::PlacementService placements(s.store());
    app::PatientNoteService notes(s.store());
    const QString reason = QStringLiteral("test");
    using Call = std::function<std::optional<app::AppError>(const app::SignedInUser&)>;
    const auto err = [](const auto& r) { return r.ok() ? std::optional<app::AppError>() : r.error(); };
    const QList<Call> calls{
        [&](const auto& u) { return err(points.record(u, mrn, pointOn(placed.id, 9'000))); },
        [&](const auto& u) { return err(points.current(u, mrn)); },
        [&](const auto& u) { return err(points.remembered(u, mrn)); },
        [&](const auto& u) { return err(points.reuseOnCurrent(u, mrn)); },
        [&](const auto& u) { return err(points.setReusable(u, mrn, point->id, false, reason)); },
        [&](const auto& u) { return err(notes.add(u, mrn, QStringLiteral("a note"))); },
        [&](const auto& u) { return err(placements.reuseCurrent(u, mrn)); },
        [&](const auto& u) {
            return err(placements.replace(u, mrn, placed.id,
                placementAt(QStringLiteral("left-middle-trapezius"), 1, app::ElectrodePolarity::ActiveCathode),
                reason));
        },
        [&](const auto& u) { return err(placements.retire(u, mrn, placed.id, reason)); },
    };
    for (const auto& user : {admin, technician}) {
        for (int i = 0; i < calls.size(); ++i) {
            INFO("call " << i << " as " << app::toString(user.role).toStdString());
            const qint64 before = s.refusedRows();
            const auto refused = calls[i](user);
            REQUIRE(refused.has_value());
            CHECK(refused->kind == app::AppError::Kind::Denied);
            CHECK(s.refusedRows() == before + 1);
        }
    }
    // Nothing the refused calls named was changed.
    const auto current = placements.current(therapist, mrn);
    REQUIRE(current.ok());
    REQUIRE(current->size() == 1);
    CHECK(current->first().id == placed.id);
    CHECK(points.current(therapist, mrn)->size() == 1);
    const auto details = app::PatientService(s.store()).findByMrn(therapist, mrn);
    REQUIRE(details.ok());
    CHECK(details->notes.isEmpty());
}

TEST_CASE("hostile text in motor point notes, patient notes and reasons is stored verbatim or refused naming the field",
    "[app][injection][motorpoints]")
{
    ServiceStore s;
    const auto admin = s.admin();
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const QString mrn = QStringLiteral("MRN-HOSTILE");
    test::addPatient(s, therapist, mrn);
    const auto placed = recordPlacement(s, therapist, mrn,
        placementAt(QStringLiteral("right-lumbar-multifidus"), 3, app::ElectrodePolarity::Symmetric));
    app::MotorPointService points(s.store());
    app::PatientNoteService notes(s.store());
    for (const QString& payload : payloads()) {
        auto in = pointOn(placed.id, 12'000);
        in.notes = payload;
        const auto recorded = points.record(therapist, mrn, in);
        storedOrRefused<app::MotorPointView>(
            recorded, [](const app::MotorPointView& v) { return v.notes; }, payload,
            QStringLiteral("motor point notes"), 250, false);

        storedOrRefused<app::PatientNoteView>(
            notes.add(therapist, mrn, payload), [](const app::PatientNoteView& v) { return v.body; }, payload,
            QStringLiteral("note"), app::PatientNoteService::kMaxNoteChars, true);

        if (recorded.ok()) {
            const auto withdrawn = points.setReusable(therapist, mrn, recorded->id, false, payload);
            INFO((withdrawn.ok() ? QString() : withdrawn.error().message).toStdString());
            CHECK(withdrawn.ok() == (payload.size() <= 1000 && !payload.contains(QChar(u'\0'))));
        }
    }
    // Read back from the store, not only from the returned values.
    const auto details = app::PatientService(s.store()).findByMrn(therapist, mrn);
    REQUIRE(details.ok());
    CHECK(details->notes.size() == 8); // all but the NUL and the 5000-character payloads
    bool found = false;
    for (const auto& n : details->notes) {
        found = found || n.body == payloads().first();
    }
    CHECK(found);
    const auto check = app::AuditService(s.store()).verify(admin);
    REQUIRE(check.ok());
    CHECK(check->ok);
}

TEST_CASE("reusing the last visit records the placements and their motor points again for today",
    "[app][placement][motorpoints]")
{
    ServiceStore s;
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const QString mrn = QStringLiteral("MRN-REUSE");
    test::addPatient(s, therapist, mrn);
    app::PlacementService placements(s.store());
    app::MotorPointService points(s.store());

    const auto reuseNothing = placements.reuseCurrent(therapist, mrn);
    REQUIRE_FALSE(reuseNothing.ok());
    CHECK(reuseNothing.error().kind == app::AppError::Kind::NotFound);

    const auto trapezius = recordPlacement(s, therapist, mrn,
        placementAt(QStringLiteral("left-upper-trapezius"), 1, app::ElectrodePolarity::ActiveCathode));
    const auto reference = recordPlacement(
        s, therapist, mrn, placementAt(QStringLiteral("left-middle-trapezius"), 1, app::ElectrodePolarity::Reference));
    auto sittingInput = placementAt(QStringLiteral("right-upper-trapezius"), 2, app::ElectrodePolarity::ActiveCathode);
    sittingInput.posture = app::PatientPosture::Sitting;
    const auto sitting = recordPlacement(s, therapist, mrn, sittingInput);

    auto in = pointOn(trapezius.id, 7'300);
    in.notes = QStringLiteral("2 cm medial of the marked spot");
    const auto point = points.record(therapist, mrn, in);
    REQUIRE(point.ok());
    CHECK(point->channel == 1);
    CHECK(point->siteId == QStringLiteral("left-upper-trapezius"));
    CHECK(point->thresholdUa == 7'300);
    CHECK(point->reusable);
    const auto sittingPoint = points.record(therapist, mrn, pointOn(sitting.id, 9'100));
    REQUIRE(sittingPoint.ok());

    // A point on a placement the patient does not have is refused.
    const auto stray = points.record(therapist, mrn, pointOn(999'999, 5'000));
    REQUIRE_FALSE(stray.ok());
    CHECK(stray.error().kind == app::AppError::Kind::NotFound);
    // Out of range: named with its range.
    const auto tooStrong = points.record(therapist, mrn, pointOn(trapezius.id, 200'000));
    REQUIRE_FALSE(tooStrong.ok());
    CHECK(tooStrong.error().message.contains(QStringLiteral("motor threshold")));

    s.clock.advance(std::chrono::hours(24 * 7));
    const auto reused = placements.reuseCurrent(therapist, mrn);
    REQUIRE(reused.ok());
    REQUIRE(reused->size() == 3);
    const auto current = placements.current(therapist, mrn);
    REQUIRE(current.ok());
    REQUIRE(current->size() == 3);
    for (const auto& p : current.value()) {
        CHECK(p.recordedUtcMs > trapezius.recordedUtcMs);
        CHECK(p.id != trapezius.id);
        CHECK(p.id != reference.id);
        CHECK(p.id != sitting.id);
    }
    CHECK(current->at(0).channel == 1);
    CHECK(current->at(2).siteId == QStringLiteral("right-upper-trapezius"));
    CHECK(current->at(2).posture == app::PatientPosture::Sitting);
    // The new versions have no points of their own yet; the remembered ones are offered.
    CHECK(points.current(therapist, mrn)->isEmpty());
    CHECK(points.remembered(therapist, mrn)->size() == 2);

    // Withdraw the sitting point from reuse: it is then not copied.
    REQUIRE(points.setReusable(therapist, mrn, sittingPoint->id, false, QStringLiteral("poor response")).ok());
    const auto copied = points.reuseOnCurrent(therapist, mrn);
    REQUIRE(copied.ok());
    REQUIRE(copied->size() == 1);
    CHECK(copied->first().thresholdUa == 7'300);
    CHECK(copied->first().notes == in.notes);
    CHECK(copied->first().channel == 1);
    CHECK(copied->first().placementId == current->at(0).id);
    const auto now = points.current(therapist, mrn);
    REQUIRE(now.ok());
    REQUIRE(now->size() == 1);
    CHECK(now->first().id == copied->first().id);
    // Reusing again copies nothing: every placement that has a remembered point has one now.
    CHECK(points.reuseOnCurrent(therapist, mrn)->isEmpty());

    // A placement recorded in another posture does not take a supine point.
    const auto replaced = placements.replace(
        therapist, mrn, current->at(0).id,
        [&] {
            auto p = placementAt(QStringLiteral("left-upper-trapezius"), 1, app::ElectrodePolarity::ActiveCathode);
            p.posture = app::PatientPosture::Sitting;
            return p;
        }(),
        QStringLiteral("treated sitting today"));
    REQUIRE(replaced.ok());
    CHECK(replaced->posture == app::PatientPosture::Sitting);
    CHECK(points.reuseOnCurrent(therapist, mrn)->isEmpty());
}

TEST_CASE("placements are replaced and retired only while in use and only for their own patient", "[app][placement]")
{
    ServiceStore s;
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    test::addPatient(s, therapist, QStringLiteral("MRN-A"));
    test::addPatient(s, therapist, QStringLiteral("MRN-B"));
    app::PlacementService placements(s.store());
    app::MotorPointService points(s.store());
    const auto a = recordPlacement(s, therapist, QStringLiteral("MRN-A"),
        placementAt(QStringLiteral("left-latissimus-dorsi"), 4, app::ElectrodePolarity::ActiveCathode));
    const auto aPoint = points.record(therapist, QStringLiteral("MRN-A"), pointOn(a.id, 10'000));
    REQUIRE(aPoint.ok());

    const auto move = placementAt(QStringLiteral("right-latissimus-dorsi"), 4, app::ElectrodePolarity::ActiveCathode);
    const auto wrongPatient = placements.replace(therapist, QStringLiteral("MRN-B"), a.id, move, QStringLiteral("x"));
    REQUIRE_FALSE(wrongPatient.ok());
    CHECK(wrongPatient.error().kind == app::AppError::Kind::NotFound);
    CHECK_FALSE(placements.retire(therapist, QStringLiteral("MRN-B"), a.id, QStringLiteral("x")).ok());
    CHECK_FALSE(points.record(therapist, QStringLiteral("MRN-B"), pointOn(a.id, 10'000)).ok());
    const auto otherPoint
        = points.setReusable(therapist, QStringLiteral("MRN-B"), aPoint->id, false, QStringLiteral("x"));
    REQUIRE_FALSE(otherPoint.ok());
    CHECK(otherPoint.error().kind == app::AppError::Kind::NotFound);

    const auto noReason = placements.replace(therapist, QStringLiteral("MRN-A"), a.id, move, QString());
    REQUIRE_FALSE(noReason.ok());
    CHECK(noReason.error().message.contains(QStringLiteral("reason")));
    const auto badSite = placements.replace(therapist, QStringLiteral("MRN-A"), a.id,
        placementAt(QStringLiteral("left-knee"), 4, app::ElectrodePolarity::ActiveCathode), QStringLiteral("x"));
    REQUIRE_FALSE(badSite.ok());
    CHECK(badSite.error().message.contains(QStringLiteral("left-knee")));

    const auto moved = placements.replace(therapist, QStringLiteral("MRN-A"), a.id, move, QStringLiteral("other side"));
    REQUIRE(moved.ok());
    CHECK(moved->siteId == QStringLiteral("right-latissimus-dorsi"));
    // The replaced version is no longer in use.
    CHECK_FALSE(placements.replace(therapist, QStringLiteral("MRN-A"), a.id, move, QStringLiteral("again")).ok());
    REQUIRE(placements.current(therapist, QStringLiteral("MRN-A"))->size() == 1);

    const auto retired = placements.retire(therapist, QStringLiteral("MRN-A"), moved->id, QStringLiteral("done"));
    REQUIRE(retired.ok());
    CHECK(placements.current(therapist, QStringLiteral("MRN-A"))->isEmpty());
    CHECK_FALSE(placements.retire(therapist, QStringLiteral("MRN-A"), moved->id, QStringLiteral("done")).ok());
    // The retired placement's point is still remembered for a later placement at that spot.
    CHECK(points.remembered(therapist, QStringLiteral("MRN-A"))->size() == 1);
}
