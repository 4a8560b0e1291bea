// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile text in every free-text field the services take: stored exactly as given, or refused with a message
// that names the field and its limit. Afterwards every table is still there and the audit trail verifies.
#include "ServiceStore.h"

#include "app/services/AuditService.h"
#include "app/services/AuthService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "app/services/UserService.h"

#include <catch2/catch.hpp>

#include <functional>

using namespace galvani;
using test::ServiceStore;

namespace {

QStringList payloads()
{
    QString withNul = QStringLiteral("before");
    withNul.append(QChar(u'\0'));
    withNul.append(QStringLiteral("after"));
    return {
        QStringLiteral("'; DROP TABLE patients; --"),
        QStringLiteral("Robert'); DROP TABLE users;--"),
        QStringLiteral("' OR '1'='1"),
        QStringLiteral("\" OR \"\"=\""),
        QStringLiteral("\\'; DELETE FROM audit_log; --"),
        QStringLiteral("C:\\\\share\\\\x\\"),
        QStringLiteral(":id ?1 $1 %s %d _%"),
        QStringLiteral("/* comment */ -- tail"),
        QStringLiteral("$$; DROP TABLE screenings; $$"),
        QStringLiteral("😀 Zoë Ångström 👩‍⚕️"),
        QStringLiteral("\u202Egnp.exe\u202C مرحبا עברית"),
        QStringLiteral("line1\nline2\ttab\r\nend"),
        withNul,
        QString(10000, QLatin1Char('x')),
        QStringLiteral("=HYPERLINK(\"http://x\")"),
    };
}

struct FieldRule {
    QString label; // how the message names the field
    int maxChars = 0;
    bool required = false;
};

bool shouldAccept(const QString& payload, const FieldRule& rule)
{
    return payload.size() <= rule.maxChars && !payload.contains(QChar(u'\0'))
        && (!rule.required || !payload.trimmed().isEmpty());
}

// Either the field came back verbatim or the refusal names the field and, for a length, the limit.
template <typename T>
void checkStoredOrRefused(const app::AppResult<T>& result, const std::function<QString(const T&)>& readBack,
    const QString& payload, const FieldRule& rule)
{
    INFO("field " << rule.label.toStdString() << ", payload of " << payload.size()
                  << " characters: " << payload.left(60).toStdString());
    if (!result.ok()) {
        INFO("refused: " << result.error().message.toStdString());
    }
    REQUIRE(result.ok() == shouldAccept(payload, rule));
    if (result.ok()) {
        CHECK(readBack(result.value()) == payload);
        return;
    }
    const QString message = result.error().message;
    CHECK(result.error().kind == app::AppError::Kind::Invalid);
    CHECK(message.contains(rule.label, Qt::CaseInsensitive));
    if (payload.size() > rule.maxChars) {
        CHECK(message.contains(QString::number(rule.maxChars)));
    } else if (payload.contains(QChar(u'\0'))) {
        CHECK(message.contains(QStringLiteral("NUL")));
    }
}

void checkIntact(ServiceStore& s, const app::SignedInUser& admin)
{
    for (const char* table :
        {"users", "patients", "notes", "screenings", "screening_items", "placements", "audit_log"}) {
        INFO(table);
        CHECK(s.scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))).toLongLong() >= 0);
    }
    const auto check = app::AuditService(s.store()).verify(admin);
    REQUIRE(check.ok());
    INFO(check->summary.toStdString());
    CHECK(check->ok);
}

} // namespace

