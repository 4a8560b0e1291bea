// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliStore.h"

#include "ExitCodes.h"
#include "SecretInput.h"

#include "app/AppPaths.h"
#include "app/services/AuthService.h"

namespace galvani::cli {

namespace {

void printOpenReport(const app::StoreOpenReport& report, const QString& command, QTextStream& err)
{
    if (!report.auditOk) {
        err << command << ": warning: the audit trail did not verify when the store was opened: " << report.auditSummary
            << '\n';
    }
    if (!report.interruptedSessions.isEmpty()) {
        QStringList ids;
        for (qint64 id : report.interruptedSessions) {
            ids << QString::number(id);
        }
        err << command << ": " << ids.size() << " session(s) a crash left open were closed as app_crash (ids "
            << ids.join(QStringLiteral(", ")) << "); they are never resumed\n";
    }
    if (!report.backupPath.isEmpty()) {
        err << command << ": the store was upgraded from schema " << report.fromVersion << " to " << report.toVersion
            << "; the previous version is kept at " << report.backupPath << '\n';
    }
}

} // namespace

CliStore::~CliStore() = default;

std::unique_ptr<CliStore> CliStore::open(
    const CliOptions& options, const QString& command, QTextStream& err, int* exitCode)
{
    const QString url
        = options.has(QStringLiteral("db")) ? options.value(QStringLiteral("db")) : app::AppPaths::defaultStoreUrl();
    // A malformed URL is a wrong argument (exit 2); only a well-formed one is opened, so that exit 1 means a store
    // that cannot be reached or used.
    if (const auto malformed = app::RecordStore::checkUrl(url)) {
        err << command << ": --db: " << *malformed << '\n';
        *exitCode = kExitUsage;
        return nullptr;
    }
    std::unique_ptr<CliStore> cli(new CliStore());
    QString error;
    cli->m_store = app::RecordStore::open(app::StoreConfig::defaults(url), cli->m_clock, &error);
    if (!cli->m_store) {
        // RecordStore's messages already name --db where the URL or the database is at fault.
        err << command << ": " << error << '\n';
        *exitCode = kExitFailure;
        return nullptr;
    }
    printOpenReport(cli->m_store->openReport(), command, err);
    return cli;
}

std::optional<app::SignedInUser> CliStore::signIn(
    const CliOptions& options, const QString& command, QTextStream& err, int* exitCode)
{
    QString error;
    const auto username = options.text(QStringLiteral("user"), &error);
    if (!username) {
        err << command << ": " << error << " (the account to sign in as)\n";
        *exitCode = kExitUsage;
        return std::nullopt;
    }
    const auto password
        = SecretInput::read(SecretInput::kPasswordVariable, QStringLiteral("password for %1: ").arg(*username));
    if (!password) {
        err << command << ": no password for --user " << *username << ": set " << SecretInput::kPasswordVariable
            << " or give it as the first line of standard input\n";
        *exitCode = kExitUsage;
        return std::nullopt;
    }
    auto signedIn = app::AuthService(*m_store).signIn(*username, *password);
    if (!signedIn.ok()) {
        err << command << ": --user " << *username << ": " << signedIn.error().message << '\n';
        *exitCode = kExitFailure;
        return std::nullopt;
    }
    return signedIn.value();
}

} // namespace galvani::cli
