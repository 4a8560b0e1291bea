// SPDX-License-Identifier: GPL-3.0-or-later
#include "BadValues.h"

#include <cmath>

namespace galvani::badinput {

Hint anyOf(const QStringList& alternatives)
{
    Hint h;
    for (const QString& a : alternatives) {
        h.append(QStringList{a});
    }
    return h;
}

Hint allOf(const QStringList& parts)
{
    return Hint{parts};
}

bool satisfies(const QString& message, const Hint& hint)
{
    if (hint.isEmpty()) {
        return true;
    }
    for (const QStringList& parts : hint) {
        bool all = true;
        for (const QString& p : parts) {
            all = all && message.contains(p, Qt::CaseInsensitive);
        }
        if (all) {
            return true;
        }
    }
    return false;
}

bool namesAny(const QString& message, const QStringList& names)
{
    for (const QString& n : names) {
        if (message.contains(n, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

namespace payload {

QString withNul(const QString& before, const QString& after)
{
    QString s = before;
    s.append(QChar(u'\0'));
    s.append(after);
    return s;
}

QString overlong(int chars, QChar fill)
{
    return QString(chars, fill);
}

} // namespace payload

QString numberText(double value, bool integer)
{
    if (integer) {
        return QString::number(static_cast<qint64>(std::llround(value)));
    }
    return QString::number(value, 'g', 12);
}

namespace {

const Hint kRequired = anyOf({QStringLiteral("required"), QStringLiteral("empty")});

// Text that is not a number at all, shared by numbers, choices and dates.
QList<BadValue> junk(const Hint& hint, bool withNul, const QString& sample)
{
    using namespace payload;
    QList<BadValue> out{
        {QStringLiteral("SQL payload"), kSql, hint},
        {QStringLiteral("RTL override before"), QString(kRtlOverride) + sample, hint},
        {QStringLiteral("RTL override after"), sample + kRtlOverride, hint},
        // A number's overlong form is all nines (a run of zeros would still be a valid 0).
        {QStringLiteral("overlong"),
            overlong(10'000, sample.isEmpty() || sample.back().isDigit() ? QLatin1Char('9') : sample.back()), hint},
    };
    for (const QString& f : kFormulas) {
        out.append({QStringLiteral("formula ") + f, f, hint});
    }
    if (withNul) {
        out.append({QStringLiteral("NUL"), payload::withNul(sample, sample), hint + anyOf({QStringLiteral("NUL")})});
    }
    return out;
}

} // namespace

QList<BadValue> badNumberTexts(const NumberRule& r)
{
    const Hint either = r.range + r.format;
    const double midValue = r.integer ? std::floor((r.min + r.max) / 2.0) : (r.min + r.max) / 2.0;
    const QString mid = numberText(midValue, r.integer);
    const QString whole = numberText(std::floor(midValue), true);
    QList<BadValue> out{
        {QStringLiteral("min-step"), numberText(r.min - r.step, r.integer), r.range},
        {QStringLiteral("max+step"), numberText(r.max + r.step, r.integer), r.range},
    };
    const double negative = r.min >= 0.0 ? -std::max(r.max, 1.0) : r.min - (r.max - r.min);
    if (negative != r.min - r.step) {
        out.append({QStringLiteral("negative"), numberText(negative, r.integer), r.range});
    }
    out += QList<BadValue>{
        {QStringLiteral("below int64"), QStringLiteral("-9223372036854775809"), either},
        {QStringLiteral("above int64"), QStringLiteral("9223372036854775808"), either},
        {QStringLiteral("beyond double"), QStringLiteral("1e309"), either},
        {QStringLiteral("NaN"), QStringLiteral("NaN"), either},
        {QStringLiteral("nan"), QStringLiteral("nan"), either},
        {QStringLiteral("inf"), QStringLiteral("inf"), either},
        {QStringLiteral("-inf"), QStringLiteral("-inf"), either},
        {QStringLiteral("Infinity"), QStringLiteral("Infinity"), either},
        {QStringLiteral("empty"), QString(), either + kRequired},
        {QStringLiteral("blank"), QStringLiteral("   "), either + kRequired},
        {QStringLiteral("decimal comma"), whole + QStringLiteral(",5"), either},
        {QStringLiteral("trailing unit"), mid + (r.unit.isEmpty() ? QStringLiteral("abc") : r.unit), either},
        {QStringLiteral("leading junk"), QStringLiteral("x") + mid, either},
        {QStringLiteral("hexadecimal"), QStringLiteral("0x") + whole, either},
        {QStringLiteral("Arabic-Indic digit"), QString(QChar(0x0664)), either},
        {QStringLiteral("fullwidth digit"), QString(QChar(0xFF14)), either},
    };
    if (r.integer) {
        out.append({QStringLiteral("fraction"), whole + QStringLiteral(".5"), either});
        out.append({QStringLiteral("exponent"), QStringLiteral("1e1"), either});
    }
    out.append(junk(either, r.withNul, mid));
    return out;
}

QList<BadNumber> badNumberValues(const NumberRule& r)
{
    QList<BadNumber> out{{QStringLiteral("min-step"), r.min - r.step}, {QStringLiteral("max+step"), r.max + r.step}};
    const double negative = r.min >= 0.0 ? -std::max(r.max, 1.0) : r.min - (r.max - r.min);
    if (negative != r.min - r.step) {
        out.append({QStringLiteral("negative"), negative});
    }
    out.append({QStringLiteral("lowest int"), static_cast<double>(std::numeric_limits<int>::min())});
    out.append({QStringLiteral("highest int"), static_cast<double>(std::numeric_limits<int>::max())});
    if (!r.integer) {
        out.append({QStringLiteral("NaN"), std::numeric_limits<double>::quiet_NaN()});
        out.append({QStringLiteral("inf"), std::numeric_limits<double>::infinity()});
        out.append({QStringLiteral("-inf"), -std::numeric_limits<double>::infinity()});
        out.append({QStringLiteral("1e300"), 1e300});
        out.append({QStringLiteral("-1e300"), -1e300});
    }
    return out;
}

QList<BadValue> badTexts(const TextRule& r)
{
    const Hint length = anyOf({QString::number(r.maxChars)});
    QList<BadValue> out{{QStringLiteral("max+1 characters"), payload::overlong(r.maxChars + 1), length}};
    if (r.maxChars + 1 < 10'000) {
        out.append({QStringLiteral("overlong"), payload::overlong(10'000), length});
    }
    if (r.required) {
        out.append({QStringLiteral("empty"), QString(), kRequired});
        out.append({QStringLiteral("blank"), QStringLiteral(" \t "), kRequired});
    }
    if (r.withNul) {
        out.append({QStringLiteral("NUL"), payload::withNul(QStringLiteral("ab"), QStringLiteral("cd")),
            anyOf({QStringLiteral("NUL")})});
    }
    return out;
}

QList<BadValue> badChoices(const ChoiceRule& r)
{
    const Hint all = allOf(r.allowed);
    const QString first = r.allowed.value(0);
    QList<BadValue> out{
        {QStringLiteral("empty"), QString(), all + kRequired},
        {QStringLiteral("near miss"), first + QStringLiteral("s"), all},
        {QStringLiteral("trailing junk"), first + QStringLiteral(";"), all},
        {QStringLiteral("zero-width space"), first + QChar(0x200B), all},
        {QStringLiteral("Cyrillic homoglyph"), QString(first).replace(QLatin1Char('e'), QChar(0x0435)), all},
    };
    if (out.last().text == first) {
        out.removeLast();
    }
    out.append(junk(all, r.withNul, first));
    return out;
}

QList<BadValue> badDates(const DateRule& r)
{
    const Hint f = r.format;
    QList<BadValue> out{
        {QStringLiteral("month 13"), QStringLiteral("2026-13-01"), f},
        {QStringLiteral("30 February"), QStringLiteral("2026-02-30"), f},
        {QStringLiteral("day 0"), QStringLiteral("2026-01-00"), f},
        {QStringLiteral("year 0"), QStringLiteral("0000-01-01"), f},
        {QStringLiteral("unpadded"), QStringLiteral("2026-2-3"), f},
        {QStringLiteral("compact"), QStringLiteral("20260203"), f},
        {QStringLiteral("slashes"), QStringLiteral("2026/02/03"), f},
        {QStringLiteral("commas"), QStringLiteral("2026,02,03"), f},
        {QStringLiteral("dots"), QStringLiteral("2026.02.03"), f},
        {QStringLiteral("dotted"), QStringLiteral("03.02.2026"), f},
        {QStringLiteral("US order"), QStringLiteral("02/03/2026"), f},
        {QStringLiteral("with time"), QStringLiteral("2026-02-03T10:00"), f},
        {QStringLiteral("leading space"), QStringLiteral(" 2026-02-03"), f},
        {QStringLiteral("five-digit year"), QStringLiteral("12026-01-01"), f},
        {QStringLiteral("Arabic-Indic digits"), u8("٢٠٢٦-٠٢-٠٣"), f},
        {QStringLiteral("empty"), QString(), f + kRequired},
    };
    out.append(junk(f, r.withNul, QStringLiteral("2026-02-03")));
    return out;
}

QList<BadValue> badDeviceUrls()
{
    const Hint scheme = anyOf({QStringLiteral("expected sim:"), QStringLiteral("use sim: or serial:")});
    const Hint ascii = anyOf({QStringLiteral("printable ASCII")});
    const Hint protocols
        = allOf({QStringLiteral("sciencemode2"), QStringLiteral("sciencemode3"), QStringLiteral("sciencemode4")});
    return {
        {QStringLiteral("empty"), QString(), scheme + anyOf({QStringLiteral("empty")})},
        {QStringLiteral("no scheme"), QStringLiteral("sciencemode4"), scheme},
        {QStringLiteral("unknown scheme"), QStringLiteral("http://localhost/stim"), scheme},
        {QStringLiteral("no protocol"), QStringLiteral("sim:"), protocols},
        {QStringLiteral("unknown protocol"), QStringLiteral("sim:sciencemode9"), protocols},
        {QStringLiteral("serial without port"), QStringLiteral("serial:?protocol=sciencemode4"),
            anyOf({QStringLiteral("serial:/dev/ttyUSB0")})},
        {QStringLiteral("serial without protocol"), QStringLiteral("serial:/dev/ttyUSB0"), protocols},
        {QStringLiteral("option without value"), QStringLiteral("sim:sciencemode4?channels"),
            anyOf({QStringLiteral("key=value")})},
        {QStringLiteral("option twice"), QStringLiteral("sim:sciencemode4?channels=8&channels=4"),
            anyOf({QStringLiteral("twice")})},
        {QStringLiteral("channels 0"), QStringLiteral("sim:sciencemode4?channels=0"),
            anyOf({QStringLiteral("1..8"), QStringLiteral("1–8")})},
        {QStringLiteral("channels 9"), QStringLiteral("sim:sciencemode4?channels=9"),
            anyOf({QStringLiteral("1..8"), QStringLiteral("1–8")})},
        {QStringLiteral("channels NaN"), QStringLiteral("sim:sciencemode4?channels=nan"),
            anyOf({QStringLiteral("1..8"), QStringLiteral("1–8")})},
        {QStringLiteral("level unknown"), QStringLiteral("sim:sciencemode4?level=high"),
            anyOf({QStringLiteral("low, mid")})},
        {QStringLiteral("overlong"), QStringLiteral("sim:sciencemode4?x=") + payload::overlong(10'000),
            anyOf({QStringLiteral("at most")})},
        {QStringLiteral("RTL override"), QStringLiteral("sim:sciencemode4") + payload::kRtlOverride, ascii},
        {QStringLiteral("space inside"), QStringLiteral("sim: sciencemode4"), ascii},
        {QStringLiteral("SQL payload"), payload::kSql, ascii},
        {QStringLiteral("formula"), payload::kFormulas.first(), ascii},
        {QStringLiteral("formula +1+1"), QStringLiteral("+1+1"), scheme},
    };
}

QList<BadValue> payloadsOnly(const QList<BadValue>& values)
{
    QList<BadValue> out;
    for (const BadValue& b : values) {
        for (const char* prefix : {"SQL", "RTL", "overlong", "formula", "NUL"}) {
            if (b.label.startsWith(QLatin1String(prefix))) {
                out.append(b);
                break;
            }
        }
    }
    return out;
}

QStringList legitimatePayloads()
{
    return {
        QStringLiteral("O'Brien-Smith"),
        payload::kSql,
        QStringLiteral("Robert'); DROP TABLE users;--"),
        QStringLiteral("=cmd|' /C calc'!A0"),
        QStringLiteral("+1+1"),
        QStringLiteral("@SUM(1)"),
        QStringLiteral("-2+3"),
        QStringLiteral("=HYPERLINK(\"http://example.invalid\",\"x\")"),
        QStringLiteral("\tleading tab"),
        QString(payload::kRtlOverride) + u8("gnp.exe مرحبا עברית"),
        u8("Zoë Ångström 😀 👩‍⚕️"),
        QStringLiteral("a,b;\"quoted\"\nsecond line"),
    };
}

} // namespace galvani::badinput
