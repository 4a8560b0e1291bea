// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input on every field the GUI's forms submit, at the service they submit to (in process, so NUL, NaN and
// out-of-range numbers arrive exactly as a form would pass them): patients and notes, users, screening,
// placements and motor points, the session request with every preset's editable settings, the session outcome,
// calibration setup and meter readings, export and history filters, the GUI's own options. Each bad value must be
// refused as Invalid (or the kind the service documents for it), with a message naming the field and its range,
// the store unchanged and no crash. One summary line per group:
//   badinput svc.<group> cases=N rejected=N named_field=N named_range=N partial_writes=N crashes=N known_gaps=N
#include "BadValues.h"
#include "ServiceWorld.h"
#include "Tally.h"

#include "app/AppContext.h"
#include "app/AppOptions.h"
#include "app/calibration/CalibrationProcedure.h"
#include "app/calibration/CalibrationService.h"
#include "app/export/ExportService.h"
#include "app/services/AuthService.h"
#include "app/services/MotorPointService.h"
#include "app/services/PatientNoteService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "app/services/SessionHistoryService.h"
#include "app/services/UserService.h"
#include "app/session/SessionController.h"
#include "core/domain/PresetCatalogue.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <limits>

using namespace galvani;
using namespace galvani::badinput;
using Kind = app::AppError::Kind;

namespace {

QStringList w(std::initializer_list<const char*> words)
{
    QStringList out;
    for (const char* word : words) {
        out.append(u8(word));
    }
    return out;
}

// Typed numbers as a form passes them: the rule's out-of-range values (and NaN/±inf for real fields).
QList<std::pair<BadValue, double>> typed(const NumberRule& r)
{
    QList<std::pair<BadValue, double>> out;
    for (const BadNumber& b : badNumberValues(r)) {
        out.append({BadValue{b.label, QString::number(b.value, 'g', 17), r.range}, b.value});
    }
    return out;
}

int toInt(double v)
{
    return static_cast<int>(v);
}

app::NewPatientInput validPatient()
{
    app::NewPatientInput p;
    p.mrn = QStringLiteral("BI-2002");
    p.familyName = QStringLiteral("Doe");
    p.givenNames = QStringLiteral("Jane");
    p.birthDate = QStringLiteral("1970-04-01");
    return p;
}

} // namespace

TEST_CASE("service bad input: patients and notes")
{
    ServiceWorld world;
    Tally tally(QStringLiteral("svc.patients"));
    app::PatientService patients(world.store());
    struct TextField {
        QString label;
        QStringList names;
        TextRule rule;
        QString app::NewPatientInput::*member;
    };
    const QList<TextField> fields{
        {QStringLiteral("MRN"), w({"MRN"}), {64, true, true}, &app::NewPatientInput::mrn},
        {QStringLiteral("family name"), w({"family name"}), {200, true, true}, &app::NewPatientInput::familyName},
        {QStringLiteral("given names"), w({"given names"}), {200, true, true}, &app::NewPatientInput::givenNames},
        {QStringLiteral("phone"), w({"phone"}), {100, false, true}, &app::NewPatientInput::phone},
        {QStringLiteral("email"), w({"email"}), {200, false, true}, &app::NewPatientInput::email},
        {QStringLiteral("address"), w({"address"}), {1000, false, true}, &app::NewPatientInput::address},
    };
    for (const TextField& f : fields) {
        for (const BadValue& b : badTexts(f.rule)) {
            world.check(tally, QStringLiteral("patient ") + f.label, b, f.names, [&] {
                app::NewPatientInput in = validPatient();
                in.*(f.member) = b.text;
                return refusalOf(patients.add(world.tina, in));
            });
        }
    }
    QList<BadValue> births = badDates(DateRule{anyOf({QStringLiteral("YYYY-MM-DD")}), true});
    births.append({QStringLiteral("before 1900"), QStringLiteral("1899-12-31"), anyOf({QStringLiteral("1900")})});
    births.append({QStringLiteral("in the future"), QStringLiteral("2999-01-01"), anyOf({QStringLiteral("1900")})});
    for (const BadValue& b : births) {
        world.check(tally, QStringLiteral("patient date of birth"), b, w({"date of birth"}), [&] {
            app::NewPatientInput in = validPatient();
            in.birthDate = b.text;
            return refusalOf(patients.add(world.tina, in));
        });
    }
    for (const BadValue& b : badTexts(TextRule{200, false, true})) {
        world.check(tally, QStringLiteral("patient search"), b, w({"search"}),
            [&] { return refusalOf(patients.list(world.tina, b.text)); });
    }
    for (const BadValue& b : badTexts(TextRule{64, true, true})) {
        world.check(tally, QStringLiteral("find patient by MRN"), b, w({"MRN"}),
            [&] { return refusalOf(patients.findByMrn(world.tina, b.text)); });
    }
    app::PatientNoteService notes(world.store());
    for (const BadValue& b : badTexts(TextRule{4000, true, true})) {
        world.check(tally, QStringLiteral("patient note"), b, w({"note"}),
            [&] { return refusalOf(notes.add(world.tina, ServiceWorld::kMrn, b.text)); });
    }
    for (const BadValue& b : badTexts(TextRule{64, true, true})) {
        world.check(tally, QStringLiteral("patient note MRN"), b, w({"MRN"}),
            [&] { return refusalOf(notes.add(world.tina, b.text, QStringLiteral("note"))); });
    }
    tally.finish();
}