TEST_CASE("hostile text in patient fields is stored verbatim or refused naming the field", "[app][injection]")
{
    ServiceStore s;
    const auto admin = s.admin();
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    app::PatientService patients(s.store());
    int serial = 0;
    const struct {
        FieldRule rule;
        QString app::NewPatientInput::*input;
        QString app::PatientSummary::*stored;
    } fields[] = {
        {{QStringLiteral("MRN"), 64, true}, &app::NewPatientInput::mrn, &app::PatientSummary::mrn},
        {{QStringLiteral("family name"), 200, true}, &app::NewPatientInput::familyName,
            &app::PatientSummary::familyName},
        {{QStringLiteral("given names"), 200, true}, &app::NewPatientInput::givenNames,
            &app::PatientSummary::givenNames},
        {{QStringLiteral("phone"), 100, false}, &app::NewPatientInput::phone, &app::PatientSummary::phone},
        {{QStringLiteral("email"), 200, false}, &app::NewPatientInput::email, &app::PatientSummary::email},
        {{QStringLiteral("address"), 1000, false}, &app::NewPatientInput::address, &app::PatientSummary::address},
    };
    for (const auto& field : fields) {
        for (const QString& payload : payloads()) {
            app::NewPatientInput in;
            in.mrn = QStringLiteral("INJ-%1").arg(++serial);
            in.familyName = QStringLiteral("Family");
            in.givenNames = QStringLiteral("Given");
            in.birthDate = QStringLiteral("1990-01-01");
            in.*field.input = payload;
            const auto added = patients.add(therapist, in);
            checkStoredOrRefused<app::PatientSummary>(
                added, [&](const app::PatientSummary& p) { return p.*field.stored; }, payload, field.rule);
            if (added.ok()) {
                // Read back through a fresh query, not only the returned value.
                const auto found = patients.findByMrn(therapist, added->mrn);
                REQUIRE(found.ok());
                CHECK(found->summary.*field.stored == payload);
            }
        }
    }
    for (const QString& payload : payloads()) {
        app::NewPatientInput in;
        in.mrn = QStringLiteral("DOB-%1").arg(++serial);
        in.familyName = QStringLiteral("Family");
        in.givenNames = QStringLiteral("Given");
        in.birthDate = payload;
        const auto added = patients.add(therapist, in);
        REQUIRE_FALSE(added.ok());
        CHECK(added.error().message.contains(QStringLiteral("date of birth")));
        CHECK(added.error().message.contains(QStringLiteral("YYYY-MM-DD")));
    }
    // Searching with hostile text is a plain substring search, or refused like a field (a NUL once reached
    // PostgreSQL as a storage error).
    for (const QString& payload : payloads()) {
        checkStoredOrRefused<QList<app::PatientSummary>>(
            patients.list(therapist, payload), [&payload](const QList<app::PatientSummary>&) { return payload; },
            payload, FieldRule{QStringLiteral("name search"), 200, false});
    }
    checkIntact(s, admin);
}

TEST_CASE("hostile text in user fields is stored verbatim or refused naming the field", "[app][injection]")
{
    ServiceStore s;
    const auto admin = s.admin();
    app::UserService users(s.store());
    int serial = 0;
    for (const QString& payload : payloads()) {
        const auto added = users.add(admin,
            app::NewUserInput{payload, QStringLiteral("Display"), app::Role::Therapist,
                QString::fromLatin1(ServiceStore::kPassword)});
        const bool spaced = payload != payload.trimmed();
        INFO("username payload " << payload.left(40).toStdString());
        if (spaced) {
            REQUIRE_FALSE(added.ok());
            CHECK(added.error().message.contains(QStringLiteral("username")));
            continue;
        }
        checkStoredOrRefused<app::UserSummary>(
            added, [](const app::UserSummary& u) { return u.username; }, payload,
            FieldRule{QStringLiteral("username"), 64, true});
        if (added.ok()) {
            CHECK(app::AuthService(s.store()).signIn(payload, QString::fromLatin1(ServiceStore::kPassword)).ok());
        }
    }
    for (const QString& payload : payloads()) {
        const auto added = users.add(admin,
            app::NewUserInput{QStringLiteral("display-%1").arg(++serial), payload, app::Role::Therapist,
                QString::fromLatin1(ServiceStore::kPassword)});
        checkStoredOrRefused<app::UserSummary>(
            added, [](const app::UserSummary& u) { return u.displayName; }, payload,
            FieldRule{QStringLiteral("display name"), 200, true});
    }
    for (const QString& payload : payloads()) {
        const QString name = QStringLiteral("pw-%1").arg(++serial);
        const auto added = users.add(admin, app::NewUserInput{name, QString(), app::Role::Therapist, payload});
        INFO("password payload of " << payload.size() << " characters");
        // Passwords are hashed, never stored: accepted ones must sign in with exactly that text.
        const bool acceptable = payload.size() >= 10 && payload.size() <= 1024;
        REQUIRE(added.ok() == acceptable);
        if (added.ok()) {
            CHECK(app::AuthService(s.store()).signIn(name, payload).ok());
        } else {
            CHECK(added.error().message.contains(QStringLiteral("password")));
            CHECK((added.error().message.contains(QStringLiteral("10"))
                || added.error().message.contains(QStringLiteral("1024"))));
        }
    }
    checkIntact(s, admin);
}

