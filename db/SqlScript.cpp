// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/SqlScript.h"

namespace galvani::db {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// Scanner state for the statement being collected.
struct Statement {
    QString text;
    bool hasCode = false; // anything but whitespace and comments
    QStringList leadingWords; // first words, to recognise CREATE [TEMP] TRIGGER
    bool sawBegin = false;
    QString lastWord;
    QString word; // word being read

    void endWord()
    {
        if (word.isEmpty()) {
            return;
        }
        const QString upper = word.toUpper();
        if (leadingWords.size() < 3) {
            leadingWords.append(upper);
        }
        if (upper == QLatin1String("BEGIN")) {
            sawBegin = true;
        }
        lastWord = upper;
        word.clear();
    }

    [[nodiscard]] bool isTrigger() const
    {
        if (leadingWords.size() >= 2 && leadingWords[0] == QLatin1String("CREATE")) {
            if (leadingWords[1] == QLatin1String("TRIGGER")) {
                return true;
            }
            return leadingWords.size() >= 3
                && (leadingWords[1] == QLatin1String("TEMP") || leadingWords[1] == QLatin1String("TEMPORARY"))
                && leadingWords[2] == QLatin1String("TRIGGER");
        }
        return false;
    }

    // A ';' at top level ends the statement unless we are inside a trigger body that has not reached END.
    [[nodiscard]] bool semicolonEnds() const { return !(isTrigger() && sawBegin && lastWord != QLatin1String("END")); }
};

// Returns the dollar-quote tag ("$$" or "$name$") starting at i, or an empty string if none starts there.
QString dollarTagAt(const QString& s, qsizetype i)
{
    if (s[i] != QLatin1Char('$')) {
        return {};
    }
    qsizetype j = i + 1;
    while (j < s.size() && (s[j].isLetter() || s[j] == QLatin1Char('_') || (j > i + 1 && s[j].isDigit()))) {
        ++j;
    }
    if (j < s.size() && s[j] == QLatin1Char('$')) {
        return s.mid(i, j - i + 1);
    }
    return {};
}

} // namespace

QStringList splitSqlScript(const QString& script)
{
    QStringList out;
    Statement st;
    auto flush = [&out, &st]() {
        st.endWord();
        const QString trimmed = st.text.trimmed();
        if (st.hasCode && !trimmed.isEmpty()) {
            out.append(trimmed);
        }
        st = Statement{};
    };

    const qsizetype n = script.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = script[i];
        const QChar next = i + 1 < n ? script[i + 1] : QChar();
        if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            st.endWord();
            const qsizetype end = script.indexOf(QLatin1Char('\n'), i);
            const qsizetype stop = end < 0 ? n : end;
            st.text += script.mid(i, stop - i);
            i = stop;
            continue;
        }
        if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            st.endWord();
            const qsizetype end = script.indexOf(QLatin1String("*/"), i + 2);
            const qsizetype stop = end < 0 ? n : end + 2;
            st.text += script.mid(i, stop - i);
            i = stop;
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            st.endWord();
            st.hasCode = true;
            qsizetype j = i + 1;
            while (j < n) {
                if (script[j] == c) {
                    if (j + 1 < n && script[j + 1] == c) {
                        j += 2; // doubled quote inside the literal
                        continue;
                    }
                    break;
                }
                ++j;
            }
            const qsizetype stop = j < n ? j + 1 : n;
            st.text += script.mid(i, stop - i);
            i = stop;
            continue;
        }
        if (c == QLatin1Char('$') && st.word.isEmpty()) {
            const QString tag = dollarTagAt(script, i);
            if (!tag.isEmpty()) {
                st.endWord();
                st.hasCode = true;
                const qsizetype end = script.indexOf(tag, i + tag.size());
                const qsizetype stop = end < 0 ? n : end + tag.size();
                st.text += script.mid(i, stop - i);
                i = stop;
                continue;
            }
        }
        if (c == QLatin1Char(';')) {
            st.endWord();
            if (st.semicolonEnds()) {
                flush();
                ++i;
                continue;
            }
        }
        if (isWordChar(c)) {
            st.word += c;
        } else {
            st.endWord();
        }
        if (!c.isSpace()) {
            st.hasCode = true;
        }
        st.text += c;
        ++i;
    }
    flush();
    return out;
}

} // namespace galvani::db
