// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/WindowDialogs.h"

#include <QDialog>
#include <QWidget>

namespace galvani::ui {

void WindowDialogs::hideAll(QWidget& window)
{
    const auto dialogs = window.findChildren<QDialog*>();
    for (QDialog* dialog : dialogs) {
        if (dialog->isWindow() && dialog->isVisible()) {
            dialog->hide(); // not closed: hiding stops nothing
            m_hidden.append(dialog);
        }
    }
}

void WindowDialogs::showAgain()
{
    for (const QPointer<QDialog>& dialog : std::as_const(m_hidden)) {
        if (dialog) {
            dialog->show();
            dialog->raise();
            dialog->activateWindow();
        }
    }
    m_hidden.clear();
}

void WindowDialogs::closeAll(QWidget& window)
{
    m_hidden.clear();
    const auto dialogs = window.findChildren<QDialog*>();
    for (QDialog* dialog : dialogs) {
        if (dialog->isWindow()) {
            dialog->reject(); // the search dialog stops its search on reject
            dialog->hide();
            dialog->deleteLater();
        }
    }
}

} // namespace galvani::ui
