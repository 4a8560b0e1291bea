// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/Program.h"
#include "core/safety/AmplitudeVerdict.h"
#include "core/safety/EffectiveLimits.h"
#include "core/safety/Verdict.h"
#include "core/units/Units.h"

namespace galvani::core::safety {

// The safety kernel's gate. validate() checks a programme against the effective limits and lists every violation
// (field, value with unit, allowed range with unit, binding layer, message), plus warnings that do not block.
// Only an accepted verdict carries a ValidatedProgram, the sole input the device API takes.
//
// Rules, per channel (CLINICAL §1–2; constants in ClinicalLimits.h):
//  - channel number within the device, not repeated; waveform and burst kind allowed by every layer;
//  - pulse rate / carrier, phase widths, gap, asymmetric ratio in range; a pulse fits its period; a pulse burst
//    fits its burst period; a carrier burst holds a whole carrier cycle; burst rate ≥ 1 Hz;
//  - amplitude ≤ peak cap; rms ≤ rms cap; energy per pulse ≤ cap into the assumed load; I_peak·R ≤ voltage cap;
//    mean current ≤ d.c. cap; biphasic residual d.c. ≤ 10 µA (charge balance); power density < 0.25 W/cm² and
//    d.c. density ≤ 0.2 mA/cm² over the smaller pad (a placement is required); warning above 2 mA/cm² rms;
//  - contraction ramps ≤ 10 s, plateau ≥ 1 s, rest ≥ 1 s; start ramp ≤ 10 s; every rise within the ramp-rate
//    cap; timer 1–99 min;
//  - per treatment: total charge ≤ the dose cap, if one is set.
// Thread affinity: stateless; call from any thread.
class SafetyGuard {
public:
    [[nodiscard]] static Verdict validate(const Program& program, const EffectiveLimits& limits);

    // A live amplitude change on a running, validated programme: `target` is absolute, at most one step
    // (amplitudeStepMax, 0.5 mA) from the channel's amplitude in `running`, and the whole programme must still pass
    // at the new amplitude against `limits` (which may have tightened since). On success the verdict carries the
    // command and the programme at the new amplitude, the basis of the next change.
    [[nodiscard]] static AmplitudeVerdict validateAmplitudeChange(
        const ValidatedProgram& running, int channel, Microamps target, const EffectiveLimits& limits);
};

} // namespace galvani::core::safety
