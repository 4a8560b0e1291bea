// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace galvani::cli {

// `galvani-cli calibrate --device URL --channels 1-8 --load-ohms 500 --technician NAME --instrument
// "NAME:SERIAL:DUE" [--manual] …`: the technician calibration procedure headless (app::CalibrationProcedure).
// --technician is the login that signs the records: the command signs in as NAME (password from
// GALVANI_PASSWORD or the first line of stdin); --user, if also given, must name the same account. In manual mode
// the meter readings follow on stdin, one line per point ("mA [width-µs [rate-Hz]]"), each after a prompt.
// Exit 0 when every channel passed, 1 when a channel failed or the run stopped, 2 for a usage error.
int runCalibrateCommand(const QStringList& args, QTextStream& out, QTextStream& err);

// `galvani-cli calibration list|status|policy`: the records, each channel's state and lock, the clinic policy.
int runCalibrationCommand(const QStringList& args, QTextStream& out, QTextStream& err);

// Shared by the two: "1-8", "2", "1,3,5-6" → channel numbers 1..8, each once (nullopt and *error naming
// --channels otherwise); µA as mA with three decimals (and a sign); a UTC date "YYYY-MM-DD" ("-" for 0).
[[nodiscard]] std::optional<QList<int>> parseChannelList(const QString& text, QString* error);
[[nodiscard]] QString milliampsText(double ua, bool sign = false);
[[nodiscard]] QString utcDateText(qint64 utcMs);

} // namespace galvani::cli
