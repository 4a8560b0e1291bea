// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/IdleWatcher.h"

#include <QCoreApplication>
#include <QEvent>

namespace galvani::ui {

IdleWatcher::IdleWatcher(std::chrono::milliseconds timeout, QObject* parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(timeout);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_enabled) {
            Q_EMIT idle();
        }
    });
    QCoreApplication::instance()->installEventFilter(this);
}

IdleWatcher::~IdleWatcher()
{
    if (QCoreApplication::instance() != nullptr) {
        QCoreApplication::instance()->removeEventFilter(this);
    }
}

void IdleWatcher::setTimeout(std::chrono::milliseconds timeout)
{
    m_timer.setInterval(timeout);
    if (m_enabled) {
        m_timer.start();
    }
}

std::chrono::milliseconds IdleWatcher::timeout() const
{
    return m_timer.intervalAsDuration();
}

void IdleWatcher::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (enabled) {
        m_timer.start();
    } else {
        m_timer.stop();
    }
}

void IdleWatcher::restart()
{
    if (m_enabled) {
        m_timer.start();
    }
}

bool IdleWatcher::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TabletPress:
        restart();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace galvani::ui
