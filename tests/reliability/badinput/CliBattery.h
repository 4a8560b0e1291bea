// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BadValues.h"
#include "StoreSnapshot.h"
#include "Tally.h"

#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <optional>

namespace galvani::badinput {

// One bad value on the command line of galvani-cli.
struct CliCase {
    QString field; // "patient add --mrn" (for the report)
    BadValue bad;
    QStringList args; // the whole command line, without --db
    QStringList names; // how the message may name the field: the option, the form label
    QList<int> exits{2}; // the documented exit codes for this refusal (ExitCodes.h, src/cli/README.md)
    QMap<QString, QString> env; // added to the environment (GALVANI_NEW_PASSWORD, …)
    QString input; // standard input
    QSet<QString> auditedByDesign{QStringLiteral("login")}; // audit rows a refusal may leave (see StoreSnapshot)
    QString mustNotExist; // a file the refused command must not have created (export, backup)
    bool withDb = true; // false: args name the store themselves (e.g. an option without a value comes last)
    QString knownGap; // non-empty: a failure here is a known gap outside this battery's remit (see Tally)
};

struct CliOutcome {
    int exitCode = -1;
    bool crashed = false; // a signal, or no exit within the time limit (then killed)
    QString out;
    QString err;
};

// A private world for galvani-cli: a temporary SQLite store and data folder (XDG_DATA_HOME for the CLI and for
// this process, so the store opened here finds the same audit key and anchor), prepared through the app services:
// the admin "root", the therapist "tina", the technician "tex" (one password, kPassword), the patient kMrn with a
// clear screening and placements on channel 1 (right-lumbar-erector-spinae) and 2 (left-lumbar-erector-spinae).
// run() runs the built executable; check() runs one case between two store snapshots and adds its verdict to the
// tally. Thread affinity: the test thread. Ownership: owns the temporary folder.
class CliWorld {
public:
    static inline const QString kPassword = QStringLiteral("bad input battery 1");
    static inline const QString kMrn = QStringLiteral("BI-1001");

    CliWorld();

    [[nodiscard]] QString storePath() const;
    [[nodiscard]] QString filePath(const QString& name) const { return m_dir.filePath(name); }

    // galvani-cli args --db <store> (unless withDb is false).
    [[nodiscard]] CliOutcome run(const QStringList& args, const QMap<QString, QString>& env = {},
        const QString& input = QString(), bool withDb = true) const;
    // Runs the case and adds its verdict to the tally.
    void check(const CliCase& c, Tally& tally);

    // A case per bad value: `args` with the first "@" replaced by the value (a whole argument, or inside one, e.g.
    // "@:right-lumbar-erector-spinae:10"). With GALVANI_BADINPUT_EVERY=N only every Nth value and the last.
    [[nodiscard]] static QList<CliCase> cases(const QString& field, const QStringList& args, const QList<BadValue>& bad,
        const QStringList& names, const QList<int>& exits = {2});

private:
    QTemporaryDir m_dir;
    std::optional<StoreSnapshot> m_last;
    QSet<QString> m_lastSetApart;
};

} // namespace galvani::badinput
