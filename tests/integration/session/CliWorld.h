// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/store/RecordStore.h"
#include "core/Clock.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <map>
#include <memory>
#include <optional>

namespace galvani::test {

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

// What `galvani-cli session run` printed: "session N started" and "event SEQ KIND committed".
struct SessionOutput {
    std::optional<qint64> sessionId;
    std::map<int, QString> committed; // seq → kind
};
[[nodiscard]] SessionOutput parseSessionOutput(const QByteArray& output);

// A private world for the built galvani-cli and this test process: a temporary store and data folder
// (XDG_DATA_HOME: audit key, anchor, session lock). This process points its own XDG_DATA_HOME there too, so
// RecordStore::open with StoreConfig::defaults finds the same key, anchor and lock as the CLI — it opens the store
// exactly as the next start would. Users: "admin" and the therapist "tina", both with kPassword.
// Thread affinity: the test thread. Ownership: owns the temporary folder.
class CliWorld {
public:
    static inline const QString kPassword = QStringLiteral("correct horse battery staple");

    CliWorld();

    [[nodiscard]] const QString& url() const { return m_url; }
    [[nodiscard]] QProcessEnvironment environment() const;
    // galvani-cli <args> --db <store>, to completion.
    [[nodiscard]] CliRun run(QStringList args) const;
    // The same, REQUIRing exit 0.
    void mustRun(const QStringList& args) const;
    // The users (once), a patient and — unless screened is false — a clear screening and placements on channel 1
    // (right-lumbar-erector-spinae) and channel 2 (left-lumbar-erector-spinae), all through the CLI.
    void addPatient(const QString& mrn, bool screened = true);
    // `session run` as tina on the simulator (without --db): channel 1 at 10 mA, channel 2 at 8 mA, NPRS 5 before,
    // 3 after.
    [[nodiscard]] QStringList sessionRun(const QString& mrn, int seconds) const;
    // The store opened as the next start opens it.
    [[nodiscard]] std::unique_ptr<app::RecordStore> openStore() const;

private:
    QTemporaryDir m_dir;
    QString m_url;
    bool m_users = false;
    core::SystemClock m_clock;
};

} // namespace galvani::test
