// SPDX-License-Identifier: GPL-3.0-or-later
// ClinicLimitsService: the clinic's own limits, set by admins with a reason, audited with old and new value, read by
// every role; values outside the standard's ranges refused naming the field and the range.
#include "ServiceStore.h"

#include "app/services/ClinicLimitsService.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace galvani;
using test::ServiceStore;

namespace {

app::ClinicLimits someLimits()
{
    app::ClinicLimits l;
    l.amplitudeMaxUa = 40'000;
    l.phaseWidthMaxUs = 300;
    l.pulseRateMaxHz = 80.0;
    l.sessionMinutesMax = 30;
    return l;
}

qint64 limitRows(ServiceStore& s)
{
    return s
        .scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE table_name = 'clinic_policy' AND "
                               "field = 'clinic_limits'"))
        .toLongLong();
}

} // namespace

TEST_CASE(
    "clinic limits start empty, are set by an admin with a reason and read back by every role", "[app][clinic-limits]")
{
    ServiceStore s;
    const auto admin = s.admin();
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const auto technician = s.addUser(QStringLiteral("tom"), app::Role::Technician);
    app::ClinicLimitsService service(s.store());

    const auto initial = service.limits(therapist);
    REQUIRE(initial.ok());
    CHECK(*initial == app::ClinicLimits{});
    CHECK(app::ClinicLimitsService::describe(*initial) == QStringLiteral("none"));

    const auto set = service.setLimits(admin, someLimits(), QStringLiteral("clinic board decision 2026-12"));
    INFO((set.ok() ? QString() : set.error().message).toStdString());
    REQUIRE(set.ok());
    for (const auto& user : {admin, therapist, technician}) {
        const auto read = service.limits(user);
        REQUIRE(read.ok());
        CHECK(*read == someLimits());
    }
    CHECK(app::ClinicLimitsService::describe(someLimits())
        == QStringLiteral("at most 40.0 mA, 300 µs phase width, 80 Hz pulse rate, 30 min per session"));
    // One audit row: who, old and new value, the reason.
    REQUIRE(limitRows(s) == 1);
    CHECK(s.scalar(QStringLiteral("SELECT old_value FROM audit_log WHERE field = 'clinic_limits'")).toString()
        == QStringLiteral("{}"));
    CHECK(s.scalar(QStringLiteral("SELECT new_value FROM audit_log WHERE field = 'clinic_limits'")).toString()
        == QStringLiteral(
            R"({"amplitude_max_ua":40000,"phase_width_max_us":300,"pulse_rate_max_hz":80,"session_minutes_max":30})"));
    CHECK(s.scalar(QStringLiteral("SELECT reason FROM audit_log WHERE field = 'clinic_limits'")).toString()
        == QStringLiteral("clinic board decision 2026-12"));

    // Setting the same again writes nothing; lifting one limit is a change like any other.
    REQUIRE(service.setLimits(admin, someLimits(), QStringLiteral("again")).ok());
    CHECK(limitRows(s) == 1);
    app::ClinicLimits lifted = someLimits();
    lifted.sessionMinutesMax.reset();
    REQUIRE(service.setLimits(admin, lifted, QStringLiteral("longer sessions allowed")).ok());
    CHECK(limitRows(s) == 2);
    CHECK(*service.limits(therapist) == lifted);
}

