// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/session/SessionTypes.h"

namespace galvani::app {

QString toString(SessionState state)
{
    switch (state) {
    case SessionState::Idle:
        return QStringLiteral("idle");
    case SessionState::Preparing:
        return QStringLiteral("preparing");
    case SessionState::Ready:
        return QStringLiteral("ready");
    case SessionState::Starting:
        return QStringLiteral("starting");
    case SessionState::Running:
        return QStringLiteral("running");
    case SessionState::Paused:
        return QStringLiteral("paused");
    case SessionState::Stopping:
        return QStringLiteral("stopping");
    case SessionState::Ended:
        return QStringLiteral("ended");
    }
    return QStringLiteral("unknown");
}

bool isActive(SessionState state)
{
    switch (state) {
    case SessionState::Preparing:
    case SessionState::Ready:
    case SessionState::Starting:
    case SessionState::Running:
    case SessionState::Paused:
    case SessionState::Stopping:
        return true;
    case SessionState::Idle:
    case SessionState::Ended:
        return false;
    }
    return false;
}

QString toString(SessionEndReason reason)
{
    switch (reason) {
    case SessionEndReason::Completed:
        return QStringLiteral("completed");
    case SessionEndReason::StoppedByTherapist:
        return QStringLiteral("stopped_by_therapist");
    case SessionEndReason::Fault:
        return QStringLiteral("fault");
    case SessionEndReason::LinkLost:
        return QStringLiteral("link_lost");
    }
    return QStringLiteral("unknown");
}

} // namespace galvani::app
