// SPDX-License-Identifier: GPL-3.0-or-later
// The other half of bad input: payloads that are legitimate content of free-text fields (a name with an
// apostrophe, SQL text, spreadsheet formulas, a leading tab, RTL override, emoji, commas, quotes and line breaks)
// are stored exactly as typed and come out harmless: in the CSV export every text cell that a spreadsheet would
// evaluate (starting with = + - @ TAB CR) carries a leading apostrophe (db/export/CsvText.h), and the cell is the
// payload otherwise unchanged; the JSON and FHIR exports parse and carry the payload verbatim. Summary line:
//   badinput export.payloads payloads=N stored_verbatim=N csv_cells=N csv_verbatim=N formula_cells=N json_verbatim=N
#include "BadValues.h"
#include "ServiceWorld.h"

#include "app/export/ExportService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "app/services/UserService.h"
#include "app/session/SessionController.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <iostream>

using namespace galvani;
using namespace galvani::badinput;

namespace {

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF or LF.
QList<QStringList> parseCsv(QString text)
{
    if (text.startsWith(QChar(0xFEFF))) {
        text.remove(0, 1);
    }
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                cell.append(c);
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                cell.append(c);
            }
        } else if (c == u'"' && cell.isEmpty()) {
            quoted = true;
        } else if (c == u',') {
            row.append(cell);
            cell.clear();
        } else if (c == u'\n' || (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')) {
            if (c == u'\r') {
                ++i;
            }
            row.append(cell);
            cell.clear();
            rows.append(row);
            row.clear();
        } else {
            cell.append(c);
        }
    }
    if (!cell.isEmpty() || !row.isEmpty()) {
        row.append(cell);
        rows.append(row);
    }
    return rows;
}

bool startsFormula(const QString& cell)
{
    if (cell.isEmpty()) {
        return false;
    }
    const char16_t c = cell.front().unicode();
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
}

// Every string anywhere in a JSON value.
void strings(const QJsonValue& v, QSet<QString>& out)
{
    if (v.isString()) {
        out.insert(v.toString());
    } else if (v.isArray()) {
        for (const QJsonValue& e : v.toArray()) {
            strings(e, out);
        }
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            strings(it.value(), out);
        }
    }
}

} // namespace

