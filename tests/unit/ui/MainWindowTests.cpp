// SPDX-License-Identifier: GPL-3.0-or-later
// The application shell: first run, sign-in, roles' tabs, lock (manual and idle), STOP from every screen.
#include "app/AppContext.h"
#include "app/services/AuthService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "app/services/UserService.h"
#include "app/session/SessionController.h"
#include "app/store/RecordStore.h"
#include "app/store/RecordStoreImpl.h"
#include "db/audit/AuditTrail.h"
#include "support/WaitUntil.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/mainwindow/SignInPage.h"

#include <catch2/catch.hpp>

#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using galvani::app::AppContext;
using galvani::app::AppOptions;
using galvani::app::Role;
using galvani::app::SessionState;
using galvani::app::SignedInUser;
using galvani::test::waitUntil;
using galvani::ui::MainWindow;
using namespace std::chrono_literals;

namespace {

const QString kPassword = QStringLiteral("correct-horse-battery-9");

struct Shell {
    QTemporaryDir dir;
    std::unique_ptr<AppContext> context;

    Shell()
    {
        AppOptions options;
        options.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8");
        options.storeUrl = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("galvani.sqlite"));
        QString error;
        context = AppContext::create(options, &error);
        INFO(error.toStdString());
        REQUIRE(context);
    }

    SignedInUser admin()
    {
        const auto created
            = context->auth().createFirstAdmin(QStringLiteral("alex"), QStringLiteral("Alex Admin"), kPassword);
        REQUIRE(created.ok());
        return *created;
    }

    SignedInUser addUser(const SignedInUser& admin, const QString& name, Role role)
    {
        galvani::app::NewUserInput input;
        input.name = name;
        input.displayName = name + QStringLiteral(" Example");
        input.role = role;
        input.password = kPassword;
        REQUIRE(context->users().add(admin, input).ok());
        const auto user = context->auth().signIn(name, kPassword);
        REQUIRE(user.ok());
        return *user;
    }
};

template <typename T>
T* child(QWidget& parent, const char* name)
{
    auto* found = parent.findChild<T*>(QLatin1String(name));
    INFO(name);
    REQUIRE(found != nullptr);
    return found;
}

// The reasons written with the login rows of `username` in the audit trail, oldest first ("" for none).
QStringList loginReasons(Shell& shell, const QString& username)
{
    galvani::db::audit::AuditTrail trail(shell.context->store().impl().context());
    galvani::db::audit::AuditFilter filter;
    filter.table = QStringLiteral("users");
    const auto entries = trail.entries(filter);
    REQUIRE(entries.ok());
    QStringList reasons;
    for (const auto& e : *entries) {
        if (e.action == QStringLiteral("login") && e.actorName == username) {
            reasons << e.reason.value_or(QString());
        }
    }
    return reasons;
}

// The password is checked on a worker thread (SignInPage): wait for the answer, as a user waits for the screen.
void waitForSignInCheck(MainWindow& window)
{
    auto* page = window.findChild<galvani::ui::SignInPage*>();
    REQUIRE(page != nullptr);
    REQUIRE(galvani::test::waitUntil([page] { return !page->checking(); }, std::chrono::seconds(30)));
}

void signInThroughForm(MainWindow& window, const QString& user, const QString& password)
{
    child<QLineEdit>(window, "signInUser")->setText(user);
    child<QLineEdit>(window, "signInPassword")->setText(password);
    child<QPushButton>(window, "signInSubmit")->click();
    waitForSignInCheck(window);
}

QStringList tabTitles(MainWindow& window)
{
    QStringList titles;
    auto* tabs = child<QTabWidget>(window, "workspaceTabs");
    for (int i = 0; i < tabs->count(); ++i) {
        // Without the mnemonic marks: "&Device && calibration" reads "Device & calibration".
        QString title = tabs->tabText(i);
        title.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
        title.remove(QLatin1Char('&'));
        title.replace(QStringLiteral("\x01"), QStringLiteral("&"));
        titles << title;
    }
    return titles;
}

} // namespace

