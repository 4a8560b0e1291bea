// SPDX-License-Identifier: GPL-3.0-or-later
// FHIR R4 export: bundle structure, references, codes and units.
#include "ExportFixture.h"

#include <catch2/catch.hpp>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace galvani;
using db::exp::ExportFormat;

namespace {

struct Bundle {
    QJsonObject root;
    QList<QJsonObject> resources; // entry order
    QStringList urls; // entry order
    [[nodiscard]] QList<QJsonObject> ofType(const char* type) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject& r : resources) {
            if (r.value(QStringLiteral("resourceType")).toString() == QLatin1String(type)) {
                out.append(r);
            }
        }
        return out;
    }
    [[nodiscard]] QJsonObject byUrl(const QString& url) const
    {
        const auto i = urls.indexOf(url);
        REQUIRE(i >= 0);
        return resources.at(i);
    }
};

Bundle parseBundle(const QByteArray& bytes)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    INFO(error.errorString().toStdString());
    REQUIRE(error.error == QJsonParseError::NoError);
    Bundle b{doc.object(), {}, {}};
    for (const QJsonValue& e : b.root.value(QStringLiteral("entry")).toArray()) {
        b.urls.append(e.toObject().value(QStringLiteral("fullUrl")).toString());
        b.resources.append(e.toObject().value(QStringLiteral("resource")).toObject());
    }
    return b;
}

// Every "reference" value anywhere under v.
void collectReferences(const QJsonValue& v, QStringList& out)
{
    if (v.isArray()) {
        for (const QJsonValue& x : v.toArray()) {
            collectReferences(x, out);
        }
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == QLatin1String("reference")) {
                out.append(it.value().toString());
            } else {
                collectReferences(it.value(), out);
            }
        }
    }
}

// FHIR JSON: no empty strings, arrays or objects, and no nulls.
void checkNoEmptyValues(const QJsonValue& v, const QString& path)
{
    INFO(path.toStdString());
    CHECK_FALSE(v.isNull());
    CHECK_FALSE((v.isString() && v.toString().trimmed().isEmpty()));
    if (v.isArray()) {
        CHECK_FALSE(v.toArray().isEmpty());
        for (qsizetype i = 0; i < v.toArray().size(); ++i) {
            checkNoEmptyValues(v.toArray().at(i), path + QStringLiteral("[%1]").arg(i));
        }
    } else if (v.isObject()) {
        CHECK_FALSE(v.toObject().isEmpty());
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            checkNoEmptyValues(it.value(), path + QLatin1Char('.') + it.key());
        }
    }
}

