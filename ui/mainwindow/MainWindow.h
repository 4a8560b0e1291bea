// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"

#include <QMainWindow>

#include <chrono>
#include <memory>
#include <optional>

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

// The application shell: a top bar that is always visible (who is signed in, the output indicator, Lock, Sign out
// and a STOP button that is never disabled, also on the sign-in and lock screens, with the application-wide F12
// shortcut), and below it one of four screens: first run (create the first administrator of an empty store),
// sign in, locked (after the idle time or Ctrl+L; the session keeps running and STOP stays reachable), and the
// workspace with the tabs the signed-in role may use. The status bar names the stimulator and the record store.
// STOP goes to the session controller first (output stops before anything is recorded) and then to every panel
// that drives a device of its own (stopRequested()).
// Thread affinity: GUI thread. Ownership: does not own the AppContext, which must outlive it.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class Screen { FirstRun, SignIn, Locked, Workspace };

    explicit MainWindow(app::AppContext& context, QWidget* parent = nullptr);
    ~MainWindow() override;
    MainWindow(const MainWindow&) = delete;
    MainWindow& operator=(const MainWindow&) = delete;

    // The screen locks after this long without keyboard or mouse input (default 10 minutes, CLINICAL §7).
    void setLockAfter(std::chrono::milliseconds idle);
    [[nodiscard]] Screen screen() const;
    [[nodiscard]] std::optional<app::SignedInUser> signedInUser() const;

public Q_SLOTS:
    void stopAll(); // the STOP button and F12
    void lockScreen(); // Ctrl+L and the idle timer; no effect unless the workspace is shown
    void signOut(); // refused with a message while a session is active

Q_SIGNALS:
    // STOP was pressed: every panel that drives a device of its own (calibration, device panel) stops it now.
    void stopRequested();
    void screenChanged(galvani::ui::MainWindow::Screen screen);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace galvani::ui
