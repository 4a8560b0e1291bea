// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/safety/Violation.h"

#include <vector>

namespace galvani::core::safety {

std::string_view toString(Field f)
{
    switch (f) {
    case Field::Program:
        return "programme content";
    case Field::Limits:
        return "limits";
    case Field::Channel:
        return "channel";
    case Field::Waveform:
        return "waveform";
    case Field::SecondPhaseRatio:
        return "second phase ratio";
    case Field::SecondPhaseWidth:
        return "second phase width";
    case Field::Amplitude:
        return "amplitude";
    case Field::PhaseWidth:
        return "phase width";
    case Field::InterphaseGap:
        return "interphase gap";
    case Field::Frequency:
        return "frequency";
    case Field::CarrierFrequency:
        return "carrier frequency";
    case Field::Burst:
        return "burst";
    case Field::BurstRate:
        return "burst rate";
    case Field::PulsesPerBurst:
        return "pulses per burst";
    case Field::BurstDuty:
        return "burst duty";
    case Field::RampUp:
        return "ramp up";
    case Field::OnTime:
        return "on time";
    case Field::RampDown:
        return "ramp down";
    case Field::OffTime:
        return "off time";
    case Field::StartRamp:
        return "start ramp";
    case Field::Duration:
        return "duration";
    case Field::ElectrodeArea:
        return "electrode area";
    case Field::TotalCharge:
        return "treatment total charge";
    case Field::AmplitudeStep:
        return "amplitude step";
    }
    return "unknown field";
}

std::string_view toString(Rule r)
{
    switch (r) {
    case Rule::Range:
        return "range";
    case Rule::NotFinite:
        return "not finite";
    case Rule::NotApplicable:
        return "not applicable";
    case Rule::Unsupported:
        return "unsupported";
    case Rule::Duplicate:
        return "duplicate";
    case Rule::Missing:
        return "missing";
    case Rule::InvalidLimits:
        return "invalid limits";
    case Rule::PeakCurrent:
        return "peak current";
    case Rule::RmsCurrent:
        return "rms current";
    case Rule::EnergyPerPulse:
        return "energy per pulse";
    case Rule::PeakVoltage:
        return "peak voltage";
    case Rule::DcCurrent:
        return "d.c. current";
    case Rule::ChargeBalance:
        return "charge balance";
    case Rule::DcCurrentDensity:
        return "d.c. current density";
    case Rule::PowerDensity:
        return "power density";
    case Rule::CurrentDensity:
        return "current density";
    case Rule::PulseFitsPeriod:
        return "pulse fits period";
    case Rule::BurstFitsPeriod:
        return "burst fits period";
    case Rule::BurstOnTime:
        return "burst on time";
    case Rule::RampRate:
        return "ramp rate";
    case Rule::ContractionOn:
        return "contraction on time";
    case Rule::ContractionOff:
        return "contraction off time";
    case Rule::SessionLength:
        return "session length";
    case Rule::ChargeDose:
        return "charge dose";
    case Rule::AmplitudeStep:
        return "amplitude step";
    }
    return "unknown rule";
}

void composeMessage(Violation& v)
{
    // "channel 2 amplitude 62.0 mA ..."; a violation about the channel number itself reads "channel 5 ...".
    std::string m;
    if (v.field == Field::Channel) {
        m = "channel " + v.valueText;
    } else {
        m = v.channel > 0 ? "channel " + std::to_string(v.channel) + " " : std::string();
        m += toString(v.field);
        if (!v.valueText.empty()) {
            m += " " + v.valueText;
        }
    }
    std::vector<std::string> details;
    if (v.rule == Rule::Missing) {
        m += " is missing";
        if (!v.allowedText.empty()) {
            details.push_back("needed: " + v.allowedText);
        }
    } else if (v.allowedEmpty) {
        m += " is not allowed, and no value of this field would be";
    } else if (v.rule == Rule::Unsupported) {
        m += " is not supported";
        details.push_back("allowed: " + v.allowedText);
    } else if (v.allowedMin && v.allowedMax) {
        m += " is outside " + v.allowedText;
    } else if (v.allowedMin) {
        m += " is below the minimum " + v.allowedText;
    } else if (v.allowedMax) {
        m += " is above the maximum " + v.allowedText;
    } else {
        m += " is invalid";
        if (!v.allowedText.empty()) {
            details.push_back(v.allowedText);
        }
    }
    if (!v.reason.empty()) {
        details.push_back(v.reason);
    }
    if (v.source) {
        details.push_back("limited by " + v.source->describe());
    }
    if (!details.empty()) {
        m += " (";
        for (std::size_t i = 0; i < details.size(); ++i) {
            m += (i > 0 ? "; " : "") + details[i];
        }
        m += ")";
    }
    v.message = std::move(m);
}

} // namespace galvani::core::safety
