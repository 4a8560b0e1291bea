// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli export --format csv|json|fhir --from DATE --to DATE --out FILE [--patient MRN] [--therapist NAME]
//  [--pseudonymise] [--events]`.
#include "RecordCommands.h"

#include "app/IsoDate.h"
#include "app/export/ExportService.h"

#include <QElapsedTimer>

#include <utility>

namespace galvani::cli {

namespace {

// A calendar date option (YYYY-MM-DD); absent = no bound. Returns false and sets *error on a malformed value.
bool dateOption(const CliOptions& options, const QString& name, QDate* date, QString* error)
{
    if (!options.has(name)) {
        return true;
    }
    const auto text = options.text(name, error);
    if (!text) {
        return false;
    }
    const auto parsed = app::parseIsoDate(*text);
    if (!parsed) {
        *error = QStringLiteral("--%1: '%2' is not a date; expected YYYY-MM-DD").arg(name, *text);
        return false;
    }
    *date = *parsed;
    return true;
}

} // namespace

int runExportCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli export");
    const OptionSpec spec{{QStringLiteral("format"), QStringLiteral("from"), QStringLiteral("to"),
                              QStringLiteral("out"), QStringLiteral("patient"), QStringLiteral("therapist")},
        {}, {QStringLiteral("pseudonymise"), QStringLiteral("events")}};
    const auto options = parseRecordOptions(args, spec, command, err);
    if (!options) {
        return kExitUsage;
    }

    app::ExportRequest request;
    QString error;
    const auto format = options->text(QStringLiteral("format"), &error);
    if (!format) {
        err << command << ": " << error << '\n';
        return kExitUsage;
    }
    if (!app::parseExportFormat(*format, &request.format)) {
        err << command << ": --format: '" << *format << "' is not a format; expected csv, json or fhir\n";
        return kExitUsage;
    }
    const auto path = options->text(QStringLiteral("out"), &error);
    if (!path || !dateOption(*options, QStringLiteral("from"), &request.from, &error)
        || !dateOption(*options, QStringLiteral("to"), &request.to, &error)) {
        err << command << ": " << error << '\n';
        return kExitUsage;
    }
    request.outPath = *path;
    // A filter given blank is an error, never "no filter" (which would export every patient's sessions).
    for (const auto& [name, target] : {std::pair{QStringLiteral("patient"), &request.patientMrn},
             std::pair{QStringLiteral("therapist"), &request.therapistUsername}}) {
        if (!options->has(name)) {
            continue;
        }
        const auto value = options->text(name, &error);
        if (!value) {
            err << command << ": " << error << '\n';
            return kExitUsage;
        }
        *target = *value;
    }
    request.pseudonymise = options->has(QStringLiteral("pseudonymise"));
    request.includeEvents = options->has(QStringLiteral("events"));

    int exitCode = kExitFailure;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }

    // Progress on standard error, at most twice a second, so standard output stays the summary alone.
    QElapsedTimer sincePrint;
    sincePrint.start();
    qint64 printed = -1;
    const auto progress = [&](qint64 done, qint64 total) {
        if (done == printed || (done != total && sincePrint.elapsed() < 500)) {
            return;
        }
        printed = done;
        sincePrint.restart();
        err << "exporting: " << done << " of " << total << " sessions\n";
        err.flush();
    };
    const auto result = app::ExportService(session->store()).exportSessions(session->user, request, progress);
    if (!result.ok()) {
        return reportFailure(result.error(), command, err);
    }
    out << "exported " << result->sessions << " sessions (" << result->rows << " rows, " << result->bytes
        << " bytes) to " << result->path << ", sha256 " << result->sha256 << '\n';
    return kExitOk;
}

} // namespace galvani::cli
