// SPDX-License-Identifier: GPL-3.0-or-later
// ExportService: who may export what (CLINICAL.md §7: admins everything, therapists the sessions they ran,
// technicians nothing), refusals audited, and the file appears only when an export completes.
#include "app/export/ExportService.h"
#include "app/store/RecordStore.h"
#include "app/store/RecordStoreImpl.h"

#include "../db/ClinicalFixture.h"
#include "../db/TestStore.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <functional>

using namespace galvani;

namespace {

struct ExportServiceFixture {
    ExportServiceFixture()
    {
        fx = test::populate(s);
        admin = s.addUser(QStringLiteral("admin"), db::records::Role::Admin);
        other = s.addUser(QStringLiteral("other-therapist"), db::records::Role::Therapist);
        s.db.reset();
        app::StoreConfig c;
        c.storeUrl = s.temp.url().toUrl();
        c.auditKeyPath = s.temp.filePath(QStringLiteral("keys/audit.key"));
        c.anchorPath = s.temp.filePath(QStringLiteral("anchor.txt"));
        c.sessionLockPath = s.temp.filePath(QStringLiteral("sessions.lock"));
        c.workstation = QStringLiteral("ws-other"); // leaves the fixture's open session alone
        QString error;
        store = app::RecordStore::open(c, s.clock, &error);
        INFO(error.toStdString());
        REQUIRE(store);
    }

    app::SignedInUser as(const db::Actor& a, app::Role role) const { return {*a.userId, a.name, a.name, role}; }

    qint64 refusals()
    {
        QSqlQuery q(store->impl().db.connection());
        REQUIRE(q.exec(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'refused'")));
        REQUIRE(q.next());
        return q.value(0).toLongLong();
    }

    QString out(const QString& name) const { return s.temp.filePath(name); }

    test::TestStore s{test::StoreBackend::Sqlite};
    test::ClinicalFixture fx;
    db::Actor admin;
    db::Actor other;
    std::unique_ptr<app::RecordStore> store;
};

qint64 sessionsIn(const QString& jsonPath)
{
    QFile f(jsonPath);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const auto doc = QJsonDocument::fromJson(f.readAll());
    REQUIRE(doc.isObject());
    return doc.object().value(QStringLiteral("sessions")).toArray().size();
}

} // namespace

TEST_CASE("An admin exports every session and the file is complete", "[app][export]")
{
    ExportServiceFixture f;
    app::ExportRequest r;
    r.format = app::ExportFileFormat::Json;
    r.outPath = f.out(QStringLiteral("all.json"));
    qint64 lastDone = -1;
    qint64 lastTotal = -1;
    auto result = app::ExportService(*f.store).exportSessions(
        f.as(f.admin, app::Role::Admin), r, [&](qint64 done, qint64 total) {
            CHECK(done >= lastDone);
            lastDone = done;
            lastTotal = total;
        });
    INFO((result.ok() ? QString() : result.error().message).toStdString());
    REQUIRE(result.ok());
    CHECK(result->sessions == 2);
    CHECK(lastDone == lastTotal);
    CHECK(sessionsIn(r.outPath) == 2);
    CHECK(result->sha256.size() == 64);
}

TEST_CASE("A therapist exports only the sessions they ran", "[app][export]")
{
    ExportServiceFixture f;
    app::ExportRequest r;
    r.format = app::ExportFileFormat::Json;

    r.outPath = f.out(QStringLiteral("own.json"));
    auto own = app::ExportService(*f.store).exportSessions(f.as(f.fx.therapist, app::Role::Therapist), r);
    REQUIRE(own.ok());
    CHECK(own->sessions == 2);

    r.outPath = f.out(QStringLiteral("none.json"));
    auto none = app::ExportService(*f.store).exportSessions(f.as(f.other, app::Role::Therapist), r);
    REQUIRE(none.ok());
    CHECK(none->sessions == 0);

    SECTION("naming another therapist is refused and audited")
    {
        const qint64 before = f.refusals();
        r.outPath = f.out(QStringLiteral("theirs.json"));
        r.therapistUsername = f.fx.therapist.name;
        auto refused = app::ExportService(*f.store).exportSessions(f.as(f.other, app::Role::Therapist), r);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().kind == app::AppError::Kind::Denied);
        CHECK(f.refusals() == before + 1);
        CHECK_FALSE(QFileInfo::exists(r.outPath));
    }
}

TEST_CASE("A technician cannot export and no file appears", "[app][export]")
{
    ExportServiceFixture f;
    const qint64 before = f.refusals();
    app::ExportRequest r;
    r.outPath = f.out(QStringLiteral("tech.csv"));
    auto refused = app::ExportService(*f.store).exportSessions(f.as(f.fx.technician, app::Role::Technician), r);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == app::AppError::Kind::Denied);
    CHECK(refused.error().message.contains(QStringLiteral("technician")));
    CHECK(f.refusals() == before + 1);
    CHECK_FALSE(QFileInfo::exists(r.outPath));
}

