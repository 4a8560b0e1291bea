// SPDX-License-Identifier: GPL-3.0-or-later
// Session exports: filters, paging, progress, cancel, audit, validation and the read snapshot.
#include "ExportFixture.h"

#include "db/audit/AuditTrail.h"
#include "db/audit/AuditVerifier.h"
#include "db/records/SessionRepository.h"

#include <catch2/catch.hpp>

#include <QBuffer>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <utility>

using namespace galvani;
using db::exp::ExportFilter;
using db::exp::ExportFormat;
using db::exp::ExportOptions;
using Fixture = galvani::test::ExportFixture;

namespace {

QList<qint64> exportedIds(test::TestStore& store, const Fixture& f, const ExportFilter& filter, int pageSize = 500)
{
    ExportOptions options;
    options.pageSize = pageSize;
    const auto run = test::runExport(store, f, ExportFormat::Json, filter, options);
    INFO((run.report.ok() ? QString() : run.report.error().message).toStdString());
    REQUIRE(run.report.ok());
    QList<qint64> ids;
    for (const QJsonValue& v :
        QJsonDocument::fromJson(run.bytes).object().value(QStringLiteral("sessions")).toArray()) {
        ids.append(v.toObject().value(QStringLiteral("id")).toInteger());
    }
    CHECK(run.report->total == ids.size());
    return ids;
}

QList<qint64> idsOf(const Fixture& f, std::initializer_list<int> numbers)
{
    QList<qint64> ids;
    for (const int n : numbers) {
        ids.append(f.s(n).id);
    }
    return ids;
}

// A device that opens for writing and then refuses every write, like a full disk.
class FullDisk final : public QIODevice {
public:
protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char*, qint64) override
    {
        setErrorString(QStringLiteral("no space left on device"));
        return -1;
    }
};

db::audit::AuditEntry lastExportAudit(test::TestStore& store)
{
    db::audit::AuditFilter filter;
    filter.table = QStringLiteral("sessions");
    const auto entries = db::audit::AuditTrail(store.ctx()).entries(filter);
    REQUIRE(entries.ok());
    for (auto it = entries->crbegin(); it != entries->crend(); ++it) {
        if (it->action == QLatin1String("export")) {
            return *it;
        }
    }
    FAIL("no export audit row");
    return {};
}

} // namespace

TEST_CASE("export filters select exactly the matching sessions", "[db][export]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    const qint64 day = Fixture::kDayMs;
    const qint64 t0 = Fixture::kEpochMs;
    const std::vector<std::pair<ExportFilter, QList<qint64>>> cases{
        {ExportFilter{}, idsOf(f, {1, 2, 3, 4, 5})},
        {ExportFilter{t0 + day, t0 + 3 * day, {}, {}}, idsOf(f, {2, 3})}, // s4 starts exactly at the exclusive end
        {ExportFilter{t0 + 3 * day, {}, {}, {}}, idsOf(f, {4, 5})}, // the inclusive start takes s4
        {ExportFilter{{}, t0 + 8 * 3600 * 1000, {}, {}}, {}}, // s1 starts exactly at the exclusive end
        {ExportFilter{{}, {}, f.patient2, {}}, idsOf(f, {2, 5})},
        {ExportFilter{{}, {}, {}, *f.therapistB.userId}, idsOf(f, {2, 3})},
        {ExportFilter{{}, {}, f.patient1, *f.therapistB.userId}, idsOf(f, {3})},
        {ExportFilter{t0, t0 + 2 * day, f.patient2, *f.therapistA.userId}, {}},
        {ExportFilter{{}, {}, f.patient3 + 100, {}}, {}},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("case " << i);
        for (const int pageSize : {1, 2, 500}) {
            INFO("page size " << pageSize);
            CHECK(exportedIds(store, f, cases[i].first, pageSize) == cases[i].second);
        }
    }
}

TEST_CASE("a day filter covers whole calendar days of the given zone", "[db][export]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    const QDate day3(2026, 1, 4);
    CHECK(exportedIds(store, f, ExportFilter::forDays(day3, day3, QTimeZone::utc())) == idsOf(f, {4, 5}));
    // At UTC+10, 4 January runs from 3 January 14:00Z (s3 starts then) to 4 January 14:00Z (before s5).
    CHECK(exportedIds(store, f, ExportFilter::forDays(day3, day3, QTimeZone(10 * 3600))) == idsOf(f, {3, 4}));
    CHECK(exportedIds(store, f, ExportFilter::forDays(QDate(2026, 1, 1), QDate(2026, 1, 2), QTimeZone::utc()))
        == idsOf(f, {1, 2}));
}

TEST_CASE("paging does not change an export's bytes", "[db][export]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    for (const ExportFormat format : {ExportFormat::Csv, ExportFormat::Json}) {
        ExportOptions options;
        options.includeEvents = true;
        options.pageSize = 500;
        const QByteArray whole = test::runExport(store, f, format, {}, options).bytes;
        REQUIRE_FALSE(whole.isEmpty());
        for (const int pageSize : {1, 2, 3}) {
            options.pageSize = pageSize;
            CHECK(test::runExport(store, f, format, {}, options).bytes == whole);
        }
    }
}

