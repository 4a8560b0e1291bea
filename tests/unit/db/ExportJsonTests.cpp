// SPDX-License-Identifier: GPL-3.0-or-later
// JSON export: the streamed document parses and carries what the store holds.
#include "ExportFixture.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace galvani;
using db::exp::ExportFormat;
using galvani::test::Hostile;

namespace {

QJsonObject parseJson(const QByteArray& bytes)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    INFO(error.errorString().toStdString() << " at " << error.offset);
    REQUIRE(error.error == QJsonParseError::NoError);
    REQUIRE(doc.isObject());
    return doc.object();
}

QJsonObject sessionById(const QJsonArray& sessions, qint64 id)
{
    for (const QJsonValue& v : sessions) {
        if (v.toObject().value(QStringLiteral("id")).toInteger() == id) {
            return v.toObject();
        }
    }
    FAIL("session " << id << " missing from the export");
    return {};
}

} // namespace

TEST_CASE("a JSON export parses and matches the store", "[db][export][json]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    const auto run = test::runExport(store, f, ExportFormat::Json);
    REQUIRE(run.report.ok());
    CHECK(run.report->rows == 5);
    const QJsonObject root = parseJson(run.bytes);
    CHECK(root.value(QStringLiteral("format")).toString() == QStringLiteral("galvani.sessions"));
    CHECK(root.value(QStringLiteral("schema_version")).toInt() == 1);
    CHECK(root.value(QStringLiteral("total")).toInteger() == 5);
    CHECK(root.value(QStringLiteral("session_count")).toInteger() == 5);
    CHECK(root.value(QStringLiteral("filter")).toObject().isEmpty());
    const QJsonArray sessions = root.value(QStringLiteral("sessions")).toArray();
    REQUIRE(sessions.size() == 5);
    for (int i = 0; i < 5; ++i) {
        CHECK(sessions.at(i).toObject().value(QStringLiteral("id")).toInteger() == f.sessions.at(i).id);
        CHECK_FALSE(sessions.at(i).toObject().contains(QStringLiteral("events")));
    }

    // Hostile text travels unchanged: JSON escaping is enough, no neutralisation.
    const QJsonObject s2 = sessionById(sessions, f.s(2).id);
    const QJsonObject p2 = s2.value(QStringLiteral("patient")).toObject();
    CHECK(p2.value(QStringLiteral("family_name")).toString() == Hostile::family());
    CHECK(p2.value(QStringLiteral("given_names")).toString() == Hostile::given());
    CHECK(p2.value(QStringLiteral("mrn")).toString() == Hostile::mrn());
    CHECK(s2.value(QStringLiteral("therapist")).toObject().value(QStringLiteral("username")).toString()
        == Hostile::therapist());
    CHECK(s2.value(QStringLiteral("device")).toObject().value(QStringLiteral("firmware")).toString()
        == Hostile::firmware());
    CHECK(s2.value(QStringLiteral("end_reason")).toString() == QStringLiteral("stopped_by_therapist"));
    const QJsonArray ch2 = s2.value(QStringLiteral("channels")).toArray();
    REQUIRE(ch2.size() == 2);
    CHECK(ch2.at(0).toObject().value(QStringLiteral("placement")).toObject().value(QStringLiteral("muscle")).toString()
        == Hostile::muscle());
    const QJsonObject unmeasured = ch2.at(1).toObject().value(QStringLiteral("summary")).toObject();
    CHECK(unmeasured.value(QStringLiteral("seconds")).toInteger() == 2);
    CHECK(unmeasured.value(QStringLiteral("mean_commanded_uA")).toInteger() == 15'501);
    CHECK(unmeasured.value(QStringLiteral("measured_mean_uA")).isNull());
    const QJsonArray outcomes2 = s2.value(QStringLiteral("outcomes")).toArray();
    REQUIRE(outcomes2.size() == 2);
    CHECK(outcomes2.at(0).toObject().value(QStringLiteral("nprs_before")).toInt() == 8);
    CHECK(outcomes2.at(0).toObject().value(QStringLiteral("nprs_after")).isNull());
    CHECK(outcomes2.at(1).toObject().value(QStringLiteral("nprs_after")).toInt() == 6);

    const QJsonObject s1 = sessionById(sessions, f.s(1).id);
    CHECK(s1.value(QStringLiteral("started_utc")).toString() == QStringLiteral("2026-01-01T08:00:00.000Z"));
    CHECK(s1.value(QStringLiteral("started_utc_ms")).toInteger() == f.s(1).startedUtcMs);
    const QJsonObject c1 = s1.value(QStringLiteral("channels")).toArray().at(0).toObject();
    CHECK(c1.value(QStringLiteral("max_amplitude_uA")).toInteger() == 12'500);
    CHECK(c1.value(QStringLiteral("total_charge_uC")).toInteger() == 180);
    CHECK(c1.value(QStringLiteral("program")).toObject().value(QStringLiteral("frequency_mHz")).toInteger() == 50'000);
    const QJsonObject sum1 = c1.value(QStringLiteral("summary")).toObject();
    CHECK(sum1.value(QStringLiteral("seconds")).toInteger() == 3);
    CHECK(sum1.value(QStringLiteral("mean_commanded_uA")).toInteger() == 11'500);
    CHECK(sum1.value(QStringLiteral("measured_min_uA")).toInteger() == 9'800);
    CHECK(sum1.value(QStringLiteral("measured_mean_uA")).toInteger() == 11'433);
    CHECK(sum1.value(QStringLiteral("measured_max_uA")).toInteger() == 12'600);
    CHECK(sum1.value(QStringLiteral("samples")).toInteger() == 150);
    CHECK(s1.value(QStringLiteral("outcomes")).toArray().at(0).toObject().value(QStringLiteral("notes")).toString()
        == QStringLiteral("=felt better, \"much\""));

    const QJsonObject s5 = sessionById(sessions, f.s(5).id);
    CHECK(s5.value(QStringLiteral("ended_utc")).isNull());
    CHECK(s5.value(QStringLiteral("end_reason")).isNull());
    CHECK(s5.value(QStringLiteral("outcomes")).toArray().isEmpty());
}

TEST_CASE("a JSON export includes each session's events when asked", "[db][export][json]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    db::exp::ExportOptions options;
    options.includeEvents = true;
    options.pageSize = 2;
    const auto run = test::runExport(store, f, ExportFormat::Json, {}, options);
    REQUIRE(run.report.ok());
    const QJsonArray sessions = parseJson(run.bytes).value(QStringLiteral("sessions")).toArray();
    const QJsonArray events = sessionById(sessions, f.s(1).id).value(QStringLiteral("events")).toArray();
    QStringList kinds;
    for (const QJsonValue& e : events) {
        kinds.append(e.toObject().value(QStringLiteral("kind")).toString());
    }
    CHECK(kinds
        == QStringList{
            QStringLiteral("start"), QStringLiteral("amplitude"), QStringLiteral("pause"), QStringLiteral("end")});
    CHECK(events.at(1).toObject().value(QStringLiteral("amplitude_uA")).toInteger() == 12'500);
    CHECK(events.at(1).toObject().value(QStringLiteral("detail")).toString() == QStringLiteral("ramp done"));
    for (int i = 0; i < events.size(); ++i) {
        CHECK(events.at(i).toObject().value(QStringLiteral("seq")).toInteger() == i + 1);
    }
    CHECK(sessionById(sessions, f.s(5).id).value(QStringLiteral("events")).toArray().size() == 1);
}

TEST_CASE("a pseudonymised JSON export names patients by pseudonym only", "[db][export][json]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    db::exp::ExportOptions options;
    options.pseudonymise = true;
    const auto run = test::runExport(store, f, ExportFormat::Json, {}, options);
    REQUIRE(run.report.ok());
    const QJsonObject root = parseJson(run.bytes);
    CHECK(root.value(QStringLiteral("pseudonymised")).toBool());
    for (const QJsonValue& v : root.value(QStringLiteral("sessions")).toArray()) {
        const QJsonObject p = v.toObject().value(QStringLiteral("patient")).toObject();
        CHECK(p.keys() == QStringList{QStringLiteral("pseudonym")});
    }
    CHECK_FALSE(run.bytes.contains("Okafor"));
}
