// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli clinic limits`: every role reads the clinic's own limits, admins change them with a reason, a bad
// value is refused naming the option and its range before anything is written, and the change is audited.
#include "CliRunner.h"

#include <catch2/catch.hpp>

using galvani::test::CliResult;
using galvani::test::CliRunner;
using galvani::test::describe;
using galvani::test::kAdminPassword;
using galvani::test::kTherapistPassword;
using galvani::test::withPassword;

namespace {

QStringList limitsAs(const QString& user, QStringList options = {})
{
    QStringList args{QStringLiteral("clinic"), QStringLiteral("limits"), QStringLiteral("--user"), user};
    return args + options;
}

} // namespace

TEST_CASE("galvani-cli clinic limits shows and, for admins, changes the clinic's limits", "[cli][clinic-limits]")
{
    CliRunner cli;
    cli.addFirstAdmin(QStringLiteral("root"), kAdminPassword);
    cli.addUser(QStringLiteral("root"), kAdminPassword, QStringLiteral("tess"), QStringLiteral("therapist"),
        kTherapistPassword);
    const auto root = withPassword(kAdminPassword);
    const auto tess = withPassword(kTherapistPassword);

    const CliResult none = cli.run(limitsAs(QStringLiteral("tess")), QString(), tess);
    INFO(describe(none));
    REQUIRE(none.exitCode == 0);
    CHECK(none.out.contains(QStringLiteral("amplitude max:   off")));
    CHECK(none.out.contains(QStringLiteral("session max:     off")));

    const QStringList change{QStringLiteral("--amplitude-max-ma"), QStringLiteral("40.5"),
        QStringLiteral("--pulse-rate-max-hz"), QStringLiteral("80"), QStringLiteral("--session-max-minutes"),
        QStringLiteral("30"), QStringLiteral("--reason"), QStringLiteral("clinic protocol 2026")};
    const CliResult denied = cli.run(limitsAs(QStringLiteral("tess"), change), QString(), tess);
    INFO(describe(denied));
    CHECK(denied.exitCode == 1);
    CHECK(denied.err.contains(QStringLiteral("is not allowed to")));

    const CliResult set = cli.run(limitsAs(QStringLiteral("root"), change), QString(), root);
    INFO(describe(set));
    REQUIRE(set.exitCode == 0);
    CHECK(set.out.contains(QStringLiteral("clinic limits set")));
    CHECK(set.out.contains(QStringLiteral("amplitude max:   40.5 mA")));
    CHECK(set.out.contains(QStringLiteral("phase width max: off")));
    CHECK(set.out.contains(QStringLiteral("pulse rate max:  80 Hz")));
    CHECK(set.out.contains(QStringLiteral("session max:     30 min")));

    // Another change keeps what it does not name; "off" lifts one limit.
    const CliResult second = cli.run(
        limitsAs(QStringLiteral("root"),
            {QStringLiteral("--phase-width-max-us"), QStringLiteral("300"), QStringLiteral("--pulse-rate-max-hz"),
                QStringLiteral("off"), QStringLiteral("--reason"), QStringLiteral("new electrodes")}),
        QString(), root);
    INFO(describe(second));
    REQUIRE(second.exitCode == 0);
    const CliResult seen = cli.run(limitsAs(QStringLiteral("tess")), QString(), tess);
    INFO(describe(seen));
    CHECK(seen.out.contains(QStringLiteral("amplitude max:   40.5 mA")));
    CHECK(seen.out.contains(QStringLiteral("phase width max: 300 µs")));
    CHECK(seen.out.contains(QStringLiteral("pulse rate max:  off")));
    CHECK(seen.out.contains(QStringLiteral("session max:     30 min")));

    // The same values again: nothing to record.
    const CliResult same = cli.run(limitsAs(QStringLiteral("root"),
                                       {QStringLiteral("--session-max-minutes"), QStringLiteral("30"),
                                           QStringLiteral("--reason"), QStringLiteral("again")}),
        QString(), root);
    INFO(describe(same));
    CHECK(same.exitCode == 0);
    CHECK(same.out.contains(QStringLiteral("clinic limits unchanged")));

    // Refusals name the option and the allowed range, and change nothing.
    const QList<std::pair<QStringList, QStringList>> bad{
        {{QStringLiteral("--amplitude-max-ma"), QStringLiteral("120")},
            {QStringLiteral("--amplitude-max-ma"), QStringLiteral("1–100 mA, or off")}},
        {{QStringLiteral("--amplitude-max-ma"), QStringLiteral("40,5")}, {QStringLiteral("not a number")}},
        {{QStringLiteral("--amplitude-max-ma"), QStringLiteral("40.25")}, {QStringLiteral("decimal")}},
        {{QStringLiteral("--phase-width-max-us"), QStringLiteral("250.5")},
            {QStringLiteral("whole number"), QStringLiteral("10–4000 µs")}},
        {{QStringLiteral("--pulse-rate-max-hz"), QStringLiteral("nan")}, {QStringLiteral("--pulse-rate-max-hz")}},
        {{QStringLiteral("--session-max-minutes"), QStringLiteral("0")}, {QStringLiteral("1–99 min")}},
    };
    for (const auto& [options, expected] : bad) {
        const CliResult r = cli.run(
            limitsAs(QStringLiteral("root"), options + QStringList{QStringLiteral("--reason"), QStringLiteral("x")}),
            QString(), root);
        INFO(options.join(QLatin1Char(' ')).toStdString() << "\n" << describe(r));
        CHECK(r.exitCode == 2);
        for (const QString& part : expected) {
            CHECK(r.err.contains(part));
        }
    }
    const CliResult noReason
        = cli.run(limitsAs(QStringLiteral("root"), {QStringLiteral("--session-max-minutes"), QStringLiteral("20")}),
            QString(), root);
    INFO(describe(noReason));
    CHECK(noReason.exitCode == 2);
    CHECK(noReason.err.contains(QStringLiteral("reason")));
    const CliResult reasonAlone
        = cli.run(limitsAs(QStringLiteral("root"), {QStringLiteral("--reason"), QStringLiteral("x")}), QString(), root);
    CHECK(reasonAlone.exitCode == 2);
    CHECK(reasonAlone.err.contains(QStringLiteral("--amplitude-max-ma")));

    const CliResult after = cli.run(limitsAs(QStringLiteral("tess")), QString(), tess);
    CHECK(after.out.contains(QStringLiteral("session max:     30 min")));
    const CliResult audit
        = cli.run({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--user"), QStringLiteral("root")},
            QString(), root);
    INFO(describe(audit));
    CHECK(audit.exitCode == 0);
}
