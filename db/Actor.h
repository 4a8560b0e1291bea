// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::db {

// Who performs a change, as the audit trail records it. The app passes the signed-in user; start-up work
// (marking interrupted sessions, a restore before anyone signs in) runs as the system actor. Plain value.
struct Actor {
    std::optional<qint64> userId; // users.id, empty for the system
    QString name; // username at the time (kept even if the account is renamed later)

    [[nodiscard]] static Actor system() { return Actor{std::nullopt, QStringLiteral("system")}; }
    [[nodiscard]] static Actor user(qint64 id, const QString& username) { return Actor{id, username}; }
};

} // namespace galvani::db
