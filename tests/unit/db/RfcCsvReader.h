// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace galvani::test {

// A strict RFC 4180 reader written for the tests, independent of the exporter's encoder: records end in CRLF,
// fields are separated by ',', a field is either plain (no '"', CR, LF or ',') or enclosed in '"' with inner
// quotes doubled. Anything else — a bare CR or LF outside quotes, a quote inside a plain field, text after a
// closing quote, an unterminated quoted field, bytes that are not UTF-8 — is an error naming the byte offset.
struct CsvTable {
    QList<QStringList> records;
    QString error; // empty when the input is valid
    bool byteOrderMark = false; // the input started with EF BB BF (skipped)
};

[[nodiscard]] CsvTable readRfc4180(const QByteArray& bytes);

} // namespace galvani::test
