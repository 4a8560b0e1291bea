// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliBattery.h"

#include "app/AppPaths.h"
#include "app/services/AuthService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "app/services/UserService.h"
#include "app/store/RecordStore.h"
#include "core/Clock.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>

namespace galvani::badinput {

namespace {

// A refusal never takes long; a sign-in costs one Argon2id verification. Generous for a loaded machine.
constexpr int kFinishTimeoutMs = 60'000;

template <typename T>
T mustSucceed(app::AppResult<T> result, const char* what)
{
    INFO(what << ": " << (result.ok() ? std::string() : result.error().message.toStdString()));
    REQUIRE(result.ok());
    return std::move(result).value();
}

} // namespace

CliWorld::CliWorld()
{
    REQUIRE(m_dir.isValid());
    REQUIRE(QDir().mkpath(m_dir.filePath(QStringLiteral("data"))));
    REQUIRE(QDir().mkpath(m_dir.filePath(QStringLiteral("home"))));
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
    app::applyApplicationIdentity();

    core::SystemClock clock;
    QString error;
    auto store
        = app::RecordStore::open(app::StoreConfig::defaults(QStringLiteral("sqlite:") + storePath()), clock, &error);
    INFO(error.toStdString());
    REQUIRE(store);
    const auto root = mustSucceed(
        app::AuthService(*store).createFirstAdmin(QStringLiteral("root"), QStringLiteral("Clinic Admin"), kPassword),
        "first admin");
    app::UserService users(*store);
    (void)mustSucceed(users.add(root,
                          app::NewUserInput{QStringLiteral("tina"), QStringLiteral("Tina Therapist"),
                              app::Role::Therapist, kPassword}),
        "therapist");
    (void)mustSucceed(users.add(root,
                          app::NewUserInput{QStringLiteral("tex"), QStringLiteral("Tex Technician"),
                              app::Role::Technician, kPassword}),
        "technician");
    const auto tina = mustSucceed(app::AuthService(*store).signIn(QStringLiteral("tina"), kPassword), "sign-in");
    app::NewPatientInput patient;
    patient.mrn = kMrn;
    patient.familyName = QStringLiteral("Okafor");
    patient.givenNames = QStringLiteral("Ada");
    patient.birthDate = QStringLiteral("1971-04-23");
    (void)mustSucceed(app::PatientService(*store).add(tina, patient), "patient");
    (void)mustSucceed(app::ScreeningService(*store).record(tina, kMrn, app::ScreeningInput::noneApply()), "screening");
    for (const auto& [channel, site] :
        {std::pair{1, "right-lumbar-erector-spinae"}, std::pair{2, "left-lumbar-erector-spinae"}}) {
        app::PlacementInput p;
        p.siteId = QString::fromLatin1(site);
        p.channel = channel;
        p.electrodeWidthMm = 50;
        p.electrodeHeightMm = 90;
        (void)mustSucceed(app::PlacementService(*store).record(tina, kMrn, p), "placement");
    }
}

QString CliWorld::storePath() const
{
    return m_dir.filePath(QStringLiteral("galvani.sqlite"));
}

CliOutcome CliWorld::run(
    const QStringList& args, const QMap<QString, QString>& env, const QString& input, bool withDb) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
    environment.insert(QStringLiteral("GALVANI_PASSWORD"), kPassword);
    environment.insert(QStringLiteral("GALVANI_NEW_PASSWORD"), QStringLiteral("a new password 2"));
    for (auto it = env.constBegin(); it != env.constEnd(); ++it) {
        environment.insert(it.key(), it.value());
    }
    QStringList all = args;
    // The device commands open no store and take no --db.
    if (withDb && args.value(0) != QStringLiteral("device")) {
        all << QStringLiteral("--db") << QStringLiteral("sqlite:") + storePath();
    }
    QProcess p;
    p.setProcessEnvironment(environment);
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral(GALVANI_CLI_EXE), all);
    REQUIRE(p.waitForStarted());
    if (!input.isEmpty()) {
        p.write(input.toUtf8());
    }
    p.closeWriteChannel();
    CliOutcome o;
    if (!p.waitForFinished(kFinishTimeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        o.crashed = true;
    }
    o.crashed = o.crashed || p.exitStatus() != QProcess::NormalExit;
    o.exitCode = p.exitCode();
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError());
    return o;
}

