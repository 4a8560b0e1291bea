// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CliOptions.h"

#include "app/access/Access.h"
#include "app/store/RecordStore.h"
#include "core/Clock.h"

#include <QString>
#include <QTextStream>

#include <memory>
#include <optional>

namespace galvani::cli {

// The record store for one record command: opened from --db (default app::AppPaths::defaultStoreUrl()) with
// StoreConfig::defaults, the open report's problems printed on standard error, and sign-in as --user with the
// password from GALVANI_PASSWORD or the next line of standard input.
// Thread affinity: the main thread. Ownership: owns the store and the clock it uses.
class CliStore {
public:
    // The options every record command takes.
    static inline const QStringList kStoreOptions{QStringLiteral("db"), QStringLiteral("user")};

    // nullptr after printing "<command>: --db: …" on err and setting *exitCode: 2 for a URL of the wrong form
    // (RecordStore::checkUrl, checked before anything is opened), 1 for a store that cannot be reached or used.
    [[nodiscard]] static std::unique_ptr<CliStore> open(
        const CliOptions& options, const QString& command, QTextStream& err, int* exitCode);

    [[nodiscard]] app::RecordStore& store() { return *m_store; }

    // Signs in as --user. On failure prints why on err, sets *exitCode (2: --user missing, 1: refused) and
    // returns nullopt.
    [[nodiscard]] std::optional<app::SignedInUser> signIn(
        const CliOptions& options, const QString& command, QTextStream& err, int* exitCode);

    CliStore(const CliStore&) = delete;
    CliStore& operator=(const CliStore&) = delete;
    ~CliStore();

private:
    CliStore() = default;
    core::SystemClock m_clock;
    std::unique_ptr<app::RecordStore> m_store;
};

} // namespace galvani::cli