TEST_CASE(
    "hostile text in screening and placement fields is stored verbatim or refused naming the field", "[app][injection]")
{
    ServiceStore s;
    const auto admin = s.admin();
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const QString mrn = QStringLiteral("MRN-INJ");
    test::addPatient(s, therapist, mrn);
    app::ScreeningService screenings(s.store());
    app::PlacementService placements(s.store());
    for (const QString& payload : payloads()) {
        app::ScreeningInput notes = app::ScreeningInput::noneApply();
        notes.notes = payload;
        checkStoredOrRefused<app::ScreeningView>(
            screenings.record(therapist, mrn, notes), [](const app::ScreeningView& v) { return v.notes; }, payload,
            FieldRule{QStringLiteral("screening notes"), 4000, false});

        // A cleared absolute item carries the clearance reason.
        app::ScreeningInput cleared = app::ScreeningInput::noneApply();
        cleared.answers[0].answer = app::ScreeningAnswer::Yes;
        cleared.answers[0].acknowledged = true;
        cleared.clearanceReason = payload;
        checkStoredOrRefused<app::ScreeningView>(
            screenings.record(therapist, mrn, cleared), [](const app::ScreeningView& v) { return v.clearanceReason; },
            payload, FieldRule{QStringLiteral("clearance reason"), 1000, true});

        app::ScreeningInput detail = app::ScreeningInput::noneApply();
        detail.answers[3].detail = payload;
        const QString item = detail.answers[3].itemId;
        checkStoredOrRefused<app::ScreeningView>(
            screenings.record(therapist, mrn, detail),
            [&item](const app::ScreeningView& v) {
                for (const auto& a : v.answers) {
                    if (a.itemId == item) {
                        return a.detail;
                    }
                }
                return QStringLiteral("(item missing)");
            },
            payload, FieldRule{QStringLiteral("detail of screening item"), 1000, false});

        app::PlacementInput lead;
        lead.siteId = QStringLiteral("right-upper-trapezius");
        lead.leadLabel = payload;
        checkStoredOrRefused<app::PlacementView>(
            placements.record(therapist, mrn, lead), [](const app::PlacementView& p) { return p.leadLabel; }, payload,
            FieldRule{QStringLiteral("lead label"), 32, false});

        app::PlacementInput notesInput;
        notesInput.siteId = QStringLiteral("right-upper-trapezius");
        notesInput.notes = payload;
        checkStoredOrRefused<app::PlacementView>(
            placements.record(therapist, mrn, notesInput), [](const app::PlacementView& p) { return p.notes; }, payload,
            FieldRule{QStringLiteral("placement notes"), 250, false});

        app::PlacementInput site;
        site.siteId = payload;
        const auto bySite = placements.record(therapist, mrn, site);
        REQUIRE_FALSE(bySite.ok());
        CHECK(bySite.error().message.contains(QStringLiteral("placement catalogue")));
    }
    // Everything stored reads back from the store, not only from the value the call returned.
    const auto latest = screenings.latest(therapist, mrn);
    REQUIRE(latest.ok());
    const auto current = placements.current(therapist, mrn);
    REQUIRE(current.ok());
    CHECK_FALSE(current->isEmpty());
    checkIntact(s, admin);
}
