// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/calibration/SelfTestReport.h"

#include <QStringList>

namespace galvani::app {

QString toString(CheckOutcome outcome)
{
    switch (outcome) {
    case CheckOutcome::Passed:
        return QStringLiteral("passed");
    case CheckOutcome::Warning:
        return QStringLiteral("warning");
    case CheckOutcome::Failed:
        return QStringLiteral("failed");
    case CheckOutcome::NotAvailable:
        return QStringLiteral("not available");
    }
    return QStringLiteral("unknown");
}

QString toString(SelfTestScope scope)
{
    switch (scope) {
    case SelfTestScope::Full:
        return QStringLiteral("full");
    case SelfTestScope::Therapy:
        return QStringLiteral("therapy");
    }
    return QStringLiteral("unknown");
}

bool SelfTestReport::passed() const
{
    for (const SelfTestCheck& c : checks) {
        if (c.outcome == CheckOutcome::Failed) {
            return false;
        }
    }
    return true;
}

bool SelfTestReport::channelFailed(int channel) const
{
    for (const SelfTestCheck& c : checks) {
        if (c.outcome == CheckOutcome::Failed && (c.channel == 0 || c.channel == channel)) {
            return true;
        }
    }
    return false;
}

QString SelfTestReport::summary() const
{
    QStringList failed;
    for (const SelfTestCheck& c : checks) {
        if (c.outcome == CheckOutcome::Failed) {
            failed.append(c.channel > 0
                    ? QStringLiteral("%1 on channel %2: %3").arg(c.name).arg(c.channel).arg(c.detail)
                    : QStringLiteral("%1: %2").arg(c.name, c.detail));
        }
    }
    return failed.isEmpty() ? QStringLiteral("passed") : QStringLiteral("failed: ") + failed.join(QStringLiteral("; "));
}

} // namespace galvani::app
