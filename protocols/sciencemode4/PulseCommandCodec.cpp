// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode4/PulseCommandCodec.h"

#include "protocols/sciencemode4/DutyCycle.h"
#include "protocols/sciencemode4/PointCodec.h"

// The two requests that carry pulse points. As everywhere in the request decoders, the byte count is
// judged (DataLength) before any value (FieldRange).
namespace galvani::proto::sm4 {
namespace {

std::optional<EncodeError> checkPoints(const std::vector<Point>& points)
{
    if (points.size() < kMinPoints || points.size() > kMaxPoints) {
        return EncodeError{"points.size", static_cast<std::int64_t>(points.size()), "1..16"};
    }
    for (const Point& p : points) {
        if (auto error = checkPoint(p)) {
            return error;
        }
    }
    return std::nullopt;
}

// Reads n points; nullopt if any is outside what the device accepts. The caller checked the length.
std::optional<std::vector<Point>> readPoints(ByteReader& in, std::size_t n)
{
    std::vector<Point> points;
    points.reserve(n);
    bool ok = true;
    for (std::size_t i = 0; i < n; ++i) {
        const auto bytes = in.bytes(kPointBytes);
        if (!bytes) {
            return std::nullopt;
        }
        const auto point = readPoint(bytes->first<kPointBytes>());
        ok = ok && point.has_value();
        points.push_back(point.value_or(Point{}));
    }
    if (!ok) {
        return std::nullopt;
    }
    return points;
}

std::int64_t periodStepUs(PeriodResolution r)
{
    return r == PeriodResolution::QuarterMillisecond ? kQuarterMsStepUs : kHalfMsStepUs;
}

std::optional<EncodeError> checkChannel(const MlChannel& ch, Variant v)
{
    if (ch.ramp > kMaxRamp) {
        return EncodeError{"mlUpdate.ramp", ch.ramp, "0..15 pulses"};
    }
    if (ch.resolution > PeriodResolution::QuarterMillisecond
        || (v == Variant::ScienceMode3 && ch.resolution != PeriodResolution::HalfMillisecond)) {
        return EncodeError{"mlUpdate.resolution", encodeErrorValue(ch.resolution),
            v == Variant::ScienceMode4 ? "0..1" : "0 (ScienceMode3: 0.5 ms steps only)"};
    }
    const std::int64_t step = periodStepUs(ch.resolution);
    const std::int64_t us = ch.period.value();
    if (us % step != 0 || us < kMinPeriodCode * step || us > kMaxPeriodCode * step) {
        return EncodeError{"mlUpdate.period", us,
            ch.resolution == PeriodResolution::QuarterMillisecond ? "250..8191750 us in 250 us steps"
                                                                  : "500..16383500 us in 500 us steps"};
    }
    return checkPoints(ch.points);
}

} // namespace

// ---- Ll_channel_config ---------------------------------------------------------------------------

std::optional<EncodeError> checkLlChannelConfig(const LlChannelConfig& c, Variant v)
{
    if (c.channel >= kChannelsPerConnector) {
        return EncodeError{"llChannelConfig.channel", c.channel, "0..3"};
    }
    const auto maxConnector = v == Variant::ScienceMode4 ? Connector::Green : Connector::Yellow;
    if (c.connector > maxConnector) {
        return EncodeError{"llChannelConfig.connector", encodeErrorValue(c.connector),
            v == Variant::ScienceMode4 ? "0..1" : "0 (ScienceMode3 has one connector)"};
    }
    if (!c.enable) {
        if (!c.points.empty()) {
            return EncodeError{"points.size", static_cast<std::int64_t>(c.points.size()), "0 when disabled"};
        }
        return std::nullopt;
    }
    return checkPoints(c.points);
}

void writeLlChannelConfig(const LlChannelConfig& c, ByteWriter& out)
{
    const unsigned count = c.enable ? static_cast<unsigned>(c.points.size() - 1) : 0U;
    out.u8(static_cast<std::uint8_t>((c.enable ? 0x80U : 0U) | (static_cast<unsigned>(c.channel) << 5U)
        | (static_cast<unsigned>(c.connector) << 4U) | count));
    for (const Point& p : c.points) {
        writePoint(p, out);
    }
}

Result<HostCommand, RejectReason> readLlChannelConfig(std::span<const std::uint8_t> data, Variant v)
{
    if (data.empty()) {
        return RejectReason::DataLength;
    }
    const unsigned b = data[0];
    LlChannelConfig c;
    c.enable = (b & 0x80U) != 0;
    c.channel = static_cast<std::uint8_t>((b >> 5U) & 0x3U);
    c.connector = static_cast<Connector>((b >> 4U) & 0x1U);
    const std::size_t count = (b & 0xFU) + 1U;
    // Disabled: no points follow, so the count field must say "1" (0) and nothing may follow.
    const std::size_t expected = c.enable ? 1 + count * kPointBytes : 1;
    if (data.size() != expected || (!c.enable && (b & 0xFU) != 0)) {
        return RejectReason::DataLength;
    }
    ByteReader in(data.subspan(1));
    if (c.enable) {
        auto points = readPoints(in, count);
        if (!points) {
            return RejectReason::FieldRange;
        }
        c.points = std::move(*points);
    }
    if (checkLlChannelConfig(c, v)) {
        return RejectReason::FieldRange;
    }
    return HostCommand{std::move(c)};
}

std::optional<EncodeError> checkMlUpdate(const MlUpdate& c, Variant v)
{
    for (std::size_t i = 0; i < c.channels.size(); ++i) {
        if (!c.channels[i]) {
            continue;
        }
        if (static_cast<int>(i) >= channelCount(v)) {
            return EncodeError{"mlUpdate.channel", static_cast<std::int64_t>(i + 1), "1..4 (ScienceMode3)"};
        }
        if (auto error = checkChannel(*c.channels[i], v)) {
            return error;
        }
    }
    if (!satisfiesDutyRule(c)) {
        return EncodeError{"mlUpdate.duty", static_cast<std::int64_t>(dutyPerMille(c)), "< 1000 per mille"};
    }
    return std::nullopt;
}

void writeMlUpdate(const MlUpdate& c, ByteWriter& out)
{
    unsigned mask = 0;
    for (std::size_t i = 0; i < c.channels.size(); ++i) {
        if (c.channels[i]) {
            mask |= 1U << i;
        }
    }
    out.u8(static_cast<std::uint8_t>(mask));
    for (const auto& ch : c.channels) {
        if (!ch) {
            continue;
        }
        out.u8(static_cast<std::uint8_t>(((ch->points.size() - 1) << 4U) | ch->ramp));
        const auto code = static_cast<unsigned>(ch->period.value() / periodStepUs(ch->resolution));
        out.u16(static_cast<std::uint16_t>((code << 1U) | static_cast<unsigned>(ch->resolution)));
        for (const Point& p : ch->points) {
            writePoint(p, out);
        }
    }
}

Result<HostCommand, RejectReason> readMlUpdate(std::span<const std::uint8_t> data, Variant v)
{
    ByteReader in(data);
    const auto mask = in.u8();
    if (!mask) {
        return RejectReason::DataLength;
    }
    MlUpdate c;
    bool rangeOk = true;
    for (std::size_t i = 0; i < c.channels.size(); ++i) {
        if (((*mask >> i) & 1U) == 0) {
            continue;
        }
        const auto head = in.u8();
        const auto periodWord = in.u16();
        if (!head || !periodWord) {
            return RejectReason::DataLength;
        }
        const std::size_t count = (*head >> 4U) + 1U;
        if (in.remaining() < count * kPointBytes) {
            return RejectReason::DataLength;
        }
        MlChannel ch;
        ch.ramp = static_cast<std::uint8_t>(*head & 0xFU);
        ch.resolution = static_cast<PeriodResolution>(*periodWord & 1U);
        ch.period = core::Microseconds{static_cast<std::int64_t>(*periodWord >> 1U) * periodStepUs(ch.resolution)};
        auto points = readPoints(in, count);
        rangeOk = rangeOk && points.has_value();
        if (points) {
            ch.points = std::move(*points);
        }
        c.channels[i] = std::move(ch);
    }
    if (!in.atEnd()) {
        return RejectReason::DataLength;
    }
    if (!rangeOk || checkMlUpdate(c, v)) {
        return RejectReason::FieldRange;
    }
    return HostCommand{std::move(c)};
}

} // namespace galvani::proto::sm4
