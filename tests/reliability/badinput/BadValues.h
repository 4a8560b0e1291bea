// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <limits>

// The bad-input battery's vocabulary: a field's rule (number range, text length, choice, date) and the bad values
// generated from it — the boundaries ±1 step, NaN and infinities, negatives, empty, overlong, decimal comma,
// trailing units, Unicode (RTL override, other digits), NUL, SQL and spreadsheet-formula payloads — each with what
// its refusal message must say besides the field's name. Pure values; any thread.
namespace galvani::badinput {

inline QString u8(const char* text)
{
    return QString::fromUtf8(text);
}

// What a refusal must state, as alternatives: the message satisfies the hint when, for one alternative, it contains
// every part (case-insensitive). Empty: nothing beyond the field's name is required. a + b (QList's) is "either".
using Hint = QList<QStringList>;

[[nodiscard]] Hint anyOf(const QStringList& alternatives); // one part per alternative
[[nodiscard]] Hint allOf(const QStringList& parts); // one alternative with every part
[[nodiscard]] bool satisfies(const QString& message, const Hint& hint);
[[nodiscard]] bool namesAny(const QString& message, const QStringList& names);

// One value that must be refused.
struct BadValue {
    QString label; // "max+1", "NaN", "decimal comma", …
    QString text; // as typed into the form or on the command line
    Hint hint; // what the refusal states: the range, the length limit, the expected format or "required"
};

// The payloads every field gets.
namespace payload {
inline const QString kSql = QStringLiteral("'; DROP TABLE patients; --");
inline const QStringList kFormulas{
    QStringLiteral("=cmd|' /C calc'!A0"), QStringLiteral("+1+1"), QStringLiteral("@SUM(1)"), QStringLiteral("-2+3")};
inline const QChar kRtlOverride{0x202E};
[[nodiscard]] QString withNul(const QString& before, const QString& after);
[[nodiscard]] QString overlong(int chars = 10'000, QChar fill = QLatin1Char('x'));
} // namespace payload

// A number typed as text (CLI option, form field). The range hint is how messages state the range ("1–8", …), the
// format hint how they state what a number looks like ("whole number", …).
struct NumberRule {
    double min = 0.0;
    double max = 0.0;
    double step = 1.0; // the field's step: min-step and max+step are the first refused values
    bool integer = true;
    QString unit; // appended for the "trailing unit" case ("mA"); empty: "abc"
    Hint range;
    Hint format;
    bool withNul = false; // NUL cannot travel in argv; forms and services get it
};
[[nodiscard]] QList<BadValue> badNumberTexts(const NumberRule& rule);
[[nodiscard]] QString numberText(double value, bool integer);

// A number a form hands to a service already converted: out of range, and non-finite for real fields.
struct BadNumber {
    QString label;
    double value = 0.0;
};
[[nodiscard]] QList<BadNumber> badNumberValues(const NumberRule& rule);

// Free text: at most maxChars, required or not. Only the length, blank-when-required and NUL are refused; every
// payload is legitimate content and is checked elsewhere to be stored verbatim.
struct TextRule {
    int maxChars = 0;
    bool required = false;
    bool withNul = false;
};
[[nodiscard]] QList<BadValue> badTexts(const TextRule& rule);

// One of a fixed set of words. The hint requires every allowed word in the message.
struct ChoiceRule {
    QStringList allowed;
    bool withNul = false;
};
[[nodiscard]] QList<BadValue> badChoices(const ChoiceRule& rule);

// A calendar date YYYY-MM-DD.
struct DateRule {
    Hint format = anyOf({QStringLiteral("YYYY-MM-DD")});
    bool withNul = false;
};
[[nodiscard]] QList<BadValue> badDates(const DateRule& rule);

// A device URL (sim: or serial:), for every field that takes one. Each value's hint is the rule it breaks.
[[nodiscard]] QList<BadValue> badDeviceUrls();

// The SQL, RTL, overlong, formula and NUL values of a generated list (for fields with a rule of their own).
[[nodiscard]] QList<BadValue> payloadsOnly(const QList<BadValue>& values);

// The free-text payloads that are legitimate content (names with apostrophes, SQL and formula text, RTL, emoji,
// line breaks): stored verbatim, exported harmless.
[[nodiscard]] QStringList legitimatePayloads();

} // namespace galvani::badinput
