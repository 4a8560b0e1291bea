// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/export/CsvText.h"

namespace galvani::db::exp::csv {

namespace {

bool startsFormula(const QString& value)
{
    if (value.isEmpty()) {
        return false;
    }
    switch (value.front().unicode()) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case u'\t':
    case u'\r':
    case u'\0':
        return true;
    default:
        return false;
    }
}

bool needsQuotes(const QString& value)
{
    for (const QChar c : value) {
        if (c == u',' || c == u'"' || c == u'\r' || c == u'\n') {
            return true;
        }
    }
    return false;
}

} // namespace

QString text(const QString& value)
{
    QString cell = startsFormula(value) ? QLatin1Char('\'') + value : value;
    cell.replace(QChar(u'\0'), QChar(QChar::ReplacementCharacter));
    if (!needsQuotes(cell)) {
        return cell;
    }
    cell.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + cell + QLatin1Char('"');
}

QString number(std::optional<qint64> value)
{
    return value ? QString::number(*value) : QString();
}

QString thousandths(std::optional<qint64> value)
{
    if (!value) {
        return {};
    }
    const qint64 v = *value;
    // Magnitude as unsigned so that the lowest qint64 has a magnitude too.
    const quint64 magnitude = v < 0 ? 0 - static_cast<quint64>(v) : static_cast<quint64>(v);
    QString out = v < 0 ? QStringLiteral("-") : QString();
    out += QString::number(magnitude / 1000);
    const quint64 fraction = magnitude % 1000;
    if (fraction != 0) {
        QString digits = QStringLiteral("%1").arg(fraction, 3, 10, QLatin1Char('0'));
        while (digits.endsWith(QLatin1Char('0'))) {
            digits.chop(1);
        }
        out += QLatin1Char('.') + digits;
    }
    return out;
}

} // namespace galvani::db::exp::csv
