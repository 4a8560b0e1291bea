// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace galvani::test {

struct CliOutcome {
    int exitCode = -1;
    QString out;
    QString err;
};

// galvani-cli in a private world for the calibration tests: a temporary folder holds the store, XDG_DATA_HOME and
// HOME point into it (audit key, anchor), and the accounts admin, tech (technician) and thera (therapist) exist,
// all with kPassword. Thread affinity: the test thread. Ownership: owns the folder.
class CalibrationCli {
public:
    static constexpr const char* kPassword = "correct horse battery";

    CalibrationCli();

    // galvani-cli <args> --db <store>, GALVANI_PASSWORD set unless passwordOnStdin (then `input` must begin with
    // it), `input` on stdin.
    [[nodiscard]] CliOutcome run(
        QStringList args, const QString& input = QString(), bool passwordOnStdin = false) const;
    // The same started in the background, for a test that kills it.
    [[nodiscard]] std::unique_ptr<QProcess> start(QStringList args) const;

private:
    [[nodiscard]] QProcessEnvironment environment() const;
    CliOutcome runWith(QStringList args, const QString& input, const QMap<QString, QString>& extra) const;
    QTemporaryDir m_dir;
};

} // namespace galvani::test