TEST_CASE("service bad input: users and the first admin")
{
    ServiceWorld world;
    Tally tally(QStringLiteral("svc.users"));
    app::UserService users(world.store());
    const auto add = [&](const QString& name, const QString& display, const QString& password) {
        return refusalOf(users.add(world.root, app::NewUserInput{name, display, app::Role::Therapist, password}));
    };
    QList<BadValue> names = badTexts(TextRule{64, true, true});
    names.append({QStringLiteral("leading space"), QStringLiteral(" nina"), anyOf({QStringLiteral("spaces")})});
    names.append({QStringLiteral("trailing space"), QStringLiteral("nina "), anyOf({QStringLiteral("spaces")})});
    for (const BadValue& b : names) {
        world.check(tally, QStringLiteral("user name"), b, w({"username", "user name"}),
            [&] { return add(b.text, QString(), ServiceWorld::kPassword); });
    }
    for (const BadValue& b : badTexts(TextRule{200, false, true})) {
        world.check(tally, QStringLiteral("display name"), b, w({"display name"}),
            [&] { return add(QStringLiteral("nina"), b.text, ServiceWorld::kPassword); });
    }
    const QList<BadValue> passwords{
        {QStringLiteral("empty"), QString(), anyOf({QStringLiteral("10")})},
        {QStringLiteral("min-1 (9 characters)"), QStringLiteral("123456789"), anyOf({QStringLiteral("10")})},
        {QStringLiteral("max+1 (1025 characters)"), payload::overlong(1025), anyOf({QStringLiteral("1024")})},
    };
    for (const BadValue& b : passwords) {
        world.check(tally, QStringLiteral("password"), b, w({"password"}),
            [&] { return add(QStringLiteral("nina"), QString(), b.text); });
    }
    // The account an admin acts on, and the reason the audit trail keeps.
    for (const QString& action : {QStringLiteral("unlock"), QStringLiteral("deactivate"), QStringLiteral("set role")}) {
        const auto call = [&](const QString& name, const QString& reason) {
            if (action == QStringLiteral("unlock")) {
                return refusalOf(users.unlock(world.root, name, reason));
            }
            if (action == QStringLiteral("deactivate")) {
                return refusalOf(users.deactivate(world.root, name, reason));
            }
            return refusalOf(users.setRole(world.root, name, app::Role::Technician, reason));
        };
        for (const BadValue& b : badTexts(TextRule{64, true, true})) {
            world.check(tally, action + QStringLiteral(": user name"), b, w({"user name", "username"}),
                [&] { return call(b.text, QStringLiteral("battery")); });
        }
        for (const BadValue& b : badTexts(TextRule{1000, true, true})) {
            world.check(tally, action + QStringLiteral(": reason"), b, w({"reason"}),
                [&] { return call(QStringLiteral("tina"), b.text); });
        }
    }
    // The first admin of an empty store (the welcome form).
    ServiceWorld empty(false);
    Tally first(QStringLiteral("svc.first-admin"));
    app::AuthService auth(empty.store());
    for (const BadValue& b : names) {
        empty.check(first, QStringLiteral("first admin user name"), b, w({"username", "user name"}),
            [&] { return refusalOf(auth.createFirstAdmin(b.text, QStringLiteral("Admin"), ServiceWorld::kPassword)); });
    }
    for (const BadValue& b : badTexts(TextRule{200, false, true})) {
        empty.check(first, QStringLiteral("first admin display name"), b, w({"display name"}),
            [&] { return refusalOf(auth.createFirstAdmin(QStringLiteral("root"), b.text, ServiceWorld::kPassword)); });
    }
    for (const BadValue& b : passwords) {
        empty.check(first, QStringLiteral("first admin password"), b, w({"password"}),
            [&] { return refusalOf(auth.createFirstAdmin(QStringLiteral("root"), QString(), b.text)); });
    }
    tally.finish();
    first.finish();
}

TEST_CASE("service bad input: screening")
{
    ServiceWorld world;
    Tally tally(QStringLiteral("svc.screening"));
    app::ScreeningService screenings(world.store());
    const auto record = [&](const std::function<void(app::ScreeningInput&)>& edit) {
        app::ScreeningInput in = app::ScreeningInput::noneApply();
        edit(in);
        return refusalOf(screenings.record(world.tina, ServiceWorld::kMrn, in));
    };
    for (const auto& [b, v] : typed(NumberRule{1, 365, 1, true, {}, anyOf({QStringLiteral("1–365")}), {}})) {
        world.check(tally, QStringLiteral("screening valid days"), b, w({"valid days"}),
            [&, v = v] { return record([&](app::ScreeningInput& in) { in.validDays = toInt(v); }); });
    }
    for (const BadValue& b : badTexts(TextRule{4000, false, true})) {
        world.check(tally, QStringLiteral("screening notes"), b, w({"notes"}),
            [&] { return record([&](app::ScreeningInput& in) { in.notes = b.text; }); });
    }
    for (const BadValue& b : badTexts(TextRule{1000, false, true})) {
        world.check(tally, QStringLiteral("clearance reason"), b, w({"clearance reason"}),
            [&] { return record([&](app::ScreeningInput& in) { in.clearanceReason = b.text; }); });
        world.check(tally, QStringLiteral("screening item detail"), b, w({"detail"}),
            [&] { return record([&](app::ScreeningInput& in) { in.answers.first().detail = b.text; }); });
    }
    QList<BadValue> items = payloadsOnly(badChoices(ChoiceRule{{app::ScreeningService::checklist().first().id}, true}));
    items.append({QStringLiteral("empty"), QString(), Hint()});
    for (BadValue& b : items) {
        b.hint = anyOf({QStringLiteral("checklist")});
    }
    for (const BadValue& b : items) {
        world.check(tally, QStringLiteral("screening item id"), b, w({"screening item", "item"}),
            [&] { return record([&](app::ScreeningInput& in) { in.answers.first().itemId = b.text; }); });
    }
    const Hint everyItem = anyOf({QStringLiteral("every"), QStringLiteral("missing"), QStringLiteral("once"),
        QStringLiteral("lacks"), QStringLiteral("twice"), QStringLiteral("not answered")});
    world.check(tally, QStringLiteral("screening answers"),
        BadValue{QStringLiteral("an item missing"), QString(), everyItem}, w({"item", "answer"}),
        [&] { return record([](app::ScreeningInput& in) { in.answers.removeLast(); }); });
    world.check(tally, QStringLiteral("screening answers"),
        BadValue{QStringLiteral("an item twice"), QString(), everyItem}, w({"item", "answer"}),
        [&] { return record([](app::ScreeningInput& in) { in.answers.append(in.answers.first()); }); });
    world.check(tally, QStringLiteral("screening answers"), BadValue{QStringLiteral("none"), QString(), everyItem},
        w({"item", "answer"}), [&] { return record([](app::ScreeningInput& in) { in.answers.clear(); }); });
    for (const BadValue& b : badTexts(TextRule{64, true, true})) {
        world.check(tally, QStringLiteral("screening patient MRN"), b, w({"MRN"}),
            [&] { return refusalOf(screenings.record(world.tina, b.text, app::ScreeningInput::noneApply())); });
        world.check(tally, QStringLiteral("latest screening MRN"), b, w({"MRN"}),
            [&] { return refusalOf(screenings.latest(world.tina, b.text)); });
    }
    tally.finish();
}

