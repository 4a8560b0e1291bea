// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode4/PointCodec.h"

#include "protocols/sciencemode4/Sm4Limits.h"

namespace galvani::proto::sm4 {

std::optional<std::uint16_t> currentCode(core::Microamps current)
{
    const std::int64_t ua = current.value();
    if (ua % kCurrentStepUa != 0 || ua > kMaxWireCurrentUa || ua < -kMaxWireCurrentUa) {
        return std::nullopt;
    }
    // c = 2 * I[mA] + 300 = I[µA] / 500 + 300: 0..600.
    return static_cast<std::uint16_t>(ua / kCurrentStepUa + kCurrentCodeZero);
}

core::Microamps currentFromCode(std::uint16_t code)
{
    return core::Microamps{(static_cast<std::int64_t>(code) - kCurrentCodeZero) * kCurrentStepUa};
}

std::optional<EncodeError> checkPoint(const Point& point)
{
    const std::int64_t d = point.duration.value();
    if (d < 0 || d > kMaxPointDurationUs) {
        return EncodeError{"point.duration", d, "0..4095 us"};
    }
    const std::int64_t ua = point.current.value();
    if (ua > kMaxCurrentUa || ua < -kMaxCurrentUa || ua % kCurrentStepUa != 0) {
        return EncodeError{"point.current", ua, "-130000..130000 uA in 500 uA steps"};
    }
    if (point.interpolation != Interpolation::Jump) {
        // The device documents linear interpolation as not implemented: never send it.
        return EncodeError{"point.interpolation", static_cast<std::int64_t>(point.interpolation), "0 (jump)"};
    }
    return std::nullopt;
}

void writePoint(const Point& point, ByteWriter& out)
{
    const auto d = static_cast<unsigned>(point.duration.value());
    const unsigned c = *currentCode(point.current);
    const auto interpolation = static_cast<unsigned>(point.interpolation);
    out.u8(static_cast<std::uint8_t>(d >> 4U));
    out.u8(static_cast<std::uint8_t>(((d & 0xFU) << 4U) | (c >> 6U)));
    out.u8(static_cast<std::uint8_t>((c & 0x3FU) << 2U));
    out.u8(static_cast<std::uint8_t>(interpolation << 5U));
}

std::optional<Point> readPoint(std::span<const std::uint8_t, 4> bytes)
{
    const unsigned b0 = bytes[0];
    const unsigned b1 = bytes[1];
    const unsigned b2 = bytes[2];
    const unsigned b3 = bytes[3];
    // byte2 bits 1..0 and byte3 bits 4..0 are unused and must be 0; interpolation is bits 6..5 of
    // byte3 (bit 7 unused too). Anything else is corruption or a sender we do not understand.
    if ((b2 & 0x03U) != 0 || (b3 & 0x9FU) != 0) {
        return std::nullopt;
    }
    const auto interpolation = static_cast<std::uint8_t>(b3 >> 5U);
    if (interpolation != static_cast<std::uint8_t>(Interpolation::Jump)) {
        return std::nullopt;
    }
    const auto d = static_cast<std::int64_t>((b0 << 4U) | (b1 >> 4U));
    const auto c = static_cast<std::uint16_t>(((b1 & 0xFU) << 6U) | (b2 >> 2U));
    if (c < kMinAcceptedCurrentCode || c > kMaxAcceptedCurrentCode) {
        return std::nullopt;
    }
    return Point{core::Microseconds{d}, currentFromCode(c), Interpolation::Jump};
}

} // namespace galvani::proto::sm4