TEST_CASE("export progress is monotonic and reaches the total", "[db][export]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    ExportOptions options;
    options.pageSize = 2;
    options.progressEverySessions = 1;
    QList<std::pair<qint64, qint64>> calls;
    const auto run = test::runExport(store, f, ExportFormat::Fhir, {}, options, [&calls](qint64 done, qint64 total) {
        calls.append({done, total});
    });
    REQUIRE(run.report.ok());
    REQUIRE(calls.size() >= 2);
    CHECK(calls.first() == std::pair<qint64, qint64>{0, 5});
    CHECK(calls.last() == std::pair<qint64, qint64>{5, 5});
    QSet<qint64> seen;
    for (qsizetype i = 0; i < calls.size(); ++i) {
        CHECK(calls.at(i).second == 5);
        if (i > 0) {
            CHECK(calls.at(i).first >= calls.at(i - 1).first);
        }
        seen.insert(calls.at(i).first);
    }
    CHECK(seen == QSet<qint64>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("by the time rule a frozen clock reports only the start and the end", "[db][export]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    QList<std::pair<qint64, qint64>> calls;
    ExportOptions options;
    options.pageSize = 1;
    REQUIRE(test::runExport(store, f, ExportFormat::Csv, {}, options, [&calls](qint64 d, qint64 t) {
        calls.append({d, t});
    }).report.ok());
    CHECK(calls == QList<std::pair<qint64, qint64>>{{0, 5}, {5, 5}});

    // An interval of 0 ms reports every session, each once.
    calls.clear();
    options.progressIntervalMs = 0;
    REQUIRE(test::runExport(store, f, ExportFormat::Csv, {}, options, [&calls](qint64 d, qint64 t) {
        calls.append({d, t});
    }).report.ok());
    CHECK(calls == QList<std::pair<qint64, qint64>>{{0, 5}, {1, 5}, {2, 5}, {3, 5}, {4, 5}, {5, 5}});
}

TEST_CASE("cancelling stops an export and reports it", "[db][export]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    std::atomic_bool cancel{false};
    ExportOptions options;
    options.pageSize = 2;
    options.progressEverySessions = 1;
    const auto run = test::runExport(
        store, f, ExportFormat::Json, {}, options,
        [&cancel](qint64 done, qint64) {
            if (done >= 2) {
                cancel = true;
            }
        },
        &cancel);
    REQUIRE(run.report.ok());
    CHECK(run.report->cancelled);
    CHECK(run.report->sessions == 2);
    CHECK(run.report->total == 5);
    CHECK(run.report->bytes == run.bytes.size());
    const QJsonObject audit
        = QJsonDocument::fromJson(lastExportAudit(store).newValue.value_or(QString()).toUtf8()).object();
    CHECK(audit.value(QStringLiteral("outcome")).toString() == QStringLiteral("cancelled"));
    CHECK(audit.value(QStringLiteral("sessions")).toInteger() == 2);

    std::atomic_bool before{true};
    const auto none = test::runExport(store, f, ExportFormat::Csv, {}, {}, {}, &before);
    REQUIRE(none.report.ok());
    CHECK(none.report->cancelled);
    CHECK(none.report->sessions == 0);
    CHECK(test::exportAuditRows(store) == 2);
}

TEST_CASE("an export writes exactly one audit row with actor, format, filter, rows and output hash", "[db][export]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    CHECK(test::exportAuditRows(store) == 0);
    const ExportFilter filter{{}, {}, f.patient2, {}};
    const auto run = test::runExport(store, f, ExportFormat::Csv, filter);
    REQUIRE(run.report.ok());
    CHECK(test::exportAuditRows(store) == 1);
    const db::audit::AuditEntry e = lastExportAudit(store);
    CHECK(e.id == run.report->auditId);
    CHECK(e.actorId == f.admin.userId);
    CHECK(e.actorName == QStringLiteral("admin"));
    const QJsonObject v = QJsonDocument::fromJson(e.newValue.value_or(QString()).toUtf8()).object();
    CHECK(v.value(QStringLiteral("format")).toString() == QStringLiteral("csv"));
    CHECK(v.value(QStringLiteral("filter")).toObject().value(QStringLiteral("patient_id")).toInteger() == f.patient2);
    CHECK(v.value(QStringLiteral("sessions")).toInteger() == 2);
    CHECK(v.value(QStringLiteral("rows")).toInteger() == 3);
    CHECK(v.value(QStringLiteral("bytes")).toInteger() == run.bytes.size());
    CHECK(v.value(QStringLiteral("sha256")).toString().toLatin1()
        == QCryptographicHash::hash(run.bytes, QCryptographicHash::Sha256).toHex());
    CHECK(v.value(QStringLiteral("outcome")).toString() == QStringLiteral("completed"));
    CHECK(db::audit::AuditVerifier(*store.db, *store.key).verify().ok());
}

TEST_CASE("invalid export requests are refused with the field named and are not audited", "[db][export]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    auto refused = [&](const ExportFilter& filter, const ExportOptions& options, const char* needle) {
        const auto run = test::runExport(store, f, ExportFormat::Csv, filter, options);
        REQUIRE_FALSE(run.report.ok());
        CHECK(run.report.error().kind == db::DbError::Kind::Invalid);
        INFO(run.report.error().message.toStdString());
        CHECK(run.report.error().message.contains(QString::fromUtf8(needle)));
        CHECK(run.bytes.isEmpty());
    };
    refused(ExportFilter{100, 100, {}, {}}, {}, "must be before");
    refused(ExportFilter{{}, {}, 0, {}}, {}, "patient id = 0");
    refused(ExportFilter{{}, {}, {}, -3}, {}, "therapist id = -3");
    ExportOptions options;
    options.pageSize = 0;
    refused({}, options, "page size = 0 is outside 1–10000");
    options.pageSize = 10'001;
    refused({}, options, "page size = 10001");

    QBuffer closed;
    const auto r = db::exp::SessionExporter(store.ctx()).run({}, ExportFormat::Csv, &closed, f.admin);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.contains(QStringLiteral("open for writing")));
    CHECK(db::exp::SessionExporter(store.ctx()).run({}, ExportFormat::Csv, nullptr, f.admin).ok() == false);
    CHECK(test::exportAuditRows(store) == 0);
}