TEST_CASE("service bad input: placements and motor points")
{
    ServiceWorld world;
    Tally tally(QStringLiteral("svc.placements"));
    app::PlacementService placements(world.store());
    const auto record = [&](const std::function<void(app::PlacementInput&)>& edit) {
        app::PlacementInput in;
        in.siteId = QStringLiteral("left-lumbar-multifidus");
        in.channel = 3;
        edit(in);
        return refusalOf(placements.record(world.tina, ServiceWorld::kMrn, in));
    };
    QList<BadValue> sites = badChoices(ChoiceRule{{QStringLiteral("left-lumbar-multifidus")}, true});
    sites.append({QStringLiteral("not a site"), QStringLiteral("left-nose"), Hint()});
    for (BadValue& b : sites) {
        b.hint = anyOf({QStringLiteral("<left|right>-<muscle>")});
    }
    for (const BadValue& b : sites) {
        world.check(tally, QStringLiteral("placement site"), b, w({"site"}),
            [&] { return record([&](app::PlacementInput& in) { in.siteId = b.text; }); });
    }
    struct IntField {
        QString label;
        NumberRule rule;
        std::function<void(app::PlacementInput&, int)> set;
    };
    const QList<IntField> ints{
        {QStringLiteral("channel"), {1, 8, 1, true, {}, anyOf({QStringLiteral("1–8")}), {}},
            [](app::PlacementInput& in, int v) { in.channel = v; }},
        {QStringLiteral("electrode width"), {5, 500, 1, true, {}, anyOf({QStringLiteral("5–500")}), {}},
            [](app::PlacementInput& in, int v) { in.electrodeWidthMm = v; }},
        {QStringLiteral("electrode height"), {5, 500, 1, true, {}, anyOf({QStringLiteral("5–500")}), {}},
            [](app::PlacementInput& in, int v) { in.electrodeHeightMm = v; }},
        {QStringLiteral("electrode area"), {1, 2500, 1, true, {}, anyOf({QStringLiteral("1–2500")}), {}},
            [](app::PlacementInput& in, int v) { in.electrodeAreaMm2 = v; }},
        {QStringLiteral("electrode reuse count"), {0, 10000, 1, true, {}, anyOf({QStringLiteral("0–10000")}), {}},
            [](app::PlacementInput& in, int v) { in.reuseCount = v; }},
        {QStringLiteral("cranial offset"), {-500, 500, 1, true, {}, anyOf({QStringLiteral("-500–500")}), {}},
            [](app::PlacementInput& in, int v) { in.offsetCranialMm = v; }},
        {QStringLiteral("lateral offset"), {-500, 500, 1, true, {}, anyOf({QStringLiteral("-500–500")}), {}},
            [](app::PlacementInput& in, int v) { in.offsetLateralMm = v; }},
    };
    for (const IntField& f : ints) {
        for (const auto& [b, v] : typed(f.rule)) {
            world.check(tally, QStringLiteral("placement ") + f.label, b, {f.label},
                [&, v = v] { return record([&](app::PlacementInput& in) { f.set(in, toInt(v)); }); });
        }
    }
    for (const BadValue& b : badTexts(TextRule{32, false, true})) {
        world.check(tally, QStringLiteral("placement lead label"), b, w({"lead label"}),
            [&] { return record([&](app::PlacementInput& in) { in.leadLabel = b.text; }); });
    }
    for (const BadValue& b : badTexts(TextRule{250, false, true})) {
        world.check(tally, QStringLiteral("placement notes"), b, w({"notes"}),
            [&] { return record([&](app::PlacementInput& in) { in.notes = b.text; }); });
    }
    const auto current = placements.current(world.tina, ServiceWorld::kMrn);
    REQUIRE(current.ok());
    REQUIRE(current->size() == 2);
    const qint64 placementId = current->first().id;
    const Hint notInUse = anyOf({QStringLiteral("not a placement in use")});
    for (const qint64 id :
        {qint64{0}, qint64{-1}, std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min()}) {
        const BadValue b{QStringLiteral("placement id %1").arg(id), QString::number(id), notInUse};
        app::PlacementInput valid;
        valid.siteId = QStringLiteral("right-lumbar-erector-spinae");
        valid.channel = 1;
        world.check(tally, QStringLiteral("replace placement id"), b, w({"placement"}),
            [&] {
                return refusalOf(
                    placements.replace(world.tina, ServiceWorld::kMrn, id, valid, QStringLiteral("battery")));
            },
            {Kind::NotFound});
        world.check(tally, QStringLiteral("retire placement id"), b, w({"placement"}),
            [&] { return refusalOf(placements.retire(world.tina, ServiceWorld::kMrn, id, QStringLiteral("battery"))); },
            {Kind::NotFound});
    }
    for (const BadValue& b : badTexts(TextRule{1000, true, true})) {
        app::PlacementInput valid;
        valid.siteId = QStringLiteral("right-lumbar-erector-spinae");
        valid.channel = 1;
        world.check(tally, QStringLiteral("replace placement reason"), b, w({"reason"}),
            [&] { return refusalOf(placements.replace(world.tina, ServiceWorld::kMrn, placementId, valid, b.text)); });
        world.check(tally, QStringLiteral("retire placement reason"), b, w({"reason"}),
            [&] { return refusalOf(placements.retire(world.tina, ServiceWorld::kMrn, placementId, b.text)); });
    }
    for (const BadValue& b : badTexts(TextRule{64, true, true})) {
        world.check(tally, QStringLiteral("placement patient MRN"), b, w({"MRN"}), [&] {
            app::PlacementInput in;
            in.siteId = QStringLiteral("left-lumbar-multifidus");
            return refusalOf(placements.record(world.tina, b.text, in));
        });
    }

    // Motor points on a placement in use.
    app::MotorPointService points(world.store());
    const auto point = [&](const std::function<void(app::MotorPointInput&)>& edit) {
        app::MotorPointInput in;
        in.placementId = placementId;
        in.thresholdUa = 12'000;
        edit(in);
        return refusalOf(points.record(world.tina, ServiceWorld::kMrn, in));
    };
    struct PointField {
        QString label;
        NumberRule rule;
        std::function<void(app::MotorPointInput&, qint64)> set;
    };
    const Hint current100 = anyOf({QStringLiteral("1–100000")});
    const QList<PointField> pointFields{
        {QStringLiteral("motor threshold"), {1, 100'000, 1, true, {}, current100, {}},
            [](app::MotorPointInput& in, qint64 v) { in.thresholdUa = v; }},
        {QStringLiteral("pulse width"), {1, 4000, 1, true, {}, anyOf({QStringLiteral("1–4000")}), {}},
            [](app::MotorPointInput& in, qint64 v) { in.pulseWidthUs = static_cast<int>(v); }},
        {QStringLiteral("frequency"), {1, 10'000'000, 1, true, {}, anyOf({QStringLiteral("1–10000000")}), {}},
            [](app::MotorPointInput& in, qint64 v) { in.frequencyMilliHz = v; }},
        {QStringLiteral("sensory threshold"), {1, 100'000, 1, true, {}, current100, {}},
            [](app::MotorPointInput& in, qint64 v) { in.sensoryThresholdUa = v; }},
        {QStringLiteral("pain threshold"), {1, 100'000, 1, true, {}, current100, {}},
            [](app::MotorPointInput& in, qint64 v) { in.painThresholdUa = v; }},
        {QStringLiteral("maximum tolerated intensity"), {1, 100'000, 1, true, {}, current100, {}},
            [](app::MotorPointInput& in, qint64 v) { in.mtiUa = v; }},
    };
    for (const PointField& f : pointFields) {
        QList<std::pair<BadValue, double>> values = typed(f.rule);
        values.append({BadValue{QStringLiteral("lowest int64"), QStringLiteral("INT64_MIN"), f.rule.range},
            static_cast<double>(std::numeric_limits<qint64>::min())});
        for (const auto& [b, v] : values) {
            const qint64 value
                = b.text == QStringLiteral("INT64_MIN") ? std::numeric_limits<qint64>::min() : static_cast<qint64>(v);
            world.check(tally, QStringLiteral("motor point ") + f.label, b, {f.label},
                [&, value] { return point([&](app::MotorPointInput& in) { f.set(in, value); }); });
        }
    }
    for (const BadValue& b : badTexts(TextRule{250, false, true})) {
        world.check(tally, QStringLiteral("motor point notes"), b, w({"notes"}),
            [&] { return point([&](app::MotorPointInput& in) { in.notes = b.text; }); });
    }
    for (const qint64 id : {qint64{0}, qint64{-1}, std::numeric_limits<qint64>::max()}) {
        world.check(tally, QStringLiteral("motor point placement id"),
            BadValue{QStringLiteral("placement id %1").arg(id), QString::number(id), anyOf({QStringLiteral("in use")})},
            w({"placement"}), [&] { return point([&](app::MotorPointInput& in) { in.placementId = id; }); },
            {Kind::NotFound, Kind::Invalid});
        world.check(tally, QStringLiteral("withdraw motor point id"),
            BadValue{QStringLiteral("motor point id %1").arg(id), QString::number(id), Hint()}, w({"motor point"}),
            [&] {
                return refusalOf(
                    points.setReusable(world.tina, ServiceWorld::kMrn, id, false, QStringLiteral("battery")));
            },
            {Kind::NotFound, Kind::Invalid});
    }
    tally.finish();
}

namespace {

const QString kSite1 = QStringLiteral("right-lumbar-erector-spinae");
const QString kSite2 = QStringLiteral("left-lumbar-erector-spinae");

app::SessionRequest baseRequest(const ServiceWorld& world, const QString& preset = QStringLiteral("conventional-tens"))
{
    app::SessionRequest r;
    r.user = world.tina;
    r.patientMrn = ServiceWorld::kMrn;
    r.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8");
    r.presetId = preset;
    r.channels
        = {app::ChannelRequest{1, kSite1, 10'000, std::nullopt}, app::ChannelRequest{2, kSite2, 10'000, std::nullopt}};
    r.durationS = 60;
    r.nprsBefore = 5;
    return r;
}

// prepare() as the run screen calls it: the synchronous refusal, or else the one prepared() carries once the device
// was contacted. A request that is accepted all the way is dropped again (STOP), so the next case starts idle.
Refusal prepareRefusal(app::SessionController& controller, const app::SessionRequest& request)
{
    std::optional<app::AppResult<app::SessionPlan>> prepared;
    const auto connection = QObject::connect(&controller, &app::SessionController::prepared, &controller,
        [&](const app::AppResult<app::SessionPlan>& p) { prepared = p; });
    Refusal out;
    if (const auto status = controller.prepare(request); !status.ok()) {
        out = status.error();
    } else {
        waitFor([&] { return prepared.has_value(); }, 20'000);
        if (prepared && !prepared->ok()) {
            out = prepared->error();
        }
    }
    QObject::disconnect(connection);
    if (controller.state() != app::SessionState::Idle && controller.state() != app::SessionState::Ended) {
        controller.stop(QStringLiteral("bad-input battery: accepted request dropped"));
        waitFor([&] { return controller.state() == app::SessionState::Idle; }, 10'000);
    }
    return out;
}

} // namespace

TEST_CASE("service bad input: session request and every preset's settings")
{
    ServiceWorld world;
    Tally tally(QStringLiteral("svc.session"));
    app::SessionController controller(world.store());
    // The base request is good: it prepares (and is dropped again), so every refusal below is the bad value's.
    REQUIRE_FALSE(prepareRefusal(controller, baseRequest(world)).has_value());
    world.resnapshot();

    const auto check
        = [&](const QString& field, const BadValue& b, const QStringList& names,
              const std::function<void(app::SessionRequest&)>& edit, const QSet<Kind>& kinds = {Kind::Invalid}) {
              world.check(
                  tally, field, b, names,
                  [&] {
                      app::SessionRequest r = baseRequest(world);
                      edit(r);
                      return prepareRefusal(controller, r);
                  },
                  kinds);
          };
    for (const BadValue& b : badTexts(TextRule{64, true, true})) {
        check(QStringLiteral("patient MRN"), b, w({"patient", "MRN"}),
            [&](app::SessionRequest& r) { r.patientMrn = b.text; });
    }
    for (const BadValue& b : badDeviceUrls()) {
        const bool atConnect = b.text.startsWith(QStringLiteral("sim:sciencemode4?"))
            && !b.label.contains(QStringLiteral("value")) && !b.label.contains(QStringLiteral("twice"))
            && !b.label.contains(QStringLiteral("overlong"));
        check(
            QStringLiteral("device URL"), b, w({"device"}), [&](app::SessionRequest& r) { r.deviceUrl = b.text; },
            atConnect ? QSet<Kind>{Kind::Invalid, Kind::Device} : QSet<Kind>{Kind::Invalid});
    }
    QList<BadValue> presets = badChoices(ChoiceRule{{QStringLiteral("conventional-tens")}, true});
    for (BadValue& b : presets) {
        b.hint = allOf(w({"conventional-tens", "burst-tens", "spinal-stabilisation"}));
    }
    for (const BadValue& b : presets) {
        check(QStringLiteral("preset"), b, w({"preset"}), [&](app::SessionRequest& r) { r.presetId = b.text; });
    }
    const Hint channelCount = anyOf({QStringLiteral("1 to 8 channels")});
    check(QStringLiteral("channels"), BadValue{QStringLiteral("none"), QString(), channelCount}, w({"channels"}),
        [](app::SessionRequest& r) { r.channels.clear(); });
    check(QStringLiteral("channels"), BadValue{QStringLiteral("nine"), QString(), channelCount}, w({"channels"}),
        [](app::SessionRequest& r) {
            r.channels.clear();
            for (int c = 1; c <= 9; ++c) {
                r.channels.append(app::ChannelRequest{c, kSite1, 10'000, std::nullopt});
            }
        });
    check(QStringLiteral("channel"),
        BadValue{QStringLiteral("given twice"), QString(), anyOf({QStringLiteral("twice")})}, w({"channel"}),
        [](app::SessionRequest& r) { r.channels[1].channel = 1; });
    for (const auto& [b, v] : typed(NumberRule{1, 8, 1, true, {}, anyOf({QStringLiteral("1–8")}), {}})) {
        check(QStringLiteral("channel number"), b, w({"channel"}),
            [&, v = v](app::SessionRequest& r) { r.channels[0].channel = toInt(v); });
    }
    for (const QString& site : {QString(), QStringLiteral("  ")}) {
        check(QStringLiteral("channel site"), BadValue{QStringLiteral("blank"), site, anyOf({QStringLiteral("empty")})},
            w({"site"}), [&](app::SessionRequest& r) { r.channels[0].siteId = site; });
    }
    for (const BadValue& b : payloadsOnly(badChoices(ChoiceRule{{kSite1}, true}))) {
        // A site no placement is recorded at is the placement interlock, naming the site on record.
        check(QStringLiteral("channel site"),
            BadValue{b.label, b.text, anyOf({QStringLiteral("recorded at ") + kSite1})}, w({"placement"}),
            [&](app::SessionRequest& r) { r.channels[0].siteId = b.text; }, {Kind::Interlock, Kind::Invalid});
    }
    const core::Preset* tens = core::PresetCatalogue::find("conventional-tens");
    REQUIRE(tens != nullptr);
    const qint64 maxUa = tens->amplitude.max.value();
    const Hint target = anyOf({QStringLiteral("outside 0.001–"), QStringLiteral("500 µA step")});
    for (const qint64 ua : {qint64{0}, qint64{-500}, maxUa + 500, std::numeric_limits<qint64>::max(),
             std::numeric_limits<qint64>::min(), qint64{10'300}, qint64{1}}) {
        check(QStringLiteral("target amplitude"),
            BadValue{QStringLiteral("%1 µA").arg(ua), QString::number(ua), target}, w({"target amplitude"}),
            [&](app::SessionRequest& r) { r.channels[0].targetUa = ua; });
    }
    for (const double cm2 : {0.0, -1.0, 1000.5, 1e300, std::numeric_limits<double>::quiet_NaN(),
             std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()}) {
        check(QStringLiteral("pad area"),
            BadValue{QStringLiteral("%1 cm²").arg(cm2), QString::number(cm2), anyOf({QStringLiteral("0–1000 cm²")})},
            w({"pad area"}), [&](app::SessionRequest& r) { r.channels[0].padAreaCm2 = cm2; });
    }
    for (const qint64 s : {qint64{0}, qint64{-1}, qint64{99 * 60 + 1}, std::numeric_limits<qint64>::max(),
             std::numeric_limits<qint64>::min()}) {
        check(QStringLiteral("duration"),
            BadValue{QStringLiteral("%1 s").arg(s), QString::number(s), anyOf({QStringLiteral("1 s – 99 min")})},
            w({"duration"}), [&](app::SessionRequest& r) { r.durationS = s; });
    }
    for (const auto& [b, v] : typed(NumberRule{0, 10, 1, true, {}, anyOf({QStringLiteral("0–10")}), {}})) {
        check(QStringLiteral("NPRS before"), b, w({"NPRS before"}),
            [&, v = v](app::SessionRequest& r) { r.nprsBefore = toInt(v); });
    }
    tally.finish();

    // Every preset's editable values (SessionRequest::settings, the treatment form's settings panel).
    Tally settings(QStringLiteral("svc.session-settings"));
    for (const core::Preset& preset : core::PresetCatalogue::all()) {
        const QString presetId = QString::fromUtf8(preset.id.data(), static_cast<qsizetype>(preset.id.size()));
        for (const core::PresetFieldSpec& spec : preset.editableFields()) {
            const QString name = QString::fromUtf8(spec.name.data(), static_cast<qsizetype>(spec.name.size()));
            Hint range = allOf({QStringLiteral("preset range"), QString::number(spec.min), QString::number(spec.max)});
            if (spec.unit == std::string_view("‰")) {
                // Typed in ‰, the range is stated in % (500 ‰ → "50.0 %").
                range += allOf(
                    {QStringLiteral("preset range"), QString::number(spec.min / 10.0, 'f', 1) + QStringLiteral(" %"),
                        QString::number(spec.max / 10.0, 'f', 1) + QStringLiteral(" %")});
            }
            const Hint notNumber = anyOf({QStringLiteral("not a number")});
            QList<std::pair<BadValue, double>> values{
                {BadValue{QStringLiteral("min-step"), QString::number(spec.min - spec.step), range},
                    spec.min - spec.step},
                {BadValue{QStringLiteral("max+step"), QString::number(spec.max + spec.step), range},
                    spec.max + spec.step},
                {BadValue{QStringLiteral("negative"), QString::number(-spec.max - 1.0), range}, -spec.max - 1.0},
                {BadValue{QStringLiteral("1e19"), QStringLiteral("1e19"),
                     allOf({QStringLiteral("preset range"), QStringLiteral("1e+19")})},
                    1e19},
                {BadValue{QStringLiteral("1e300"), QStringLiteral("1e300"),
                     allOf({QStringLiteral("preset range"), QStringLiteral("1e+300")})},
                    1e300},
                {BadValue{QStringLiteral("-1e300"), QStringLiteral("-1e300"),
                     allOf({QStringLiteral("preset range"), QStringLiteral("-1e+300")})},
                    -1e300},
                {BadValue{QStringLiteral("NaN"), QStringLiteral("NaN"), notNumber},
                    std::numeric_limits<double>::quiet_NaN()},
                {BadValue{QStringLiteral("inf"), QStringLiteral("inf"), notNumber},
                    std::numeric_limits<double>::infinity()},
                {BadValue{QStringLiteral("-inf"), QStringLiteral("-inf"), notNumber},
                    -std::numeric_limits<double>::infinity()},
            };
            for (const auto& [b, v] : values) {
                world.check(settings, presetId + QLatin1Char(' ') + name, b, {name}, [&, v = v] {
                    app::SessionRequest r = baseRequest(world, presetId);
                    r.settings = {app::ProgramSetting{name, v}};
                    return prepareRefusal(controller, r);
                });
            }
        }
        const Hint editable = allOf({QStringLiteral("not an editable value")});
        for (const QString& field : {QStringLiteral("bogus"), QStringLiteral("amplitude"), QString(), payload::kSql,
                 payload::withNul(QStringLiteral("pulse"), QStringLiteral(" rate")), payload::overlong()}) {
            world.check(settings, presetId + QStringLiteral(" setting name"),
                BadValue{QStringLiteral("name ") + shown(field), field, editable}, w({"editable value"}), [&] {
                    app::SessionRequest r = baseRequest(world, presetId);
                    r.settings = {app::ProgramSetting{field, 1.0}};
                    return prepareRefusal(controller, r);
                });
        }
    }
    settings.finish();
}

TEST_CASE("service bad input: session outcome after a recorded session")
{
    ServiceWorld world;
    Tally tally(QStringLiteral("svc.outcome"));
    app::SessionController controller(world.store());
    std::optional<app::AppResult<app::SessionPlan>> prepared;
    std::optional<app::SessionSummary> ended;
    QObject::connect(&controller, &app::SessionController::prepared, &controller,
        [&](const app::AppResult<app::SessionPlan>& p) { prepared = p; });
    QObject::connect(
        &controller, &app::SessionController::ended, &controller, [&](const app::SessionSummary& s) { ended = s; });
    app::SessionRequest r = baseRequest(world);
    r.channels = {app::ChannelRequest{1, kSite1, 2'000, std::nullopt}};
    r.durationS = 1;
    REQUIRE(controller.prepare(r).ok());
    REQUIRE(waitFor([&] { return prepared.has_value(); }, 20'000));
    INFO((prepared->ok() ? QString() : prepared->error().message).toStdString());
    REQUIRE(prepared->ok());
    REQUIRE(controller.start().ok());
    REQUIRE(waitFor([&] { return ended.has_value(); }, 30'000));
    REQUIRE(ended->recorded);
    REQUIRE(controller.state() == app::SessionState::Ended);
    world.resnapshot();

    bool written = false;
    QObject::connect(&controller, &app::SessionController::outcomeRecorded, &controller, [&] { written = true; });
    QObject::connect(&controller, &app::SessionController::recordingFailed, &controller, [&] { written = true; });
    const auto outcome = [&](std::optional<int> nprs, const QString& notes) {
        const auto status = controller.recordOutcome(app::OutcomeAnswer{nprs, notes});
        if (!status.ok()) {
            return Refusal(status.error());
        }
        waitFor([&] { return written; }, 10'000); // accepted: let the write land before the snapshot
        return Refusal();
    };
    for (const auto& [b, v] : typed(NumberRule{0, 10, 1, true, {}, anyOf({QStringLiteral("0–10")}), {}})) {
        world.check(tally, QStringLiteral("NPRS after"), b, w({"NPRS after"}),
            [&, v = v] { return outcome(toInt(v), QString()); });
    }
    for (const BadValue& b : badTexts(TextRule{1000, false, true})) {
        world.check(tally, QStringLiteral("outcome notes"), b, w({"notes"}), [&] { return outcome(3, b.text); });
    }
    tally.finish();
}

namespace {

app::CalibrationSetup baseSetup()
{
    app::CalibrationSetup s;
    s.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8");
    s.channels = {1};
    s.instruments = {app::ReferenceInstrument{QStringLiteral("Fluke 87V"), QStringLiteral("FL-1"), QDate(2099, 1, 1)}};
    return s;
}

} // namespace

TEST_CASE("service bad input: calibration setup and meter readings")
{
    ServiceWorld world;
    Tally tally(QStringLiteral("svc.calibration"));
    app::CalibrationService service(world.store());
    const auto begin = [&](const std::function<void(app::CalibrationSetup&)>& edit) {
        app::CalibrationSetup s = baseSetup();
        edit(s);
        return refusalOf(service.begin(world.tex, s)); // a procedure that is returned is never started
    };
    for (BadValue b : badDeviceUrls()) {
        if (b.text.isEmpty()) {
            b.hint += anyOf({QStringLiteral("none given")});
        }
        world.check(tally, QStringLiteral("device URL"), b, w({"device URL"}),
            [&] { return begin([&](app::CalibrationSetup& s) { s.deviceUrl = b.text; }); });
    }
    const Hint channels = anyOf({QStringLiteral("1..8"), QStringLiteral("at least one channel")});
    for (const QList<int>& list : QList<QList<int>>{
             {}, {0}, {9}, {1, 1}, {-1}, {std::numeric_limits<int>::min()}, {std::numeric_limits<int>::max()}}) {
        QStringList text;
        for (const int c : list) {
            text.append(QString::number(c));
        }
        world.check(tally, QStringLiteral("channels"),
            BadValue{QStringLiteral("{%1}").arg(text.join(QLatin1Char(','))), text.join(QLatin1Char(',')), channels},
            w({"channels"}), [&] { return begin([&](app::CalibrationSetup& s) { s.channels = list; }); });
    }
    for (const int load :
        {499, 501, 0, -500, 999, 100'000, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()}) {
        world.check(tally, QStringLiteral("load"),
            BadValue{
                QStringLiteral("%1 ohm").arg(load), QString::number(load), allOf(w({"500", "1000", "2000", "10000"}))},
            w({"load"}), [&] { return begin([&](app::CalibrationSetup& s) { s.loadOhms = load; }); });
    }
    const Hint instrument
        = anyOf({QStringLiteral("name, serial and a due date"), QStringLiteral("at least one reference instrument")});
    struct InstrumentCase {
        QString label;
        QList<app::ReferenceInstrument> list;
        Hint hint;
    };
    const QList<InstrumentCase> instruments{
        {QStringLiteral("none"), {}, instrument},
        {QStringLiteral("blank name"), {{QStringLiteral("  "), QStringLiteral("FL-1"), QDate(2099, 1, 1)}}, instrument},
        {QStringLiteral("blank serial"), {{QStringLiteral("Fluke"), QString(), QDate(2099, 1, 1)}}, instrument},
        {QStringLiteral("no due date"), {{QStringLiteral("Fluke"), QStringLiteral("FL-1"), QDate()}}, instrument},
        {QStringLiteral("lapsed"), {{QStringLiteral("Fluke"), QStringLiteral("FL-1"), QDate(2020, 1, 1)}},
            anyOf({QStringLiteral("lapsed")})},
        {QStringLiteral("name max+1"), {{payload::overlong(201), QStringLiteral("FL-1"), QDate(2099, 1, 1)}},
            anyOf({QStringLiteral("200")})},
        {QStringLiteral("serial max+1"), {{QStringLiteral("Fluke"), payload::overlong(101), QDate(2099, 1, 1)}},
            anyOf({QStringLiteral("100")})},
        {QStringLiteral("name with NUL"),
            {{payload::withNul(QStringLiteral("Fl"), QStringLiteral("uke")), QStringLiteral("FL-1"),
                QDate(2099, 1, 1)}},
            anyOf({QStringLiteral("NUL")})},
    };
    for (const InstrumentCase& c : instruments) {
        world.check(tally, QStringLiteral("instruments"), BadValue{c.label, QString(), c.hint}, w({"instrument"}),
            [&] { return begin([&](app::CalibrationSetup& s) { s.instruments = c.list; }); });
    }
    const Hint points = anyOf(
        {QStringLiteral("at least 3"), QStringLiteral("above 0 and given once"), QStringLiteral("multiple of")});
    for (const QList<qint64>& list :
        QList<QList<qint64>>{{}, {10'000, 20'000}, {0, 10'000, 20'000}, {-10'000, 10'000, 20'000},
            {10'000, 10'000, 20'000}, {10'300, 20'000, 30'000}, {10'000, 20'000, std::numeric_limits<qint64>::max()},
            {std::numeric_limits<qint64>::min(), 10'000, 20'000}}) {
        QStringList text;
        for (const qint64 p : list) {
            text.append(QString::number(p));
        }
        world.check(tally, QStringLiteral("points"),
            BadValue{QStringLiteral("{%1} µA").arg(text.join(QLatin1Char(','))), text.join(QLatin1Char(',')), points},
            w({"points", "point"}), [&] { return begin([&](app::CalibrationSetup& s) { s.pointsUa = list; }); });
    }
    for (const qint64 us : {qint64{0}, qint64{-1}, qint64{9}, qint64{4001}, std::numeric_limits<qint64>::max()}) {
        world.check(tally, QStringLiteral("pulse width"),
            BadValue{QStringLiteral("%1 µs").arg(us), QString::number(us),
                anyOf({QStringLiteral("above 0"), QStringLiteral("10–4000")})},
            w({"pulse width", "phase width"}),
            [&] { return begin([&](app::CalibrationSetup& s) { s.pulseWidthUs = us; }); });
    }
    for (const double hz : {0.0, -1.0, 0.4, 151.0, 1e300, std::numeric_limits<double>::quiet_NaN(),
             std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()}) {
        world.check(tally, QStringLiteral("frequency"),
            BadValue{QStringLiteral("%1 Hz").arg(hz), QString::number(hz),
                anyOf({QStringLiteral("above 0"), QStringLiteral("0.5–150")})},
            w({"frequency"}), [&] { return begin([&](app::CalibrationSetup& s) { s.frequencyHz = hz; }); });
    }
    for (const auto& [b, v] : typed(NumberRule{1, 12, 1, true, {}, anyOf({QStringLiteral("1..12")}), {}})) {
        world.check(tally, QStringLiteral("interval"), b, w({"interval"}),
            [&, v = v] { return begin([&](app::CalibrationSetup& s) { s.intervalMonths = toInt(v); }); });
    }
    for (const BadValue& b : badTexts(TextRule{100, false, true})) {
        world.check(tally, QStringLiteral("device serial"), b, w({"serial"}),
            [&] { return begin([&](app::CalibrationSetup& s) { s.deviceSerial = b.text; }); });
    }
    QList<BadValue> notes = badTexts(TextRule{4000, false, true});
    // Within 4000, but not with the run's own description of its points, which a record's notes also carry.
    notes.append({QStringLiteral("3500 characters"), payload::overlong(3500), allOf(w({"4000", "at most"}))});
    for (const BadValue& b : notes) {
        world.check(tally, QStringLiteral("calibration notes"), b, w({"notes"}),
            [&] { return begin([&](app::CalibrationSetup& s) { s.notes = b.text; }); });
    }
    world.check(tally, QStringLiteral("measurement mode"),
        BadValue{QStringLiteral("device mode on a device that does not measure"), QString(),
            anyOf({QStringLiteral("manual mode")})},
        w({"measure"}), [&] {
            return begin([](app::CalibrationSetup& s) {
                s.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8&level=mid");
            });
        });

    // Meter readings in manual mode, at the first point of channel 1 (output held into the load).
    app::CalibrationSetup manual = baseSetup();
    manual.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8&level=mid");
    manual.mode = app::MeasurementMode::Manual;
    auto began = service.begin(world.tex, manual);
    INFO((began.ok() ? QString() : began.error().message).toStdString());
    REQUIRE(began.ok());
    auto procedure = std::move(began).value();
    using Step = app::CalibrationProcedure::Step;
    procedure->start();
    REQUIRE(waitFor(
        [&] { return procedure->step() == Step::ReadyForChannel || procedure->step() == Step::Aborted; }, 30'000));
    REQUIRE(procedure->step() == Step::ReadyForChannel);
    procedure->runChannel();
    REQUIRE(waitFor(
        [&] { return procedure->step() == Step::AwaitingReading || procedure->step() == Step::Aborted; }, 30'000));
    REQUIRE(procedure->step() == Step::AwaitingReading);
    world.resnapshot();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    for (const double ua : {-1.0, -1e300, 200'001.0, 1e300, nan, inf, -inf}) {
        world.check(tally, QStringLiteral("meter reading current"),
            BadValue{QStringLiteral("%1 µA").arg(ua), QString::number(ua), anyOf({QStringLiteral("0..200 mA")})},
            w({"measured current"}),
            [&] { return refusalOf(procedure->submitReading(ua, std::nullopt, std::nullopt)); });
    }
    for (const double us : {0.0, -1.0, nan, inf, -inf}) {
        world.check(tally, QStringLiteral("meter reading width"),
            BadValue{QStringLiteral("%1 µs").arg(us), QString::number(us), anyOf({QStringLiteral("above 0")})},
            w({"pulse width"}), [&] { return refusalOf(procedure->submitReading(10'000.0, us, std::nullopt)); });
    }
    for (const double hz : {0.0, -1.0, nan, inf, -inf}) {
        world.check(tally, QStringLiteral("meter reading rate"),
            BadValue{QStringLiteral("%1 Hz").arg(hz), QString::number(hz), anyOf({QStringLiteral("above 0")})},
            w({"rate"}), [&] { return refusalOf(procedure->submitReading(10'000.0, std::nullopt, hz)); });
    }
    CHECK(procedure->step() == Step::AwaitingReading); // every reading refused: still waiting for a good one
    procedure->abort(QStringLiteral("bad-input battery done"));
    waitFor([&] { return procedure->step() == Step::Aborted; }, 10'000);
    tally.finish();
}

TEST_CASE("service bad input: export and history filters")
{
    ServiceWorld world;
    Tally tally(QStringLiteral("svc.export"));
    app::ExportService exports(world.store());
    const QString out = world.filePath(QStringLiteral("export.csv"));
    const auto run = [&](const std::function<void(app::ExportRequest&)>& edit) {
        app::ExportRequest request;
        request.outPath = out;
        edit(request);
        const bool existed = QFileInfo::exists(request.outPath);
        const auto result = exports.exportSessions(world.root, request);
        // A refused export leaves no file behind; a file that appeared counts as accepted.
        if (result.ok() || (!existed && QFileInfo::exists(request.outPath)) || QFileInfo::exists(out)) {
            QFile::remove(out);
            return Refusal();
        }
        return refusalOf(result);
    };
    const QList<BadValue> outs{
        {QStringLiteral("empty"), QString(), anyOf({QStringLiteral("required")})},
        {QStringLiteral("missing folder"), world.filePath(QStringLiteral("no-such-folder/export.csv")),
            anyOf({QStringLiteral("cannot write")})},
        {QStringLiteral("a folder"), world.filePath(QString()), anyOf({QStringLiteral("cannot write")})},
    };
    for (const BadValue& b : outs) {
        world.check(tally, QStringLiteral("export file"), b, w({"--out", "output file"}),
            [&] { return run([&](app::ExportRequest& r) { r.outPath = b.text; }); });
    }
    world.check(tally, QStringLiteral("export days"),
        BadValue{QStringLiteral("from after to"), QString(), anyOf({QStringLiteral("must not be after")})},
        w({"--from", "from"}), [&] {
            return run([](app::ExportRequest& r) {
                r.from = QDate(2026, 2, 2);
                r.to = QDate(2026, 2, 1);
            });
        });
    for (const BadValue& b : badTexts(TextRule{64, false, true})) {
        world.check(tally, QStringLiteral("export patient filter"), b, w({"patient", "MRN"}),
            [&] { return run([&](app::ExportRequest& r) { r.patientMrn = b.text; }); });
        world.check(tally, QStringLiteral("export therapist filter"), b, w({"therapist", "user"}),
            [&] { return run([&](app::ExportRequest& r) { r.therapistUsername = b.text; }); });
    }
    for (const QString& p :
        {payload::kSql, payload::kFormulas.first(), QString(payload::kRtlOverride) + QStringLiteral("1001")}) {
        world.check(tally, QStringLiteral("export patient filter"),
            BadValue{QStringLiteral("unknown ") + p.left(8), p, anyOf({QStringLiteral("no patient")})},
            w({"patient", "MRN"}), [&] { return run([&](app::ExportRequest& r) { r.patientMrn = p; }); },
            {Kind::NotFound});
    }

    app::SessionHistoryService history(world.store());
    const auto list = [&](const std::function<void(app::SessionHistoryFilter&)>& edit) {
        app::SessionHistoryFilter f;
        edit(f);
        return refusalOf(history.list(world.tina, f));
    };
    for (const BadValue& b : badTexts(TextRule{64, false, true})) {
        world.check(tally, QStringLiteral("history patient filter"), b, w({"patient MRN"}),
            [&] { return list([&](app::SessionHistoryFilter& f) { f.patientMrn = b.text; }); });
        world.check(tally, QStringLiteral("history therapist filter"), b, w({"therapist"}),
            [&] { return list([&](app::SessionHistoryFilter& f) { f.therapistUsername = b.text; }); });
    }
    world.check(tally, QStringLiteral("history days"),
        BadValue{QStringLiteral("from after to"), QString(), anyOf({QStringLiteral("must not be after")})},
        w({"from date"}), [&] {
            return list([](app::SessionHistoryFilter& f) {
                f.from = QDate(2026, 2, 2);
                f.to = QDate(2026, 2, 1);
            });
        });
    for (const auto& [b, v] : typed(NumberRule{1, 1000, 1, true, {}, anyOf({QStringLiteral("1–1000")}), {}})) {
        world.check(tally, QStringLiteral("history page size"), b, w({"limit"}),
            [&, v = v] { return list([&](app::SessionHistoryFilter& f) { f.limit = toInt(v); }); });
    }
    for (const auto& [b, v] : typed(NumberRule{0, 100'000, 1, true, {}, anyOf({QStringLiteral("0–100000")}), {}})) {
        world.check(tally, QStringLiteral("history offset"), b, w({"offset"}),
            [&, v = v] { return list([&](app::SessionHistoryFilter& f) { f.offset = toInt(v); }); });
    }
    for (const qint64 id :
        {qint64{0}, qint64{-1}, std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min()}) {
        world.check(tally, QStringLiteral("history session id"),
            BadValue{QStringLiteral("id %1").arg(id), QString::number(id), Hint()}, w({"session"}),
            [&] { return refusalOf(history.detail(world.tina, id)); }, {Kind::NotFound, Kind::Invalid});
    }
    tally.finish();
}

TEST_CASE("service bad input: GUI command line - lock-after and URLs")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    qputenv("XDG_DATA_HOME", dir.filePath(QStringLiteral("data")).toUtf8());
    Tally tally(QStringLiteral("svc.gui-options"));
    // No store is involved: each verdict is the refusal itself (exit code 2 and the message).
    const auto add = [&](const QString& field, const BadValue& b, const QStringList& names,
                         const app::AppOptionsResult& r) {
        Verdict v;
        v.rejected = !r.options && r.exitCode == 2;
        v.namedField = namesAny(r.message, names);
        v.namedRange = satisfies(r.message, b.hint);
        tally.add(field + QStringLiteral(" = ") + b.label, v,
            QStringLiteral("value: '%1'\nexit %2: %3").arg(shown(b.text)).arg(r.exitCode).arg(r.message.left(400)));
    };
    const QStringList program{QStringLiteral("galvani")};
    for (const BadValue& b : badNumberTexts(NumberRule{1, 60, 1, true, QStringLiteral("min"),
             anyOf({QStringLiteral("1 to 60")}), anyOf({QStringLiteral("whole number")})})) {
        add(QStringLiteral("--lock-after"), b, w({"--lock-after"}),
            app::parseAppOptions(program + QStringList{QStringLiteral("--lock-after"), b.text}));
    }
    add(QStringLiteral("--lock-after"),
        BadValue{QStringLiteral("missing value"), QString(), anyOf({QStringLiteral("value")})}, w({"lock-after"}),
        app::parseAppOptions(program + QStringList{QStringLiteral("--lock-after")}));
    add(QStringLiteral("options"),
        BadValue{QStringLiteral("unknown option"), QStringLiteral("--frobnicate"), anyOf({QStringLiteral("--help")})},
        w({"frobnicate"}), app::parseAppOptions(program + QStringList{QStringLiteral("--frobnicate")}));
    add(QStringLiteral("options"),
        BadValue{QStringLiteral("argument"), QStringLiteral("extra"), anyOf({QStringLiteral("--help")})}, w({"extra"}),
        app::parseAppOptions(program + QStringList{QStringLiteral("extra")}));

    // The URLs: AppContext::create checks --device and opens --db before any window.
    const QString goodStore = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("gui.sqlite"));
    const auto create = [&](const QString& device, const QString& store) {
        app::AppOptions o;
        o.deviceUrl = device;
        o.storeUrl = store;
        QString error;
        auto context = app::AppContext::create(o, &error);
        return std::pair{context != nullptr, error};
    };
    for (const BadValue& b : badDeviceUrls()) {
        const auto [created, error] = create(b.text, goodStore);
        Verdict v;
        v.rejected = !created;
        v.namedField = error.contains(QStringLiteral("--device"));
        v.namedRange = satisfies(error, b.hint);
        tally.add(QStringLiteral("--device = ") + b.label, v,
            QStringLiteral("value: '%1'\n%2").arg(shown(b.text), error.left(400)));
    }
    const Hint forms = anyOf({QStringLiteral("sqlite:"), QStringLiteral("postgresql://")});
    for (const QString& url : {QString(), QStringLiteral("sqlite:"), QStringLiteral("mysql://u@h/db"), payload::kSql,
             payload::kFormulas.first(), payload::overlong()}) {
        const auto [created, error] = create(QStringLiteral("sim:sciencemode4?channels=8"), url);
        Verdict v;
        v.rejected = !created;
        v.namedField = error.contains(QStringLiteral("--db"));
        v.namedRange = satisfies(error, forms);
        tally.add(QStringLiteral("--db = ") + shown(url), v, error.left(400));
    }
    tally.finish();
}
