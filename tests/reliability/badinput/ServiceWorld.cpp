// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceWorld.h"

#include "app/services/AuthService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "app/services/UserService.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>

namespace galvani::badinput {

namespace {

template <typename T>
T mustSucceed(app::AppResult<T> result, const char* what)
{
    INFO(what << ": " << (result.ok() ? std::string() : result.error().message.toStdString()));
    REQUIRE(result.ok());
    return std::move(result).value();
}

QString kindName(app::AppError::Kind k)
{
    using K = app::AppError::Kind;
    switch (k) {
    case K::Denied:
        return QStringLiteral("Denied");
    case K::Invalid:
        return QStringLiteral("Invalid");
    case K::NotFound:
        return QStringLiteral("NotFound");
    case K::Conflict:
        return QStringLiteral("Conflict");
    case K::Refused:
        return QStringLiteral("Refused");
    case K::Interlock:
        return QStringLiteral("Interlock");
    case K::Device:
        return QStringLiteral("Device");
    case K::Storage:
        return QStringLiteral("Storage");
    }
    return QStringLiteral("?");
}

} // namespace

bool waitFor(const std::function<bool()>& done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return done();
}

QString shown(const QString& value)
{
    QString s = value.size() > 60 ? value.left(40) + QStringLiteral("…(%1 chars)").arg(value.size()) : value;
    s.replace(QChar(u'\0'), QStringLiteral("\\0"));
    return s;
}

ServiceWorld::ServiceWorld(bool withUsers)
{
    REQUIRE(m_dir.isValid());
    app::StoreConfig config;
    config.storeUrl = QStringLiteral("sqlite:") + storePath();
    config.auditKeyPath = m_dir.filePath(QStringLiteral("keys/audit.key"));
    config.anchorPath = m_dir.filePath(QStringLiteral("audit-anchor.txt"));
    config.sessionLockPath = m_dir.filePath(QStringLiteral("sessions.lock"));
    config.workstation = QStringLiteral("badinput-workstation");
    QString error;
    m_store = app::RecordStore::open(config, m_clock, &error);
    INFO(error.toStdString());
    REQUIRE(m_store);
    if (!withUsers) {
        return;
    }
    root = mustSucceed(
        app::AuthService(*m_store).createFirstAdmin(QStringLiteral("root"), QStringLiteral("Clinic Admin"), kPassword),
        "first admin");
    app::UserService users(*m_store);
    (void)mustSucceed(users.add(root,
                          app::NewUserInput{QStringLiteral("tina"), QStringLiteral("Tina Therapist"),
                              app::Role::Therapist, kPassword}),
        "therapist");
    (void)mustSucceed(users.add(root,
                          app::NewUserInput{QStringLiteral("tex"), QStringLiteral("Tex Technician"),
                              app::Role::Technician, kPassword}),
        "technician");
    tina = mustSucceed(app::AuthService(*m_store).signIn(QStringLiteral("tina"), kPassword), "sign-in tina");
    tex = mustSucceed(app::AuthService(*m_store).signIn(QStringLiteral("tex"), kPassword), "sign-in tex");
    app::NewPatientInput patient;
    patient.mrn = kMrn;
    patient.familyName = QStringLiteral("Okafor");
    patient.givenNames = QStringLiteral("Ada");
    patient.birthDate = QStringLiteral("1971-04-23");
    (void)mustSucceed(app::PatientService(*m_store).add(tina, patient), "patient");
    (void)mustSucceed(
        app::ScreeningService(*m_store).record(tina, kMrn, app::ScreeningInput::noneApply()), "screening");
    for (const auto& [channel, site] :
        {std::pair{1, "right-lumbar-erector-spinae"}, std::pair{2, "left-lumbar-erector-spinae"}}) {
        app::PlacementInput p;
        p.siteId = QString::fromLatin1(site);
        p.channel = channel;
        p.electrodeWidthMm = 50;
        p.electrodeHeightMm = 90;
        (void)mustSucceed(app::PlacementService(*m_store).record(tina, kMrn, p), "placement");
    }
}

ServiceWorld::~ServiceWorld() = default;

QString ServiceWorld::storePath() const
{
    return m_dir.filePath(QStringLiteral("galvani.sqlite"));
}

void ServiceWorld::check(Tally& tally, const QString& field, const BadValue& bad, const QStringList& names,
    const std::function<Refusal()>& call, const QSet<app::AppError::Kind>& kinds, const QString& knownGap)
{
    if (!m_last) {
        m_last = StoreSnapshot::take(storePath(), {});
    }
    const Refusal refused = call();
    const StoreSnapshot after = StoreSnapshot::take(storePath(), {});
    const QString message = refused ? refused->message : QString();
    Verdict v;
    v.rejected = refused.has_value() && kinds.contains(refused->kind);
    v.namedField = namesAny(message, names);
    v.namedRange = satisfies(message, bad.hint);
    const QStringList changed = m_last->differences(after);
    v.partialWrite = !changed.isEmpty();
    QStringList expected;
    for (const auto k : kinds) {
        expected.append(kindName(k));
    }
    const QString detail
        = QStringLiteral("value: %1 = '%2'\n%3%4")
              .arg(bad.label, shown(bad.text),
                  refused ? QStringLiteral("refused (%1, expected %2): %3")
                                .arg(kindName(refused->kind), expected.join(QLatin1Char('/')), message.left(600))
                          : QStringLiteral("ACCEPTED"),
                  changed.isEmpty() ? QString()
                                    : QStringLiteral("\nstore changed: ") + changed.join(QStringLiteral(", ")));
    tally.add(field + QStringLiteral(" = ") + bad.label, v, detail, knownGap);
    m_last = after;
}

} // namespace galvani::badinput
