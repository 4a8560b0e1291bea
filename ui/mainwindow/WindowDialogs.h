// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointer>

class QDialog;
class QWidget;

namespace galvani::ui {

// The dialogs a workspace opened over the main window (the guided motor-point search, screening, a new patient, a
// message box) are windows of their own, so turning the main window to the lock screen does not cover them: a
// passer-by could go on with the locked user's search or read the patient in it. hideAll() hides every visible one
// when the screen locks (a search under way goes on, like a treatment session: STOP and the output indicator stay on
// the lock screen); showAgain() brings them back when the same user unlocks; closeAll() closes (rejects) and
// deletes every one when the workspace is dropped (sign-out, another user signed in), so nothing of one user's work
// is left to the next. Thread affinity: GUI thread. Ownership: tracks the dialogs, owns none.
class WindowDialogs {
public:
    void hideAll(QWidget& window);
    void showAgain();
    void closeAll(QWidget& window);

private:
    QList<QPointer<QDialog>> m_hidden;
};

} // namespace galvani::ui
