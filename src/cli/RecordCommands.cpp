// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordCommands.h"

namespace galvani::cli {

std::optional<CliOptions> parseRecordOptions(
    const QStringList& args, OptionSpec spec, const QString& command, QTextStream& err)
{
    spec.valued += CliStore::kStoreOptions;
    CliOptions options;
    if (auto problem = CliOptions::parseSpec(args, spec, &options)) {
        err << command << ": " << *problem << '\n';
        return std::nullopt;
    }
    if (!options.positionals().isEmpty()) {
        err << command << ": unexpected argument '" << options.positionals().first() << "'\n";
        return std::nullopt;
    }
    return options;
}

std::optional<SignedInStore> openSignedIn(
    const CliOptions& options, const QString& command, QTextStream& err, int* exitCode)
{
    auto cli = CliStore::open(options, command, err, exitCode);
    if (!cli) {
        return std::nullopt;
    }
    auto user = cli->signIn(options, command, err, exitCode);
    if (!user) {
        return std::nullopt;
    }
    return SignedInStore{std::move(cli), *user};
}

int reportFailure(const app::AppError& error, const QString& command, QTextStream& err)
{
    err << command << ": " << error.message << '\n';
    return error.kind == app::AppError::Kind::Invalid ? kExitUsage : kExitFailure;
}

int unknownSubcommand(const QString& family, const QStringList& args, const QStringList& expected, QTextStream& err)
{
    err << "galvani-cli " << family << ": ";
    if (args.isEmpty()) {
        err << "missing subcommand";
    } else {
        err << "unknown subcommand '" << args.first() << "'";
    }
    err << "; expected " << expected.join(QStringLiteral(", ")) << '\n';
    return kExitUsage;
}

} // namespace galvani::cli
