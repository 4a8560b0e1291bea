// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventWait.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

namespace galvani::cli {

bool runUntil(const std::function<bool()>& predicate, std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(std::chrono::milliseconds(10)); // wakes the loop to look at predicate() and the deadline
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (predicate() || deadline.hasExpired()) {
            loop.quit();
        }
    });
    if (predicate()) {
        return true;
    }
    poll.start();
    loop.exec();
    return predicate();
}

} // namespace galvani::cli
