// SPDX-License-Identifier: GPL-3.0-or-later
#include "TechnicianBench.h"

#include "app/services/AuthService.h"
#include "app/services/UserService.h"
#include "support/WaitUntil.h"
#include "ui/technician/CalibrationWizard.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>

namespace galvani::test {

namespace {

const QString kPassword = QStringLiteral("correct-horse-battery-9");

} // namespace

TechnicianBench::TechnicianBench(const QString& deviceUrl)
{
    REQUIRE(dir.isValid());
    app::AppOptions options;
    options.deviceUrl = deviceUrl;
    options.storeUrl = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("g.sqlite"));
    QString error;
    context = app::AppContext::create(options, &error);
    INFO(error.toStdString());
    REQUIRE(context);
    const auto first
        = context->auth().createFirstAdmin(QStringLiteral("admin"), QStringLiteral("Clinic Admin"), kPassword);
    REQUIRE(first.ok());
    admin = *first;
    app::NewUserInput input;
    input.name = QStringLiteral("terry");
    input.displayName = QStringLiteral("Terry Technician");
    input.role = app::Role::Technician;
    input.password = kPassword;
    const auto added = context->users().add(admin, input);
    INFO((added.ok() ? QString() : added.error().message).toStdString());
    REQUIRE(added.ok());
    const auto signedIn = context->auth().signIn(QStringLiteral("terry"), kPassword);
    REQUIRE(signedIn.ok());
    technician = *signedIn;
    REQUIRE(technician.role == app::Role::Technician);
    workspace = std::make_unique<ui::TechnicianWorkspace>(*context, technician);
    workspace->resize(1280, 860);
    workspace->show();
}

TechnicianBench::~TechnicianBench()
{
    workspace.reset();
    context.reset();
}

void TechnicianBench::startWizard(const QList<int>& channels, bool manual)
{
    workspace->showTab(ui::TechnicianWorkspace::Tab::Calibrate);
    find<QPushButton>(QStringLiteral("noChannelsButton"))->click();
    for (const int ch : channels) {
        auto* check = find<QCheckBox>(QStringLiteral("channelCheck%1").arg(ch));
        REQUIRE(check != nullptr);
        REQUIRE(check->isEnabled());
        check->setChecked(true);
    }
    find<QRadioButton>(manual ? QStringLiteral("modeManualRadio") : QStringLiteral("modeDeviceRadio"))
        ->setChecked(true);
    find<QLineEdit>(QStringLiteral("instrumentNameEdit"))->setText(QStringLiteral("Fluke 87V"));
    find<QLineEdit>(QStringLiteral("instrumentSerialEdit"))->setText(QStringLiteral("FL-1"));
    find<QDateEdit>(QStringLiteral("instrumentDueEdit"))->setDate(QDate::currentDate().addYears(1));
    find<QPushButton>(QStringLiteral("addInstrumentButton"))->click();
    find<QPushButton>(QStringLiteral("startCalibrationButton"))->click();
    const auto* error = find<QLabel>(QStringLiteral("setupErrorLabel"));
    INFO(error->text().toStdString());
    REQUIRE(workspace->wizard()->running());
}

void TechnicianBench::driveWizardToEnd(const std::function<double(double)>& reading)
{
    auto* wizard = workspace->wizard();
    auto* next = find<QPushButton>(QStringLiteral("continueButton"));
    auto* readingGroup = find<QGroupBox>(QStringLiteral("readingGroup"));
    auto* readingEdit = find<QLineEdit>(QStringLiteral("readingEdit"));
    auto* submit = find<QPushButton>(QStringLiteral("submitReadingButton"));
    auto* prompt = find<QLabel>(QStringLiteral("readingPromptLabel"));
    const QRegularExpression commanded(QStringLiteral("commanded ([0-9.]+) mA"));
    while (wizard->running()) {
        REQUIRE(waitUntil([&] { return !wizard->running() || !next->isHidden() || !readingGroup->isHidden(); },
            std::chrono::seconds(60)));
        if (!wizard->running()) {
            break;
        }
        if (!next->isHidden()) {
            next->click();
        } else {
            REQUIRE(reading);
            const auto match = commanded.match(prompt->text());
            INFO(prompt->text().toStdString());
            REQUIRE(match.hasMatch());
            readingEdit->setText(QString::number(reading(match.captured(1).toDouble()), 'f', 3));
            submit->click();
        }
        // The click moves the procedure on at once (Measuring) or shows an error; never the same prompt again.
        REQUIRE(waitUntil([&] { return !wizard->running() || (next->isHidden() && readingGroup->isHidden()); },
            std::chrono::seconds(10)));
    }
    CHECK(wizard->page() == ui::CalibrationWizard::Page::Result);
}

void TechnicianBench::shoot(const QString& name) const
{
    const QString folder = qEnvironmentVariable("GALVANI_SHOTS_DIR");
    const QDir shots(folder);
    if (!folder.isEmpty() && shots.exists()) {
        QCoreApplication::processEvents(); // pending layout requests of the tab just shown
        workspace->grab().save(shots.filePath(QStringLiteral("tech-%1.png").arg(name)));
    }
}

} // namespace galvani::test
