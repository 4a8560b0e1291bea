// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli patient add|list|show`.
#include "RecordCommands.h"

#include "app/services/PatientService.h"

namespace galvani::cli {

namespace {

// "Family, Given Names" when there is a comma; otherwise the last word is the family name ("Given Names Family").
// False when either part would be empty.
bool splitName(const QString& full, QString* family, QString* given)
{
    const QString name = full.trimmed();
    if (const qsizetype comma = name.indexOf(QLatin1Char(',')); comma >= 0) {
        *family = name.left(comma).trimmed();
        *given = name.mid(comma + 1).trimmed();
    } else {
        const qsizetype space = name.lastIndexOf(QLatin1Char(' '));
        if (space < 0) {
            return false;
        }
        *given = name.left(space).trimmed();
        *family = name.mid(space + 1).trimmed();
    }
    return !family->isEmpty() && !given->isEmpty();
}

void printPatient(const app::PatientSummary& p, QTextStream& out)
{
    out << p.mrn << '\t' << p.familyName << ", " << p.givenNames << '\t' << p.birthDate << '\t' << p.phone << '\t'
        << p.email << '\n';
}

int addPatient(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli patient add");
    const auto options = parseRecordOptions(args,
        OptionSpec{{QStringLiteral("mrn"), QStringLiteral("name"), QStringLiteral("birth-date"),
                       QStringLiteral("phone"), QStringLiteral("email"), QStringLiteral("address")},
            {}, {}},
        command, err);
    if (!options) {
        return kExitUsage;
    }
    QString error;
    const auto mrn = options->text(QStringLiteral("mrn"), &error);
    const auto name = mrn ? options->text(QStringLiteral("name"), &error) : std::nullopt;
    const auto birth = name ? options->text(QStringLiteral("birth-date"), &error) : std::nullopt;
    if (!birth) {
        err << command << ": " << error << '\n';
        return kExitUsage;
    }
    app::NewPatientInput input;
    if (!splitName(*name, &input.familyName, &input.givenNames)) {
        err << command << ": --name: '" << *name
            << "' needs a family name and given names: \"Family, Given Names\" or \"Given Names Family\"\n";
        return kExitUsage;
    }
    input.mrn = *mrn;
    input.birthDate = *birth;
    input.phone = options->value(QStringLiteral("phone"));
    input.email = options->value(QStringLiteral("email"));
    input.address = options->value(QStringLiteral("address"));
    int exitCode = kExitFailure;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    const auto added = app::PatientService(session->store()).add(session->user, input);
    if (!added.ok()) {
        return reportFailure(added.error(), command, err);
    }
    out << "patient added: ";
    printPatient(added.value(), out);
    return kExitOk;
}

int listPatients(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli patient list");
    const auto options = parseRecordOptions(args, OptionSpec{{QStringLiteral("search")}, {}, {}}, command, err);
    if (!options) {
        return kExitUsage;
    }
    int exitCode = kExitFailure;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    const auto patients
        = app::PatientService(session->store()).list(session->user, options->value(QStringLiteral("search")));
    if (!patients.ok()) {
        return reportFailure(patients.error(), command, err);
    }
    for (const auto& p : patients.value()) {
        printPatient(p, out);
    }
    if (patients->size() == app::PatientService::kListLimit) {
        err << command << ": showing the first " << app::PatientService::kListLimit
            << " patients; narrow with --search\n";
    }
    return kExitOk;
}

int showPatient(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli patient show");
    const auto options = parseRecordOptions(args, OptionSpec{{QStringLiteral("mrn")}, {}, {}}, command, err);
    if (!options) {
        return kExitUsage;
    }
    QString error;
    const auto mrn = options->text(QStringLiteral("mrn"), &error);
    if (!mrn) {
        err << command << ": " << error << '\n';
        return kExitUsage;
    }
    int exitCode = kExitFailure;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    const auto found = app::PatientService(session->store()).findByMrn(session->user, *mrn);
    if (!found.ok()) {
        return reportFailure(found.error(), command, err);
    }
    const app::PatientSummary& p = found->summary;
    out << "MRN: " << p.mrn << "\nname: " << p.familyName << ", " << p.givenNames << "\nborn: " << p.birthDate
        << "\nphone: " << p.phone << "\nemail: " << p.email << "\naddress: " << p.address << '\n';
    if (found->clinicalWithheld) {
        out << "notes: not shown to the " << app::toString(session->user.role) << " role (demographics only)\n";
    } else {
        out << "notes: " << found->notes.size() << '\n';
        for (const auto& n : found->notes) {
            out << "  #" << n.id << ": " << n.body << '\n';
        }
    }
    return kExitOk;
}

} // namespace

int runPatientCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString sub = args.value(0);
    if (sub == QStringLiteral("add")) {
        return addPatient(args.mid(1), out, err);
    }
    if (sub == QStringLiteral("list")) {
        return listPatients(args.mid(1), out, err);
    }
    if (sub == QStringLiteral("show")) {
        return showPatient(args.mid(1), out, err);
    }
    return unknownSubcommand(
        QStringLiteral("patient"), args, {QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("show")}, err);
}

} // namespace galvani::cli