TEST_CASE("a new store opens on the first-run screen that creates the first administrator", "[ui][gui][shell]")
{
    Shell shell;
    MainWindow window(*shell.context);
    window.show();
    REQUIRE(window.screen() == MainWindow::Screen::FirstRun);

    child<QLineEdit>(window, "signInUser")->setText(QStringLiteral("alex"));
    child<QLineEdit>(window, "signInDisplayName")->setText(QStringLiteral("Alex Admin"));
    child<QLineEdit>(window, "signInPassword")->setText(kPassword);
    child<QLineEdit>(window, "signInRepeat")->setText(kPassword + QStringLiteral("x"));
    child<QPushButton>(window, "signInSubmit")->click();
    CHECK(window.screen() == MainWindow::Screen::FirstRun);
    CHECK(child<QLabel>(window, "signInError")->text().contains(QStringLiteral("Repeat password")));
    CHECK(child<QLineEdit>(window, "signInUser")->text() == QStringLiteral("alex")); // kept

    child<QLineEdit>(window, "signInPassword")->setText(QStringLiteral("short"));
    child<QLineEdit>(window, "signInRepeat")->setText(QStringLiteral("short"));
    child<QPushButton>(window, "signInSubmit")->click();
    CHECK(window.screen() == MainWindow::Screen::FirstRun);
    CHECK(child<QLabel>(window, "signInError")->text().contains(QStringLiteral("10")));

    child<QLineEdit>(window, "signInPassword")->setText(kPassword);
    child<QLineEdit>(window, "signInRepeat")->setText(kPassword);
    child<QPushButton>(window, "signInSubmit")->click();
    REQUIRE(window.screen() == MainWindow::Screen::Workspace);
    REQUIRE(window.signedInUser());
    CHECK(window.signedInUser()->role == Role::Admin);
    const QStringList tabs = tabTitles(window);
    CHECK(tabs.contains(QStringLiteral("Users")));
    CHECK(tabs.contains(QStringLiteral("Export")));
    CHECK(tabs.contains(QStringLiteral("History"))); // the clinic's sessions, outcomes withheld
    CHECK_FALSE(tabs.contains(QStringLiteral("Treatment")));
    CHECK(child<QLabel>(window, "signedInUser")->text().contains(QStringLiteral("Alex Admin")));
}

TEST_CASE("sign-in refuses a wrong password and shows each role only its own tabs", "[ui][gui][shell]")
{
    Shell shell;
    const SignedInUser admin = shell.admin();
    shell.addUser(admin, QStringLiteral("tess"), Role::Therapist);
    shell.addUser(admin, QStringLiteral("theo"), Role::Technician);

    MainWindow window(*shell.context);
    window.show();
    REQUIRE(window.screen() == MainWindow::Screen::SignIn);
    signInThroughForm(window, QStringLiteral("tess"), QStringLiteral("wrong-password-123"));
    CHECK(window.screen() == MainWindow::Screen::SignIn);
    CHECK_FALSE(child<QLabel>(window, "signInError")->text().isEmpty());
    CHECK(child<QLineEdit>(window, "signInPassword")->text().isEmpty());

    signInThroughForm(window, QStringLiteral("tess"), kPassword);
    REQUIRE(window.screen() == MainWindow::Screen::Workspace);
    QStringList tabs = tabTitles(window);
    CHECK(tabs.contains(QStringLiteral("Patients")));
    CHECK(tabs.contains(QStringLiteral("Treatment")));
    CHECK(tabs.contains(QStringLiteral("History")));
    CHECK_FALSE(tabs.contains(QStringLiteral("Users")));
    CHECK_FALSE(tabs.contains(QStringLiteral("Device & calibration")));

    window.signOut();
    REQUIRE(window.screen() == MainWindow::Screen::SignIn);
    signInThroughForm(window, QStringLiteral("theo"), kPassword);
    REQUIRE(window.screen() == MainWindow::Screen::Workspace);
    tabs = tabTitles(window);
    CHECK(tabs == QStringList{QStringLiteral("Device & calibration")});
}

TEST_CASE("the screen locks on request and after the idle time and only a sign-in unlocks it", "[ui][gui][shell]")
{
    Shell shell;
    const SignedInUser admin = shell.admin();
    shell.addUser(admin, QStringLiteral("tess"), Role::Therapist);
    MainWindow window(*shell.context);
    window.show();
    signInThroughForm(window, QStringLiteral("tess"), kPassword);
    REQUIRE(window.screen() == MainWindow::Screen::Workspace);
    auto* workspace = child<QTabWidget>(window, "workspaceTabs");

    window.lockScreen();
    REQUIRE(window.screen() == MainWindow::Screen::Locked);
    auto* stop = child<QPushButton>(window, "globalStop");
    CHECK(stop->isVisible());
    CHECK(stop->isEnabled());
    CHECK_FALSE(child<QPushButton>(window, "signOut")->isVisible());
    signInThroughForm(window, QStringLiteral("tess"), QStringLiteral("not-the-password"));
    CHECK(window.screen() == MainWindow::Screen::Locked);
    signInThroughForm(window, QStringLiteral("tess"), kPassword);
    REQUIRE(window.screen() == MainWindow::Screen::Workspace);
    CHECK(child<QTabWidget>(window, "workspaceTabs") == workspace); // the same workspace, nothing lost
    CHECK(loginReasons(shell, QStringLiteral("tess")).endsWith(QStringLiteral("unlocked the screen")));

    window.setLockAfter(150ms);
    CHECK(waitUntil([&] { return window.screen() == MainWindow::Screen::Locked; }, 5s));

    // While no session runs, another user's sign-in opens their own workspace: a hand-over, logged as one with the
    // login (CLINICAL §7).
    signInThroughForm(window, QStringLiteral("alex"), kPassword);
    REQUIRE(window.screen() == MainWindow::Screen::Workspace);
    CHECK(window.signedInUser()->username == QStringLiteral("alex"));
    CHECK(loginReasons(shell, QStringLiteral("alex"))
              .endsWith(QStringLiteral("hand-over: unlocked the screen locked by tess")));
}

