// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/calibration/TestLoadProgram.h"

#include "core/safety/EffectiveLimits.h"
#include "core/safety/SafetyGuard.h"

#include <algorithm>

namespace galvani::app::calibration {

namespace {

constexpr double kTestLoadPadCm2 = 25.0; // CLINICAL §1.1: 50 mA rms needs at least 25 cm²
constexpr core::Microseconds kInterphaseGap{100};
constexpr core::Microseconds kShortestRamp{50'000};
// Ramp at half the kernel's rate cap: the guard then never refuses the ramp on rounding.
constexpr std::int64_t kRampMarginFactor = 2;

} // namespace

std::optional<core::safety::ValidatedProgram> testLoadProgram(
    const core::HardwareCaps& hardware, const TestLoadRequest& request, QString* error)
{
    if (request.channels.size() != request.amplitudes.size() || request.channels.isEmpty()) {
        *error = QStringLiteral("a test-load programme needs one amplitude per channel");
        return std::nullopt;
    }
    auto limits = core::safety::EffectiveLimits::forDevice(hardware);
    core::Program program;
    program.name = "calibration test load";
    for (qsizetype i = 0; i < request.channels.size(); ++i) {
        const int ch = request.channels[i];
        const auto channel = core::Channel::make(ch, hardware.channels);
        if (!channel) {
            *error = QStringLiteral("channel %1 is outside 1..%2 on this device").arg(ch).arg(hardware.channels);
            return std::nullopt;
        }
        limits.applyPlacement(ch, core::safety::PlacementCaps{core::squareCentimetres(kTestLoadPadCm2), request.load});
        const core::Microamps amplitude = request.amplitudes[i];
        core::Microseconds ramp = kShortestRamp;
        if (const auto* l = limits.channel(ch); l != nullptr && l->rampRateMax.value.value() > 0) {
            const std::int64_t needed
                = amplitude.value() * 1'000'000 * kRampMarginFactor / l->rampRateMax.value.value() + 1;
            ramp = core::Microseconds(std::max(kShortestRamp.value(), needed));
        }
        program.channels.push_back(core::ChannelProgram{*channel,
            core::PulseTrain::pulses(
                core::Waveform::symmetricBiphasic(), request.frequency, request.phaseWidth, kInterphaseGap, amplitude),
            core::Envelope::continuous(), ramp, request.timer});
    }
    const auto verdict = core::safety::SafetyGuard::validate(program, limits);
    if (!verdict.accepted()) {
        QStringList lines;
        for (const auto& violation : verdict.violations()) {
            lines.append(QString::fromStdString(violation.message));
        }
        *error = QStringLiteral("refused by the safety kernel: ") + lines.join(QStringLiteral("; "));
        return std::nullopt;
    }
    return *verdict.program();
}

} // namespace galvani::app::calibration
