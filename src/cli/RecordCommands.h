// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CliOptions.h"
#include "CliStore.h"
#include "ExitCodes.h"

#include "app/AppResult.h"

#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace galvani::cli {

// The record commands. args are the words after the command name ("user add --name x …" → "add --name x …").
// Each takes --db URL and, where it signs in, --user NAME. Thread affinity: the main thread.
int runUserCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int runPatientCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int runScreeningCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int runPlacementCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int runPresetCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int runBackupCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int runRestoreCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int runAuditCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int runExportCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int runClinicCommand(const QStringList& args, QTextStream& out, QTextStream& err);

// Shared by the record commands.

// The open store and the user signed in to it.
struct SignedInStore {
    std::unique_ptr<CliStore> cli;
    app::SignedInUser user;

    [[nodiscard]] app::RecordStore& store() { return cli->store(); }
};

// Parses options (spec plus --db and --user; no positionals). Prints "<command>: <problem>" and returns nullopt
// on a usage error.
[[nodiscard]] std::optional<CliOptions> parseRecordOptions(
    const QStringList& args, OptionSpec spec, const QString& command, QTextStream& err);

// Opens the store and signs in; on failure prints why and sets *exitCode.
[[nodiscard]] std::optional<SignedInStore> openSignedIn(
    const CliOptions& options, const QString& command, QTextStream& err, int* exitCode);

// Prints "<command>: <message>" and returns the exit code for the error: 2 when an argument's value breaks a rule
// (Invalid), 1 for everything refused or failed (access, conflicts, missing records, the store).
int reportFailure(const app::AppError& error, const QString& command, QTextStream& err);

// "galvani-cli <family>: unknown subcommand 'x'; expected a, b" (or "missing subcommand"), exit 2.
int unknownSubcommand(const QString& family, const QStringList& args, const QStringList& expected, QTextStream& err);

} // namespace galvani::cli
