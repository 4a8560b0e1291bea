// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/StopKey.h"

#include <QCoreApplication>
#include <QKeyEvent>

namespace galvani::ui {

StopKey::StopKey(QObject* parent) : QObject(parent)
{
    QCoreApplication::instance()->installEventFilter(this);
}

StopKey::~StopKey()
{
    if (QCoreApplication::instance() != nullptr) {
        QCoreApplication::instance()->removeEventFilter(this);
    }
}

bool StopKey::eventFilter(QObject* watched, QEvent* event)
{
    const auto type = event->type();
    if (type != QEvent::KeyPress && type != QEvent::ShortcutOverride) {
        return QObject::eventFilter(watched, event);
    }
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() != Qt::Key_F12) {
        return QObject::eventFilter(watched, event);
    }
    // ShortcutOverride comes first: accepting it keeps any shortcut from taking the key, so the press that
    // follows is delivered. The press is taken at its first delivery (returning true ends its propagation).
    event->accept();
    if (type == QEvent::KeyPress) {
        if (!key->isAutoRepeat()) {
            Q_EMIT pressed();
        }
        return true;
    }
    return false;
}

} // namespace galvani::ui
