// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli user add|list|unlock|deactivate|set-role`.
#include "RecordCommands.h"
#include "SecretInput.h"

#include "app/services/AuthService.h"
#include "app/services/UserService.h"

namespace galvani::cli {

namespace {

const QString kRoles = QStringLiteral("therapist, admin, technician");

std::optional<app::Role> roleOption(const CliOptions& options, const QString& command, QTextStream& err)
{
    QString error;
    const auto text = options.text(QStringLiteral("role"), &error);
    app::Role role = app::Role::Therapist;
    if (!text) {
        err << command << ": " << error << " (one of " << kRoles << ")\n";
        return std::nullopt;
    }
    if (!app::parseRole(*text, &role)) {
        err << command << ": --role: '" << *text << "' is not one of " << kRoles << '\n';
        return std::nullopt;
    }
    return role;
}

std::optional<QString> newPassword(const QString& name, const QString& command, QTextStream& err)
{
    auto password
        = SecretInput::read(SecretInput::kNewPasswordVariable, QStringLiteral("new password for %1: ").arg(name));
    if (!password) {
        err << command << ": no password for the new user: set " << SecretInput::kNewPasswordVariable
            << " or give it on standard input (after the signing-in password, when that comes from there too)\n";
    }
    return password;
}

QString stateOf(const app::UserSummary& u)
{
    if (!u.active) {
        return QStringLiteral("inactive");
    }
    return u.locked ? QStringLiteral("locked") : QStringLiteral("active");
}

void printUser(const app::UserSummary& u, QTextStream& out)
{
    out << u.username << '\t' << u.displayName << '\t' << app::toString(u.role) << '\t' << stateOf(u) << '\t'
        << u.failedLogins << " failed sign-ins\n";
}

// On an empty store the first account is made without signing in, and must be an admin.
int addFirstAdmin(app::RecordStore& store, const QString& name, const QString& displayName, app::Role role,
    const CliOptions& options, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli user add");
    if (role != app::Role::Admin) {
        err << command << ": --role: the store has no users yet, so the first user must be an admin (--role admin); "
            << "the admin then adds " << app::toString(role) << "s\n";
        return kExitFailure;
    }
    if (options.has(QStringLiteral("user"))) {
        err << command << ": --user: the store has no users yet, so there is nobody to sign in as; leave --user out "
            << "to create the first admin\n";
        return kExitUsage;
    }
    const auto password = newPassword(name, command, err);
    if (!password) {
        return kExitUsage;
    }
    const auto created = app::AuthService(store).createFirstAdmin(name, displayName, *password);
    if (!created.ok()) {
        return reportFailure(created.error(), command, err);
    }
    out << "first admin '" << created->username << "' created\n";
    return kExitOk;
}

int add(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli user add");
    const auto options = parseRecordOptions(args,
        OptionSpec{{QStringLiteral("name"), QStringLiteral("role"), QStringLiteral("display-name")}, {}, {}}, command,
        err);
    if (!options) {
        return kExitUsage;
    }
    QString error;
    const auto name = options->text(QStringLiteral("name"), &error);
    if (!name) {
        err << command << ": " << error << " (the new user's sign-in name)\n";
        return kExitUsage;
    }
    const auto role = roleOption(*options, command, err);
    if (!role) {
        return kExitUsage;
    }
    const QString displayName = options->value(QStringLiteral("display-name"));
    int openExit = kExitFailure;
    auto cli = CliStore::open(*options, command, err, &openExit);
    if (!cli) {
        return openExit;
    }
    const auto empty = app::AuthService(cli->store()).isEmpty();
    if (!empty.ok()) {
        return reportFailure(empty.error(), command, err);
    }
    if (empty.value()) {
        return addFirstAdmin(cli->store(), *name, displayName, *role, *options, out, err);
    }
    int exitCode = kExitFailure;
    const auto user = cli->signIn(*options, command, err, &exitCode);
    if (!user) {
        return exitCode;
    }
    const auto password = newPassword(*name, command, err);
    if (!password) {
        return kExitUsage;
    }
    const auto added
        = app::UserService(cli->store()).add(*user, app::NewUserInput{*name, displayName, *role, *password});
    if (!added.ok()) {
        return reportFailure(added.error(), command, err);
    }
    out << "user '" << added->username << "' added as " << app::toString(added->role) << '\n';
    return kExitOk;
}

int list(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli user list");
    const auto options = parseRecordOptions(args, {}, command, err);
    if (!options) {
        return kExitUsage;
    }
    int exitCode = kExitFailure;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    const auto users = app::UserService(session->store()).list(session->user);
    if (!users.ok()) {
        return reportFailure(users.error(), command, err);
    }
    for (const auto& u : users.value()) {
        printUser(u, out);
    }
    return kExitOk;
}

// unlock, deactivate and set-role: an admin's change to another account, with a reason for the audit trail.
int change(const QString& sub, const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli user ") + sub;
    const bool setsRole = sub == QStringLiteral("set-role");
    OptionSpec spec{{QStringLiteral("name"), QStringLiteral("reason")}, {}, {}};
    if (setsRole) {
        spec.valued << QStringLiteral("role");
    }
    const auto options = parseRecordOptions(args, spec, command, err);
    if (!options) {
        return kExitUsage;
    }
    QString error;
    const auto name = options->text(QStringLiteral("name"), &error);
    const auto reason = name ? options->text(QStringLiteral("reason"), &error) : std::nullopt;
    if (!reason) {
        err << command << ": " << error << '\n';
        return kExitUsage;
    }
    std::optional<app::Role> role;
    if (setsRole && !(role = roleOption(*options, command, err))) {
        return kExitUsage;
    }
    int exitCode = kExitFailure;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    app::UserService users(session->store());
    const auto changed = sub == QStringLiteral("unlock") ? users.unlock(session->user, *name, *reason)
        : setsRole                                       ? users.setRole(session->user, *name, *role, *reason)
                                                         : users.deactivate(session->user, *name, *reason);
    if (!changed.ok()) {
        return reportFailure(changed.error(), command, err);
    }
    printUser(changed.value(), out);
    return kExitOk;
}

} // namespace

int runUserCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString sub = args.value(0);
    if (sub == QStringLiteral("add")) {
        return add(args.mid(1), out, err);
    }
    if (sub == QStringLiteral("list")) {
        return list(args.mid(1), out, err);
    }
    if (sub == QStringLiteral("unlock") || sub == QStringLiteral("deactivate") || sub == QStringLiteral("set-role")) {
        return change(sub, args.mid(1), out, err);
    }
    return unknownSubcommand(QStringLiteral("user"), args,
        {QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("unlock"), QStringLiteral("deactivate"),
            QStringLiteral("set-role")},
        err);
}

} // namespace galvani::cli
