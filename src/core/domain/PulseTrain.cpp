// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/PulseTrain.h"

#include "core/units/UnitFormat.h"

namespace galvani::core {

PulseTrain PulseTrain::pulses(
    Waveform waveform, Hertz frequency, Microseconds phaseWidth, Microseconds interphaseGap, Microamps amplitude)
{
    PulseTrain t;
    t.waveform = waveform;
    t.frequency = frequency;
    t.phaseWidth = phaseWidth;
    t.interphaseGap = interphaseGap;
    t.amplitude = amplitude;
    return t;
}

PulseTrain PulseTrain::sine(Hertz carrier, Microamps peak)
{
    PulseTrain t;
    t.waveform = Waveform::sineCarrier();
    t.frequency = carrier;
    t.amplitude = peak;
    return t;
}

PulseTrain PulseTrain::sine(Hertz carrier, Microamps peak, CarrierBurst burst)
{
    PulseTrain t = sine(carrier, peak);
    t.burst = burst;
    return t;
}

std::string PulseTrain::describeTiming() const
{
    std::string s;
    if (waveform.isPulsed()) {
        s = formatValue(phaseWidth, TimeStyle::InMicroseconds) + ", " + formatValue(frequency) + ", "
            + waveform.describe();
    } else {
        s = "sine " + formatValue(frequency);
    }
    if (const auto* b = pulseBurst()) {
        s += ", " + std::to_string(b->pulsesPerBurst) + " pulses per burst at " + formatValue(b->rate);
    } else if (const auto* c = carrierBurst()) {
        s += ", " + formatValue(c->rate) + " bursts at " + formatValue(c->duty);
    }
    return s;
}

} // namespace galvani::core