TEST_CASE("a failing sink fails the export and the failure is audited", "[db][export]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    FullDisk disk;
    REQUIRE(disk.open(QIODevice::WriteOnly));
    const auto r = db::exp::SessionExporter(store.ctx()).run({}, ExportFormat::Fhir, &disk, f.admin);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == db::DbError::Kind::Storage);
    INFO(r.error().message.toStdString());
    CHECK(r.error().message.contains(QStringLiteral("no space left on device")));
    CHECK(test::exportAuditRows(store) == 1);
    const QJsonObject v
        = QJsonDocument::fromJson(lastExportAudit(store).newValue.value_or(QString()).toUtf8()).object();
    CHECK(v.value(QStringLiteral("outcome")).toString().startsWith(QStringLiteral("failed: write export")));
    CHECK(v.value(QStringLiteral("bytes")).toInteger() == 0);
}

TEST_CASE("an export of no sessions is a valid empty file in every format", "[db][export]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    const ExportFilter none{{}, {}, f.patient3 + 100, {}};
    const auto csv = test::runExport(store, f, ExportFormat::Csv, none);
    REQUIRE(csv.report.ok());
    CHECK(csv.bytes.count("\r\n") == 1);
    const auto json = test::runExport(store, f, ExportFormat::Json, none);
    REQUIRE(json.report.ok());
    const QJsonObject root = QJsonDocument::fromJson(json.bytes).object();
    CHECK(root.value(QStringLiteral("sessions")).toArray().isEmpty());
    CHECK(root.value(QStringLiteral("session_count")).toInteger() == 0);
    const auto fhir = test::runExport(store, f, ExportFormat::Fhir, none);
    REQUIRE(fhir.report.ok());
    const QJsonObject bundle = QJsonDocument::fromJson(fhir.bytes).object();
    CHECK(bundle.value(QStringLiteral("resourceType")).toString() == QStringLiteral("Bundle"));
    CHECK_FALSE(bundle.contains(QStringLiteral("entry"))); // FHIR JSON allows no empty arrays
}

TEST_CASE("a session started during an export does not change it", "[db][export]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    db::Database second = store.temp.open();
    const db::StoreContext otherCtx{second, store.clock, *store.key};
    db::records::NewSession ns;
    ns.patientId = f.patient1;
    ns.workstation = QStringLiteral("ws-2");
    ns.deviceId = QStringLiteral("DEV-LATE");
    ns.firmware = QStringLiteral("1");
    const QVariant placement = store.scalar(
        QStringLiteral("SELECT placement_id FROM session_channels WHERE session_id = %1").arg(f.s(1).id));
    const QVariant program
        = store.scalar(QStringLiteral("SELECT program_id FROM session_channels WHERE session_id = %1").arg(f.s(1).id));
    ns.channels = {db::records::SessionChannelSpec{1, program.toLongLong(), placement.toLongLong(), {}, {}}};
    ExportOptions options;
    options.pageSize = 1;
    options.progressEverySessions = 1;
    bool started = false;
    const auto run = test::runExport(store, f, ExportFormat::Csv, {}, options, [&](qint64 done, qint64) {
        if (done == 2 && !started) {
            const auto s = db::records::SessionRepository(otherCtx).start(ns, f.therapistA);
            INFO((s.ok() ? QString() : s.error().message).toStdString());
            REQUIRE(s.ok());
            started = true;
        }
    });
    REQUIRE(run.report.ok());
    CHECK(started);
    CHECK(run.report->sessions == 5);
    CHECK(run.report->total == 5);
    CHECK_FALSE(run.bytes.contains("DEV-LATE"));
    CHECK(exportedIds(store, f, {}).size() == 6);
    CHECK(db::audit::AuditVerifier(*store.db, *store.key).verify().ok());
}
