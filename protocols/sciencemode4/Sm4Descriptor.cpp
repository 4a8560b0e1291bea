// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode4/Sm4Descriptor.h"

#include "protocols/sciencemode4/Sm4Limits.h"

#include <chrono>

namespace galvani::proto::sm4 {
namespace {

// The wire resolution is 1 µs, but the vendor specifies a smallest non-zero phase of 10 µs for this
// family (RehaMove3 data sheet: "0; 10 - 65520 µs" per pulse), so nothing shorter is offered.
constexpr std::int64_t kMinPhaseWidthUs = 10;
// Mid-level keep-alive: the device stops mid-level stimulation 2 s after the last Ml_update or
// Ml_get_current_data (§3). Our host polls far inside that so a lost frame or two never stops a
// session and a lead-off shows within a tenth of a second.
constexpr std::chrono::milliseconds kDeviceWatchdog{kMidLevelWatchdogMs};
constexpr std::chrono::milliseconds kHostKeepAlive{100};
constexpr std::uint32_t kBaud = 3'000'000;
constexpr std::uint16_t kStMicroVendor = 0x0483;
constexpr std::uint16_t kP24Product = 0x5740; // generic ST CDC id: confirm the device via Get_device_id
constexpr std::uint16_t kFtdiVendor = 0x0403;
// With every channel active: the RehaMove3 data sheet gives "up to 500 Hz using 4 channels". No
// figure is published for the P24; its 8 channels share the same pulse generator timing, so half of
// it is assumed. The duty rule (DutyCycle.h) remains the exact per-programme bound.
constexpr double kAllChannelsMaxHzSm3 = 500.0;
constexpr double kAllChannelsMaxHzSm4 = 250.0;

} // namespace

DeviceCapabilities capabilities(Variant variant)
{
    const bool sm4 = variant == Variant::ScienceMode4;
    // Slowest repetition: the largest period code in 0.5 ms steps (both variants). Fastest: the
    // smallest code in the finest step the variant has (0.25 ms on the P24, 0.5 ms on the RehaMove3).
    const double longestPeriodUs = static_cast<double>(kMaxPeriodCode) * static_cast<double>(kHalfMsStepUs);
    const double shortestPeriodUs = static_cast<double>(kMinPeriodCode * (sm4 ? kQuarterMsStepUs : kHalfMsStepUs));

    DeviceCapabilities caps;
    caps.model = sm4 ? "Hasomed P24" : "Hasomed RehaMove3";
    caps.channels = channelCount(variant);
    caps.currentMax = core::Microamps{kMaxCurrentUa};
    caps.currentStep = core::Microamps{kCurrentStepUa};
    caps.pulseWidthMin = core::Microseconds{kMinPhaseWidthUs};
    caps.pulseWidthMax = core::Microseconds{kMaxPointDurationUs};
    caps.pulseWidthStep = core::Microseconds{1};
    caps.frequencyMin = core::Hertz{1e6 / longestPeriodUs};
    caps.frequencyMax = core::Hertz{1e6 / shortestPeriodUs};
    caps.frequencyMaxAllChannels = core::Hertz{sm4 ? kAllChannelsMaxHzSm4 : kAllChannelsMaxHzSm3};
    caps.currentStepEffective = core::Microamps{0}; // the 0.5 mA wire step is the output resolution
    // Pulse shapes are free-form point lists, so every phase arrangement is possible.
    caps.waveforms = {WaveformKind::Monophasic, WaveformKind::SymmetricBiphasic, WaveformKind::AsymmetricBiphasic};
    caps.deviceWatchdog = kDeviceWatchdog;
    caps.hostKeepAlive = kHostKeepAlive;
    // Only the P24's low level with Ll_init measurement returns sampled current (§7).
    caps.measuresDeliveredCurrent = sm4;
    return caps;
}

SerialSettings serialSettings()
{
    SerialSettings s;
    s.baud = kBaud;
    s.dataBits = 8;
    s.parity = Parity::None;
    s.stopBits = 2;
    s.rtsCts = true;
    return s;
}

ProtocolDescriptor descriptor()
{
    return ProtocolDescriptor{"sciencemode4", "ScienceMode4 (Hasomed P24)", serialSettings(),
        capabilities(Variant::ScienceMode4), {kStMicroVendor}, {kP24Product}};
}

ProtocolDescriptor sm3Descriptor()
{
    return ProtocolDescriptor{"sciencemode3", "ScienceMode3 (Hasomed RehaMove3)", serialSettings(),
        capabilities(Variant::ScienceMode3), {kFtdiVendor}, {}};
}

} // namespace galvani::proto::sm4