TEST_CASE("only admins change clinic limits, and every refusal is audited", "[app][clinic-limits][access]")
{
    ServiceStore s;
    (void)s.admin();
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const auto technician = s.addUser(QStringLiteral("tom"), app::Role::Technician);
    app::ClinicLimitsService service(s.store());
    const qint64 refusedBefore = s.refusedRows();
    for (const auto& user : {therapist, technician}) {
        const auto r = service.setLimits(user, someLimits(), QStringLiteral("I would like to"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == app::AppError::Kind::Denied);
    }
    CHECK(s.refusedRows() == refusedBefore + 2);
    CHECK(limitRows(s) == 0);
    CHECK(*service.limits(therapist) == app::ClinicLimits{});
}

TEST_CASE("clinic limits outside the standard's ranges and changes without a reason are refused",
    "[app][clinic-limits][bad-input]")
{
    ServiceStore s;
    const auto admin = s.admin();
    app::ClinicLimitsService service(s.store());
    struct Case {
        app::ClinicLimits limits;
        const char* message;
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const auto with = [](auto apply) {
        app::ClinicLimits l;
        apply(l);
        return l;
    };
    const Case cases[] = {
        {with([](app::ClinicLimits& l) { l.amplitudeMaxUa = 999; }),
            "clinic amplitude limit: 0.999 mA is outside 1–100 mA"},
        {with([](app::ClinicLimits& l) { l.amplitudeMaxUa = 100'001; }),
            "clinic amplitude limit: 100.001 mA is outside 1–100 mA"},
        {with([](app::ClinicLimits& l) { l.amplitudeMaxUa = -5'000; }),
            "clinic amplitude limit: -5 mA is outside 1–100 mA"},
        {with([](app::ClinicLimits& l) { l.phaseWidthMaxUs = 9; }),
            "clinic phase width limit: 9 µs is outside 10–4000 µs"},
        {with([](app::ClinicLimits& l) { l.phaseWidthMaxUs = 4'001; }),
            "clinic phase width limit: 4001 µs is outside 10–4000 µs"},
        {with([](app::ClinicLimits& l) { l.pulseRateMaxHz = 0.49; }),
            "clinic pulse rate limit: 0.49 Hz is outside 0.5–150 Hz"},
        {with([](app::ClinicLimits& l) { l.pulseRateMaxHz = 150.01; }),
            "clinic pulse rate limit: 150.01 Hz is outside 0.5–150 Hz"},
        {with([&](app::ClinicLimits& l) { l.pulseRateMaxHz = nan; }),
            "clinic pulse rate limit: nan Hz is outside 0.5–150 Hz"},
        {with([&](app::ClinicLimits& l) { l.pulseRateMaxHz = inf; }),
            "clinic pulse rate limit: inf Hz is outside 0.5–150 Hz"},
        {with([](app::ClinicLimits& l) { l.sessionMinutesMax = 0; }),
            "clinic session duration limit: 0 min is outside 1–99 min"},
        {with([](app::ClinicLimits& l) { l.sessionMinutesMax = 100; }),
            "clinic session duration limit: 100 min is outside 1–99 min"},
    };
    for (const Case& c : cases) {
        const auto r = service.setLimits(admin, c.limits, QStringLiteral("a reason"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == app::AppError::Kind::Invalid);
        CHECK(r.error().message.toStdString() == c.message);
    }
    // The ends of each range are allowed.
    app::ClinicLimits edges;
    edges.amplitudeMaxUa = 1'000;
    edges.phaseWidthMaxUs = 4'000;
    edges.pulseRateMaxHz = 0.5;
    edges.sessionMinutesMax = 99;
    CHECK(app::ClinicLimitsService::check(edges) == std::nullopt);

    const auto noReason = service.setLimits(admin, someLimits(), QStringLiteral("   "));
    REQUIRE_FALSE(noReason.ok());
    CHECK(noReason.error().message == QStringLiteral("reason: a clinic policy change needs a reason"));
    const auto longReason = service.setLimits(admin, someLimits(), QString(1001, QLatin1Char('r')));
    REQUIRE_FALSE(longReason.ok());
    CHECK(longReason.error().message.contains(QStringLiteral("1000")));
    CHECK(limitRows(s) == 0);
}

TEST_CASE("a recorded clinic limit the service cannot read refuses sessions instead of dropping the limits",
    "[app][clinic-limits]")
{
    ServiceStore s;
    const auto admin = s.admin();
    app::ClinicLimitsService service(s.store());
    REQUIRE(service.setLimits(admin, someLimits(), QStringLiteral("set")).ok());
    s.dropTriggers(QStringLiteral("audit_log"));
    REQUIRE(s.exec(QStringLiteral(
        "UPDATE audit_log SET new_value = '{\"amplitude_max_ua\":\"lots\"}' WHERE field = 'clinic_limits'")));
    const auto read = service.limitsUnchecked();
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().kind == app::AppError::Kind::Storage);
    CHECK(read.error().message.startsWith(QStringLiteral("clinic limits: the recorded setting")));
    // An admin can set them again.
    REQUIRE(service.setLimits(admin, someLimits(), QStringLiteral("set again after the check")).ok());
    CHECK(*service.limitsUnchecked() == someLimits());
}
