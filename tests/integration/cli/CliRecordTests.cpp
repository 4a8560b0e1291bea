// SPDX-License-Identifier: GPL-3.0-or-later
// The record commands of galvani-cli, run as a user would run them.
#include "CliRunner.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using galvani::test::CliResult;
using galvani::test::CliRunner;
using galvani::test::kAdminPassword;
using galvani::test::kTherapistPassword;

namespace {

using galvani::test::describe;

// A store with the first admin "root" and the therapist "tess".
void setUpUsers(const CliRunner& cli)
{
    cli.addFirstAdmin(QStringLiteral("root"), kAdminPassword);
    cli.addUser(QStringLiteral("root"), kAdminPassword, QStringLiteral("tess"), QStringLiteral("therapist"),
        kTherapistPassword);
}

// Runs SQL directly on the store file, as someone tampering with it would.
void tamper(const QString& path, const QStringList& statements)
{
    const QString name = QStringLiteral("tamper");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        for (const QString& s : statements) {
            INFO(s.toStdString() << ": " << q.lastError().text().toStdString());
            REQUIRE(q.exec(s));
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

qint64 scalar(const QString& path, const QString& sql)
{
    const QString name = QStringLiteral("inspect");
    qint64 value = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec(sql));
        REQUIRE(q.next());
        value = q.value(0).toLongLong();
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

} // namespace

TEST_CASE("galvani-cli sets up the first admin and enforces roles on user management", "[cli][users]")
{
    CliRunner cli;
    const QStringList addTess{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("tess"), QStringLiteral("--role"), QStringLiteral("therapist")};

    const CliResult notAdmin = cli.run(addTess, kTherapistPassword + QLatin1Char('\n'));
    INFO(describe(notAdmin));
    CHECK(notAdmin.exitCode == 1);
    CHECK(notAdmin.err.contains(QStringLiteral("first user must be an admin")));

    const QStringList addRoot{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("root"), QStringLiteral("--role"), QStringLiteral("admin"), QStringLiteral("--display-name"),
        QStringLiteral("Front Desk")};
    const CliResult weak
        = cli.run(addRoot, QString(), {{QStringLiteral("GALVANI_NEW_PASSWORD"), QStringLiteral("short")}});
    INFO(describe(weak));
    CHECK(weak.exitCode == 2);
    CHECK(weak.err.contains(QStringLiteral("password: a password needs at least 10 characters")));

    const CliResult first = cli.run(addRoot, kAdminPassword + QLatin1Char('\n'));
    INFO(describe(first));
    REQUIRE(first.exitCode == 0);
    CHECK(first.out.contains(QStringLiteral("first admin 'root' created")));

    // From now on user management needs an admin's sign-in: own password first, the new one second.
    const CliResult noUser = cli.run(addTess, kAdminPassword + QLatin1Char('\n'));
    INFO(describe(noUser));
    CHECK(noUser.exitCode == 2);
    CHECK(noUser.err.contains(QStringLiteral("--user is required")));
    QStringList addTessAsRoot = addTess;
    addTessAsRoot << QStringLiteral("--user") << QStringLiteral("root");
    const CliResult added = cli.run(addTessAsRoot, kAdminPassword + QLatin1Char('\n') + kTherapistPassword);
    INFO(describe(added));
    REQUIRE(added.exitCode == 0);
    CHECK(added.out.contains(QStringLiteral("user 'tess' added as therapist")));

    const CliResult wrong
        = cli.run({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("root")},
            QString(), galvani::test::withPassword(QStringLiteral("not the password")));
    const CliResult unknown
        = cli.run({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("nobody")},
            QString(), galvani::test::withPassword(kAdminPassword));
    INFO(describe(wrong));
    INFO(describe(unknown));
    CHECK(wrong.exitCode == 1);
    CHECK(unknown.exitCode == 1);
    CHECK(wrong.err.contains(QStringLiteral("unknown user name or wrong password")));
    // The same words for both, apart from the name given.
    CHECK(QString(wrong.err).remove(QStringLiteral("root")) == QString(unknown.err).remove(QStringLiteral("nobody")));
    const CliResult noPassword
        = cli.run({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("root")});
    CHECK(noPassword.exitCode == 2);
    CHECK(noPassword.err.contains(QStringLiteral("GALVANI_PASSWORD")));

    QStringList addAsTess{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("eve"), QStringLiteral("--role"), QStringLiteral("admin"), QStringLiteral("--user"),
        QStringLiteral("tess")};
    const CliResult denied = cli.run(addAsTess, QString(),
        {{QStringLiteral("GALVANI_PASSWORD"), kTherapistPassword},
            {QStringLiteral("GALVANI_NEW_PASSWORD"), QStringLiteral("eve password 1")}});
    INFO(describe(denied));
    CHECK(denied.exitCode == 1);
    CHECK(denied.err.contains(QStringLiteral("tess (therapist) is not allowed to manage users")));
    CHECK(scalar(cli.storePath(), QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'refused'")) == 1);

    const CliResult list
        = cli.run({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("root")},
            QString(), galvani::test::withPassword(kAdminPassword));
    INFO(describe(list));
    REQUIRE(list.exitCode == 0);
    CHECK(list.out.contains(QStringLiteral("root\tFront Desk\tadmin\tactive")));
    CHECK(list.out.contains(QStringLiteral("tess\ttess\ttherapist\tactive")));
    CHECK_FALSE(list.out.contains(QStringLiteral("eve")));

    const CliResult badRole
        = cli.run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("x"),
            QStringLiteral("--role"), QStringLiteral("doctor"), QStringLiteral("--user"), QStringLiteral("root")});
    CHECK(badRole.exitCode == 2);
    CHECK(badRole.err.contains(QStringLiteral("--role: 'doctor'")));
}

TEST_CASE("galvani-cli records patients, screenings and placements and lists presets", "[cli][records]")
{
    CliRunner cli;
    setUpUsers(cli);
    const auto tess = [](QStringList args) {
        args << QStringLiteral("--user") << QStringLiteral("tess");
        return args;
    };
    const CliResult added
        = cli.run(tess({QStringLiteral("patient"), QStringLiteral("add"), QStringLiteral("--mrn"),
                      QStringLiteral("MRN-100"), QStringLiteral("--name"), QStringLiteral("Okafor, Ada Ngozi"),
                      QStringLiteral("--birth-date"), QStringLiteral("1970-05-17")}),
            QString(), galvani::test::withPassword(kTherapistPassword));
    INFO(describe(added));
    REQUIRE(added.exitCode == 0);
    const CliResult badDate
        = cli.run(tess({QStringLiteral("patient"), QStringLiteral("add"), QStringLiteral("--mrn"),
                      QStringLiteral("MRN-101"), QStringLiteral("--name"), QStringLiteral("Jon Smith"),
                      QStringLiteral("--birth-date"), QStringLiteral("17/05/1970")}),
            QString(), galvani::test::withPassword(kTherapistPassword));
    CHECK(badDate.exitCode == 2);
    CHECK(badDate.err.contains(QStringLiteral("date of birth")));
    const CliResult list = cli.run(tess({QStringLiteral("patient"), QStringLiteral("list")}), QString(),
        galvani::test::withPassword(kTherapistPassword));
    INFO(describe(list));
    REQUIRE(list.exitCode == 0);
    CHECK(list.out.contains(QStringLiteral("MRN-100\tOkafor, Ada Ngozi\t1970-05-17")));
    const CliResult adminList
        = cli.run({QStringLiteral("patient"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("root")},
            QString(), galvani::test::withPassword(kAdminPassword));
    CHECK(adminList.exitCode == 0);
    CHECK(adminList.out.contains(QStringLiteral("MRN-100")));
    const CliResult adminAdds
        = cli.run({QStringLiteral("patient"), QStringLiteral("add"), QStringLiteral("--mrn"), QStringLiteral("MRN-102"),
                      QStringLiteral("--name"), QStringLiteral("A B"), QStringLiteral("--birth-date"),
                      QStringLiteral("1970-05-17"), QStringLiteral("--user"), QStringLiteral("root")},
            QString(), galvani::test::withPassword(kAdminPassword));
    CHECK(adminAdds.exitCode == 1);
    CHECK(adminAdds.err.contains(QStringLiteral("not allowed to edit patients")));

    const CliResult none
        = cli.run(tess({QStringLiteral("screening"), QStringLiteral("record"), QStringLiteral("--patient"),
                      QStringLiteral("MRN-100"), QStringLiteral("--none-apply")}),
            QString(), galvani::test::withPassword(kTherapistPassword));
    INFO(describe(none));
    REQUIRE(none.exitCode == 0);
    CHECK(none.out.contains(QStringLiteral(": clear")));

    // An answers file: a precaution that applies, acknowledged.
    const CliResult templ
        = cli.runRaw({QStringLiteral("screening"), QStringLiteral("checklist"), QStringLiteral("--template")});
    REQUIRE(templ.exitCode == 0);
    QString answers = templ.out;
    answers.replace(QStringLiteral("\"recent_surgery\": false"), QStringLiteral("\"recent_surgery\": true"));
    answers.replace(QStringLiteral("\"acknowledged\": ["), QStringLiteral("\"acknowledged\": [\"recent_surgery\""));
    const QString answersFile = cli.filePath(QStringLiteral("answers.json"));
    {
        QFile f(answersFile);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(answers.toUtf8());
    }
    const CliResult fromFile
        = cli.run(tess({QStringLiteral("screening"), QStringLiteral("record"), QStringLiteral("--patient"),
                      QStringLiteral("MRN-100"), QStringLiteral("--answers"), answersFile}),
            QString(), galvani::test::withPassword(kTherapistPassword));
    INFO(answers.toStdString());
    INFO(describe(fromFile));
    REQUIRE(fromFile.exitCode == 0);
    CHECK(fromFile.out.contains(QStringLiteral("precautions acknowledged: recent_surgery")));
    const CliResult both
        = cli.run(tess({QStringLiteral("screening"), QStringLiteral("record"), QStringLiteral("--patient"),
            QStringLiteral("MRN-100"), QStringLiteral("--answers"), answersFile, QStringLiteral("--none-apply")}));
    CHECK(both.exitCode == 2);
    CHECK(both.err.contains(QStringLiteral("either --answers FILE or --none-apply")));
    const CliResult flagWithValue
        = cli.run(tess({QStringLiteral("screening"), QStringLiteral("record"), QStringLiteral("--patient"),
            QStringLiteral("MRN-100"), QStringLiteral("--none-apply"), QStringLiteral("yes")}));
    CHECK(flagWithValue.exitCode == 2);
    CHECK(flagWithValue.err.contains(QStringLiteral("unexpected argument 'yes'")));

    const CliResult sites = cli.run(tess({QStringLiteral("placement"), QStringLiteral("list")}), QString(),
        galvani::test::withPassword(kTherapistPassword));
    INFO(describe(sites));
    REQUIRE(sites.exitCode == 0);
    CHECK(sites.out.count(QLatin1Char('\n')) == 18);
    CHECK(sites.out.contains(QStringLiteral(
        "left-upper-trapezius\tupper trapezius\tleft\tmidpoint between C7 spinous process and acromion")));
    CHECK(sites.out.contains(QStringLiteral("right-rectus-abdominis\trectus abdominis\tright\tumbilicus")));
    const CliResult placed
        = cli.run(tess({QStringLiteral("placement"), QStringLiteral("record"), QStringLiteral("--patient"),
                      QStringLiteral("MRN-100"), QStringLiteral("--site"), QStringLiteral("left-lumbar-multifidus"),
                      QStringLiteral("--channel"), QStringLiteral("3"), QStringLiteral("--electrode"),
                      QStringLiteral("5x9"), QStringLiteral("--posture"), QStringLiteral("prone")}),
            QString(), galvani::test::withPassword(kTherapistPassword));
    INFO(describe(placed));
    REQUIRE(placed.exitCode == 0);
    const CliResult current = cli.run(tess({QStringLiteral("placement"), QStringLiteral("list"),
                                          QStringLiteral("--patient"), QStringLiteral("MRN-100")}),
        QString(), galvani::test::withPassword(kTherapistPassword));
    REQUIRE(current.exitCode == 0);
    CHECK(current.out.contains(QStringLiteral("channel 3\tleft-lumbar-multifidus\t5.0 x 9.0 cm (45.00 cm²)")));

    const CliResult presets = cli.run(tess({QStringLiteral("preset"), QStringLiteral("list")}), QString(),
        galvani::test::withPassword(kTherapistPassword));
    INFO(describe(presets));
    REQUIRE(presets.exitCode == 0);
    for (const char* id : {"conventional-tens", "burst-tens", "acupuncture-like-tens", "spinal-stabilisation",
             "nmes-strengthening", "russian", "interferential-4-pole"}) {
        INFO(id);
        CHECK(presets.out.contains(QLatin1String(id) + QLatin1Char('\t')));
    }
    CHECK(presets.out.contains(QStringLiteral("conventional-tens\tConventional TENS\tdeliverable")));
    CHECK(presets.out.contains(QStringLiteral("interferential-4-pole")));
    const QString ifc
        = presets.out.section(QStringLiteral("interferential-4-pole\t"), 1).section(QLatin1Char('\n'), 0, 0);
    CHECK(ifc.contains(QStringLiteral("not deliverable: ")));
    const CliResult badDevice = cli.run(tess(
        {QStringLiteral("preset"), QStringLiteral("list"), QStringLiteral("--device"), QStringLiteral("bogus:thing")}));
    CHECK(badDevice.exitCode == 2);
    CHECK(badDevice.err.contains(QStringLiteral("--device")));
}

TEST_CASE("galvani-cli backs up and restores the store and verifies the audit trail", "[cli][backup][audit]")
{
    CliRunner cli;
    setUpUsers(cli);
    const auto root = [](QStringList args) {
        args << QStringLiteral("--user") << QStringLiteral("root");
        return args;
    };
    const auto addPatient = [&](const QString& mrn) {
        const CliResult r
            = cli.run({QStringLiteral("patient"), QStringLiteral("add"), QStringLiteral("--mrn"), mrn,
                          QStringLiteral("--name"), QStringLiteral("Ada Okafor"), QStringLiteral("--birth-date"),
                          QStringLiteral("1970-05-17"), QStringLiteral("--user"), QStringLiteral("tess")},
                QString(), galvani::test::withPassword(kTherapistPassword));
        INFO(describe(r));
        REQUIRE(r.exitCode == 0);
    };
    addPatient(QStringLiteral("MRN-BEFORE"));
    const QString backupFile = cli.filePath(QStringLiteral("backups/store-backup.sqlite"));
    const CliResult backup = cli.run(root({QStringLiteral("backup"), QStringLiteral("--out"), backupFile}), QString(),
        galvani::test::withPassword(kAdminPassword));
    INFO(describe(backup));
    REQUIRE(backup.exitCode == 0);
    CHECK(QFileInfo::exists(backupFile));
    const CliResult byTherapist
        = cli.run({QStringLiteral("backup"), QStringLiteral("--out"), cli.filePath(QStringLiteral("t.sqlite")),
                      QStringLiteral("--user"), QStringLiteral("tess")},
            QString(), galvani::test::withPassword(kTherapistPassword));
    CHECK(byTherapist.exitCode == 1);
    CHECK(byTherapist.err.contains(QStringLiteral("not allowed to backup store")));

    addPatient(QStringLiteral("MRN-AFTER"));
    CHECK(scalar(cli.storePath(), QStringLiteral("SELECT COUNT(*) FROM patients")) == 2);
    const CliResult restore = cli.run(root({QStringLiteral("restore"), QStringLiteral("--in"), backupFile}), QString(),
        galvani::test::withPassword(kAdminPassword));
    INFO(describe(restore));
    REQUIRE(restore.exitCode == 0);
    CHECK(scalar(cli.storePath(), QStringLiteral("SELECT COUNT(*) FROM patients")) == 1);
    CHECK(scalar(cli.storePath(), QStringLiteral("SELECT COUNT(*) FROM patients WHERE mrn = 'MRN-BEFORE'")) == 1);
    const CliResult missing = cli.run(
        root({QStringLiteral("restore"), QStringLiteral("--in"), cli.filePath(QStringLiteral("nope.sqlite"))}),
        QString(), galvani::test::withPassword(kAdminPassword));
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.contains(QStringLiteral("nope.sqlite")));

    const QStringList verify = root({QStringLiteral("audit"), QStringLiteral("verify")});
    const CliResult ok = cli.run(verify, QString(), galvani::test::withPassword(kAdminPassword));
    INFO(describe(ok));
    REQUIRE(ok.exitCode == 0);
    CHECK(ok.out.startsWith(QStringLiteral("OK (")));

    // Tamper: drop the append-only trigger and rewrite one row behind the program's back.
    const qint64 row = scalar(cli.storePath(),
        QStringLiteral("SELECT MIN(id) FROM audit_log WHERE table_name = 'patients' AND action = 'create'"));
    REQUIRE(row > 0);
    tamper(cli.storePath(),
        {QStringLiteral("DROP TRIGGER audit_log_no_update"),
            QStringLiteral("UPDATE audit_log SET new_value = '{\"mrn\":\"FORGED\"}' WHERE id = %1").arg(row)});
    const CliResult broken = cli.run(verify, QString(), galvani::test::withPassword(kAdminPassword));
    INFO(describe(broken));
    CHECK(broken.exitCode == 1);
    CHECK(broken.out.contains(QStringLiteral("MODIFIED at row %1").arg(row)));
    // Opening the store already warned about it.
    CHECK(broken.err.contains(QStringLiteral("did not verify")));
}

TEST_CASE(
    "galvani-cli refuses a malformed --db URL as a usage error and an unreachable store as a failure", "[cli][store]")
{
    CliRunner cli;
    const auto runWith = [&](const QStringList& command, const QString& url) {
        return cli.runRaw(command + QStringList{QStringLiteral("--db"), url}, kAdminPassword + QLatin1Char('\n'));
    };
    const QStringList list{
        QStringLiteral("patient"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("root")};
    // The first admin is added without signing in: the same check on its own path.
    const QStringList firstAdmin{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("root"), QStringLiteral("--role"), QStringLiteral("admin")};
    struct Malformed {
        QString url;
        QString stated;
    };
    for (const Malformed& m : {Malformed{QString(), QStringLiteral("sqlite:PATH")},
             Malformed{QStringLiteral("sqlite:"), QStringLiteral("sqlite:/path/to/file")},
             Malformed{QStringLiteral("mysql://galvani@localhost/galvani"), QStringLiteral("postgresql://")},
             Malformed{QStringLiteral("postgresql://galvani@/galvani"), QStringLiteral("names no host")},
             Malformed{QStringLiteral("postgresql://galvani@localhost:0/galvani"), QStringLiteral("1–65535")}}) {
        for (const QStringList& command : {list, firstAdmin}) {
            const CliResult r = runWith(command, m.url);
            INFO(m.url.toStdString() << '\n' << describe(r));
            CHECK(r.exitCode == 2);
            CHECK(r.err.contains(QStringLiteral("--db: store URL")));
            CHECK(r.err.contains(m.stated));
        }
    }
    CHECK_FALSE(QFileInfo::exists(cli.storePath()));

    // Well formed, but the file cannot be created (its folder is a file): exit 1, as for any store out of reach.
    QFile blocker(cli.filePath(QStringLiteral("not-a-folder")));
    REQUIRE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString unreachable = QStringLiteral("sqlite:") + blocker.fileName() + QStringLiteral("/galvani.sqlite");
    for (const QStringList& command : {list, firstAdmin}) {
        const CliResult r = runWith(command, unreachable);
        INFO(describe(r));
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(QStringLiteral("--db")));
    }
}
