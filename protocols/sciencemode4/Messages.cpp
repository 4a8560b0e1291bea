// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode4/Messages.h"

namespace galvani::proto::sm4 {

std::optional<core::Microamps> sampleCurrent(std::uint16_t raw)
{
    const auto signedRaw = static_cast<std::int16_t>(raw);
    const core::Microamps current{static_cast<std::int64_t>(signedRaw) * kSampleStepUa};
    if (current.value() > kMaxDecodableSampleUa || current.value() < -kMaxDecodableSampleUa) {
        return std::nullopt;
    }
    return current;
}

std::optional<std::uint16_t> currentToSample(core::Microamps current)
{
    const std::int64_t ua = current.value();
    if (ua > kMaxDecodableSampleUa || ua < -kMaxDecodableSampleUa || ua % kSampleStepUa != 0) {
        return std::nullopt;
    }
    return static_cast<std::uint16_t>(static_cast<std::int16_t>(ua / kSampleStepUa));
}

} // namespace galvani::proto::sm4
