// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in page's presenter without widgets, on a real AppContext: the first administrator, a sign-in and an
// unlock checked on the store worker, refusals worded as the service words them, the unlock gate, and the answer of
// a check dropped when the mode changes under it. The widget side is driven in tests/unit/ui/MainWindowTests.cpp.
#include "AdminWorld.h"

#include "app/AppContext.h"
#include "app/AppOptions.h"
#include "app/services/AuthService.h"
#include "ui/presenters/SignInPresenter.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <optional>

using namespace galvani;
using ui::presenters::SignInPresenter;
using Mode = SignInPresenter::Mode;
using SignInField = SignInPresenter::Field;

namespace {

const QString kPassword = QString::fromLatin1(test::AdminWorld::kPassword);

// What the presenter reported for one submit: its feedback, or the user signed in.
struct Answer {
    std::optional<SignInPresenter::Result> feedback;
    std::optional<app::SignedInUser> user;
};

// Submits and waits for the answer (the check runs on a worker thread), as the user waits for the screen.
Answer submitAndWait(SignInPresenter& p, const SignInPresenter::Form& form)
{
    Answer a;
    QObject receiver;
    QObject::connect(
        &p, &SignInPresenter::feedback, &receiver, [&a](const SignInPresenter::Result& r) { a.feedback = r; });
    QObject::connect(&p, &SignInPresenter::signedIn, &receiver, [&a](const app::SignedInUser& u) { a.user = u; });
    p.submit(form);
    QElapsedTimer clock;
    clock.start();
    while (!a.feedback && !a.user && clock.elapsed() < 30'000) {
        QSignalSpy(&p, &SignInPresenter::checkingChanged).wait(50);
    }
    REQUIRE((a.feedback || a.user));
    CHECK_FALSE(p.checking());
    return a;
}

} // namespace

TEST_CASE("sign-in presenter: each mode is worded and asks for its own fields")
{
    test::AdminWorld w;
    SignInPresenter p(w.context());
    QSignalSpy changed(&p, &SignInPresenter::modeChanged);
    CHECK(p.mode() == Mode::SignIn);
    CHECK(p.title() == QStringLiteral("Sign in"));
    CHECK(p.submitText() == QStringLiteral("&Sign in"));
    CHECK(p.explanation().contains(QStringLiteral("STOP (F12)")));
    CHECK_FALSE(p.asksDisplayName());
    CHECK_FALSE(p.asksRepeat());

    p.setMode(Mode::FirstRun);
    CHECK(changed.count() == 1);
    CHECK(p.title() == QStringLiteral("Welcome to Galvani"));
    CHECK(p.submitText() == QStringLiteral("&Create administrator"));
    CHECK(p.explanation().contains(QStringLiteral("at least 10 characters")));
    CHECK(p.asksDisplayName());
    CHECK(p.asksRepeat());

    p.setMode(Mode::Locked, QStringLiteral("Tess Lindqvist"), QStringLiteral("tess"));
    CHECK(changed.count() == 2);
    CHECK(p.title() == QStringLiteral("Screen locked"));
    CHECK(p.submitText() == QStringLiteral("&Unlock"));
    CHECK(p.explanation().contains(QStringLiteral("Locked for Tess Lindqvist.")));
    CHECK(p.explanation().contains(QStringLiteral("A running session continues")));
    CHECK_FALSE(p.asksRepeat());
}

TEST_CASE("sign-in presenter: a missing user name is refused at once, keeping the passwords")
{
    test::AdminWorld w;
    SignInPresenter p(w.context());
    QSignalSpy checking(&p, &SignInPresenter::checkingChanged);
    const Answer a = submitAndWait(p, {QStringLiteral("   "), {}, kPassword, {}});
    REQUIRE(a.feedback);
    CHECK(a.feedback->isError());
    CHECK(a.feedback->text == QStringLiteral("User name: enter your user name."));
    CHECK(a.feedback->focus == SignInField::Username);
    CHECK(checking.isEmpty()); // nothing was checked
}

TEST_CASE("sign-in presenter: a wrong password is refused in the service's words, the right one signs in")
{
    test::AdminWorld w;
    SignInPresenter p(w.context());
    QSignalSpy checking(&p, &SignInPresenter::checkingChanged);

    const Answer wrong = submitAndWait(p, {QStringLiteral("tess"), {}, QStringLiteral("not-her-password"), {}});
    REQUIRE(wrong.feedback);
    CHECK_FALSE(wrong.user);
    CHECK(wrong.feedback->isError());
    CHECK(wrong.feedback->focus == SignInField::Password);
    // The service's words, which are the same for an unknown user name (so they tell nothing about the account).
    const auto direct = w.context().auth().signIn(QStringLiteral("nobody"), QStringLiteral("not-her-password"));
    REQUIRE_FALSE(direct.ok());
    CHECK(wrong.feedback->text == direct.error().message);
    // The check ran on the worker: checking went on, then off.
    REQUIRE(checking.count() == 2);
    CHECK(checking.at(0).at(0).toBool());
    CHECK_FALSE(checking.at(1).at(0).toBool());

    const Answer right = submitAndWait(p, {QStringLiteral("  tess "), {}, kPassword, {}});
    REQUIRE(right.user);
    CHECK(right.user->username == QStringLiteral("tess"));
    CHECK(right.user->role == app::Role::Therapist);
}

