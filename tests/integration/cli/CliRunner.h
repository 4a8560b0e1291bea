// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <string>

namespace galvani::test {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

// "exit N / stdout / stderr" for a test's INFO.
[[nodiscard]] std::string describe(const CliResult& r);
// The environment that signs a command in with this password (GALVANI_PASSWORD).
[[nodiscard]] QMap<QString, QString> withPassword(const QString& password);

// The passwords the CLI tests give the admin and the therapist they create.
inline const QString kAdminPassword = QStringLiteral("admin password 1");
inline const QString kTherapistPassword = QStringLiteral("therapist password 1");

// Runs the built galvani-cli in a private world: a fresh temporary folder holds the store, and XDG_DATA_HOME and
// HOME point into it, so the audit key and anchor never touch the real data folder. GALVANI_PASSWORD and
// GALVANI_NEW_PASSWORD are removed from the inherited environment; a test passes them explicitly.
// Thread affinity: the test thread. Ownership: owns the temporary folder.
class CliRunner {
public:
    CliRunner();

    [[nodiscard]] QString storePath() const { return m_dir.filePath(QStringLiteral("store/galvani.sqlite")); }
    [[nodiscard]] QString storeUrl() const { return QStringLiteral("sqlite:") + storePath(); }
    [[nodiscard]] QString filePath(const QString& name) const { return m_dir.filePath(name); }

    // galvani-cli <args> --db <store>, with `input` on standard input and `env` added to the environment.
    [[nodiscard]] CliResult run(
        QStringList args, const QString& input = QString(), const QMap<QString, QString>& env = {}) const;
    // The same without adding --db.
    [[nodiscard]] CliResult runRaw(
        const QStringList& args, const QString& input = QString(), const QMap<QString, QString>& env = {}) const;

    // `user add` of the first admin on the empty store, then of another user signed in as that admin; each must
    // succeed (REQUIRE).
    void addFirstAdmin(const QString& name, const QString& password) const;
    void addUser(const QString& admin, const QString& adminPassword, const QString& name, const QString& role,
        const QString& password) const;

private:
    QTemporaryDir m_dir;
};

} // namespace galvani::test