TEST_CASE("A cancelled export leaves an existing file untouched", "[app][export]")
{
    ExportServiceFixture f;
    app::ExportRequest r;
    r.outPath = f.out(QStringLiteral("keep.csv"));
    {
        QFile existing(r.outPath);
        REQUIRE(existing.open(QIODevice::WriteOnly));
        existing.write("previous export\n");
    }
    std::atomic_bool cancel{true};
    auto cancelled = app::ExportService(*f.store).exportSessions(f.as(f.admin, app::Role::Admin), r, {}, &cancel);
    REQUIRE_FALSE(cancelled.ok());
    QFile kept(r.outPath);
    REQUIRE(kept.open(QIODevice::ReadOnly));
    CHECK(kept.readAll() == QByteArray("previous export\n"));
}

TEST_CASE("Export requests with a reversed date range or an unknown patient name the argument", "[app][export]")
{
    ExportServiceFixture f;
    app::ExportRequest r;
    r.outPath = f.out(QStringLiteral("x.csv"));
    r.from = QDate(2026, 5, 2);
    r.to = QDate(2026, 5, 1);
    auto reversed = app::ExportService(*f.store).exportSessions(f.as(f.admin, app::Role::Admin), r);
    REQUIRE_FALSE(reversed.ok());
    CHECK(reversed.error().message.startsWith(QStringLiteral("--from")));

    r.from = QDate();
    r.to = QDate();
    r.patientMrn = QStringLiteral("NO-SUCH-MRN");
    auto unknown = app::ExportService(*f.store).exportSessions(f.as(f.admin, app::Role::Admin), r);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.startsWith(QStringLiteral("--patient")));
    CHECK_FALSE(QFileInfo::exists(r.outPath));
}

TEST_CASE("A patient or therapist filter no record can have is refused with the limit, not looked up", "[app][export]")
{
    ExportServiceFixture f;
    const auto admin = f.as(f.admin, app::Role::Admin);
    const QString tooLong = QStringLiteral("x").repeated(65);
    const QString nul = QStringLiteral("ab") + QChar(u'\0') + QStringLiteral("cd");
    const auto refusal = [&](const std::function<void(app::ExportRequest&)>& edit) {
        app::ExportRequest r;
        r.outPath = f.out(QStringLiteral("filtered.csv"));
        edit(r);
        auto result = app::ExportService(*f.store).exportSessions(admin, r);
        REQUIRE_FALSE(result.ok());
        CHECK_FALSE(QFileInfo::exists(r.outPath));
        return result.error();
    };
    for (const QString& bad : {tooLong, QStringLiteral("x").repeated(10'000)}) {
        const auto patient = refusal([&](app::ExportRequest& r) { r.patientMrn = bad; });
        CHECK(patient.kind == app::AppError::Kind::Invalid);
        CHECK(patient.message.startsWith(QStringLiteral("--patient: MRN")));
        CHECK(patient.message.contains(QStringLiteral("at most 64")));
        const auto therapist = refusal([&](app::ExportRequest& r) { r.therapistUsername = bad; });
        CHECK(therapist.kind == app::AppError::Kind::Invalid);
        CHECK(therapist.message.startsWith(QStringLiteral("--therapist: user name")));
        CHECK(therapist.message.contains(QStringLiteral("at most 64")));
    }
    const auto patientNul = refusal([&](app::ExportRequest& r) { r.patientMrn = nul; });
    CHECK(patientNul.kind == app::AppError::Kind::Invalid);
    CHECK(patientNul.message.contains(QStringLiteral("NUL")));
    const auto therapistNul = refusal([&](app::ExportRequest& r) { r.therapistUsername = nul; });
    CHECK(therapistNul.kind == app::AppError::Kind::Invalid);
    CHECK(therapistNul.message.contains(QStringLiteral("NUL")));

    // The longest well-formed values are looked up, and nobody has them.
    const auto unknown = refusal([&](app::ExportRequest& r) { r.patientMrn = tooLong.left(64); });
    CHECK(unknown.kind == app::AppError::Kind::NotFound);
    const auto nobody = refusal([&](app::ExportRequest& r) { r.therapistUsername = tooLong.left(64); });
    CHECK(nobody.kind == app::AppError::Kind::NotFound);
}
