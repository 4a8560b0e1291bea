// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/MainWindow.h"

#include "app/AppContext.h"
#include "app/services/AuthService.h"
#include "app/session/SessionController.h"
#include "app/store/RecordStore.h"
#include "ui/mainwindow/IdleWatcher.h"
#include "ui/mainwindow/SignInPage.h"
#include "ui/mainwindow/StopKey.h"
#include "ui/mainwindow/WindowDialogs.h"
#include "ui/mainwindow/Workspace.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

#include <map>

namespace galvani::ui {

using namespace std::chrono_literals;

namespace {

bool sessionActive(app::SessionState state)
{
    switch (state) {
    case app::SessionState::Idle:
    case app::SessionState::Ended:
        return false;
    default:
        return true;
    }
}

QString storeNotice(const app::StoreOpenReport& report, bool* warning)
{
    QStringList lines;
    *warning = false;
    if (!report.auditOk) {
        *warning = true;
        lines << QStringLiteral("⚠ The audit trail does not verify: %1. Tell the clinic administrator; treatment "
                                "can continue and every action is still recorded.")
                     .arg(report.auditSummary);
    }
    if (!report.interruptedSessions.isEmpty()) {
        *warning = true;
        QStringList ids;
        for (const qint64 id : report.interruptedSessions) {
            ids << QString::number(id);
        }
        lines << QStringLiteral("⚠ Sessions cut short by a crash or power loss were closed as \"app crash\" "
                                "(session %1). They are not resumed.")
                     .arg(ids.join(QStringLiteral(", ")));
    }
    if (!report.backupPath.isEmpty()) {
        lines << QStringLiteral("The record store was upgraded from version %1 to %2; the copy made before the "
                                "upgrade is %3.")
                     .arg(report.fromVersion)
                     .arg(report.toVersion)
                     .arg(report.backupPath);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

struct MainWindow::Impl {
    MainWindow& q;
    app::AppContext& context;
    Screen screen = Screen::SignIn;
    std::optional<app::SignedInUser> user;
    std::map<int, bool> output; // channel → delivering now

    QStackedWidget* stack = nullptr;
    SignInPage* signIn = nullptr;
    Workspace* workspace = nullptr;
    QLabel* userLabel = nullptr;
    QLabel* outputIndicator = nullptr;
    QPushButton* lockButton = nullptr;
    QPushButton* signOutButton = nullptr;
    QPushButton* stopButton = nullptr;
    IdleWatcher* idle = nullptr;
    WindowDialogs dialogs; // hidden while locked, closed with the workspace

    Impl(MainWindow& owner, app::AppContext& ctx) : q(owner), context(ctx) { }

    void buildTopBar(QVBoxLayout* layout);
    void setScreen(Screen next);
    void enterWorkspace(const app::SignedInUser& signedIn);
    void onSignedIn(const app::SignedInUser& signedIn);
    // Why `username` may not unlock the locked screen now ("" = it may): while a session runs, only its user.
    [[nodiscard]] QString unlockRefusal(const QString& username) const;
    void dropWorkspace();
    void updateOutputIndicator();
    [[nodiscard]] bool active() const { return sessionActive(context.sessions().state()); }
};

void MainWindow::Impl::buildTopBar(QVBoxLayout* layout)
{
    auto* bar = new QFrame(&q);
    bar->setObjectName(QStringLiteral("topBar"));
    bar->setFrameShape(QFrame::StyledPanel);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(12, 6, 12, 6);

    auto* title = new QLabel(QStringLiteral("Galvani"), bar);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title->setFont(titleFont);
    row->addWidget(title);
    row->addSpacing(24);

    outputIndicator = new QLabel(QStringLiteral("⚡ OUTPUT ON"), bar);
    outputIndicator->setObjectName(QStringLiteral("globalOutputIndicator"));
    outputIndicator->setToolTip(QStringLiteral("At least one channel is delivering current now."));
    QFont indicatorFont = outputIndicator->font();
    indicatorFont.setBold(true);
    indicatorFont.setPointSizeF(indicatorFont.pointSizeF() * 1.3);
    outputIndicator->setFont(indicatorFont);
    outputIndicator->setStyleSheet(
        QStringLiteral("background: #ffb300; color: black; border: 2px solid black; padding: 4px 10px;"));
    outputIndicator->setVisible(false);
    row->addWidget(outputIndicator);
    row->addStretch(1);

    userLabel = new QLabel(bar);
    userLabel->setObjectName(QStringLiteral("signedInUser"));
    row->addWidget(userLabel);

    lockButton = new QPushButton(QStringLiteral("&Lock"), bar);
    lockButton->setObjectName(QStringLiteral("lockScreen"));
    lockButton->setToolTip(QStringLiteral("Lock the screen (Ctrl+L). A running session continues; STOP stays here."));
    row->addWidget(lockButton);
    signOutButton = new QPushButton(QStringLiteral("Sign &out"), bar);
    signOutButton->setObjectName(QStringLiteral("signOut"));
    row->addWidget(signOutButton);
    row->addSpacing(16);

    stopButton = new QPushButton(QStringLiteral("STOP  (F12)"), bar);
    stopButton->setObjectName(QStringLiteral("globalStop"));
    stopButton->setToolTip(QStringLiteral("Stops all output of every channel at once (F12, from any screen)."));
    stopButton->setFocusPolicy(Qt::TabFocus);
    stopButton->setMinimumSize(170, 48);
    QFont stopFont = stopButton->font();
    stopFont.setBold(true);
    stopFont.setPointSizeF(stopFont.pointSizeF() * 1.6);
    stopButton->setFont(stopFont);
    stopButton->setStyleSheet(QStringLiteral("QPushButton { background: #c62828; color: white; border: 3px solid "
                                             "#7f0000; border-radius: 6px; padding: 4px 18px; }"
                                             "QPushButton:pressed { background: #7f0000; }"));
    row->addWidget(stopButton);
    layout->addWidget(bar);

    QObject::connect(stopButton, &QPushButton::clicked, &q, &MainWindow::stopAll);
    QObject::connect(lockButton, &QPushButton::clicked, &q, &MainWindow::lockScreen);
    QObject::connect(signOutButton, &QPushButton::clicked, &q, &MainWindow::signOut);
}

void MainWindow::Impl::setScreen(Screen next)
{
    screen = next;
    const bool inWorkspace = next == Screen::Workspace;
    lockButton->setVisible(inWorkspace);
    signOutButton->setVisible(inWorkspace);
    idle->setEnabled(inWorkspace);
    if (user && (next == Screen::Workspace || next == Screen::Locked)) {
        userLabel->setText(QStringLiteral("%1 · %2").arg(
            user->displayName.isEmpty() ? user->username : user->displayName, app::toString(user->role)));
    } else {
        userLabel->setText(QStringLiteral("Not signed in"));
    }
    switch (next) {
    case Screen::FirstRun:
        signIn->setMode(SignInPage::Mode::FirstRun);
        stack->setCurrentWidget(signIn);
        break;
    case Screen::SignIn:
        signIn->setMode(SignInPage::Mode::SignIn);
        stack->setCurrentWidget(signIn);
        break;
    case Screen::Locked:
        signIn->setMode(SignInPage::Mode::Locked,
            user ? (user->displayName.isEmpty() ? user->username : user->displayName) : QString(),
            user ? user->username : QString());
        stack->setCurrentWidget(signIn);
        break;
    case Screen::Workspace:
        stack->setCurrentWidget(workspace);
        break;
    }
    Q_EMIT q.screenChanged(next);
}

void MainWindow::Impl::dropWorkspace()
{
    dialogs.closeAll(q);
    if (workspace != nullptr) {
        // Out of the window at once (nothing can reach it any more), destroyed once control is back in the loop.
        stack->removeWidget(workspace);
        workspace->hide();
        workspace->setParent(nullptr);
        workspace->deleteLater();
        workspace = nullptr;
    }
}

void MainWindow::Impl::enterWorkspace(const app::SignedInUser& signedIn)
{
    dropWorkspace();
    user = signedIn;
    workspace = new Workspace(context, signedIn, stack);
    QObject::connect(&q, &MainWindow::stopRequested, workspace, &Workspace::stopRequested);
    stack->addWidget(workspace);
    setScreen(Screen::Workspace);
}

QString MainWindow::Impl::unlockRefusal(const QString& username) const
{
    if (!user || username == user->username) {
        return {};
    }
    const QString who = user->displayName.isEmpty() ? user->username : user->displayName;
    if (active()) {
        return QStringLiteral("A session run by %1 is active on this workstation: only %1 can unlock the screen. "
                              "STOP (F12) stops the session at any time.")
            .arg(who);
    }
    if (workspace != nullptr && workspace->busy()) {
        return QStringLiteral("%1 has a device connection or calibration under way on this workstation: only %1 can "
                              "unlock the screen. STOP (F12) stops the device's output at any time.")
            .arg(who);
    }
    return {};
}

void MainWindow::Impl::onSignedIn(const app::SignedInUser& signedIn)
{
    if (screen == Screen::Locked && user && workspace != nullptr) {
        if (signedIn.id == user->id) {
            setScreen(Screen::Workspace);
            dialogs.showAgain();
            return;
        }
        if (const QString refusal = unlockRefusal(signedIn.username); !refusal.isEmpty()) {
            // The gate refused this before the check; a session or device run started meanwhile lands here.
            signIn->showError(refusal);
            return;
        }
    }
    enterWorkspace(signedIn);
}

void MainWindow::Impl::updateOutputIndicator()
{
    bool any = false;
    for (const auto& [channel, delivering] : output) {
        any = any || delivering;
    }
    outputIndicator->setVisible(any);
}

MainWindow::MainWindow(app::AppContext& context, QWidget* parent)
    : QMainWindow(parent), d(std::make_unique<Impl>(*this, context))
{
    setWindowTitle(QStringLiteral("Galvani"));
    setMinimumSize(1024, 700);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    d->idle = new IdleWatcher(10min, this);
    d->buildTopBar(layout);
    d->stack = new QStackedWidget(central);
    d->stack->setObjectName(QStringLiteral("screens"));
    layout->addWidget(d->stack, 1);
    d->signIn = new SignInPage(context, d->stack);
    d->stack->addWidget(d->signIn);
    setCentralWidget(central);

    bool warning = false;
    d->signIn->setNotice(storeNotice(context.storeReport(), &warning), warning);

    auto* device = new QLabel(QStringLiteral("Stimulator: ") + context.deviceUrl(), this);
    device->setObjectName(QStringLiteral("deviceUrlLabel"));
    device->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* store = new QLabel(QStringLiteral("Records: ") + context.storeUrl(), this);
    store->setObjectName(QStringLiteral("storeUrlLabel"));
    store->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(device, 1);
    statusBar()->addPermanentWidget(store);

    // F12 reaches STOP through an application-wide filter: a QShortcut would be blocked by any modal dialog.
    connect(new StopKey(this), &StopKey::pressed, this, &MainWindow::stopAll);
    auto* lockKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this);
    lockKey->setContext(Qt::ApplicationShortcut);
    connect(lockKey, &QShortcut::activated, this, &MainWindow::lockScreen);

    connect(d->signIn, &SignInPage::signedIn, this, [this](const app::SignedInUser& u) { d->onSignedIn(u); });
    d->signIn->setUnlockGate([this](const QString& username) { return d->unlockRefusal(username); });
    connect(d->idle, &IdleWatcher::idle, this, &MainWindow::lockScreen);

    app::SessionController& sessions = context.sessions();
    connect(&sessions, &app::SessionController::channelStatusChanged, this, [this](const app::ChannelStatus& s) {
        d->output[s.channel] = s.outputPresent;
        d->updateOutputIndicator();
    });
    connect(&sessions, &app::SessionController::stateChanged, this, [this](app::SessionState state) {
        if (state != app::SessionState::Running && state != app::SessionState::Starting
            && state != app::SessionState::Stopping && state != app::SessionState::Paused) {
            d->output.clear();
        }
        d->updateOutputIndicator();
    });

    const auto empty = context.auth().isEmpty();
    if (!empty.ok()) {
        d->setScreen(Screen::SignIn);
        d->signIn->showError(empty.error().message);
    } else {
        d->setScreen(*empty ? Screen::FirstRun : Screen::SignIn);
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::setLockAfter(std::chrono::milliseconds idle)
{
    d->idle->setTimeout(idle);
}

MainWindow::Screen MainWindow::screen() const
{
    return d->screen;
}

std::optional<app::SignedInUser> MainWindow::signedInUser() const
{
    return d->user;
}

void MainWindow::stopAll()
{
    // The device first: SessionController::stop never waits on the database and is never refused.
    const QString who = d->user ? d->user->username : QStringLiteral("nobody signed in");
    d->context.sessions().stop(QStringLiteral("STOP pressed (%1)").arg(who));
    Q_EMIT stopRequested();
    statusBar()->showMessage(QStringLiteral("STOP: output stopped on every channel."), 10000);
}

void MainWindow::lockScreen()
{
    if (d->screen == Screen::Workspace) {
        d->setScreen(Screen::Locked);
        d->dialogs.hideAll(*this); // they are windows of their own: the lock screen would not cover them
    }
}

void MainWindow::signOut()
{
    if (d->screen != Screen::Workspace) {
        return;
    }
    if (d->active() || (d->workspace != nullptr && d->workspace->busy())) {
        QMessageBox::information(this, QStringLiteral("Output running"),
            QStringLiteral("A session or a calibration is under way. End it (or press STOP) before signing out. "
                           "You can lock the screen instead; it continues."));
        return;
    }
    d->dropWorkspace();
    d->user.reset();
    d->setScreen(Screen::SignIn);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (d->active() || (d->workspace != nullptr && d->workspace->busy())) {
        const auto answer = QMessageBox::question(this, QStringLiteral("Stop the output and close?"),
            QStringLiteral("A session or a calibration is under way. Closing Galvani stops all output now; a "
                           "session is recorded as stopped, a calibration channel as incomplete. Close anyway?"),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        stopAll();
    }
    event->accept();
}

} // namespace galvani::ui
