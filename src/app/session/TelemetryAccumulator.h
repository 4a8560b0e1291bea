// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/session/SessionRecords.h"
#include "app/session/SessionTypes.h"

#include <QList>
#include <QtGlobal>

#include <map>
#include <optional>

namespace galvani::app {

// Turns the telemetry of a session into per-second delivered-current summaries and per-channel totals.
//
// Session time: stimulation time only. Each run segment (start, and every resume) is anchored with
// beginSegment(deviceTimeUs, elapsedBeforeUs); a sample's second is ⌊(t − segmentStart + elapsedBefore) / 1 s⌋.
// Charge: each sample is one delivered pulse, charge = |I| · (t₁ + r · t₂) · 10⁻⁶ µC with I in µA and the phase
// widths t in µs (r = second-phase amplitude ratio; symmetric biphasic t₂ = t₁, r = 1; monophasic t₂ = 0), both
// phases counted as magnitudes; I is the measured current when the device measures it, else the commanded one.
// The summaries take a second only once it is kSettleUs in the past, so late-drained samples still land in it;
// a sample for a second already taken counts in the totals only.
// Thread affinity: the thread that drains the telemetry ring (the controller's). Ownership: values.
class TelemetryAccumulator {
public:
    static constexpr qint64 kSettleUs = 250'000;

    // phaseChargeTimeUs = t₁ + r·t₂ of the channel's pulse, µs.
    void addChannel(int channel, double phaseChargeTimeUs);
    void beginSegment(qint64 deviceTimeUs, qint64 elapsedBeforeUs);
    void add(const PulseSample& sample);
    // An amplitude the device was commanded (µA), for the maximum: the pulses of a command that a stop overtook
    // never come back as telemetry, but the command was sent.
    void noteCommanded(int channel, qint64 commandedUa);

    // The seconds that ended at least kSettleUs before nowUs (device time), oldest first; they are not returned
    // again.
    [[nodiscard]] QList<SecondSummary> takeSettledSeconds(qint64 nowUs);
    // Every second still open (at the end of a segment or of the session).
    [[nodiscard]] QList<SecondSummary> takeAllSeconds();

    [[nodiscard]] QList<ChannelTotal> totals() const;
    [[nodiscard]] QList<ChannelTotalsRecord> totalsRecords() const;
    [[nodiscard]] qint64 lateSamples() const { return m_late; }

private:
    struct Second {
        qint64 commandedMaxUa = 0;
        qint64 samples = 0;
        qint64 measured = 0;
        double measuredSum = 0.0;
        qint64 measuredMin = 0;
        qint64 measuredMax = 0;
    };
    struct Channel {
        double phaseChargeTimeUs = 0.0;
        qint64 maxAmplitudeUa = 0;
        double chargeUc = 0.0;
        std::map<qint64, Second> open; // second index → accumulating summary
        qint64 firstOpenIndex = 0; // seconds below this were taken
    };
    [[nodiscard]] qint64 secondOf(qint64 timeUs) const;
    [[nodiscard]] static SecondSummary summaryOf(int channel, qint64 index, const Second& s);

    std::map<int, Channel> m_channels;
    qint64 m_segmentStartUs = 0;
    qint64 m_elapsedBeforeUs = 0;
    qint64 m_late = 0;
};

} // namespace galvani::app
