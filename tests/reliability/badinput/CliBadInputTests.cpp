// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input on every galvani-cli command and option: each bad value must be refused with the documented exit code
// (2 for an argument or a value a record rule refuses; 1 where the documentation says so: a refused sign-in, the
// safety kernel, a device that cannot be reached), a message on standard error that names the option (or the form
// label the service uses) and the allowed range or format, the store unchanged (StoreSnapshot: every table's rows
// and content; the sign-in's own audit row set apart), and no crash. One summary line per group:
//   badinput cli.<group> cases=N rejected=N named_field=N named_range=N partial_writes=N crashes=N known_gaps=N
// NUL cannot travel in argv; it is fed through files and standard input here and to the services directly in
// ServiceBadInputTests.cpp.
#include "BadValues.h"
#include "CliBattery.h"
#include "Tally.h"

#include "app/services/ScreeningService.h"
#include "core/domain/PresetCatalogue.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>

using namespace galvani::badinput;

namespace {

QStringList w(std::initializer_list<const char*> words)
{
    QStringList out;
    for (const char* word : words) {
        out.append(u8(word));
    }
    return out;
}

const QString kSim = QStringLiteral("sim:sciencemode4?channels=8");
const QString kSite1 = QStringLiteral("right-lumbar-erector-spinae");

// Where a well-formed but unknown reference (an MRN no patient has, a user name no account has) is refused as not
// found: exit 1 by the documentation, naming what was looked for.
const Hint kNotFound = anyOf({QStringLiteral("no patient"), QStringLiteral("no user")});

void runAll(CliWorld& world, Tally& tally, const QList<CliCase>& cases)
{
    for (const CliCase& c : cases) {
        world.check(c, tally);
    }
}

// An MRN or user name that is looked up: too long or blank is a bad value (exit 2, the limit named); a well-formed
// one nobody has is not found (exit 1).
QList<CliCase> lookupCases(const QString& field, const QStringList& args, const QStringList& names, int maxChars)
{
    QList<CliCase> out = CliWorld::cases(field, args, badTexts(TextRule{maxChars, true, false}), names);
    QList<BadValue> wellFormed;
    for (const QString& p : {payload::kSql, payload::kFormulas.first(), QString(payload::kRtlOverride) + u8("1001")}) {
        wellFormed.append(BadValue{QStringLiteral("well-formed unknown ") + p.left(12), p, kNotFound});
    }
    out.append(CliWorld::cases(
        field, args, wellFormed, names + QStringList{QStringLiteral("MRN"), QStringLiteral("user")}, {1}));
    return out;
}

} // namespace

TEST_CASE("cli bad input: command words - option syntax - store URL")
{
    CliWorld world;
    Tally tally(QStringLiteral("cli.syntax"));
    QList<BadValue> words{
        {QStringLiteral("empty"), QString(), anyOf({QStringLiteral("--help")})},
        {QStringLiteral("unknown"), QStringLiteral("frobnicate"), anyOf({QStringLiteral("--help")})},
        {QStringLiteral("SQL payload"), payload::kSql, anyOf({QStringLiteral("--help")})},
        {QStringLiteral("formula"), payload::kFormulas.first(), anyOf({QStringLiteral("--help")})},
        {QStringLiteral("RTL override"), QStringLiteral("patient") + payload::kRtlOverride,
            anyOf({QStringLiteral("--help")})},
        {QStringLiteral("overlong"), payload::overlong(), anyOf({QStringLiteral("--help")})},
    };
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("command"), {QStringLiteral("@")}, words, {QStringLiteral("command")}));

    // Each family's subcommand word: the message names the subcommand and lists the expected ones.
    const QList<std::pair<QString, QStringList>> families{
        {QStringLiteral("user"), w({"add", "list", "unlock", "deactivate", "set-role"})},
        {QStringLiteral("patient"), w({"add", "list", "show"})},
        {QStringLiteral("screening"), w({"record", "show", "checklist"})},
        {QStringLiteral("placement"), w({"list", "record"})},
        {QStringLiteral("preset"), w({"list"})},
        {QStringLiteral("audit"), w({"verify"})},
        {QStringLiteral("calibration"), w({"list", "status", "policy"})},
        {QStringLiteral("clinic"), w({"limits"})},
        {QStringLiteral("session"), w({"run"})},
        {QStringLiteral("device"), w({"list", "probe", "stimulate"})},
    };
    for (const auto& [family, expected] : families) {
        QList<BadValue> subs;
        for (const BadValue& b : words) {
            subs.append(BadValue{b.label, b.text, allOf(expected)});
        }
        runAll(world, tally,
            CliWorld::cases(family + QStringLiteral(" <subcommand>"), {family, QStringLiteral("@")}, subs,
                {QStringLiteral("subcommand")}));
        CliCase missing;
        missing.field = family + QStringLiteral(" <subcommand>");
        missing.bad = BadValue{QStringLiteral("missing"), QString(), allOf(expected)};
        missing.args = QStringList{family};
        missing.names = {QStringLiteral("subcommand")};
        world.check(missing, tally);
    }

    // Option syntax, on commands that would otherwise succeed.
    const auto syntax = [&](const QString& what, const QStringList& args, const QStringList& names, const Hint& hint) {
        CliCase c;
        c.field = QStringLiteral("options");
        c.bad = BadValue{what, QString(), hint};
        c.args = args;
        c.names = names;
        world.check(c, tally);
    };
    syntax(QStringLiteral("unknown option"), w({"patient", "list", "--user", "tina", "--frobnicate", "x"}),
        {QStringLiteral("--frobnicate")}, allOf({QStringLiteral("allowed"), QStringLiteral("--search")}));
    syntax(QStringLiteral("unknown option, RTL"),
        {QStringLiteral("patient"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("tina"),
            QStringLiteral("--search") + payload::kRtlOverride, QStringLiteral("x")},
        {QStringLiteral("--search")}, allOf({QStringLiteral("allowed")}));
    syntax(QStringLiteral("option twice"),
        w({"patient", "show", "--user", "tina", "--mrn", "BI-1001", "--mrn", "BI-1001"}), {QStringLiteral("--mrn")},
        anyOf({QStringLiteral("twice")}));
    CliCase valueless;
    valueless.field = QStringLiteral("options");
    valueless.bad
        = BadValue{QStringLiteral("option without value"), QString(), anyOf({QStringLiteral("needs a value")})};
    valueless.args = QStringList{QStringLiteral("patient"), QStringLiteral("list"), QStringLiteral("--user"),
        QStringLiteral("tina"), QStringLiteral("--db"), QStringLiteral("sqlite:") + world.storePath(),
        QStringLiteral("--search")};
    valueless.names = {QStringLiteral("--search")};
    valueless.withDb = false;
    world.check(valueless, tally);
    syntax(QStringLiteral("flag with a value"), w({"screening", "checklist", "--template", "yes"}),
        {QStringLiteral("yes")}, anyOf({QStringLiteral("unexpected argument")}));
    syntax(QStringLiteral("argument after the options"),
        w({"patient", "list", "--user", "tina", "--search", "a", "extra"}), {QStringLiteral("extra")},
        anyOf({QStringLiteral("unexpected argument")}));
    syntax(QStringLiteral("argument to audit verify"), w({"audit", "verify", "--user", "root", "extra"}),
        {QStringLiteral("extra")}, anyOf({QStringLiteral("unexpected argument")}));
    syntax(QStringLiteral("option user list does not take"), w({"user", "list", "--user", "root", "--name", "x"}),
        {QStringLiteral("--name")}, allOf({QStringLiteral("allowed")}));
    syntax(QStringLiteral("help as a subcommand"), w({"patient", "--help"}), {QStringLiteral("--help")},
        allOf({QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("show")}));
    syntax(QStringLiteral("argument to protocols"), w({"protocols", "extra"}), {QStringLiteral("extra")},
        anyOf({QStringLiteral("unexpected argument")}));
    syntax(QStringLiteral("single dash"), w({"patient", "list", "--user", "tina", "-search", "a"}),
        {QStringLiteral("-search")}, anyOf({QStringLiteral("unexpected argument")}));

    // --db: a malformed store URL, on a command that signs in (--db given once, here, instead of the world's).
    const QStringList names{QStringLiteral("--db"), QStringLiteral("store URL")};
    const Hint forms = anyOf({QStringLiteral("sqlite:"), QStringLiteral("postgresql://")});
    const QList<BadValue> urls{
        {QStringLiteral("empty"), QString(), forms},
        {QStringLiteral("no file"), QStringLiteral("sqlite:"), forms},
        {QStringLiteral("no file after //"), QStringLiteral("sqlite://"), forms},
        {QStringLiteral("unknown scheme"), QStringLiteral("mysql://galvani@localhost/galvani"), forms},
        {QStringLiteral("no host"), QStringLiteral("postgresql://galvani@/galvani"), anyOf({QStringLiteral("host")})},
        {QStringLiteral("port 0"), QStringLiteral("postgresql://galvani@localhost:0/galvani"),
            anyOf({QStringLiteral("1–65535")})},
        {QStringLiteral("port 65536"), QStringLiteral("postgresql://galvani@localhost:65536/galvani"),
            anyOf({QStringLiteral("1–65535"), QStringLiteral("not a valid URL")})},
        {QStringLiteral("no database"), QStringLiteral("postgresql://galvani@localhost/"),
            anyOf({QStringLiteral("database")})},
        {QStringLiteral("SQL payload"), payload::kSql, forms},
        {QStringLiteral("formula"), payload::kFormulas.first(), forms},
        {QStringLiteral("RTL override"), QString(payload::kRtlOverride) + QStringLiteral("sqlite:x"), forms},
        {QStringLiteral("overlong"), payload::overlong(), forms},
    };
    for (const BadValue& b : urls) {
        // The world's --db is left out: this one is the only one.
        const CliOutcome o = world.run({QStringLiteral("patient"), QStringLiteral("list"), QStringLiteral("--user"),
                                           QStringLiteral("tina"), QStringLiteral("--db"), b.text},
            {}, {}, false);
        Verdict v;
        v.crashed = o.crashed || o.exitCode < 0 || o.exitCode > 2;
        v.rejected = !o.crashed && o.exitCode == 2;
        v.namedField = namesAny(o.err, names);
        v.namedRange = satisfies(o.err, b.hint);
        // No store is opened under a malformed URL; the world's store must not change either.
        tally.add(QStringLiteral("--db = ") + b.label, v,
            QStringLiteral("exit %1 (expected 2)\nstderr: %2").arg(o.exitCode).arg(o.err.left(600)));
    }
    tally.finish();
}

