// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

// The application shell: hosts the panels and shows which stimulator and record store are in use.
// Thread affinity: GUI thread. Ownership: does not own the AppContext, which must outlive it.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(app::AppContext& context, QWidget* parent = nullptr);
};

} // namespace galvani::ui
