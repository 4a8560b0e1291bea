// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/session/TelemetryAccumulator.h"

#include <algorithm>
#include <cmath>

namespace galvani::app {

namespace {

constexpr qint64 kMicrosPerSecond = 1'000'000;

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

} // namespace

void TelemetryAccumulator::addChannel(int channel, double phaseChargeTimeUs)
{
    m_channels[channel].phaseChargeTimeUs = phaseChargeTimeUs;
}

void TelemetryAccumulator::beginSegment(qint64 deviceTimeUs, qint64 elapsedBeforeUs)
{
    m_segmentStartUs = deviceTimeUs;
    m_elapsedBeforeUs = elapsedBeforeUs;
}

qint64 TelemetryAccumulator::secondOf(qint64 timeUs) const
{
    // Samples from just before the anchor (the device started a few µs before we noted it) count in the
    // segment's first second, never in an earlier one.
    const qint64 sessionUs = std::max<qint64>(timeUs - m_segmentStartUs, 0) + m_elapsedBeforeUs;
    return floorDiv(sessionUs, kMicrosPerSecond);
}

void TelemetryAccumulator::add(const PulseSample& sample)
{
    const auto found = m_channels.find(sample.channel);
    if (found == m_channels.end()) {
        return; // not a channel of this session
    }
    Channel& c = found->second;
    c.maxAmplitudeUa = std::max(c.maxAmplitudeUa, sample.commandedUa);
    const qint64 delivered = std::llabs(sample.measuredUa.value_or(sample.commandedUa));
    c.chargeUc += static_cast<double>(delivered) * c.phaseChargeTimeUs * 1e-6;

    const qint64 index = secondOf(sample.timeUs);
    if (index < c.firstOpenIndex) {
        ++m_late;
        return;
    }
    Second& s = c.open[index];
    s.commandedMaxUa = std::max(s.commandedMaxUa, sample.commandedUa);
    ++s.samples;
    if (sample.measuredUa) {
        const qint64 m = *sample.measuredUa;
        s.measuredMin = s.measured == 0 ? m : std::min(s.measuredMin, m);
        s.measuredMax = s.measured == 0 ? m : std::max(s.measuredMax, m);
        s.measuredSum += static_cast<double>(m);
        ++s.measured;
    }
}

void TelemetryAccumulator::noteCommanded(int channel, qint64 commandedUa)
{
    const auto found = m_channels.find(channel);
    if (found != m_channels.end()) {
        found->second.maxAmplitudeUa = std::max(found->second.maxAmplitudeUa, commandedUa);
    }
}

SecondSummary TelemetryAccumulator::summaryOf(int channel, qint64 index, const Second& s)
{
    SecondSummary out;
    out.channel = channel;
    out.secondIndex = index;
    out.commandedUa = s.commandedMaxUa;
    out.samples = s.samples;
    if (s.measured > 0) {
        out.measuredMinUa = s.measuredMin;
        out.measuredMaxUa = s.measuredMax;
        out.measuredMeanUa = std::llround(s.measuredSum / static_cast<double>(s.measured));
    }
    return out;
}

QList<SecondSummary> TelemetryAccumulator::takeSettledSeconds(qint64 nowUs)
{
    // Second k is settled once its end, (k + 1) s of session time, lies kSettleUs behind now.
    const qint64 firstUnsettled = secondOf(nowUs - kSettleUs);
    QList<SecondSummary> out;
    for (auto& [channel, c] : m_channels) {
        for (auto it = c.open.begin(); it != c.open.end() && it->first < firstUnsettled;) {
            out.append(summaryOf(channel, it->first, it->second));
            it = c.open.erase(it);
        }
        c.firstOpenIndex = std::max(c.firstOpenIndex, firstUnsettled);
    }
    std::sort(out.begin(), out.end(), [](const SecondSummary& a, const SecondSummary& b) {
        return a.secondIndex != b.secondIndex ? a.secondIndex < b.secondIndex : a.channel < b.channel;
    });
    return out;
}

QList<SecondSummary> TelemetryAccumulator::takeAllSeconds()
{
    QList<SecondSummary> out;
    for (auto& [channel, c] : m_channels) {
        for (const auto& [index, second] : c.open) {
            out.append(summaryOf(channel, index, second));
            c.firstOpenIndex = std::max(c.firstOpenIndex, index + 1);
        }
        c.open.clear();
    }
    std::sort(out.begin(), out.end(), [](const SecondSummary& a, const SecondSummary& b) {
        return a.secondIndex != b.secondIndex ? a.secondIndex < b.secondIndex : a.channel < b.channel;
    });
    return out;
}

QList<ChannelTotal> TelemetryAccumulator::totals() const
{
    QList<ChannelTotal> out;
    for (const auto& [channel, c] : m_channels) {
        out.append(ChannelTotal{channel, c.maxAmplitudeUa, c.chargeUc});
    }
    return out;
}

QList<ChannelTotalsRecord> TelemetryAccumulator::totalsRecords() const
{
    QList<ChannelTotalsRecord> out;
    for (const auto& [channel, c] : m_channels) {
        out.append(ChannelTotalsRecord{channel, c.maxAmplitudeUa, static_cast<qint64>(std::floor(c.chargeUc))});
    }
    return out;
}

} // namespace galvani::app
