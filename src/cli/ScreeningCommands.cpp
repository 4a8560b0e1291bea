// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli screening record|show|checklist`.
#include "RecordCommands.h"

#include "app/services/ScreeningAnswersFile.h"
#include "app/services/ScreeningService.h"

#include <QDateTime>
#include <QFile>

namespace galvani::cli {

namespace {

QString dateOf(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toString(Qt::ISODate);
}

void printScreening(const app::ScreeningView& s, QTextStream& out)
{
    out << "screening " << s.id << ": " << app::toString(s.outcome) << " — " << s.reason << '\n'
        << "signed " << dateOf(s.screenedUtcMs) << ", valid until " << dateOf(s.expiresUtcMs) << "; "
        << (s.permitsTreatment ? "treatment may go ahead" : "treatment is blocked") << '\n';
}

// The answers from --answers FILE or --none-apply (exactly one of them).
std::optional<app::ScreeningInput> answersOption(
    const CliOptions& options, const QString& command, QTextStream& err, int* exitCode)
{
    *exitCode = kExitUsage;
    const bool file = options.has(QStringLiteral("answers"));
    const bool none = options.has(QStringLiteral("none-apply"));
    if (file == none) {
        err << command << ": give either --answers FILE or --none-apply\n";
        return std::nullopt;
    }
    if (none) {
        return app::ScreeningInput::noneApply();
    }
    const QString path = options.value(QStringLiteral("answers"));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        err << command << ": --answers: cannot read '" << path << "': " << f.errorString() << '\n';
        return std::nullopt;
    }
    // One byte more than allowed, so the parser can name the limit.
    const auto parsed = app::ScreeningAnswersFile::parse(f.read(app::ScreeningAnswersFile::kMaxBytes + 1));
    if (!parsed.ok()) {
        err << command << ": --answers " << path << ": " << parsed.error().message << '\n';
        return std::nullopt;
    }
    return parsed.value();
}

int recordScreening(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli screening record");
    const auto options = parseRecordOptions(args,
        OptionSpec{{QStringLiteral("patient"), QStringLiteral("answers")}, {}, {QStringLiteral("none-apply")}}, command,
        err);
    if (!options) {
        return kExitUsage;
    }
    QString error;
    const auto mrn = options->text(QStringLiteral("patient"), &error);
    if (!mrn) {
        err << command << ": " << error << " (the patient's MRN)\n";
        return kExitUsage;
    }
    int exitCode = kExitUsage;
    const auto input = answersOption(*options, command, err, &exitCode);
    if (!input) {
        return exitCode;
    }
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    const auto recorded = app::ScreeningService(session->store()).record(session->user, *mrn, *input);
    if (!recorded.ok()) {
        return reportFailure(recorded.error(), command, err);
    }
    printScreening(recorded.value(), out);
    return kExitOk;
}

int showScreening(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli screening show");
    const auto options = parseRecordOptions(args, OptionSpec{{QStringLiteral("patient")}, {}, {}}, command, err);
    if (!options) {
        return kExitUsage;
    }
    QString error;
    const auto mrn = options->text(QStringLiteral("patient"), &error);
    if (!mrn) {
        err << command << ": " << error << " (the patient's MRN)\n";
        return kExitUsage;
    }
    int exitCode = kExitFailure;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    const auto latest = app::ScreeningService(session->store()).latest(session->user, *mrn);
    if (!latest.ok()) {
        return reportFailure(latest.error(), command, err);
    }
    printScreening(latest.value(), out);
    return kExitOk;
}

// The checklist is reference data compiled into the program: no store, no sign-in.
int printChecklist(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli screening checklist");
    CliOptions options;
    if (auto problem = CliOptions::parseSpec(args, OptionSpec{{}, {}, {QStringLiteral("template")}}, &options)) {
        err << command << ": " << *problem << '\n';
        return kExitUsage;
    }
    if (!options.positionals().isEmpty()) {
        err << command << ": unexpected argument '" << options.positionals().first() << "'\n";
        return kExitUsage;
    }
    if (options.has(QStringLiteral("template"))) {
        out << QString::fromUtf8(app::ScreeningAnswersFile::noneApplyTemplate());
        return kExitOk;
    }
    for (const auto& item : app::ScreeningService::checklist()) {
        const QString kind = item.severity == app::ScreeningSeverity::Precaution ? QStringLiteral("precaution")
            : item.clearable                                                     ? QStringLiteral("absolute")
                                                                                 : QStringLiteral("forbidden site");
        out << item.id << '\t' << kind << '\t' << item.question << '\n';
    }
    return kExitOk;
}

} // namespace

int runScreeningCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString sub = args.value(0);
    if (sub == QStringLiteral("record")) {
        return recordScreening(args.mid(1), out, err);
    }
    if (sub == QStringLiteral("show")) {
        return showScreening(args.mid(1), out, err);
    }
    if (sub == QStringLiteral("checklist")) {
        return printChecklist(args.mid(1), out, err);
    }
    return unknownSubcommand(QStringLiteral("screening"), args,
        {QStringLiteral("record"), QStringLiteral("show"), QStringLiteral("checklist")}, err);
}

} // namespace galvani::cli