void CliWorld::check(const CliCase& c, Tally& tally)
{
    if (!m_last || m_lastSetApart != c.auditedByDesign) {
        m_last = StoreSnapshot::take(storePath(), c.auditedByDesign);
        m_lastSetApart = c.auditedByDesign;
    }
    const CliOutcome o = run(c.args, c.env, c.input, c.withDb);
    const StoreSnapshot after = StoreSnapshot::take(storePath(), c.auditedByDesign);
    Verdict v;
    v.crashed = o.crashed || o.exitCode < 0 || o.exitCode > 2;
    v.rejected = !o.crashed && c.exits.contains(o.exitCode);
    v.namedField = namesAny(o.err, c.names);
    v.namedRange = satisfies(o.err, c.bad.hint);
    const QStringList changed = m_last->differences(after);
    // One sign-in per process at most: its audit row is set apart; anything else is a partial write.
    const qint64 extraAudit = m_last->setApartAdded(after);
    const bool fileLeft = !c.mustNotExist.isEmpty() && QFileInfo::exists(c.mustNotExist);
    v.partialWrite = !changed.isEmpty() || extraAudit > 1 || fileLeft;
    QString shownArgs;
    for (const QString& a : c.args) {
        shownArgs += QLatin1Char(' ') + (a.size() > 80 ? a.left(60) + QStringLiteral("…(%1 chars)").arg(a.size()) : a);
    }
    const QString detail
        = QStringLiteral("value: %1\ngalvani-cli%2\nexit %3 (expected %4)%5\nstderr: %6%7%8")
              .arg(c.bad.label, shownArgs)
              .arg(o.exitCode)
              .arg(QString::number(c.exits.value(0)) + (c.exits.size() > 1 ? QStringLiteral(" or …") : QString()),
                  o.crashed ? QStringLiteral(" CRASHED/HUNG") : QString(), o.err.left(600),
                  changed.isEmpty() ? QString()
                                    : QStringLiteral("\nstore changed: ") + changed.join(QStringLiteral(", ")),
                  fileLeft ? QStringLiteral("\nfile left behind: ") + c.mustNotExist : QString());
    tally.add(c.field + QStringLiteral(" = ") + c.bad.label, v, detail, c.knownGap);
    m_last = after;
    if (fileLeft) {
        QFile::remove(c.mustNotExist);
    }
}

QList<CliCase> CliWorld::cases(const QString& field, const QStringList& args, const QList<BadValue>& bad,
    const QStringList& names, const QList<int>& exits)
{
    // GALVANI_BADINPUT_EVERY=N (the sanitized CI stage) keeps every Nth value and the last of each list: each
    // option still meets values of every sort in a process built with the sanitizers, in about half the time.
    // Unset, every value runs (the test stage).
    const int every = std::max(1, qEnvironmentVariableIntValue("GALVANI_BADINPUT_EVERY"));
    QList<CliCase> out;
    for (qsizetype i = 0; i < bad.size(); ++i) {
        if (i % every != 0 && i != bad.size() - 1) {
            continue;
        }
        const BadValue& b = bad.at(i);
        CliCase c;
        c.field = field;
        c.bad = b;
        c.names = names;
        c.exits = exits;
        bool replaced = false;
        for (const QString& a : args) {
            if (!replaced && a.contains(QLatin1Char('@'))) {
                QString filled = a;
                filled.replace(filled.indexOf(QLatin1Char('@')), 1, b.text);
                c.args.append(filled);
                replaced = true;
            } else {
                c.args.append(a);
            }
        }
        REQUIRE(replaced);
        out.append(c);
    }
    return out;
}

} // namespace galvani::badinput
