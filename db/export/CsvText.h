// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

// Cell encoding of the CSV export (RFC 4180). Pure functions; any thread.
namespace galvani::db::exp::csv {

// A text cell, ready to join with ',':
//  1. formula neutralisation: a cell starting with = + - @ TAB CR or NUL gets a leading apostrophe, because
//     spreadsheet programs evaluate such cells even when quoted;
//  2. NUL characters become U+FFFD (many CSV readers and spreadsheets cut the cell at a NUL, and some text tools
//     treat the file as binary);
//  3. quoting: a cell containing ',', '"', CR or LF is wrapped in double quotes with inner quotes doubled.
[[nodiscard]] QString text(const QString& value);

// A numeric cell: the exporter writes it from an integer, so it is never neutralised (a negative number stays a
// number) and never needs quotes. Empty when there is no value.
[[nodiscard]] QString number(std::optional<qint64> value);

// value / 1000 as an exact decimal with '.' and no trailing zeros ("12.5", "-0.25", "3"): µA → mA, mHz → Hz,
// ms → s. Empty when there is no value.
[[nodiscard]] QString thousandths(std::optional<qint64> value);

} // namespace galvani::db::exp::csv