QString codeOf(const QJsonObject& resource)
{
    return resource.value(QStringLiteral("code"))
        .toObject()
        .value(QStringLiteral("coding"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

} // namespace

TEST_CASE("a FHIR export is a collection bundle whose references all resolve", "[db][export][fhir]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    const auto run = test::runExport(store, f, ExportFormat::Fhir);
    REQUIRE(run.report.ok());
    const Bundle b = parseBundle(run.bytes);
    CHECK(b.root.value(QStringLiteral("resourceType")).toString() == QStringLiteral("Bundle"));
    CHECK(b.root.value(QStringLiteral("type")).toString() == QStringLiteral("collection"));
    CHECK_FALSE(b.root.contains(QStringLiteral("total"))); // only searchset and history bundles have a total
    CHECK(run.report->rows == b.resources.size());
    checkNoEmptyValues(b.root, QStringLiteral("Bundle"));

    QSet<QString> seen;
    for (qsizetype i = 0; i < b.resources.size(); ++i) {
        const QString url = b.urls.at(i);
        INFO(url.toStdString());
        REQUIRE(url.startsWith(QStringLiteral("urn:uuid:")));
        CHECK(QUuid::fromString(url.mid(9)).isNull() == false);
        CHECK(b.resources.at(i).value(QStringLiteral("id")).toString() == url.mid(9));
        CHECK_FALSE(seen.contains(url));
        // Every reference points to an entry written before this one.
        QStringList refs;
        collectReferences(b.resources.at(i), refs);
        for (const QString& r : refs) {
            INFO("reference " << r.toStdString());
            CHECK(seen.contains(r));
        }
        seen.insert(url);
    }
    CHECK(b.ofType("Patient").size() == 3);
    CHECK(b.ofType("Practitioner").size() == 2);
    CHECK(b.ofType("Device").size() == 4); // DEV-1 4.2.1, hostile, DEV-1 4.3.0, DEV-3
    CHECK(b.ofType("BodyStructure").size() == 4);
    CHECK(b.ofType("Procedure").size() == 5);
    CHECK(b.ofType("Observation").size() == 4 + 6); // NPRS scores + one delivered-current per session channel

    const QJsonObject patient2 = [&] {
        for (const QJsonObject& p : b.ofType("Patient")) {
            const QJsonObject id = p.value(QStringLiteral("identifier")).toArray().at(0).toObject();
            if (id.value(QStringLiteral("value")).toString() == test::Hostile::mrn()) {
                return p;
            }
        }
        FAIL("hostile patient missing");
        return QJsonObject();
    }();
    const QJsonObject name = patient2.value(QStringLiteral("name")).toArray().at(0).toObject();
    CHECK(name.value(QStringLiteral("family")).toString() == test::Hostile::family());
    CHECK(name.value(QStringLiteral("given")).toArray().at(0).toString() == QStringLiteral("-Zoë"));
    CHECK(patient2.value(QStringLiteral("birthDate")).toString() == QStringLiteral("1971-04-23"));
    CHECK(patient2.value(QStringLiteral("identifier"))
              .toArray()
              .at(0)
              .toObject()
              .value(QStringLiteral("type"))
              .toObject()
              .value(QStringLiteral("coding"))
              .toArray()
              .at(0)
              .toObject()
              .value(QStringLiteral("code"))
              .toString()
        == QStringLiteral("MR"));
}

TEST_CASE("FHIR NPRS observations carry LOINC 72514-3 and current observations UCUM units", "[db][export][fhir]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    const auto run = test::runExport(store, f, ExportFormat::Fhir);
    REQUIRE(run.report.ok());
    const Bundle b = parseBundle(run.bytes);
    QList<QJsonObject> nprs;
    QList<QJsonObject> currents;
    for (const QJsonObject& o : b.ofType("Observation")) {
        (codeOf(o) == QLatin1String("72514-3") ? nprs : currents).append(o);
    }
    REQUIRE(nprs.size() == 4);
    QList<int> scores;
    for (const QJsonObject& o : nprs) {
        const QJsonObject coding
            = o.value(QStringLiteral("code")).toObject().value(QStringLiteral("coding")).toArray().at(0).toObject();
        CHECK(coding.value(QStringLiteral("system")).toString() == QStringLiteral("http://loinc.org"));
        REQUIRE(o.value(QStringLiteral("valueInteger")).isDouble());
        scores.append(o.value(QStringLiteral("valueInteger")).toInt());
        CHECK(o.contains(QStringLiteral("effectiveDateTime")));
        CHECK(o.value(QStringLiteral("status")).toString() == QStringLiteral("final"));
        const QString partOf = o.value(QStringLiteral("partOf"))
                                   .toArray()
                                   .at(0)
                                   .toObject()
                                   .value(QStringLiteral("reference"))
                                   .toString();
        CHECK(b.byUrl(partOf).value(QStringLiteral("resourceType")).toString() == QStringLiteral("Procedure"));
    }
    CHECK(scores == QList<int>{7, 4, 8, 6});
    CHECK(
        nprs.at(0).value(QStringLiteral("effectiveDateTime")).toString() == QStringLiteral("2026-01-01T08:00:00.000Z"));
    CHECK(
        nprs.at(1).value(QStringLiteral("effectiveDateTime")).toString() == QStringLiteral("2026-01-01T08:15:00.000Z"));

    REQUIRE(currents.size() == 6);
    for (const QJsonObject& o : currents) {
        CHECK(codeOf(o) == QStringLiteral("delivered-current"));
        const QString device
            = o.value(QStringLiteral("device")).toObject().value(QStringLiteral("reference")).toString();
        CHECK(b.byUrl(device).value(QStringLiteral("resourceType")).toString() == QStringLiteral("Device"));
        for (const QJsonValue& c : o.value(QStringLiteral("component")).toArray()) {
            const QJsonObject q = c.toObject().value(QStringLiteral("valueQuantity")).toObject();
            if (q.isEmpty()) {
                CHECK(c.toObject().value(QStringLiteral("valueInteger")).isDouble());
                continue;
            }
            CHECK(q.value(QStringLiteral("system")).toString() == QStringLiteral("http://unitsofmeasure.org"));
            CHECK(QStringList{QStringLiteral("mA"), QStringLiteral("uC"), QStringLiteral("s")}.contains(
                q.value(QStringLiteral("code")).toString()));
            CHECK(q.value(QStringLiteral("unit")).toString() == q.value(QStringLiteral("code")).toString());
        }
    }
    // s1, channel 1: 12 500 µA = 12.5 mA, 180 µC, measured mean 11 433 µA.
    QHash<QString, QJsonObject> s1;
    for (const QJsonValue& c : currents.at(0).value(QStringLiteral("component")).toArray()) {
        s1.insert(codeOf(c.toObject()), c.toObject().value(QStringLiteral("valueQuantity")).toObject());
    }
    CHECK(s1.value(QStringLiteral("max-amplitude")).value(QStringLiteral("value")).toDouble() == Approx(12.5));
    CHECK(s1.value(QStringLiteral("max-amplitude")).value(QStringLiteral("code")).toString() == QStringLiteral("mA"));
    CHECK(s1.value(QStringLiteral("total-charge")).value(QStringLiteral("value")).toDouble() == Approx(180.0));
    CHECK(s1.value(QStringLiteral("total-charge")).value(QStringLiteral("code")).toString() == QStringLiteral("uC"));
    CHECK(s1.value(QStringLiteral("measured-mean")).value(QStringLiteral("value")).toDouble() == Approx(11.433));
}

TEST_CASE("FHIR procedures carry status, period, performer, body site and device", "[db][export][fhir]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    const auto run = test::runExport(store, f, ExportFormat::Fhir);
    REQUIRE(run.report.ok());
    const Bundle b = parseBundle(run.bytes);
    const QList<QJsonObject> procs = b.ofType("Procedure");
    REQUIRE(procs.size() == 5);
    QStringList statuses;
    for (const QJsonObject& p : procs) {
        statuses.append(p.value(QStringLiteral("status")).toString());
        const QString subject
            = p.value(QStringLiteral("subject")).toObject().value(QStringLiteral("reference")).toString();
        CHECK(b.byUrl(subject).value(QStringLiteral("resourceType")).toString() == QStringLiteral("Patient"));
        const QString performer = p.value(QStringLiteral("performer"))
                                      .toArray()
                                      .at(0)
                                      .toObject()
                                      .value(QStringLiteral("actor"))
                                      .toObject()
                                      .value(QStringLiteral("reference"))
                                      .toString();
        CHECK(b.byUrl(performer).value(QStringLiteral("resourceType")).toString() == QStringLiteral("Practitioner"));
        const QString device = p.value(QStringLiteral("usedReference"))
                                   .toArray()
                                   .at(0)
                                   .toObject()
                                   .value(QStringLiteral("reference"))
                                   .toString();
        CHECK(b.byUrl(device).value(QStringLiteral("resourceType")).toString() == QStringLiteral("Device"));
        CHECK(p.value(QStringLiteral("bodySite")).toArray().size()
            == p.value(QStringLiteral("extension")).toArray().size());
    }
    CHECK(statuses
        == QStringList{QStringLiteral("completed"), QStringLiteral("stopped"), QStringLiteral("stopped"),
            QStringLiteral("completed"), QStringLiteral("in-progress")});
    CHECK(procs.at(1).value(QStringLiteral("statusReason")).toObject().value(QStringLiteral("text")).toString()
        == QStringLiteral("stopped_by_therapist"));
    CHECK(
        procs.at(4).value(QStringLiteral("performedPeriod")).toObject().keys() == QStringList{QStringLiteral("start")});
    const QJsonObject period = procs.at(0).value(QStringLiteral("performedPeriod")).toObject();
    CHECK(period.value(QStringLiteral("start")).toString() == QStringLiteral("2026-01-01T08:00:00.000Z"));
    CHECK(period.value(QStringLiteral("end")).toString() == QStringLiteral("2026-01-01T08:15:00.000Z"));

    // s1: left lumbar multifidus, laterality as SNOMED CT 7771000 on the target BodyStructure.
    const QJsonObject p1 = procs.at(0);
    CHECK(p1.value(QStringLiteral("bodySite")).toArray().at(0).toObject().value(QStringLiteral("text")).toString()
        == QStringLiteral("channel 1: lumbar multifidus, left (L3 spinous process)"));
    const QJsonObject ext = p1.value(QStringLiteral("extension")).toArray().at(0).toObject();
    CHECK(ext.value(QStringLiteral("url")).toString()
        == QStringLiteral("http://hl7.org/fhir/StructureDefinition/procedure-targetBodyStructure"));
    const QJsonObject body
        = b.byUrl(ext.value(QStringLiteral("valueReference")).toObject().value(QStringLiteral("reference")).toString());
    CHECK(body.value(QStringLiteral("resourceType")).toString() == QStringLiteral("BodyStructure"));
    const QJsonObject lat = body.value(QStringLiteral("locationQualifier"))
                                .toArray()
                                .at(0)
                                .toObject()
                                .value(QStringLiteral("coding"))
                                .toArray()
                                .at(0)
                                .toObject();
    CHECK(lat.value(QStringLiteral("system")).toString() == QStringLiteral("http://snomed.info/sct"));
    CHECK(lat.value(QStringLiteral("code")).toString() == QStringLiteral("7771000"));

    const QJsonObject dev = b.byUrl(p1.value(QStringLiteral("usedReference"))
                                        .toArray()
                                        .at(0)
                                        .toObject()
                                        .value(QStringLiteral("reference"))
                                        .toString());
    CHECK(dev.value(QStringLiteral("serialNumber")).toString() == QStringLiteral("DEV-1"));
    CHECK(dev.value(QStringLiteral("version")).toArray().at(0).toObject().value(QStringLiteral("value")).toString()
        == QStringLiteral("4.2.1"));
}

TEST_CASE("a pseudonymised FHIR patient has only the pseudonym identifier", "[db][export][fhir]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    db::exp::ExportOptions options;
    options.pseudonymise = true;
    const auto run = test::runExport(store, f, ExportFormat::Fhir, {}, options);
    REQUIRE(run.report.ok());
    const Bundle b = parseBundle(run.bytes);
    REQUIRE(b.ofType("Patient").size() == 3);
    for (const QJsonObject& p : b.ofType("Patient")) {
        CHECK_FALSE(p.contains(QStringLiteral("name")));
        CHECK_FALSE(p.contains(QStringLiteral("birthDate")));
        const QJsonArray ids = p.value(QStringLiteral("identifier")).toArray();
        REQUIRE(ids.size() == 1);
        CHECK(ids.at(0)
                  .toObject()
                  .value(QStringLiteral("system"))
                  .toString()
                  .endsWith(QStringLiteral("patient-pseudonym")));
    }
    CHECK_FALSE(run.bytes.contains("MRN-0001"));
}

TEST_CASE("two FHIR exports of the same sessions use unrelated ids", "[db][export][fhir]")
{
    test::TestStore store;
    const auto f = test::buildExportFixture(store);
    const Bundle a = parseBundle(test::runExport(store, f, ExportFormat::Fhir).bytes);
    const Bundle b = parseBundle(test::runExport(store, f, ExportFormat::Fhir).bytes);
    REQUIRE(a.urls.size() == b.urls.size());
    const QSet<QString> first(a.urls.cbegin(), a.urls.cend());
    for (const QString& u : b.urls) {
        CHECK_FALSE(first.contains(u));
    }
}
