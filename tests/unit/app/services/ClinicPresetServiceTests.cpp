// SPDX-License-Identifier: GPL-3.0-or-later
// ClinicPresetService: a therapist saves a built-in preset with changed values under the clinic's own name, every
// role that sees presets finds it (PresetService lists it and offers its values as the editors' defaults), a
// new version replaces it, retiring removes it; values outside the preset's range or the clinic's limits, unknown
// fields, a name in use and a missing reason are refused naming what is wrong; admins and technicians cannot save.
#include "ServiceStore.h"

#include "app/services/ClinicLimitsService.h"
#include "app/services/ClinicPresetService.h"
#include "app/services/PresetService.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace galvani;
using test::ServiceStore;

namespace {

app::ClinicPresetDraft lumbarTens()
{
    app::ClinicPresetDraft d;
    d.name = QStringLiteral("Lumbar TENS, low rate");
    d.basePresetId = QStringLiteral("conventional-tens");
    d.values = {{QStringLiteral("pulse rate"), 85.0}, {QStringLiteral("phase width"), 220.0}};
    d.sessionMinutes = 40;
    return d;
}

QString messageOf(const app::AppError& e)
{
    return e.message;
}

std::optional<app::PresetAvailability> listed(ServiceStore& s, const app::SignedInUser& user, const QString& id)
{
    const auto caps = app::PresetService::deviceCaps(QString::fromLatin1(app::PresetService::kDefaultDeviceUrl));
    REQUIRE(caps.ok());
    const auto all = app::PresetService(s.store()).list(user, *caps);
    REQUIRE(all.ok());
    for (const auto& p : *all) {
        if (p.id == id) {
            return p;
        }
    }
    return std::nullopt;
}

qint64 programRows(ServiceStore& s)
{
    return s.scalar(QStringLiteral("SELECT COUNT(*) FROM programs")).toLongLong();
}

} // namespace

TEST_CASE("a therapist saves a clinic preset that every role then finds among the presets", "[app][clinic-presets]")
{
    ServiceStore s;
    const auto admin = s.admin();
    const auto tess = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const auto theo = s.addUser(QStringLiteral("theo"), app::Role::Technician);
    app::ClinicPresetService service(s.store());

    const auto saved = service.save(tess, QString(), lumbarTens(), QStringLiteral("our lumbar protocol"));
    INFO((saved.ok() ? QString() : saved.error().message).toStdString());
    REQUIRE(saved.ok());
    CHECK(app::ClinicPresetService::isClinicPresetId(saved->id));
    CHECK(saved->name == QStringLiteral("Lumbar TENS, low rate"));
    CHECK(saved->basePresetId == QStringLiteral("conventional-tens"));
    CHECK(saved->baseName == QStringLiteral("Conventional TENS"));
    CHECK(saved->values == lumbarTens().values);
    CHECK(saved->sessionMinutes == 40);
    CHECK(saved->version == 1);
    CHECK(saved->savedBy == tess.id);
    // The save is audited with its reason.
    CHECK(s.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE table_name = 'programs' AND reason = "
                                  "'our lumbar protocol'"))
              .toInt()
        == 1);

    for (const auto& user : {admin, tess, theo}) {
        INFO(user.username.toStdString());
        const auto all = service.list(user);
        REQUIRE(all.ok());
        REQUIRE(all->size() == 1);
        CHECK(all->first().id == saved->id);
        const auto p = listed(s, user, saved->id);
        REQUIRE(p);
        CHECK(p->name == saved->name);
        CHECK(p->deliverable);
        CHECK(p->basePresetId == QStringLiteral("conventional-tens"));
        CHECK(p->sessionMinutes == 40);
        CHECK(p->source.contains(QStringLiteral("clinic preset on Conventional TENS")));
    }
    // The editors start at the clinic's values, within the built-in preset's ranges.
    const auto fields = app::PresetService(s.store()).fields(tess, saved->id);
    REQUIRE(fields.ok());
    bool rate = false;
    for (const auto& f : *fields) {
        if (f.name == QStringLiteral("pulse rate")) {
            rate = true;
            CHECK(f.defaultValue == 85.0);
            CHECK(f.min == 80.0);
            CHECK(f.max == 150.0);
        }
        if (f.name == QStringLiteral("phase width")) {
            CHECK(f.defaultValue == 220.0);
        }
    }
    CHECK(rate);

    // A new version under the same id, then retiring it.
    auto changed = lumbarTens();
    changed.values = {{QStringLiteral("pulse rate"), 90.0}};
    const auto second = service.save(tess, saved->id, changed, QStringLiteral("new evidence"));
    REQUIRE(second.ok());
    CHECK(second->id == saved->id);
    CHECK(second->version == 2);
    const auto found = service.find(admin, saved->id);
    REQUIRE(found.ok());
    CHECK(found->values == changed.values);
    REQUIRE(service.retire(tess, saved->id, QStringLiteral("replaced by the burst protocol")).ok());
    CHECK(service.list(tess)->isEmpty());
    CHECK_FALSE(listed(s, tess, saved->id));
    const auto gone = service.resolve(saved->id);
    REQUIRE_FALSE(gone.ok());
    CHECK(gone.error().kind == app::AppError::Kind::NotFound);
    CHECK(gone.error().message.contains(QStringLiteral("retired")));
    CHECK_FALSE(service.save(tess, saved->id, changed, QStringLiteral("again")).ok());
}