TEST_CASE("STOP on the lock screen and F12 stop a running session at once", "[ui][gui][shell][session]")
{
    Shell shell;
    const SignedInUser admin = shell.admin();
    const SignedInUser tess = shell.addUser(admin, QStringLiteral("tess"), Role::Therapist);
    galvani::app::NewPatientInput patient;
    patient.mrn = QStringLiteral("MRN-1001");
    patient.familyName = QStringLiteral("Doe");
    patient.givenNames = QStringLiteral("Jane");
    patient.birthDate = QStringLiteral("1970-04-01");
    REQUIRE(shell.context->patients().add(tess, patient).ok());
    REQUIRE(shell.context->screenings().record(tess, patient.mrn, galvani::app::ScreeningInput::noneApply()).ok());
    galvani::app::PlacementInput placement;
    placement.siteId = QStringLiteral("left-lumbar-multifidus");
    placement.channel = 1;
    REQUIRE(shell.context->placements().record(tess, patient.mrn, placement).ok());

    MainWindow window(*shell.context);
    window.setLockAfter(10min);
    window.show();
    signInThroughForm(window, QStringLiteral("tess"), kPassword);
    REQUIRE(window.screen() == MainWindow::Screen::Workspace);

    auto& sessions = shell.context->sessions();
    const auto runSession = [&] {
        galvani::app::SessionRequest request;
        request.user = tess;
        request.patientMrn = patient.mrn;
        request.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8");
        request.presetId = QStringLiteral("conventional-tens");
        request.channels = {galvani::app::ChannelRequest{1, QStringLiteral("left-lumbar-multifidus"), 8000, {}}};
        request.durationS = 120;
        std::optional<bool> ready;
        auto c1 = QObject::connect(&sessions, &galvani::app::SessionController::prepared,
            [&](const galvani::app::AppResult<galvani::app::SessionPlan>& plan) { ready = plan.ok(); });
        const auto status = sessions.prepare(request);
        INFO((status.ok() ? std::string() : status.error().message.toStdString()));
        REQUIRE(status.ok());
        REQUIRE(waitUntil([&] { return ready.has_value(); }, 15s));
        QObject::disconnect(c1);
        REQUIRE(*ready);
        REQUIRE(sessions.start().ok());
        REQUIRE(waitUntil([&] { return sessions.state() == SessionState::Running; }, 15s));
        REQUIRE(waitUntil([&] { return child<QLabel>(window, "globalOutputIndicator")->isVisible(); }, 15s));
    };

    SECTION("the STOP button of the lock screen")
    {
        runSession();
        window.lockScreen();
        REQUIRE(window.screen() == MainWindow::Screen::Locked);
        // Another user cannot take over the running session: refused before the password is checked, so no login
        // of theirs is written.
        const auto alexLogins = loginReasons(shell, QStringLiteral("alex")).size();
        signInThroughForm(window, QStringLiteral("alex"), kPassword);
        CHECK(window.screen() == MainWindow::Screen::Locked);
        CHECK(child<QLabel>(window, "signInError")->text().contains(QStringLiteral("only")));
        CHECK(loginReasons(shell, QStringLiteral("alex")).size() == alexLogins);
        child<QPushButton>(window, "globalStop")->click();
    }
    SECTION("F12, with focus anywhere")
    {
        runSession();
        QTest::keyClick(&window, Qt::Key_F12);
    }
    SECTION("F12 while the unlock is being checked")
    {
        // The password check (Argon2id, the sign-in written durably) runs off the GUI thread, so the STOP pressed
        // meanwhile is taken before the answer is back, not queued behind it.
        runSession();
        window.lockScreen();
        REQUIRE(window.screen() == MainWindow::Screen::Locked);
        auto* page = window.findChild<galvani::ui::SignInPage*>();
        REQUIRE(page != nullptr);
        child<QLineEdit>(window, "signInPassword")->setText(kPassword);
        child<QPushButton>(window, "signInSubmit")->click();
        REQUIRE(page->checking());
        CHECK(child<QLabel>(window, "signInError")->text().contains(QStringLiteral("Checking")));
        CHECK_FALSE(child<QPushButton>(window, "signInSubmit")->isEnabled());
        QTest::keyClick(&window, Qt::Key_F12);
        CHECK(page->checking()); // the key was handled while the check still ran
        REQUIRE(waitUntil([&] { return sessions.state() == SessionState::Ended; }, 15s));
        waitForSignInCheck(window);
        CHECK(window.screen() == MainWindow::Screen::Workspace);
    }
    REQUIRE(waitUntil([&] { return sessions.state() == SessionState::Ended; }, 15s));
    CHECK(waitUntil([&] { return !child<QLabel>(window, "globalOutputIndicator")->isVisible(); }, 5s));
}