TEST_CASE("export payloads: legitimate payloads are stored verbatim and neutralised in the CSV")
{
    ServiceWorld world;
    const QStringList payloads = legitimatePayloads();
    REQUIRE(payloads.size() % 3 == 0);
    // The therapist's display name is a formula too: it is a column of every row.
    const QString therapistName = QStringLiteral("=HYPERLINK(\"http://example.invalid\")");
    app::UserService users(world.store());
    REQUIRE(
        users
            .add(world.root,
                app::NewUserInput{QStringLiteral("pat"), therapistName, app::Role::Therapist, ServiceWorld::kPassword})
            .ok());
    app::SignedInUser pat = world.tina;
    pat.id = 0;
    {
        // Sign in as pat through the service the sign-in form uses.
        const auto listed = users.list(world.root);
        REQUIRE(listed.ok());
        for (const auto& u : listed.value()) {
            if (u.username == QStringLiteral("pat")) {
                pat = app::SignedInUser{u.id, u.username, u.displayName, u.role};
            }
        }
        REQUIRE(pat.id != 0);
    }

    // Patient k: MRN, family name and given names are payloads 3k, 3k+1, 3k+2; the lead label of channel 1 is the
    // family-name payload when it fits the label's 32 characters.
    struct Expected {
        QString mrn;
        QString family;
        QString given;
        QString lead;
    };
    QList<Expected> expected;
    int storedVerbatim = 0;
    app::PatientService patients(world.store());
    app::SessionController controller(world.store());
    std::optional<app::AppResult<app::SessionPlan>> prepared;
    std::optional<app::SessionSummary> ended;
    QObject::connect(&controller, &app::SessionController::prepared, &controller,
        [&](const app::AppResult<app::SessionPlan>& p) { prepared = p; });
    QObject::connect(
        &controller, &app::SessionController::ended, &controller, [&](const app::SessionSummary& s) { ended = s; });
    for (qsizetype k = 0; k + 2 < payloads.size(); k += 3) {
        Expected e{payloads.at(k), payloads.at(k + 1), payloads.at(k + 2),
            payloads.at(k + 1).size() <= 32 ? payloads.at(k + 1) : QStringLiteral("lead")};
        INFO("patient " << e.mrn.toStdString());
        app::NewPatientInput in;
        in.mrn = e.mrn;
        in.familyName = e.family;
        in.givenNames = e.given;
        in.birthDate = QStringLiteral("1970-04-01");
        in.address = e.given;
        const auto added = patients.add(pat, in);
        INFO((added.ok() ? QString() : added.error().message).toStdString());
        REQUIRE(added.ok());
        const auto found = patients.findByMrn(pat, e.mrn);
        REQUIRE(found.ok());
        CHECK(found->summary.mrn == e.mrn);
        CHECK(found->summary.familyName == e.family);
        CHECK(found->summary.givenNames == e.given);
        CHECK(found->summary.address == e.given);
        storedVerbatim += (found->summary.mrn == e.mrn) + (found->summary.familyName == e.family)
            + (found->summary.givenNames == e.given);
        REQUIRE(app::ScreeningService(world.store()).record(pat, e.mrn, app::ScreeningInput::noneApply()).ok());
        app::PlacementInput p;
        p.siteId = QStringLiteral("right-lumbar-erector-spinae");
        p.channel = 1;
        p.leadLabel = e.lead;
        p.notes = e.family;
        const auto placed = app::PlacementService(world.store()).record(pat, e.mrn, p);
        REQUIRE(placed.ok());
        CHECK(placed->leadLabel == e.lead);
        CHECK(placed->notes == e.family);

        app::SessionRequest r;
        r.user = pat;
        r.patientMrn = e.mrn;
        r.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8");
        r.presetId = QStringLiteral("conventional-tens");
        r.channels = {app::ChannelRequest{1, p.siteId, 2'000, std::nullopt}};
        r.durationS = 1;
        r.nprsBefore = 4;
        prepared.reset();
        ended.reset();
        REQUIRE(controller.prepare(r).ok());
        REQUIRE(waitFor([&] { return prepared.has_value(); }, 20'000));
        REQUIRE(prepared->ok());
        REQUIRE(controller.start().ok());
        REQUIRE(waitFor([&] { return ended.has_value(); }, 30'000));
        REQUIRE(ended->recorded);
        expected.append(e);
    }

    // CSV: the payload columns of every row.
    app::ExportService exports(world.store());
    app::ExportRequest csvRequest;
    csvRequest.outPath = world.filePath(QStringLiteral("payloads.csv"));
    const auto csv = exports.exportSessions(world.root, csvRequest);
    INFO((csv.ok() ? QString() : csv.error().message).toStdString());
    REQUIRE(csv.ok());
    QFile csvFile(csvRequest.outPath);
    REQUIRE(csvFile.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(csvFile.readAll()));
    REQUIRE(rows.size() == expected.size() + 1);
    const QStringList header = rows.first();
    const QStringList textColumns{QStringLiteral("patient_mrn"), QStringLiteral("patient_family_name"),
        QStringLiteral("patient_given_names"), QStringLiteral("therapist_name"), QStringLiteral("lead_label")};
    QList<qsizetype> at;
    for (const QString& c : textColumns) {
        at.append(header.indexOf(c));
        INFO(c.toStdString());
        REQUIRE(at.last() >= 0);
    }
    int cells = 0;
    int verbatim = 0;
    int neutralised = 0;
    int formulaCells = 0;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QStringList& row = rows.at(r);
        REQUIRE(row.size() == header.size());
        // The spreadsheet's view of the cell: a leading apostrophe marks text and is not shown.
        const auto decoded
            = [](const QString& cell) { return cell.startsWith(QLatin1Char('\'')) ? cell.mid(1) : cell; };
        const QString mrn = decoded(row.at(at.at(0)));
        const auto it
            = std::find_if(expected.cbegin(), expected.cend(), [&](const Expected& e) { return e.mrn == mrn; });
        INFO("row " << r << " MRN cell " << row.at(at.at(0)).toStdString());
        REQUIRE(it != expected.cend());
        const QStringList wanted{it->mrn, it->family, it->given, therapistName, it->lead};
        for (qsizetype c = 0; c < at.size(); ++c) {
            const QString& cell = row.at(at.at(c));
            const QString& want = wanted.at(c);
            ++cells;
            INFO(textColumns.at(c).toStdString()
                << ": cell '" << cell.toStdString() << "', payload '" << want.toStdString() << "'");
            CHECK_FALSE(startsFormula(cell));
            formulaCells += startsFormula(cell) ? 1 : 0;
            // Neutralised exactly when the payload would be evaluated; otherwise the payload as it is.
            const QString expectedCell = startsFormula(want) ? QLatin1Char('\'') + want : want;
            CHECK(cell == expectedCell);
            verbatim += cell == expectedCell ? 1 : 0;
            neutralised += startsFormula(want) && cell == expectedCell ? 1 : 0;
        }
    }

    // JSON and FHIR: valid JSON carrying every payload verbatim.
    int jsonVerbatim = 0;
    for (const auto format : {app::ExportFileFormat::Json, app::ExportFileFormat::Fhir}) {
        app::ExportRequest request;
        request.format = format;
        request.outPath = world.filePath(format == app::ExportFileFormat::Json ? QStringLiteral("payloads.json")
                                                                               : QStringLiteral("payloads.fhir.json"));
        request.includeEvents = true;
        const auto written = exports.exportSessions(world.root, request);
        REQUIRE(written.ok());
        QFile file(request.outPath);
        REQUIRE(file.open(QIODevice::ReadOnly));
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        INFO(error.errorString().toStdString());
        REQUIRE(error.error == QJsonParseError::NoError);
        QSet<QString> found;
        strings(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()), found);
        for (const Expected& e : expected) {
            for (const QString& p : {e.mrn, e.family}) {
                INFO("payload " << p.toStdString());
                bool present = false;
                for (const QString& s : found) {
                    present = present || s == p || s.contains(p);
                }
                CHECK(present);
                jsonVerbatim += present ? 1 : 0;
            }
        }
    }
    std::cout << "badinput export.payloads payloads=" << payloads.size() << " stored_verbatim=" << storedVerbatim
              << " csv_cells=" << cells << " csv_verbatim=" << verbatim << " neutralised=" << neutralised
              << " formula_cells=" << formulaCells << " json_verbatim=" << jsonVerbatim << std::endl;
    CHECK(storedVerbatim == payloads.size());
    CHECK(formulaCells == 0);
    CHECK(neutralised > 0);
}
