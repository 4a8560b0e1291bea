// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace galvani::badinput {

// How one bad value fared.
struct Verdict {
    bool rejected = false; // refused (CLI: the documented exit code, normally 2; service: the expected error kind)
    bool namedField = false; // the message names the field (option name or form label)
    bool namedRange = false; // and states the allowed range, length or format
    bool partialWrite = false; // the store changed beyond what the refusal writes by design
    bool crashed = false; // signal, abnormal exit or hang
};

// The counts of one group of the battery. add() checks every verdict (a Catch CHECK per criterion, with the case
// named), finish() prints the group's summary line for the benchmark report —
//   badinput <group> cases=N rejected=N named_field=N named_range=N partial_writes=N crashes=N known_gaps=N
// — and checks that the group ran at all.
// A case may carry a known gap: a failure whose fix lies in a layer this battery may not change; it is reported
// (WARN and known_gaps) instead of failing the test — a crash is never excused — unless GALVANI_BADINPUT_STRICT=1 —
// set it to check such a fix. A known gap that passes is simply counted as passed. No case carries one today
// (README.md, "Known gaps").
// Thread affinity: the test thread.
class Tally {
public:
    explicit Tally(QString group);

    void add(const QString& caseName, const Verdict& v, const QString& detail, const QString& knownGap = QString());
    void finish() const;

    [[nodiscard]] int cases() const { return m_cases; }

private:
    QString m_group;
    int m_cases = 0;
    int m_rejected = 0;
    int m_namedField = 0;
    int m_namedRange = 0;
    int m_partialWrites = 0;
    int m_crashes = 0;
    int m_knownGaps = 0;
};

} // namespace galvani::badinput