TEST_CASE(
    "another user cannot unlock over a technician's device run, and no login of theirs is written", "[ui][gui][shell]")
{
    // Regression: the unlock gate looked only at treatment sessions; a hand-over dropped the locked workspace and
    // with it the technician's device connection or calibration under way.
    Shell shell;
    const SignedInUser admin = shell.admin();
    shell.addUser(admin, QStringLiteral("terry"), Role::Technician);
    MainWindow window(*shell.context);
    window.setLockAfter(10min);
    window.show();
    signInThroughForm(window, QStringLiteral("terry"), kPassword);
    REQUIRE(window.screen() == MainWindow::Screen::Workspace);
    child<QPushButton>(window, "connectButton")->click(); // connect and self-test: the workspace is busy
    window.lockScreen();
    REQUIRE(window.screen() == MainWindow::Screen::Locked);
    const auto alexLogins = loginReasons(shell, QStringLiteral("alex")).size();
    child<QLineEdit>(window, "signInUser")->setText(QStringLiteral("alex"));
    child<QLineEdit>(window, "signInPassword")->setText(kPassword);
    child<QPushButton>(window, "signInSubmit")->click(); // the gate answers at once, before any password check
    CHECK(window.screen() == MainWindow::Screen::Locked);
    CHECK(child<QLabel>(window, "signInError")->text().contains(QStringLiteral("only")));
    CHECK(child<QLabel>(window, "signInError")->text().contains(QStringLiteral("device")));
    waitForSignInCheck(window);
    CHECK(loginReasons(shell, QStringLiteral("alex")).size() == alexLogins);
    // The technician unlocks and finds the run as it was.
    signInThroughForm(window, QStringLiteral("terry"), kPassword);
    CHECK(window.screen() == MainWindow::Screen::Workspace);
    CHECK(window.signedInUser()->username == QStringLiteral("terry"));
}

TEST_CASE(
    "dialogs open over the window are hidden while locked and closed when another user signs in", "[ui][gui][shell]")
{
    // Regression: dialogs are windows of their own, so the lock screen did not cover them; the locked user's guided
    // motor-point search (or a patient's screening) stayed usable at the locked workstation, and after a hand-over
    // the next user found it open, still acting as the previous user.
    Shell shell;
    const SignedInUser admin = shell.admin();
    shell.addUser(admin, QStringLiteral("tess"), Role::Therapist);
    MainWindow window(*shell.context);
    window.setLockAfter(10min);
    window.show();
    signInThroughForm(window, QStringLiteral("tess"), kPassword);
    REQUIRE(window.screen() == MainWindow::Screen::Workspace);
    QPointer<QDialog> dialog = new QDialog(&window); // as MotorPointPanel parents the search dialog
    dialog->open();
    REQUIRE(dialog->isVisible());

    window.lockScreen();
    REQUIRE(window.screen() == MainWindow::Screen::Locked);
    CHECK_FALSE(dialog->isVisible());
    signInThroughForm(window, QStringLiteral("tess"), kPassword);
    REQUIRE(window.screen() == MainWindow::Screen::Workspace);
    CHECK(dialog->isVisible()); // back for the user who locked

    window.lockScreen();
    CHECK_FALSE(dialog->isVisible());
    signInThroughForm(window, QStringLiteral("alex"), kPassword);
    REQUIRE(window.screen() == MainWindow::Screen::Workspace);
    CHECK(window.signedInUser()->username == QStringLiteral("alex"));
    QCoreApplication::processEvents(); // deleteLater
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    CHECK(dialog.isNull());
}