TEST_CASE("cli bad input: user commands")
{
    CliWorld world;
    Tally tally(QStringLiteral("cli.user"));
    const Hint roles = allOf(w({"therapist", "admin", "technician"}));

    // user add (as root): the new name, display name, role and password.
    const QStringList add = w({"user", "add", "--user", "root", "--name", "@", "--role", "therapist"});
    QList<BadValue> names = badTexts(TextRule{64, true, false});
    names.append({QStringLiteral("leading space"), QStringLiteral(" nina"), anyOf({QStringLiteral("spaces")})});
    names.append({QStringLiteral("trailing space"), QStringLiteral("nina "), anyOf({QStringLiteral("spaces")})});
    runAll(world, tally, CliWorld::cases(QStringLiteral("user add --name"), add, names, w({"--name", "username"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("user add --display-name"),
            w({"user", "add", "--user", "root", "--name", "nina", "--role", "therapist", "--display-name", "@"}),
            badTexts(TextRule{200, false, false}), w({"--display-name", "display name"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("user add --role"),
            w({"user", "add", "--user", "root", "--name", "nina", "--role", "@"}),
            badChoices(ChoiceRule{w({"therapist", "admin", "technician"})}), w({"--role"})));
    const QList<BadValue> passwords{
        {QStringLiteral("empty"), QString(), anyOf({QStringLiteral("10")})},
        {QStringLiteral("min-1 (9 characters)"), QStringLiteral("123456789"), anyOf({QStringLiteral("10")})},
        {QStringLiteral("max+1 (1025 characters)"), payload::overlong(1025), anyOf({QStringLiteral("1024")})},
        {QStringLiteral("overlong"), payload::overlong(10'000), anyOf({QStringLiteral("1024")})},
    };
    for (const BadValue& b : passwords) {
        CliCase c;
        c.field = QStringLiteral("user add GALVANI_NEW_PASSWORD");
        c.bad = b;
        c.args = w({"user", "add", "--user", "root", "--name", "nina", "--role", "therapist"});
        c.names = {QStringLiteral("password")};
        c.env = {{QStringLiteral("GALVANI_NEW_PASSWORD"), b.text}};
        world.check(c, tally);
    }

    // unlock, deactivate, set-role: the account looked up, the reason, the role.
    for (const char* sub : {"unlock", "deactivate", "set-role"}) {
        QStringList base{QStringLiteral("user"), u8(sub), QStringLiteral("--user"), QStringLiteral("root"),
            QStringLiteral("--name"), QStringLiteral("@"), QStringLiteral("--reason"), QStringLiteral("battery")};
        if (QLatin1String(sub) == QLatin1String("set-role")) {
            base << QStringLiteral("--role") << QStringLiteral("technician");
        }
        const QString field = QStringLiteral("user %1 ").arg(u8(sub));
        runAll(world, tally,
            lookupCases(field + QStringLiteral("--name"), base, w({"--name", "username", "user name"}), 64));
        QStringList withReason = base;
        withReason.replace(withReason.indexOf(QStringLiteral("@")), QStringLiteral("tina"));
        withReason.replace(withReason.indexOf(QStringLiteral("battery")), QStringLiteral("@"));
        runAll(world, tally,
            CliWorld::cases(field + QStringLiteral("--reason"), withReason, badTexts(TextRule{1000, true, false}),
                w({"--reason", "reason"})));
        if (QLatin1String(sub) == QLatin1String("set-role")) {
            QStringList withRole = withReason;
            withRole.replace(withRole.indexOf(QStringLiteral("@")), QStringLiteral("battery"));
            withRole.replace(withRole.indexOf(QStringLiteral("technician")), QStringLiteral("@"));
            QList<BadValue> bad = badChoices(ChoiceRule{w({"therapist", "admin", "technician"})});
            for (BadValue& b : bad) {
                b.hint = roles + (b.label == QStringLiteral("empty") ? anyOf({QStringLiteral("empty")}) : Hint());
            }
            runAll(world, tally, CliWorld::cases(field + QStringLiteral("--role"), withRole, bad, w({"--role"})));
        }
    }
    tally.finish();
}

TEST_CASE("cli bad input: patient commands")
{
    CliWorld world;
    Tally tally(QStringLiteral("cli.patient"));
    const auto add = [](const char* option) {
        QStringList args = w({"patient", "add", "--user", "tina", "--mrn", "BI-2002", "--name", "Doe, Jane",
            "--birth-date", "1970-04-01"});
        const qsizetype at = args.indexOf(u8(option));
        if (at >= 0) {
            args[at + 1] = QStringLiteral("@");
        } else {
            args << u8(option) << QStringLiteral("@");
        }
        return args;
    };
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("patient add --mrn"), add("--mrn"), badTexts(TextRule{64, true, false}),
            w({"--mrn", "MRN"})));
    QList<BadValue> names = badTexts(TextRule{401, true, false}).mid(2); // empty and blank
    names.append({
        {QStringLiteral("one word"), QStringLiteral("Madonna"), anyOf({QStringLiteral("Family, Given Names")})},
        {QStringLiteral("no given names"), QStringLiteral("Doe,"), anyOf({QStringLiteral("Family, Given Names")})},
        {QStringLiteral("no family name"), QStringLiteral(", Jane"), anyOf({QStringLiteral("Family, Given Names")})},
        {QStringLiteral("family name max+1"), payload::overlong(201) + QStringLiteral(", Jane"),
            anyOf({QStringLiteral("200")})},
        {QStringLiteral("given names max+1"), QStringLiteral("Doe, ") + payload::overlong(201),
            anyOf({QStringLiteral("200")})},
        {QStringLiteral("overlong"), payload::overlong(10'000) + QStringLiteral(", Jane"),
            anyOf({QStringLiteral("200")})},
    });
    runAll(world, tally,
        CliWorld::cases(
            QStringLiteral("patient add --name"), add("--name"), names, w({"--name", "family name", "given names"})));
    QList<BadValue> births = badDates(DateRule{});
    births.append({QStringLiteral("before 1900"), QStringLiteral("1899-12-31"), anyOf({QStringLiteral("1900")})});
    births.append({QStringLiteral("in the future"), QStringLiteral("2999-01-01"), anyOf({QStringLiteral("1900")})});
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("patient add --birth-date"), add("--birth-date"), births,
            w({"--birth-date", "date of birth"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("patient add --phone"), add("--phone"), badTexts(TextRule{100, false, false}),
            w({"--phone", "phone"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("patient add --email"), add("--email"), badTexts(TextRule{200, false, false}),
            w({"--email", "email"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("patient add --address"), add("--address"),
            badTexts(TextRule{1000, false, false}), w({"--address", "address"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("patient list --search"),
            w({"patient", "list", "--user", "tina", "--search", "@"}), badTexts(TextRule{200, false, false}),
            w({"--search", "search"})));
    runAll(world, tally,
        lookupCases(QStringLiteral("patient show --mrn"), w({"patient", "show", "--user", "tina", "--mrn", "@"}),
            w({"--mrn", "MRN"}), 64));
    tally.finish();
}

namespace {

// A valid answers file (every item "no"), as the checklist template prints it, with `edit` applied.
QByteArray answersFile(const std::function<void(QJsonObject&)>& edit)
{
    QJsonObject answers;
    for (const auto& item : galvani::app::ScreeningService::checklist()) {
        answers.insert(item.id, false);
    }
    QJsonObject root{{QStringLiteral("answers"), answers}};
    edit(root);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QString firstItem()
{
    return galvani::app::ScreeningService::checklist().first().id;
}

} // namespace

TEST_CASE("cli bad input: screening commands and answers files")
{
    CliWorld world;
    Tally tally(QStringLiteral("cli.screening"));
    runAll(world, tally,
        lookupCases(QStringLiteral("screening record --patient"),
            w({"screening", "record", "--user", "tina", "--none-apply", "--patient", "@"}), w({"--patient", "MRN"}),
            64));
    runAll(world, tally,
        lookupCases(QStringLiteral("screening show --patient"),
            w({"screening", "show", "--user", "tina", "--patient", "@"}), w({"--patient", "MRN"}), 64));

    struct FileCase {
        QString label;
        QByteArray content;
        Hint hint;
        QStringList names;
    };
    const QString item = firstItem();
    const auto set = [](const QString& key, const QJsonValue& value) {
        return [key, value](QJsonObject& root) { root.insert(key, value); };
    };
    const auto answer = [item](const QJsonValue& value) {
        return [item, value](QJsonObject& root) {
            QJsonObject a = root.value(QStringLiteral("answers")).toObject();
            a.insert(item, value);
            root.insert(QStringLiteral("answers"), a);
        };
    };
    const Hint days = anyOf({QStringLiteral("1 to 365")});
    const QStringList fileNames = w({"--answers", "answers file"});
    QList<FileCase> files{
        {QStringLiteral("not JSON"), QByteArrayLiteral("{"), anyOf({QStringLiteral("not valid JSON")}), fileNames},
        {QStringLiteral("empty file"), QByteArray(), anyOf({QStringLiteral("not valid JSON")}), fileNames},
        {QStringLiteral("UTF-16"), QByteArray("\xff\xfe{\0}\0", 6), anyOf({QStringLiteral("not valid JSON")}),
            fileNames},
        {QStringLiteral("array at the top"), QByteArrayLiteral("[]"), anyOf({QStringLiteral("JSON object")}),
            fileNames},
        {QStringLiteral("SQL as a key"), answersFile(set(payload::kSql, 1)), anyOf({QStringLiteral("unknown key")}),
            fileNames},
        {QStringLiteral("no items"), answersFile(set(QStringLiteral("answers"), QJsonObject())),
            anyOf({QStringLiteral("lacks")}), fileNames},
        {QStringLiteral("answers not an object"), answersFile(set(QStringLiteral("answers"), 1)),
            anyOf({QStringLiteral("must be an object")}), fileNames},
        {QStringLiteral("unknown item"), answersFile([](QJsonObject& root) {
             QJsonObject a = root.value(QStringLiteral("answers")).toObject();
             a.insert(payload::kFormulas.first(), false);
             root.insert(QStringLiteral("answers"), a);
         }),
            anyOf({QStringLiteral("not an item of the checklist")}), fileNames},
        {QStringLiteral("answer maybe"), answersFile(answer(QStringLiteral("maybe"))),
            anyOf({QStringLiteral("true, false or \"unknown\"")}), fileNames},
        {QStringLiteral("answer 1"), answersFile(answer(1)), anyOf({QStringLiteral("true, false or \"unknown\"")}),
            fileNames},
        {QStringLiteral("answer null"), answersFile(answer(QJsonValue())),
            anyOf({QStringLiteral("true, false or \"unknown\"")}), fileNames},
        {QStringLiteral("valid_days 0"), answersFile(set(QStringLiteral("valid_days"), 0)), days, fileNames},
        {QStringLiteral("valid_days 366"), answersFile(set(QStringLiteral("valid_days"), 366)), days, fileNames},
        {QStringLiteral("valid_days -90"), answersFile(set(QStringLiteral("valid_days"), -90)), days, fileNames},
        {QStringLiteral("valid_days 1.5"), answersFile(set(QStringLiteral("valid_days"), 1.5)), days, fileNames},
        {QStringLiteral("valid_days 1e308"), answersFile(set(QStringLiteral("valid_days"), 1e308)), days, fileNames},
        {QStringLiteral("valid_days \"90\""), answersFile(set(QStringLiteral("valid_days"), QStringLiteral("90"))),
            days, fileNames},
        {QStringLiteral("valid_days \"12,5\""), answersFile(set(QStringLiteral("valid_days"), QStringLiteral("12,5"))),
            days, fileNames},
        {QStringLiteral("valid_days null"), answersFile(set(QStringLiteral("valid_days"), QJsonValue())), days,
            fileNames},
        {QStringLiteral("notes max+1"), answersFile(set(QStringLiteral("notes"), payload::overlong(4001))),
            anyOf({QStringLiteral("4000")}), w({"--answers", "notes"})},
        {QStringLiteral("notes with NUL"),
            answersFile(set(QStringLiteral("notes"), payload::withNul(QStringLiteral("a"), QStringLiteral("b")))),
            anyOf({QStringLiteral("NUL")}), w({"--answers", "notes"})},
        {QStringLiteral("notes not text"), answersFile(set(QStringLiteral("notes"), 5)),
            anyOf({QStringLiteral("must be text")}), w({"--answers", "notes"})},
        {QStringLiteral("clearance max+1"),
            answersFile(set(QStringLiteral("clearance_reason"), payload::overlong(1001))),
            anyOf({QStringLiteral("1000")}), w({"--answers", "clearance"})},
        {QStringLiteral("clearance with NUL"),
            answersFile(
                set(QStringLiteral("clearance_reason"), payload::withNul(QStringLiteral("a"), QStringLiteral("b")))),
            anyOf({QStringLiteral("NUL")}), w({"--answers", "clearance"})},
        {QStringLiteral("detail max+1"),
            answersFile(set(QStringLiteral("details"), QJsonObject{{item, payload::overlong(1001)}})),
            anyOf({QStringLiteral("1000")}), w({"--answers", "detail"})},
        {QStringLiteral("detail with NUL"),
            answersFile(set(QStringLiteral("details"),
                QJsonObject{{item, payload::withNul(QStringLiteral("a"), QStringLiteral("b"))}})),
            anyOf({QStringLiteral("NUL")}), w({"--answers", "detail"})},
        {QStringLiteral("detail of an unknown item"),
            answersFile(set(QStringLiteral("details"), QJsonObject{{payload::kSql, QStringLiteral("x")}})),
            anyOf({QStringLiteral("checklist item")}), fileNames},
        {QStringLiteral("acknowledged unknown"),
            answersFile(set(QStringLiteral("acknowledged"), QJsonArray{payload::kSql})),
            anyOf({QStringLiteral("not an item")}), w({"--answers", "acknowledged"})},
        {QStringLiteral("acknowledged an item answered false"),
            answersFile(set(QStringLiteral("acknowledged"), QJsonArray{item})),
            anyOf({QStringLiteral("answered false")}), w({"--answers", "acknowledged"})},
        {QStringLiteral("acknowledged not an array"), answersFile(set(QStringLiteral("acknowledged"), item)),
            anyOf({QStringLiteral("array")}), w({"--answers", "acknowledged"})},
        {QStringLiteral("over 1 MiB"), answersFile(set(QStringLiteral("notes"), payload::overlong(1024 * 1024))),
            anyOf({QStringLiteral("1048576")}), fileNames},
    };
    int n = 0;
    for (const FileCase& f : files) {
        const QString path = world.filePath(QStringLiteral("answers-%1.json").arg(++n));
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        REQUIRE(file.write(f.content) == f.content.size());
        file.close();
        CliCase c;
        c.field = QStringLiteral("screening record --answers");
        c.bad = BadValue{f.label, path, f.hint};
        c.args = w({"screening", "record", "--user", "tina", "--patient", "BI-1001", "--answers"}) << path;
        c.names = f.names;
        world.check(c, tally);
    }
    const QList<BadValue> paths{
        {QStringLiteral("missing file"), world.filePath(QStringLiteral("no-such-file.json")),
            anyOf({QStringLiteral("cannot read")})},
        {QStringLiteral("a folder"), world.filePath(QString()),
            anyOf({QStringLiteral("cannot read"), QStringLiteral("not valid JSON")})},
        {QStringLiteral("empty"), QString(), anyOf({QStringLiteral("cannot read")})},
    };
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("screening record --answers"),
            w({"screening", "record", "--user", "tina", "--patient", "BI-1001", "--answers", "@"}), paths, fileNames));
    const QList<BadValue> both{
        {QStringLiteral("both"), QStringLiteral("--none-apply"), anyOf({QStringLiteral("either")})}};
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("screening record --answers/--none-apply"),
            QStringList{QStringLiteral("screening"), QStringLiteral("record"), QStringLiteral("--user"),
                QStringLiteral("tina"), QStringLiteral("--patient"), QStringLiteral("BI-1001"),
                QStringLiteral("--answers"), world.filePath(QStringLiteral("answers-1.json")), QStringLiteral("@")},
            both, w({"--answers", "--none-apply"})));
    CliCase neither;
    neither.field = QStringLiteral("screening record --answers/--none-apply");
    neither.bad = BadValue{QStringLiteral("neither"), QString(), anyOf({QStringLiteral("either")})};
    neither.args = w({"screening", "record", "--user", "tina", "--patient", "BI-1001"});
    neither.names = w({"--answers", "--none-apply"});
    world.check(neither, tally);
    tally.finish();
}

TEST_CASE("cli bad input: placement commands")
{
    CliWorld world;
    Tally tally(QStringLiteral("cli.placement"));
    const auto record = [](const char* option) {
        QStringList args = w({"placement", "record", "--user", "tina", "--patient", "BI-1001", "--site",
            "left-lumbar-multifidus", "--channel", "3", "--electrode", "5x9"});
        const qsizetype at = args.indexOf(u8(option));
        if (at >= 0) {
            args[at + 1] = QStringLiteral("@");
        } else {
            args << u8(option) << QStringLiteral("@");
        }
        return args;
    };
    runAll(world, tally,
        lookupCases(QStringLiteral("placement record --patient"), record("--patient"), w({"--patient", "MRN"}), 64));
    runAll(world, tally,
        lookupCases(QStringLiteral("placement list --patient"),
            w({"placement", "list", "--user", "tina", "--patient", "@"}), w({"--patient", "MRN"}), 64));
    const Hint siteForm = anyOf({QStringLiteral("<left|right>-<muscle>")});
    QList<BadValue> sites = badChoices(ChoiceRule{w({"left-lumbar-multifidus"})});
    for (BadValue& b : sites) {
        b.hint = siteForm + (b.label == QStringLiteral("empty") ? anyOf({QStringLiteral("empty")}) : Hint());
    }
    sites.append({QStringLiteral("not a site"), QStringLiteral("left-nose"), siteForm});
    sites.append({QStringLiteral("no side"), QStringLiteral("lumbar-multifidus"), siteForm});
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("placement record --site"), record("--site"), sites, w({"--site", "site"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("placement record --channel"), record("--channel"),
            badNumberTexts(NumberRule{1, 8, 1, true, QStringLiteral("ch"), anyOf({QStringLiteral("1–8")}),
                anyOf({QStringLiteral("whole number")})}),
            w({"--channel", "channel"})));
    const Hint size = anyOf({QStringLiteral("WIDTHxHEIGHT")});
    QList<BadValue> electrodes{
        {QStringLiteral("width min-step"), QStringLiteral("0.4x9"), size},
        {QStringLiteral("height max+step"), QStringLiteral("5x50.1"), size},
        {QStringLiteral("zero"), QStringLiteral("0x0"), size},
        {QStringLiteral("negative"), QStringLiteral("-5x9"), size},
        {QStringLiteral("no height"), QStringLiteral("5x"), size},
        {QStringLiteral("no width"), QStringLiteral("x9"), size},
        {QStringLiteral("asterisk"), QStringLiteral("5*9"), size},
        {QStringLiteral("three sizes"), QStringLiteral("5x9x2"), size},
        {QStringLiteral("decimal comma"), QStringLiteral("5,5x9"), size},
        {QStringLiteral("trailing unit"), QStringLiteral("5x9cm"), size},
        {QStringLiteral("NaN"), QStringLiteral("nanxnan"), size},
        {QStringLiteral("inf"), QStringLiteral("infx9"), size},
        {QStringLiteral("exponent"), QStringLiteral("5e0x9"), size},
        {QStringLiteral("Arabic-Indic digits"), u8("٥x٩"), size},
        {QStringLiteral("fullwidth digits"), u8("５x９"), size},
        {QStringLiteral("empty"), QString(), size + anyOf({QStringLiteral("empty")})},
    };
    electrodes.append(payloadsOnly(badChoices(ChoiceRule{w({"5x9"})})));
    for (BadValue& b : electrodes) {
        if (b.label != QStringLiteral("empty")) {
            b.hint = size;
        }
    }
    runAll(world, tally,
        CliWorld::cases(
            QStringLiteral("placement record --electrode"), record("--electrode"), electrodes, w({"--electrode"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("placement record --polarity"), record("--polarity"),
            badChoices(ChoiceRule{w({"active-cathode", "reference", "symmetric"})}), w({"--polarity"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("placement record --posture"), record("--posture"),
            badChoices(ChoiceRule{w({"supine", "prone", "sitting", "standing", "side-lying"})}), w({"--posture"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("placement record --electrode-type"), record("--electrode-type"),
            badChoices(ChoiceRule{w({"self-adhesive", "carbon-sponge"})}), w({"--electrode-type"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("placement record --lead"), record("--lead"),
            badTexts(TextRule{32, false, false}), w({"--lead", "lead label"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("placement record --notes"), record("--notes"),
            badTexts(TextRule{250, false, false}), w({"--notes", "notes"})));
    tally.finish();
}

namespace {

// Device URLs whose fault only the simulator finds when it starts: a command that connects reports them as a
// device it cannot reach (exit 1, documented), naming the option and its range.
bool foundAtConnect(const BadValue& b)
{
    return b.text.startsWith(QStringLiteral("sim:sciencemode4?")) && !b.label.contains(QStringLiteral("without value"))
        && !b.label.contains(QStringLiteral("twice")) && !b.label.contains(QStringLiteral("overlong"));
}

QList<BadValue> deviceUrls()
{
    QList<BadValue> urls = badDeviceUrls();
    urls.append({QStringLiteral("unknown simulator option"), QStringLiteral("sim:sciencemode4?colour=red"),
        anyOf({QStringLiteral("known: channels")})});
    urls.append({QStringLiteral("load-ohms negative"), QStringLiteral("sim:sciencemode4?load-ohms=-5"),
        anyOf({QStringLiteral("1..10000000")})});
    return urls;
}

QList<CliCase> deviceUrlCases(const QString& field, const QStringList& args, const QStringList& names, bool connects)
{
    QList<CliCase> out = CliWorld::cases(field, args, deviceUrls(), names);
    for (CliCase& c : out) {
        if (connects && foundAtConnect(c.bad)) {
            c.exits = {1, 2};
        }
    }
    return out;
}

// Kernel-checked values: the safety kernel's refusal is exit 1 (documented); a malformed value is exit 2.
QList<CliCase> kernelChecked(QList<CliCase> cases)
{
    for (CliCase& c : cases) {
        if (c.bad.label == QStringLiteral("min-step") || c.bad.label == QStringLiteral("max+step")
            || c.bad.label == QStringLiteral("negative") || c.bad.label.endsWith(QLatin1String(" int64"))) {
            c.exits = {1, 2};
        }
    }
    return cases;
}

} // namespace

TEST_CASE("cli bad input: preset list and device commands")
{
    CliWorld world;
    Tally tally(QStringLiteral("cli.device"));
    runAll(world, tally,
        deviceUrlCases(QStringLiteral("preset list --device"), w({"preset", "list", "--user", "tina", "--device", "@"}),
            w({"--device", "device URL"}), false));
    runAll(world, tally,
        deviceUrlCases(QStringLiteral("device probe URL"), w({"device", "probe", "@"}), w({"URL"}), true));
    CliCase extra;
    extra.field = QStringLiteral("device list");
    extra.bad
        = BadValue{QStringLiteral("argument"), QStringLiteral("extra"), anyOf({QStringLiteral("unexpected argument")})};
    extra.args = w({"device", "list", "extra"});
    extra.names = {QStringLiteral("extra")};
    world.check(extra, tally);

    const auto stimulate = [](const char* option) {
        QStringList args = w({"device", "stimulate", "sim:sciencemode4?channels=8", "--channel", "1", "--amplitude-ma",
            "5", "--pulse-us", "200", "--frequency-hz", "50", "--seconds", "1"});
        const qsizetype at = args.indexOf(u8(option));
        if (at >= 0) {
            args[at + 1] = QStringLiteral("@");
        } else {
            args << u8(option) << QStringLiteral("@");
        }
        return args;
    };
    QStringList urlArgs = stimulate("--channel");
    urlArgs[urlArgs.indexOf(QStringLiteral("@"))] = QStringLiteral("1");
    urlArgs[2] = QStringLiteral("@");
    runAll(world, tally, deviceUrlCases(QStringLiteral("device stimulate URL"), urlArgs, w({"URL"}), true));
    const Hint number = anyOf({QStringLiteral("is not a number")});
    const Hint whole = anyOf({QStringLiteral("is not a whole number")});
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("device stimulate --channel"), stimulate("--channel"),
            badNumberTexts(
                NumberRule{1, 8, 1, true, QString(), anyOf({QStringLiteral("1..8"), QStringLiteral("1–8")}), whole}),
            w({"--channel"})));
    runAll(world, tally,
        kernelChecked(CliWorld::cases(QStringLiteral("device stimulate --amplitude-ma"), stimulate("--amplitude-ma"),
            badNumberTexts(NumberRule{0, 100, 0.5, false, QStringLiteral("mA"),
                anyOf({QStringLiteral("0.0–100.0 mA"), QStringLiteral("0–100 mA")}), number}),
            w({"--amplitude-ma", "amplitude"}))));
    runAll(world, tally,
        kernelChecked(CliWorld::cases(QStringLiteral("device stimulate --pulse-us"), stimulate("--pulse-us"),
            badNumberTexts(
                NumberRule{10, 4000, 1, true, QStringLiteral("us"), anyOf({QStringLiteral("10–4000 µs")}), whole}),
            w({"--pulse-us", "phase width"}))));
    runAll(world, tally,
        kernelChecked(CliWorld::cases(QStringLiteral("device stimulate --frequency-hz"), stimulate("--frequency-hz"),
            badNumberTexts(
                NumberRule{0.5, 150, 0.5, false, QStringLiteral("Hz"), anyOf({QStringLiteral("0.5–150 Hz")}), number}),
            w({"--frequency-hz", "frequency"}))));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("device stimulate --seconds"), stimulate("--seconds"),
            badNumberTexts(
                NumberRule{1, 5940, 1, false, QStringLiteral("s"), anyOf({QStringLiteral("at most 5940")}), number}),
            w({"--seconds"})));
    runAll(world, tally,
        kernelChecked(CliWorld::cases(QStringLiteral("device stimulate --ramp-s"), stimulate("--ramp-s"),
            badNumberTexts(NumberRule{0, 10, 0.1, false, QStringLiteral("s"),
                anyOf({QStringLiteral("0.0–10.0 s"), QStringLiteral("0–10 s")}), number}),
            w({"--ramp-s", "ramp"}))));
    runAll(world, tally,
        kernelChecked(CliWorld::cases(QStringLiteral("device stimulate --pad-cm2"), stimulate("--pad-cm2"),
            badNumberTexts(NumberRule{0.1, 1000, 0.1, false, QStringLiteral("cm2"),
                anyOf({QStringLiteral("above 0 cm²")}) + allOf({QStringLiteral("above 0"), QStringLiteral("1000 cm²")}),
                number}),
            w({"--pad-cm2", "electrode area", "pad area"}))));
    tally.finish();
}

namespace {

QStringList sessionRun(const char* option)
{
    QStringList args
        = w({"session", "run", "--user", "tina", "--patient", "BI-1001", "--device", "sim:sciencemode4?channels=8",
            "--preset", "conventional-tens", "--channel", "1:right-lumbar-erector-spinae:10", "--seconds", "1"});
    const qsizetype at = args.indexOf(u8(option));
    if (at >= 0) {
        args[at + 1] = QStringLiteral("@");
    } else {
        args << u8(option) << QStringLiteral("@");
    }
    return args;
}

} // namespace

TEST_CASE("cli bad input: session run arguments")
{
    CliWorld world;
    Tally tally(QStringLiteral("cli.session"));
    runAll(world, tally,
        lookupCases(QStringLiteral("session run --patient"), sessionRun("--patient"), w({"--patient", "MRN"}), 64));
    runAll(world, tally,
        deviceUrlCases(QStringLiteral("session run --device"), sessionRun("--device"),
            w({"--device", "device URL", "device"}), true));
    QList<BadValue> presets = badChoices(ChoiceRule{w({"conventional-tens"})});
    for (BadValue& b : presets) {
        b.hint = allOf(w({"conventional-tens", "burst-tens", "spinal-stabilisation"}))
            + (b.label == QStringLiteral("empty") ? anyOf({QStringLiteral("empty")}) : Hint());
    }
    runAll(world, tally,
        CliWorld::cases(
            QStringLiteral("session run --preset"), sessionRun("--preset"), presets, w({"--preset", "preset"})));

    const Hint channelForm = anyOf({QStringLiteral("N:SITE:AMPLITUDE_mA")});
    QStringList channelArgs = sessionRun("--channel");
    channelArgs[channelArgs.indexOf(QStringLiteral("@"))] = QStringLiteral("@:right-lumbar-erector-spinae:10");
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("session run --channel N"), channelArgs,
            badNumberTexts(NumberRule{1, 8, 1, true, QString(), anyOf({QStringLiteral("1–8")}),
                anyOf({QStringLiteral("whole number")}) + channelForm}),
            w({"--channel"})));
    channelArgs[channelArgs.indexOf(QStringLiteral("@:right-lumbar-erector-spinae:10"))]
        = QStringLiteral("1:right-lumbar-erector-spinae:@");
    QList<BadValue> amplitudes = badNumberTexts(NumberRule{0.5, 100, 0.5, false, QStringLiteral("mA"),
        anyOf({QStringLiteral("0.001–100.0"), QStringLiteral("above 0")}),
        anyOf({QStringLiteral("number of mA")}) + channelForm});
    amplitudes.append(
        {QStringLiteral("off the device's step"), QStringLiteral("10.3"), anyOf({QStringLiteral("500 µA step")})});
    amplitudes.append({QStringLiteral("0.001 mA"), QStringLiteral("0.001"), anyOf({QStringLiteral("500 µA step")})});
    runAll(world, tally,
        CliWorld::cases(
            QStringLiteral("session run --channel AMPLITUDE"), channelArgs, amplitudes, w({"--channel", "amplitude"})));
    channelArgs[channelArgs.indexOf(QStringLiteral("1:right-lumbar-erector-spinae:@"))] = QStringLiteral("1:@:10");
    QList<BadValue> sites = payloadsOnly(badChoices(ChoiceRule{{kSite1}}));
    sites.append({QStringLiteral("not a site"), QStringLiteral("left-nose"), Hint()});
    sites.append({QStringLiteral("another site"), QStringLiteral("left-lumbar-multifidus"), Hint()});
    sites.append({QStringLiteral("empty"), QString(), anyOf({QStringLiteral("empty")})});
    for (BadValue& b : sites) {
        if (b.label != QStringLiteral("empty")) {
            b.hint = anyOf({QStringLiteral("recorded at right-lumbar-erector-spinae")}) + channelForm;
        }
    }
    QList<CliCase> siteCases = CliWorld::cases(
        QStringLiteral("session run --channel SITE"), channelArgs, sites, w({"--channel", "site", "placement"}));
    for (CliCase& c : siteCases) {
        // A site no placement is recorded at is a placement interlock (exit 1), as for any unrecorded site.
        if (c.bad.label != QStringLiteral("empty")) {
            c.exits = {1, 2};
        }
    }
    runAll(world, tally, siteCases);
    QList<BadValue> wholeChannel{
        {QStringLiteral("two parts"), QStringLiteral("1:right-lumbar-erector-spinae"), channelForm},
        {QStringLiteral("four parts"), QStringLiteral("1:right-lumbar-erector-spinae:10:5"), channelForm},
        {QStringLiteral("empty"), QString(), channelForm},
        {QStringLiteral("decimal comma inside"), QStringLiteral("1:right-lumbar-erector-spinae:12,5"),
            anyOf({QStringLiteral("number of mA")})},
    };
    wholeChannel.append(payloadsOnly(badChoices(ChoiceRule{{QStringLiteral("1:x:10")}})));
    for (BadValue& b : wholeChannel) {
        if (b.hint.isEmpty() || b.label.startsWith(QLatin1String("SQL")) || b.label.startsWith(QLatin1String("RTL"))
            || b.label.startsWith(QLatin1String("overlong")) || b.label.startsWith(QLatin1String("formula"))) {
            b.hint = channelForm + anyOf({QStringLiteral("whole number 1–8"), QStringLiteral("number of mA")});
        }
    }
    runAll(world, tally,
        CliWorld::cases(
            QStringLiteral("session run --channel"), sessionRun("--channel"), wholeChannel, w({"--channel"})));
    CliCase twice;
    twice.field = QStringLiteral("session run --channel");
    twice.bad = BadValue{QStringLiteral("channel given twice"), QString(), anyOf({QStringLiteral("given twice")})};
    twice.args = sessionRun("--channel");
    twice.args[twice.args.indexOf(QStringLiteral("@"))] = QStringLiteral("1:right-lumbar-erector-spinae:10");
    twice.args << QStringLiteral("--channel") << QStringLiteral("1:right-lumbar-erector-spinae:8");
    twice.names = w({"--channel", "channel 1"});
    world.check(twice, tally);

    QStringList minutesArgs = sessionRun("--seconds");
    minutesArgs[minutesArgs.indexOf(QStringLiteral("--seconds"))] = QStringLiteral("--minutes");
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("session run --minutes"), minutesArgs,
            badNumberTexts(NumberRule{1.0 / 60.0, 99, 0.01, false, QStringLiteral("min"),
                anyOf({QStringLiteral("1 s – 99 min")}), anyOf({QStringLiteral("not a number")})}),
            w({"--minutes"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("session run --seconds"), sessionRun("--seconds"),
            badNumberTexts(NumberRule{1, 5940, 1, true, QStringLiteral("s"), anyOf({QStringLiteral("1–5940")}),
                anyOf({QStringLiteral("whole number")})}),
            w({"--seconds"})));
    CliCase both;
    both.field = QStringLiteral("session run --minutes/--seconds");
    both.bad = BadValue{QStringLiteral("both"), QString(), anyOf({QStringLiteral("once")})};
    both.args = sessionRun("--minutes");
    both.args[both.args.indexOf(QStringLiteral("@"))] = QStringLiteral("1");
    both.names = w({"--minutes", "--seconds"});
    world.check(both, tally);
    for (const char* nprs : {"--nprs-before", "--nprs-after"}) {
        runAll(world, tally,
            CliWorld::cases(QStringLiteral("session run ") + u8(nprs), sessionRun(nprs),
                badNumberTexts(NumberRule{0, 10, 1, true, QString(), anyOf({QStringLiteral("0–10")}),
                    anyOf({QStringLiteral("whole number")})}),
                {u8(nprs)}));
    }
    tally.finish();
}

TEST_CASE("cli bad input: session run preset settings")
{
    CliWorld world;
    Tally tally(QStringLiteral("cli.session-settings"));
    const galvani::core::Preset* preset = galvani::core::PresetCatalogue::find("conventional-tens");
    REQUIRE(preset != nullptr);
    const auto fields = preset->editableFields();
    REQUIRE_FALSE(fields.empty());
    for (const auto& spec : fields) {
        const QString name = QString::fromUtf8(spec.name.data(), static_cast<qsizetype>(spec.name.size()));
        const QString unit = QString::fromUtf8(spec.unit.data(), static_cast<qsizetype>(spec.unit.size()));
        NumberRule rule{spec.min, spec.max, spec.step, false, unit,
            allOf({QStringLiteral("preset range"), QString::number(spec.min), QString::number(spec.max)}),
            anyOf({QStringLiteral("not a number")})};
        QList<BadValue> bad = badNumberTexts(rule);
        // Far beyond the range but finite: the message must report the value typed.
        bad.append({QStringLiteral("1e300"), QStringLiteral("1e300"),
            allOf({QStringLiteral("preset range"), QStringLiteral("1e+300")})});
        bad.append({QStringLiteral("-1e300"), QStringLiteral("-1e300"),
            allOf({QStringLiteral("preset range"), QStringLiteral("-1e+300")})});
        bad.append({QStringLiteral("1e19"), QStringLiteral("1e19"),
            allOf({QStringLiteral("preset range"), QStringLiteral("1e+19")})});
        runAll(world, tally,
            CliWorld::cases(QStringLiteral("session run --set \"%1=…\"").arg(name), sessionRun("--set"),
                [&] {
                    QList<BadValue> out = bad;
                    for (BadValue& b : out) {
                        b.text = name + QLatin1Char('=') + b.text;
                    }
                    return out;
                }(),
                {QStringLiteral("--set"), name}));
    }
    const Hint editable = allOf({QStringLiteral("editable"), QStringLiteral("phase width")});
    QList<BadValue> names{
        {QStringLiteral("unknown field"), QStringLiteral("bogus=1"), editable},
        {QStringLiteral("no field"), QStringLiteral("=100"), anyOf({QStringLiteral("FIELD=VALUE")})},
        {QStringLiteral("no value"), QStringLiteral("phase width"), anyOf({QStringLiteral("FIELD=VALUE")})},
        {QStringLiteral("a field of another preset"), QStringLiteral("pulses per burst=7"), editable},
        {QStringLiteral("amplitude is not a setting"), QStringLiteral("amplitude=10"), editable},
        {QStringLiteral("SQL field"), payload::kSql + QStringLiteral("=1"), editable},
        {QStringLiteral("RTL field"), QStringLiteral("phase width") + payload::kRtlOverride + QStringLiteral("=100"),
            editable},
        {QStringLiteral("overlong field"), payload::overlong() + QStringLiteral("=1"), editable},
    };
    runAll(world, tally,
        CliWorld::cases(
            QStringLiteral("session run --set FIELD"), sessionRun("--set"), names, w({"--set", "editable value"})));
    tally.finish();
}

namespace {

QStringList calibrate(const char* option)
{
    QStringList args = w({"calibrate", "--device", "sim:sciencemode4?channels=8", "--channels", "1", "--load-ohms",
        "500", "--technician", "tex", "--instrument", "Fluke 87V:FL-1:2099-01-01"});
    const qsizetype at = args.indexOf(u8(option));
    if (at >= 0) {
        args[at + 1] = QStringLiteral("@");
    } else {
        args << u8(option) << QStringLiteral("@");
    }
    return args;
}

QList<BadValue> channelLists()
{
    const Hint range = anyOf({QStringLiteral("within 1..8")});
    QList<BadValue> out{
        {QStringLiteral("min-1"), QStringLiteral("0"), range},
        {QStringLiteral("max+1"), QStringLiteral("9"), range},
        {QStringLiteral("range past max"), QStringLiteral("1-9"), range},
        {QStringLiteral("range reversed"), QStringLiteral("8-1"), range},
        {QStringLiteral("negative"), QStringLiteral("-1"), range},
        {QStringLiteral("open range"), QStringLiteral("1-"), range},
        {QStringLiteral("twice"), QStringLiteral("1,1"), anyOf({QStringLiteral("given twice")})},
        {QStringLiteral("overlapping ranges"), QStringLiteral("1-3,2-4"), anyOf({QStringLiteral("given twice")})},
        {QStringLiteral("empty item"), QStringLiteral("1,,2"), range},
        {QStringLiteral("semicolon"), QStringLiteral("1;2"), range},
        {QStringLiteral("en dash"), u8("1–8"), range},
        {QStringLiteral("fraction"), QStringLiteral("1.5"), range},
        {QStringLiteral("NaN"), QStringLiteral("nan"), range},
        {QStringLiteral("above int"), QStringLiteral("4294967297"), range},
        {QStringLiteral("empty"), QString(), range + anyOf({QStringLiteral("empty")})},
        {QStringLiteral("Arabic-Indic digit"), QString(QChar(0x0661)), range},
    };
    out.append(payloadsOnly(badChoices(ChoiceRule{{QStringLiteral("1")}})));
    for (BadValue& b : out) {
        if (b.label.startsWith(QLatin1String("SQL")) || b.label.startsWith(QLatin1String("RTL"))
            || b.label.startsWith(QLatin1String("overlong")) || b.label.startsWith(QLatin1String("formula"))) {
            b.hint = range;
        }
    }
    return out;
}

} // namespace

TEST_CASE("cli bad input: calibrate and calibration commands")
{
    CliWorld world;
    Tally tally(QStringLiteral("cli.calibration"));
    runAll(world, tally,
        deviceUrlCases(
            QStringLiteral("calibrate --device"), calibrate("--device"), w({"--device", "device URL"}), true));
    runAll(world, tally,
        CliWorld::cases(
            QStringLiteral("calibrate --channels"), calibrate("--channels"), channelLists(), w({"--channels"})));
    const Hint loads = allOf(w({"500", "1000", "2000", "10000"}));
    QList<BadValue> loadValues;
    for (const char* v :
        {"499", "501", "0", "-500", "999", "100000", "2147483648", "nan", "500,0", "5e2", "0x1f4", ""}) {
        loadValues.append({QStringLiteral("load ") + u8(v), u8(v), loads + anyOf({QStringLiteral("whole number")})});
    }
    loadValues.append({QStringLiteral("with unit"), u8("500Ω"), loads + anyOf({QStringLiteral("whole number")})});
    for (BadValue b : payloadsOnly(badChoices(ChoiceRule{{QStringLiteral("500")}}))) {
        b.hint = loads + anyOf({QStringLiteral("whole number")});
        loadValues.append(b);
    }
    runAll(world, tally,
        CliWorld::cases(
            QStringLiteral("calibrate --load-ohms"), calibrate("--load-ohms"), loadValues, w({"--load-ohms", "load"})));

    const Hint form = anyOf({QStringLiteral("NAME:SERIAL:DUE")});
    QList<BadValue> instruments{
        {QStringLiteral("name only"), QStringLiteral("Fluke 87V"), form},
        {QStringLiteral("no due date"), QStringLiteral("Fluke 87V:FL-1"), form},
        {QStringLiteral("empty serial"), QStringLiteral("Fluke 87V::2099-01-01"), form},
        {QStringLiteral("empty name"), QStringLiteral(":FL-1:2099-01-01"), form},
        {QStringLiteral("month 13"), QStringLiteral("Fluke 87V:FL-1:2099-13-01"),
            anyOf({QStringLiteral("YYYY-MM-DD")})},
        {QStringLiteral("unpadded date"), QStringLiteral("Fluke 87V:FL-1:2099-1-1"),
            anyOf({QStringLiteral("YYYY-MM-DD")})},
        {QStringLiteral("lapsed"), QStringLiteral("Fluke 87V:FL-1:2020-01-01"), anyOf({QStringLiteral("lapsed")})},
        {QStringLiteral("empty"), QString(), form},
    };
    for (BadValue b : payloadsOnly(badChoices(ChoiceRule{{QStringLiteral("x")}}))) {
        b.hint = form;
        instruments.append(b);
    }
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("calibrate --instrument"), calibrate("--instrument"), instruments,
            w({"--instrument", "instrument"})));
    const QList<BadValue> lenientDates{
        {QStringLiteral("date with commas"), QStringLiteral("Fluke 87V:FL-1:2099,01,01"),
            anyOf({QStringLiteral("YYYY-MM-DD")})},
        {QStringLiteral("date with slashes"), QStringLiteral("Fluke 87V:FL-1:2099/01/01"),
            anyOf({QStringLiteral("YYYY-MM-DD")})},
    };
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("calibrate --instrument"), calibrate("--instrument"), lenientDates,
            w({"--instrument", "instrument"})));
    const QList<BadValue> longParts{
        {QStringLiteral("name max+1"), payload::overlong(201) + QStringLiteral(":FL-1:2099-01-01"),
            anyOf({QStringLiteral("200")})},
        {QStringLiteral("serial max+1"),
            QStringLiteral("Fluke 87V:") + payload::overlong(101) + QStringLiteral(":2099-01-01"),
            anyOf({QStringLiteral("100")})},
    };
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("calibrate --instrument"), calibrate("--instrument"), longParts,
            w({"--instrument", "instrument"})));

    const Hint points = anyOf({QStringLiteral("at most 100 mA"), QStringLiteral("at least 3"),
        QStringLiteral("given once"), QStringLiteral("multiple of")});
    QList<BadValue> pointLists;
    for (const char* v : {"0,10,20", "10,20,100.5", "10,20", "10,10,20", "-10,20,30", "nan,10,20", "inf,10,20",
             "10;20;30", "10,20,30mA", "10.3,20,30", "10,,20", "", "1e309,10,20"}) {
        pointLists.append({QStringLiteral("points ") + u8(v), u8(v), points});
    }
    for (BadValue b : payloadsOnly(badChoices(ChoiceRule{{QStringLiteral("10")}}))) {
        b.hint = points;
        pointLists.append(b);
    }
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("calibrate --points-ma"), calibrate("--points-ma"), pointLists,
            w({"--points-ma", "points", "point"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("calibrate --pulse-us"), calibrate("--pulse-us"),
            badNumberTexts(NumberRule{10, 4000, 1, true, QStringLiteral("us"),
                anyOf({QStringLiteral("10–4000"), QStringLiteral("above 0")}),
                anyOf({QStringLiteral("whole number")})}),
            w({"--pulse-us", "pulse width", "phase width"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("calibrate --frequency-hz"), calibrate("--frequency-hz"),
            badNumberTexts(NumberRule{0.5, 150, 0.5, false, QStringLiteral("Hz"),
                anyOf({QStringLiteral("0.5–150"), QStringLiteral("above 0")}),
                anyOf({QStringLiteral("not a number")})}),
            w({"--frequency-hz", "frequency"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("calibrate --interval-months"), calibrate("--interval-months"),
            badNumberTexts(NumberRule{1, 12, 1, true, QStringLiteral("months"), anyOf({QStringLiteral("1..12")}),
                anyOf({QStringLiteral("whole number")})}),
            w({"--interval-months", "interval"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("calibrate --device-serial"), calibrate("--device-serial"),
            badTexts(TextRule{100, false, false}), w({"--device-serial", "serial"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("calibrate --notes"), calibrate("--notes"),
            badTexts(TextRule{4000, false, false}).mid(0, 1), w({"--notes", "notes"})));
    // Within 4000, but not with the run's own description of its points, which a record's notes also carry.
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("calibrate --notes"), calibrate("--notes"),
            {{QStringLiteral("3500 characters"), payload::overlong(3500), allOf(w({"4000", "at most"}))}},
            w({"--notes", "notes"})));

    runAll(world, tally,
        CliWorld::cases(QStringLiteral("calibration status --device-serial"),
            w({"calibration", "status", "--user", "tex", "--device-serial", "@"}), badTexts(TextRule{100, true, false}),
            w({"--device-serial", "serial"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("calibration status --channels"),
            w({"calibration", "status", "--user", "tex", "--device-serial", "GSIM-0001", "--channels", "@"}),
            channelLists(), w({"--channels"})));
    runAll(world, tally,
        CliWorld::cases(QStringLiteral("calibration policy --require-record"),
            w({"calibration", "policy", "--user", "root", "--reason", "battery", "--require-record", "@"}),
            badChoices(ChoiceRule{w({"on", "off"})}), w({"--require-record"})));
    QList<CliCase> reasons = CliWorld::cases(QStringLiteral("calibration policy --reason"),
        w({"calibration", "policy", "--user", "root", "--require-record", "on", "--reason", "@"}),
        badTexts(TextRule{1000, true, false}), w({"--reason", "reason"}));
    for (CliCase& c : reasons) {
        if (c.bad.text.trimmed().isEmpty()) {
            c.bad.hint += anyOf({QStringLiteral("needs a reason")});
        }
    }
    runAll(world, tally, reasons);

    // The clinic's own limits: each a number in its unit within the standard's range, or "off".
    const auto clinic = [](const char* option) {
        return w({"clinic", "limits", "--user", "root", "--reason", "battery", option, "@"});
    };
    const auto limitCases = [&](const char* option, const NumberRule& rule, const char* name) {
        return CliWorld::cases(QStringLiteral("clinic limits ") + u8(option), clinic(option), badNumberTexts(rule),
            {u8(option), u8(name)});
    };
    runAll(world, tally,
        limitCases("--amplitude-max-ma",
            NumberRule{1, 100, 0.1, false, QStringLiteral("mA"), anyOf({QStringLiteral("1–100 mA")}),
                anyOf({QStringLiteral("not a number")})},
            "amplitude"));
    runAll(world, tally,
        limitCases("--phase-width-max-us",
            NumberRule{10, 4000, 1, true, QStringLiteral("us"), anyOf({QStringLiteral("10–4000 µs")}),
                anyOf({QStringLiteral("whole number")})},
            "phase width"));
    runAll(world, tally,
        limitCases("--pulse-rate-max-hz",
            NumberRule{0.5, 150, 0.1, false, QStringLiteral("Hz"), anyOf({QStringLiteral("0.5–150 Hz")}),
                anyOf({QStringLiteral("not a number")})},
            "pulse rate"));
    runAll(world, tally,
        limitCases("--session-max-minutes",
            NumberRule{1, 99, 1, true, QStringLiteral("min"), anyOf({QStringLiteral("1–99 min")}),
                anyOf({QStringLiteral("whole number")})},
            "session"));
    tally.finish();
}

TEST_CASE("cli bad input: export - backup - restore")
{
    CliWorld world;
    Tally tally(QStringLiteral("cli.export"));
    const QString out = world.filePath(QStringLiteral("export.csv"));
    const auto exportArgs = [&](const char* option) {
        QStringList args = w({"export", "--user", "root", "--format", "csv", "--out"});
        args << out;
        const qsizetype at = args.indexOf(u8(option));
        if (at >= 0) {
            args[at + 1] = QStringLiteral("@");
        } else {
            args << u8(option) << QStringLiteral("@");
        }
        return args;
    };
    const auto noFile = [&](QList<CliCase> cases) {
        for (CliCase& c : cases) {
            c.mustNotExist = out;
        }
        return cases;
    };
    runAll(world, tally,
        noFile(CliWorld::cases(QStringLiteral("export --format"), exportArgs("--format"),
            badChoices(ChoiceRule{w({"csv", "json", "fhir"})}), w({"--format"}))));
    for (const char* option : {"--from", "--to"}) {
        runAll(world, tally,
            noFile(CliWorld::cases(
                QStringLiteral("export ") + u8(option), exportArgs(option), badDates(DateRule{}), {u8(option)})));
    }
    CliCase reversed;
    reversed.field = QStringLiteral("export --from/--to");
    reversed.bad = BadValue{QStringLiteral("from after to"), QString(), anyOf({QStringLiteral("must not be after")})};
    reversed.args = exportArgs("--from");
    reversed.args[reversed.args.indexOf(QStringLiteral("@"))] = QStringLiteral("2026-02-02");
    reversed.args << QStringLiteral("--to") << QStringLiteral("2026-02-01");
    reversed.names = w({"--from", "--to"});
    reversed.mustNotExist = out;
    world.check(reversed, tally);
    for (const char* option : {"--patient", "--therapist"}) {
        runAll(world, tally,
            noFile(lookupCases(QStringLiteral("export ") + u8(option), exportArgs(option),
                {u8(option), QStringLiteral("MRN"), QStringLiteral("user")}, 64)));
    }
    QStringList outArgs = exportArgs("--format");
    outArgs[outArgs.indexOf(QStringLiteral("@"))] = QStringLiteral("csv");
    outArgs[outArgs.indexOf(out)] = QStringLiteral("@");
    const QList<BadValue> outs{
        {QStringLiteral("empty"), QString(), anyOf({QStringLiteral("empty"), QStringLiteral("required")})},
        {QStringLiteral("missing folder"), world.filePath(QStringLiteral("no-such-folder/export.csv")),
            anyOf({QStringLiteral("cannot write")})},
        {QStringLiteral("a folder"), world.filePath(QStringLiteral("data")), anyOf({QStringLiteral("cannot write")})},
    };
    runAll(world, tally, CliWorld::cases(QStringLiteral("export --out"), outArgs, outs, w({"--out"})));

    const QList<BadValue> backups{
        {QStringLiteral("empty"), QString(), anyOf({QStringLiteral("empty"), QStringLiteral("required")})},
        {QStringLiteral("a folder"), world.filePath(QStringLiteral("data")), Hint()},
        {QStringLiteral("the store itself"), world.storePath(), Hint()},
    };
    QList<CliCase> backupCases = CliWorld::cases(
        QStringLiteral("backup --out"), w({"backup", "--user", "root", "--out", "@"}), backups, w({"--out", "backup"}));
    for (CliCase& c : backupCases) {
        if (c.bad.hint.isEmpty()) {
            c.bad.hint = anyOf({QStringLiteral("cannot"), QStringLiteral("exists"), QStringLiteral("not")});
            c.exits = {1, 2};
        }
    }
    runAll(world, tally, backupCases);
    QFile text(world.filePath(QStringLiteral("not-a-store.sqlite")));
    REQUIRE(text.open(QIODevice::WriteOnly));
    text.write("'; DROP TABLE patients; --\n");
    text.close();
    QFile empty(world.filePath(QStringLiteral("empty.sqlite")));
    REQUIRE(empty.open(QIODevice::WriteOnly));
    empty.close();
    const QList<BadValue> restores{
        {QStringLiteral("empty"), QString(), anyOf({QStringLiteral("empty"), QStringLiteral("required")})},
        {QStringLiteral("missing file"), world.filePath(QStringLiteral("no-such-backup.sqlite")), Hint()},
        {QStringLiteral("a folder"), world.filePath(QStringLiteral("data")), Hint()},
        {QStringLiteral("a text file"), text.fileName(), Hint()},
        {QStringLiteral("an empty file"), empty.fileName(), Hint()},
    };
    QList<CliCase> restoreCases = CliWorld::cases(QStringLiteral("restore --in"),
        w({"restore", "--user", "root", "--in", "@"}), restores, w({"--in", "backup", "restore"}));
    for (CliCase& c : restoreCases) {
        if (c.bad.hint.isEmpty()) {
            c.bad.hint = anyOf({QStringLiteral("cannot"), QStringLiteral("not a"), QStringLiteral("does not")});
            c.exits = {1, 2};
        }
    }
    runAll(world, tally, restoreCases);
    tally.finish();
}

TEST_CASE("cli bad input: refused sign-ins are audited and change nothing else")
{
    CliWorld world;
    Tally tally(QStringLiteral("cli.signin"));
    const Hint refused = anyOf({QStringLiteral("unknown user name or wrong password")});
    QList<BadValue> users{
        {QStringLiteral("max+1 characters"), payload::overlong(65), refused},
        {QStringLiteral("overlong"), payload::overlong(), refused},
        {QStringLiteral("trailing space"), QStringLiteral("tina "), refused},
        {QStringLiteral("upper case"), QStringLiteral("TINA"), refused},
        {QStringLiteral("RTL override"), QStringLiteral("tina") + payload::kRtlOverride, refused},
        {QStringLiteral("Cyrillic homoglyph"), u8("tinа"), refused},
        {QStringLiteral("SQL payload"), QStringLiteral("tina' OR '1'='1"), refused},
        {QStringLiteral("formula"), payload::kFormulas.first(), refused},
    };
    for (const auto& [field, args] : {std::pair{QStringLiteral("--user"), w({"patient", "list", "--user", "@"})},
             std::pair{QStringLiteral("calibrate --technician"), calibrate("--technician")}}) {
        QList<CliCase> cases = CliWorld::cases(field, args, users, w({"--user", "--technician"}), {1});
        for (CliCase& c : cases) {
            c.auditedByDesign = {QStringLiteral("login"), QStringLiteral("login_failed")};
        }
        runAll(world, tally, cases);
        runAll(world, tally,
            CliWorld::cases(field, args, {{QStringLiteral("empty"), QString(), anyOf({QStringLiteral("empty")})}},
                w({"--user", "--technician"})));
    }
    // A password that cannot be any account's: refused (the account's failed-sign-in count is the audited
    // refusal by design; tex's is reset by the next good sign-in, so the battery uses an unknown account).
    CliCase longPassword;
    longPassword.field = QStringLiteral("GALVANI_PASSWORD");
    longPassword.bad = BadValue{QStringLiteral("overlong, unknown user"), QString(), refused};
    longPassword.args = w({"patient", "list", "--user", "nobody"});
    longPassword.env = {{QStringLiteral("GALVANI_PASSWORD"), payload::overlong(100'000)}};
    longPassword.names = w({"--user"});
    longPassword.exits = {1};
    longPassword.auditedByDesign = {QStringLiteral("login"), QStringLiteral("login_failed")};
    world.check(longPassword, tally);
    tally.finish();
}
