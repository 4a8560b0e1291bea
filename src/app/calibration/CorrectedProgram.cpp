// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/calibration/CorrectedProgram.h"

#include <algorithm>

namespace galvani::app::calibration {

core::Program withDeviceCommands(
    const core::Program& program, const std::function<qint64(int channel, qint64 targetUa)>& commandFor)
{
    core::Program out = program;
    for (core::ChannelProgram& c : out.channels) {
        c.train.amplitude = core::Microamps(commandFor(c.channel.index(), c.train.amplitude.value()));
    }
    return out;
}

QList<qint64> amplitudeSteps(qint64 from, qint64 to, qint64 maxStep)
{
    QList<qint64> out;
    if (maxStep <= 0) {
        return out;
    }
    qint64 at = from;
    while (at != to) {
        at = to > at ? std::min(to, at + maxStep) : std::max(to, at - maxStep);
        out.append(at);
    }
    return out;
}

} // namespace galvani::app::calibration