TEST_CASE("sign-in presenter: the unlock gate refuses a user name before any password is checked")
{
    test::AdminWorld w;
    SignInPresenter p(w.context());
    p.setMode(Mode::Locked, QStringLiteral("Tess Lindqvist"), QStringLiteral("tess"));
    QStringList asked;
    p.setUnlockGate([&asked](const QString& username) {
        asked.append(username);
        return username == QStringLiteral("tom") ? QStringLiteral("A session of Tess Lindqvist is running.")
                                                 : QString();
    });
    QSignalSpy checking(&p, &SignInPresenter::checkingChanged);
    const Answer refused = submitAndWait(p, {QStringLiteral("tom"), {}, kPassword, {}});
    REQUIRE(refused.feedback);
    CHECK(refused.feedback->text == QStringLiteral("A session of Tess Lindqvist is running."));
    CHECK(checking.isEmpty());

    const Answer unlocked = submitAndWait(p, {QStringLiteral("tess"), {}, kPassword, {}});
    REQUIRE(unlocked.user);
    CHECK(unlocked.user->username == QStringLiteral("tess"));
    CHECK(asked == QStringList{QStringLiteral("tom"), QStringLiteral("tess")});
}

TEST_CASE("sign-in presenter: a mode change drops the answer of the check begun before it")
{
    test::AdminWorld w;
    SignInPresenter p(w.context());
    QSignalSpy feedback(&p, &SignInPresenter::feedback);
    QSignalSpy signedIn(&p, &SignInPresenter::signedIn);
    QSignalSpy checking(&p, &SignInPresenter::checkingChanged);
    p.submit({QStringLiteral("tess"), {}, kPassword, {}});
    REQUIRE(p.checking());
    // A second submit while the first is checked is ignored.
    p.submit({QStringLiteral("tom"), {}, kPassword, {}});
    p.setMode(Mode::Locked, QStringLiteral("Tess Lindqvist"), QStringLiteral("tess"));
    CHECK_FALSE(p.checking());
    // Long enough for the check to end (it takes well under a second); its answer is never heard.
    QSignalSpy(&p, &SignInPresenter::signedIn).wait(3'000);
    CHECK(signedIn.isEmpty());
    CHECK(feedback.isEmpty());
    REQUIRE(checking.count() == 2); // on at the submit, off at the mode change, never again
    // The worker is free again: an unlock in the new mode is checked and answered.
    const Answer unlocked = submitAndWait(p, {QStringLiteral("tess"), {}, kPassword, {}});
    CHECK(unlocked.user);
}

TEST_CASE("sign-in presenter: the first administrator, refused in the service's words until the form is right")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    app::AppOptions options;
    options.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8");
    options.storeUrl = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("galvani.sqlite"));
    QString error;
    auto context = app::AppContext::create(options, &error);
    INFO(error.toStdString());
    REQUIRE(context);
    SignInPresenter p(*context);
    p.setMode(Mode::FirstRun);

    const Answer differ = submitAndWait(
        p, {QStringLiteral("alex"), QStringLiteral("Alex Admin"), kPassword, kPassword + QStringLiteral("x")});
    REQUIRE(differ.feedback);
    CHECK(differ.feedback->text.startsWith(QStringLiteral("Repeat password:")));
    CHECK(differ.feedback->focus == SignInField::Password);

    const Answer shortPassword = submitAndWait(
        p, {QStringLiteral("alex"), QStringLiteral("Alex Admin"), QStringLiteral("short"), QStringLiteral("short")});
    REQUIRE(shortPassword.feedback);
    CHECK(shortPassword.feedback->text.contains(QStringLiteral("10")));
    const auto stillEmpty = context->auth().isEmpty();
    REQUIRE(stillEmpty.ok());
    CHECK(*stillEmpty); // nothing was created by the refused attempts

    const Answer created
        = submitAndWait(p, {QStringLiteral(" alex "), QStringLiteral(" Alex Admin "), kPassword, kPassword});
    REQUIRE(created.user);
    CHECK(created.user->username == QStringLiteral("alex"));
    CHECK(created.user->role == app::Role::Admin);
    const auto empty = context->auth().isEmpty();
    REQUIRE(empty.ok());
    CHECK_FALSE(*empty);
}
