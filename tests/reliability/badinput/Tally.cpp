// SPDX-License-Identifier: GPL-3.0-or-later
#include "Tally.h"

#include <catch2/catch.hpp>

#include <QtGlobal>

#include <iostream>

namespace galvani::badinput {

Tally::Tally(QString group) : m_group(std::move(group))
{
}

void Tally::add(const QString& caseName, const Verdict& v, const QString& detail, const QString& knownGap)
{
    const bool passed = v.rejected && v.namedField && v.namedRange && !v.partialWrite && !v.crashed;
    ++m_cases;
    m_rejected += v.rejected ? 1 : 0;
    m_namedField += v.namedField ? 1 : 0;
    m_namedRange += v.namedRange ? 1 : 0;
    m_partialWrites += v.partialWrite ? 1 : 0;
    m_crashes += v.crashed ? 1 : 0;
    INFO(m_group.toStdString() << ": " << caseName.toStdString() << "\n" << detail.left(1500).toStdString());
    CHECK_FALSE(v.crashed); // never excused
    if (!passed && !knownGap.isEmpty() && qEnvironmentVariableIntValue("GALVANI_BADINPUT_STRICT") == 0) {
        ++m_knownGaps;
        WARN("known gap (" << knownGap.toStdString() << "): " << m_group.toStdString() << ": " << caseName.toStdString()
                           << ": " << detail.section(QLatin1Char('\n'), -1).left(200).toStdString());
        return;
    }
    CHECK(v.rejected);
    CHECK(v.namedField);
    CHECK(v.namedRange);
    CHECK_FALSE(v.partialWrite);
}

void Tally::finish() const
{
    std::cout << "badinput " << m_group.toStdString() << " cases=" << m_cases << " rejected=" << m_rejected
              << " named_field=" << m_namedField << " named_range=" << m_namedRange
              << " partial_writes=" << m_partialWrites << " crashes=" << m_crashes << " known_gaps=" << m_knownGaps
              << std::endl;
    CHECK(m_cases > 0);
}

} // namespace galvani::badinput
