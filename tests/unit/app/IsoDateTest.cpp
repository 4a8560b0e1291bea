// SPDX-License-Identifier: GPL-3.0-or-later
// parseIsoDate: the one date form the application reads (YYYY-MM-DD), stricter than Qt's ISO parser.
#include "app/IsoDate.h"

#include <catch2/catch.hpp>

using galvani::app::parseIsoDate;

TEST_CASE("a date is read only as YYYY-MM-DD", "[app][date]")
{
    CHECK(parseIsoDate(QStringLiteral("2026-02-28")) == QDate(2026, 2, 28));
    CHECK(parseIsoDate(QStringLiteral("2024-02-29")) == QDate(2024, 2, 29));
    for (const char* text : {"", "2026,02,03", "2026/02/03", "2026.02.03", "20260203", "2026-2-3", "03-02-2026",
             "2026-13-01", "2026-02-30", "2026-02-00", " 2026-02-03", "2026-02-03 ", "2026-02-03T10:00",
             "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-02-03", "\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa6-02-03"}) {
        INFO(text);
        CHECK_FALSE(parseIsoDate(QString::fromUtf8(text)));
    }
    // Qt's own ISO parser takes some of these; this one must not.
    CHECK(QDate::fromString(QStringLiteral("2026,02,03"), Qt::ISODate).isValid());
}
