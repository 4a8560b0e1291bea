// SPDX-License-Identifier: GPL-3.0-or-later
#include "TreatmentWorld.h"

#include "app/services/AuthService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "app/services/UserService.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QWidget>

namespace galvani::test {

namespace {

const QString kPassword = QStringLiteral("correct-horse-battery-9");

template <typename T>
const T& required(const app::AppResult<T>& result)
{
    INFO((result.ok() ? QString() : result.error().message).toStdString());
    REQUIRE(result.ok());
    return result.value();
}

} // namespace

TreatmentWorld::TreatmentWorld()
{
    REQUIRE(m_dir.isValid());
    app::AppOptions options;
    options.deviceUrl = QString::fromLatin1(kDeviceUrl);
    options.storeUrl = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("galvani.sqlite"));
    QString error;
    m_context = app::AppContext::create(options, &error);
    INFO(error.toStdString());
    REQUIRE(m_context);
    admin = required(m_context->auth().createFirstAdmin(QStringLiteral("ada"), QStringLiteral("Ada Admin"), kPassword));
    app::NewUserInput input;
    input.name = QStringLiteral("tom");
    input.displayName = QStringLiteral("Tom Therapist");
    input.role = app::Role::Therapist;
    input.password = kPassword;
    (void)required(m_context->users().add(admin, input));
    therapist = required(m_context->auth().signIn(QStringLiteral("tom"), kPassword));
    app::NewPatientInput patient;
    patient.mrn = mrn;
    patient.familyName = QStringLiteral("Okafor");
    patient.givenNames = QStringLiteral("Adaeze");
    patient.birthDate = QStringLiteral("1971-04-23");
    (void)required(m_context->patients().add(therapist, patient));
}

TreatmentWorld::~TreatmentWorld() = default;

void TreatmentWorld::screen()
{
    (void)required(m_context->screenings().record(therapist, mrn, app::ScreeningInput::noneApply()));
}

void TreatmentWorld::place(int channel, int widthMm, int heightMm, std::optional<int> areaMm2)
{
    app::PlacementInput p;
    p.siteId = QStringLiteral("right-lumbar-erector-spinae");
    p.channel = channel;
    p.leadLabel = QStringLiteral("A%1").arg(channel);
    p.electrodeWidthMm = widthMm;
    p.electrodeHeightMm = heightMm;
    p.electrodeAreaMm2 = areaMm2;
    (void)required(m_context->placements().record(therapist, mrn, p));
}

void saveShot(QWidget& widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("GALVANI_SHOTS_DIR");
    if (dir.isEmpty() || !QDir(dir).exists()) {
        return;
    }
    CHECK(widget.grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

} // namespace galvani::test