TEST_CASE("clinic presets refuse bad values, names and roles and write nothing", "[app][clinic-presets]")
{
    ServiceStore s;
    const auto admin = s.admin();
    const auto tess = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const auto theo = s.addUser(QStringLiteral("theo"), app::Role::Technician);
    app::ClinicPresetService service(s.store());
    REQUIRE(service.save(tess, QString(), lumbarTens(), QStringLiteral("first")).ok());
    const qint64 rows = programRows(s);

    const auto refused = [&](const app::ClinicPresetDraft& d, const QString& reason = QStringLiteral("why")) {
        const auto r = service.save(tess, QString(), d, reason);
        REQUIRE_FALSE(r.ok());
        return r.error();
    };
    auto d = lumbarTens();
    d.name = QStringLiteral("Neck TENS");

    auto bad = d;
    bad.values = {{QStringLiteral("pulse rate"), 151.0}};
    CHECK(messageOf(refused(bad)).contains(QStringLiteral("pulse rate: 151 Hz is outside 80–150 Hz")));
    bad.values = {{QStringLiteral("pulse rate"), std::numeric_limits<double>::quiet_NaN()}};
    CHECK(messageOf(refused(bad)).contains(QStringLiteral("pulse rate")));
    bad.values = {{QStringLiteral("on time"), 5.0}};
    CHECK(messageOf(refused(bad)).contains(QStringLiteral("not an editable value")));
    bad.values = {{QStringLiteral("pulse rate"), 90.0}, {QStringLiteral("pulse rate"), 95.0}};
    CHECK(messageOf(refused(bad)).contains(QStringLiteral("given twice")));
    bad = d;
    bad.sessionMinutes = 100;
    CHECK(messageOf(refused(bad)).contains(QStringLiteral("1–99 min")));
    bad.sessionMinutes = 0;
    CHECK(messageOf(refused(bad)).contains(QStringLiteral("session length")));
    bad = d;
    bad.basePresetId = QStringLiteral("motor-point-search"); // a procedure, not a therapy
    CHECK(messageOf(refused(bad)).contains(QStringLiteral("not a therapy preset")));
    bad.basePresetId = QStringLiteral("no-such-preset");
    CHECK(messageOf(refused(bad)).contains(QStringLiteral("not a therapy preset")));
    bad = d;
    bad.name = QStringLiteral("   ");
    CHECK(messageOf(refused(bad)).contains(QStringLiteral("needs a name")));
    bad.name = QString(101, QLatin1Char('n'));
    CHECK(messageOf(refused(bad)).contains(QStringLiteral("100")));
    bad.name = QStringLiteral("lumbar tens, LOW RATE"); // the first preset's name in other letters
    const auto taken = refused(bad);
    CHECK(taken.kind == app::AppError::Kind::Conflict);
    CHECK(taken.message.contains(QStringLiteral("already exists")));
    CHECK(messageOf(refused(d, QStringLiteral("  "))).contains(QStringLiteral("needs a reason")));

    // The clinic's limits narrow what may be saved.
    app::ClinicLimits limits;
    limits.pulseRateMaxHz = 100.0;
    limits.sessionMinutesMax = 30;
    REQUIRE(app::ClinicLimitsService(s.store()).setLimits(admin, limits, QStringLiteral("board")).ok());
    bad = d;
    bad.values = {{QStringLiteral("pulse rate"), 120.0}};
    bad.sessionMinutes = 20;
    CHECK(messageOf(refused(bad)).contains(QStringLiteral("80–100 Hz")));
    bad.values = {};
    bad.sessionMinutes = 40;
    CHECK(messageOf(refused(bad)).contains(QStringLiteral("1–30 min (the clinic's limit)")));

    // Saving and retiring are the therapists' (CLINICAL §7: protocols); each refusal is audited.
    for (const auto& user : {admin, theo}) {
        INFO(user.username.toStdString());
        const qint64 before = s.refusedRows();
        const auto denied = service.save(user, QString(), d, QStringLiteral("why"));
        REQUIRE_FALSE(denied.ok());
        CHECK(denied.error().kind == app::AppError::Kind::Denied);
        const auto first = service.list(user);
        REQUIRE(first.ok());
        const auto retire = service.retire(user, first->first().id, QStringLiteral("why"));
        REQUIRE_FALSE(retire.ok());
        CHECK(retire.error().kind == app::AppError::Kind::Denied);
        CHECK(s.refusedRows() == before + 2);
    }
    CHECK(programRows(s) == rows);
    const auto unknown = service.resolve(QStringLiteral("clinic-nothing"));
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().kind == app::AppError::Kind::NotFound);
}
