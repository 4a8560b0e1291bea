// SPDX-License-Identifier: GPL-3.0-or-later
#include "RfcCsvReader.h"

#include <QStringDecoder>

namespace galvani::test {

CsvTable readRfc4180(const QByteArray& input)
{
    CsvTable table;
    QByteArray bytes = input;
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        table.byteOrderMark = true;
        bytes.remove(0, 3);
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(bytes);
    if (decoder.hasError()) {
        table.error = QStringLiteral("not valid UTF-8");
        return table;
    }
    enum class State { FieldStart, Plain, Quoted, QuoteInQuoted };
    State state = State::FieldStart;
    QString field;
    QStringList record;
    const qsizetype n = text.size();
    auto fail = [&table](qsizetype at, const char* why) {
        table.error = QStringLiteral("offset %1: %2").arg(at).arg(QLatin1String(why));
        return table;
    };
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        const bool crlf = c == u'\r' && i + 1 < n && text.at(i + 1) == u'\n';
        switch (state) {
        case State::FieldStart:
        case State::Plain:
        case State::QuoteInQuoted:
            if (c == u',') {
                record.append(field);
                field.clear();
                state = State::FieldStart;
            } else if (crlf) {
                record.append(field);
                table.records.append(record);
                record.clear();
                field.clear();
                state = State::FieldStart;
                ++i;
            } else if (c == u'\r' || c == u'\n') {
                return fail(i, "bare CR or LF outside a quoted field");
            } else if (c == u'"' && state == State::FieldStart) {
                state = State::Quoted;
            } else if (c == u'"' && state == State::QuoteInQuoted) {
                field.append(u'"');
                state = State::Quoted;
            } else if (c == u'"') {
                return fail(i, "quote inside a plain field");
            } else if (state == State::QuoteInQuoted) {
                return fail(i, "text after a closing quote");
            } else {
                field.append(c);
                state = State::Plain;
            }
            break;
        case State::Quoted:
            if (c == u'"') {
                state = State::QuoteInQuoted;
            } else {
                field.append(c);
            }
            break;
        }
    }
    if (state == State::Quoted) {
        return fail(n, "unterminated quoted field");
    }
    if (state != State::FieldStart || !record.isEmpty()) {
        return fail(n, "last record does not end in CRLF");
    }
    return table;
}

} // namespace galvani::test
