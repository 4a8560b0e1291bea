// SPDX-License-Identifier: GPL-3.0-or-later
#include "PatientWorld.h"

#include "app/services/AuthService.h"
#include "app/services/PatientService.h"
#include "app/services/ScreeningService.h"
#include "app/services/UserService.h"
#include "ui/patients/PatientWorkspace.h"

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTableWidget>

namespace galvani::test {

PatientWorld::PatientWorld()
{
    REQUIRE(m_dir.isValid());
    app::AppOptions options;
    options.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8");
    options.storeUrl = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("g.sqlite"));
    QString error;
    m_context = app::AppContext::create(options, &error);
    INFO(error.toStdString());
    REQUIRE(m_context);
    const auto first = m_context->auth().createFirstAdmin(
        QStringLiteral("admin"), QStringLiteral("Clinic Admin"), QString::fromLatin1(kPassword));
    REQUIRE(first.ok());
    admin = first.value();
    const auto added = m_context->users().add(admin,
        app::NewUserInput{QStringLiteral("tess"), QStringLiteral("Tess Therapist"), app::Role::Therapist,
            QString::fromLatin1(kPassword)});
    INFO((added.ok() ? QString() : added.error().message).toStdString());
    REQUIRE(added.ok());
    const auto signedIn = m_context->auth().signIn(QStringLiteral("tess"), QString::fromLatin1(kPassword));
    REQUIRE(signedIn.ok());
    therapist = signedIn.value();
}

PatientWorld::~PatientWorld() = default;

void PatientWorld::addPatient(const QString& mrn, const QString& family, const QString& given, const QString& birthDate)
{
    app::NewPatientInput p;
    p.mrn = mrn;
    p.familyName = family;
    p.givenNames = given;
    p.birthDate = birthDate;
    const auto added = m_context->patients().add(therapist, p);
    INFO((added.ok() ? QString() : added.error().message).toStdString());
    REQUIRE(added.ok());
}

app::PlacementView PatientWorld::addPlacement(
    const QString& mrn, const QString& siteId, int channel, app::ElectrodePolarity polarity)
{
    app::PlacementInput in;
    in.siteId = siteId;
    in.channel = channel;
    in.polarity = polarity;
    const auto r = m_context->placements().record(therapist, mrn, in);
    INFO((r.ok() ? QString() : r.error().message).toStdString());
    REQUIRE(r.ok());
    return r.value();
}

void PatientWorld::screenNoneApply(const QString& mrn)
{
    REQUIRE(m_context->screenings().record(therapist, mrn, app::ScreeningInput::noneApply()).ok());
}

std::unique_ptr<ui::PatientWorkspace> showWorkspace(PatientWorld& world, const app::SignedInUser& user)
{
    auto workspace = std::make_unique<ui::PatientWorkspace>(world.context(), user);
    workspace->resize(1500, 950);
    workspace->show();
    return workspace;
}

QString visibleText(const QWidget& root)
{
    QStringList parts;
    for (const auto* label : root.findChildren<QLabel*>()) {
        if (label->isVisibleTo(&root)) {
            parts << label->text();
        }
    }
    for (const auto* button : root.findChildren<QAbstractButton*>()) {
        if (button->isVisibleTo(&root)) {
            parts << button->text() << button->toolTip();
        }
    }
    for (const auto* edit : root.findChildren<QLineEdit*>()) {
        if (edit->isVisibleTo(&root)) {
            parts << edit->text();
        }
    }
    for (const auto* edit : root.findChildren<QPlainTextEdit*>()) {
        if (edit->isVisibleTo(&root)) {
            parts << edit->toPlainText();
        }
    }
    for (const auto* view : root.findChildren<QAbstractItemView*>()) {
        if (!view->isVisibleTo(&root) || view->model() == nullptr) {
            continue;
        }
        const auto* model = view->model();
        for (int r = 0; r < model->rowCount(); ++r) {
            for (int c = 0; c < model->columnCount(); ++c) {
                parts << model->index(r, c).data().toString();
            }
        }
    }
    return parts.join(QLatin1Char('\n'));
}

} // namespace galvani::test
