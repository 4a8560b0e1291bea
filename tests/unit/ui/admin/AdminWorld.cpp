// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminWorld.h"

#include "app/AppOptions.h"
#include "app/services/AuthService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "app/services/UserService.h"
#include "app/session/SessionController.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QObject>

namespace galvani::test {

AdminWorld::AdminWorld()
{
    REQUIRE(m_dir.isValid());
    app::AppOptions options;
    options.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8");
    options.storeUrl = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("galvani.sqlite"));
    QString error;
    m_context = app::AppContext::create(options, &error);
    INFO(error.toStdString());
    REQUIRE(m_context);
    const auto first = m_context->auth().createFirstAdmin(
        QStringLiteral("admin"), QStringLiteral("Clinic Admin"), QString::fromLatin1(kPassword));
    REQUIRE(first.ok());
    admin = first.value();
    tess = addUser(QStringLiteral("tess"), QStringLiteral("Tess Lindqvist"), app::Role::Therapist);
    tom = addUser(QStringLiteral("tom"), QStringLiteral("Tom Okafor"), app::Role::Therapist);
    theo = addUser(QStringLiteral("theo"), QStringLiteral("Theo Brandt"), app::Role::Technician);
}

AdminWorld::~AdminWorld() = default;

app::SignedInUser AdminWorld::addUser(const QString& name, const QString& display, app::Role role)
{
    const auto added
        = m_context->users().add(admin, app::NewUserInput{name, display, role, QString::fromLatin1(kPassword)});
    INFO((added.ok() ? QString() : added.error().message).toStdString());
    REQUIRE(added.ok());
    const auto signedIn = m_context->auth().signIn(name, QString::fromLatin1(kPassword));
    REQUIRE(signedIn.ok());
    return signedIn.value();
}

void AdminWorld::addPatient(const QString& mrn, const QString& family, const QList<int>& channels)
{
    app::NewPatientInput p;
    p.mrn = mrn;
    p.familyName = family;
    p.givenNames = QStringLiteral("Ada");
    p.birthDate = QStringLiteral("1970-05-17");
    const auto added = m_context->patients().add(tess, p);
    INFO((added.ok() ? QString() : added.error().message).toStdString());
    REQUIRE(added.ok());
    REQUIRE(m_context->screenings().record(tess, mrn, app::ScreeningInput::noneApply()).ok());
    for (const int ch : channels) {
        app::PlacementInput in;
        in.siteId = QStringLiteral("right-lumbar-erector-spinae");
        in.channel = ch;
        in.electrodeWidthMm = 50;
        in.electrodeHeightMm = 90;
        const auto placed = m_context->placements().record(tess, mrn, in);
        INFO((placed.ok() ? QString() : placed.error().message).toStdString());
        REQUIRE(placed.ok());
    }
}

void AdminWorld::prepareSession(const app::SignedInUser& therapist, const QString& mrn, const QList<int>& channels,
    qint64 durationS, std::optional<int> nprsBefore)
{
    app::SessionController& controller = m_context->sessions();
    std::optional<app::AppResult<app::SessionPlan>> prepared;
    QObject guard;
    QObject::connect(&controller, &app::SessionController::prepared, &guard,
        [&](const app::AppResult<app::SessionPlan>& r) { prepared = r; });
    app::SessionRequest request;
    request.user = therapist;
    request.patientMrn = mrn;
    request.deviceUrl = m_context->deviceUrl();
    request.presetId = QStringLiteral("conventional-tens");
    for (const int ch : channels) {
        request.channels.append(
            app::ChannelRequest{ch, QStringLiteral("right-lumbar-erector-spinae"), 6'000 + 1'000 * ch, std::nullopt});
    }
    request.durationS = durationS;
    request.nprsBefore = nprsBefore;
    const auto status = controller.prepare(request);
    INFO((status.ok() ? QString() : status.error().message).toStdString());
    REQUIRE(status.ok());
    REQUIRE(waitUntil([&] { return prepared.has_value(); }, std::chrono::milliseconds(15000)));
    INFO((prepared->ok() ? QString() : prepared->error().message).toStdString());
    REQUIRE(prepared->ok());
}

qint64 AdminWorld::runSession(const app::SignedInUser& therapist, const QString& mrn, const QList<int>& channels,
    qint64 durationS, std::optional<int> nprsBefore, std::optional<int> nprsAfter, const QString& notes)
{
    prepareSession(therapist, mrn, channels, durationS, nprsBefore);
    app::SessionController& controller = m_context->sessions();
    std::optional<app::AppResult<qint64>> started;
    std::optional<app::SessionSummary> ended;
    std::optional<app::AppResult<qint64>> outcome;
    QObject guard;
    QObject::connect(
        &controller, &app::SessionController::started, &guard, [&](const app::AppResult<qint64>& r) { started = r; });
    QObject::connect(
        &controller, &app::SessionController::ended, &guard, [&](const app::SessionSummary& s) { ended = s; });
    QObject::connect(&controller, &app::SessionController::outcomeRecorded, &guard,
        [&](const app::AppResult<qint64>& r) { outcome = r; });
    REQUIRE(controller.start().ok());
    REQUIRE(waitUntil([&] { return started.has_value(); }));
    REQUIRE(started->ok());
    REQUIRE(waitUntil([&] { return ended.has_value(); }, std::chrono::milliseconds(20000)));
    if (nprsAfter) {
        REQUIRE(controller.recordOutcome(app::OutcomeAnswer{nprsAfter, notes}).ok());
        REQUIRE(waitUntil([&] { return outcome.has_value(); }));
        REQUIRE(outcome->ok());
    }
    return started->value();
}

} // namespace galvani::test
