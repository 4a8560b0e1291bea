// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode4/DutyCycle.h"

namespace galvani::proto::sm4 {
namespace {
constexpr double kFullyBusyPerMille = 1000.0;
constexpr double kRoundingMarginPerMille = 1e-9;
} // namespace

double dutyPerMille(const MlUpdate& update)
{
    double sum = 0.0;
    for (const auto& channel : update.channels) {
        if (!channel) {
            continue;
        }
        std::int64_t busyUs = kDutyOverheadUs;
        for (const Point& p : channel->points) {
            busyUs += p.duration.value();
        }
        const std::int64_t periodUs = channel->period.value();
        if (periodUs <= 0) {
            sum += kFullyBusyPerMille;
            continue;
        }
        // (busy µs / period ms) = 1000 * busy / period, both in µs.
        sum += kFullyBusyPerMille * static_cast<double>(busyUs) / static_cast<double>(periodUs);
    }
    return sum;
}

bool satisfiesDutyRule(const MlUpdate& update)
{
    return dutyPerMille(update) < kFullyBusyPerMille - kRoundingMarginPerMille;
}

} // namespace galvani::proto::sm4
