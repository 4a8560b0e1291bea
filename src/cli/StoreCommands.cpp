// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli backup --out FILE`, `restore --in FILE`, `audit verify`.
#include "RecordCommands.h"

#include "app/services/AuditService.h"
#include "app/services/BackupService.h"

namespace galvani::cli {

namespace {

void printBackup(const app::BackupSummary& b, QTextStream& out)
{
    out << b.path << ": " << b.bytes << " bytes, schema version " << b.schemaVersion << ", " << b.auditRows
        << " audit rows verified, sha256 " << b.sha256 << '\n';
}

// backup and restore: one file option, an admin's sign-in.
std::optional<std::pair<CliOptions, QString>> fileOption(
    const QStringList& args, const QString& name, const QString& command, QTextStream& err)
{
    auto options = parseRecordOptions(args, OptionSpec{{name}, {}, {}}, command, err);
    if (!options) {
        return std::nullopt;
    }
    QString error;
    const auto path = options->text(name, &error);
    if (!path) {
        err << command << ": " << error << '\n';
        return std::nullopt;
    }
    return std::make_pair(*options, *path);
}

} // namespace

int runBackupCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli backup");
    const auto parsed = fileOption(args, QStringLiteral("out"), command, err);
    if (!parsed) {
        return kExitUsage;
    }
    int exitCode = kExitFailure;
    auto session = openSignedIn(parsed->first, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    const auto written = app::BackupService(session->store()).backup(session->user, parsed->second);
    if (!written.ok()) {
        return reportFailure(written.error(), command, err);
    }
    out << "backup written: ";
    printBackup(written.value(), out);
    out << "keep the audit key (" << session->store().config().auditKeyPath
        << ") with the backups: a restore verifies the trail with it\n";
    return kExitOk;
}

int runRestoreCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli restore");
    const auto parsed = fileOption(args, QStringLiteral("in"), command, err);
    if (!parsed) {
        return kExitUsage;
    }
    int exitCode = kExitFailure;
    auto session = openSignedIn(parsed->first, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    const auto restored = app::BackupService(session->store()).restore(session->user, parsed->second);
    if (!restored.ok()) {
        return reportFailure(restored.error(), command, err);
    }
    out << "restored from ";
    printBackup(restored.value(), out);
    out << "the replaced store is kept beside it as " << session->store().url().section(QLatin1Char(':'), 1)
        << ".before-restore-<time>\n";
    return kExitOk;
}

int runAuditCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    if (args.value(0) != QStringLiteral("verify")) {
        return unknownSubcommand(QStringLiteral("audit"), args, {QStringLiteral("verify")}, err);
    }
    const QString command = QStringLiteral("galvani-cli audit verify");
    const auto options = parseRecordOptions(args.mid(1), {}, command, err);
    if (!options) {
        return kExitUsage;
    }
    int exitCode = kExitFailure;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    const auto check = app::AuditService(session->store()).verify(session->user);
    if (!check.ok()) {
        return reportFailure(check.error(), command, err);
    }
    out << check->summary << (check->anchorUsed ? "" : " (no anchor file: a cut-off tail would go unseen)") << '\n';
    return check->ok ? kExitOk : kExitFailure;
}

} // namespace galvani::cli
