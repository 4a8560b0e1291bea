// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode4/StimulationAckCodec.h"

// The two structured level acks. As everywhere in the decoders, the byte count is judged (DataLength)
// before any value (FieldRange).
namespace galvani::proto::sm4 {
namespace {

void writeResult(ResultCode r, ByteWriter& out)
{
    out.u8(static_cast<std::uint8_t>(r));
}

ResultCode resultFrom(std::uint8_t b)
{
    return static_cast<ResultCode>(b);
}

bool selectionKnown(std::uint8_t selection, Variant v)
{
    if (v == Variant::ScienceMode3) {
        return selection == static_cast<std::uint8_t>(CurrentDataSelection::FourChannelStatus);
    }
    return selection >= static_cast<std::uint8_t>(CurrentDataSelection::FourChannelStatus)
        && selection <= static_cast<std::uint8_t>(CurrentDataSelection::ChannelStates);
}

std::size_t bodyBytes(std::uint8_t selection, Variant v)
{
    if (!selectionKnown(selection, v)) {
        return 0;
    }
    switch (static_cast<CurrentDataSelection>(selection)) {
    case CurrentDataSelection::FourChannelStatus:
        return 1;
    case CurrentDataSelection::EightChannelStatus:
        return 2;
    case CurrentDataSelection::ChannelStates:
        return 5;
    }
    return 0;
}

std::uint8_t statusByte(const ElectrodeStatus& s)
{
    return static_cast<std::uint8_t>((s.running ? 0x10U : 0U) | s.electrodeErrors);
}

std::optional<ElectrodeStatus> readStatusByte(std::uint8_t b)
{
    if ((b & 0xE0U) != 0) {
        return std::nullopt;
    }
    return ElectrodeStatus{(b & 0x10U) != 0, static_cast<std::uint8_t>(b & 0x0FU)};
}

} // namespace

// ---- Ll_channel_config_ack -------------------------------------------------------------------------

std::optional<EncodeError> checkLlChannelConfigAck(const LlChannelConfigAck& m, Variant v)
{
    if (m.channel >= kChannelsPerConnector) {
        return EncodeError{"llAck.channel", m.channel, "0..3"};
    }
    const bool sm4 = v == Variant::ScienceMode4;
    if (m.connector > (sm4 ? Connector::Green : Connector::Yellow)) {
        return EncodeError{"llAck.connector", encodeErrorValue(m.connector), sm4 ? "0..1" : "0 (ScienceMode3)"};
    }
    if (m.measurement > (sm4 ? LlMeasurement::HighVoltageSource : LlMeasurement::None)) {
        return EncodeError{"llAck.measurement", encodeErrorValue(m.measurement), sm4 ? "0..3" : "0 (ScienceMode3)"};
    }
    if (m.measurement == LlMeasurement::None) {
        if (!m.samples.empty() || m.samplingPeriod.value() != 0) {
            return EncodeError{
                "llAck.samples", static_cast<std::int64_t>(m.samples.size()), "none without measurement"};
        }
        return std::nullopt;
    }
    if (m.samples.size() != kSampleCount) {
        return EncodeError{"llAck.samples", static_cast<std::int64_t>(m.samples.size()), "128"};
    }
    if (m.samplingPeriod.value() < 0 || m.samplingPeriod.value() > 0xFFFF) {
        return EncodeError{"llAck.samplingPeriod", m.samplingPeriod.value(), "0..65535 us"};
    }
    return std::nullopt;
}

void writeLlChannelConfigAck(const LlChannelConfigAck& m, Variant v, ByteWriter& out)
{
    writeResult(m.result, out);
    out.u8(static_cast<std::uint8_t>((static_cast<unsigned>(m.connector) << 4U) | m.channel));
    if (v == Variant::ScienceMode3) {
        return; // §9: result and channel only (L 14)
    }
    out.u8(static_cast<std::uint8_t>(m.measurement));
    if (m.measurement != LlMeasurement::None) {
        out.u16(static_cast<std::uint16_t>(m.samplingPeriod.value()));
        for (const std::uint16_t s : m.samples) {
            out.u16(s);
        }
    }
}

Result<DeviceMessage, RejectReason> readLlChannelConfigAck(std::span<const std::uint8_t> data, Variant v)
{
    constexpr std::size_t kWithSamples = 3 + 2 + 2 * kSampleCount;
    // ScienceMode3 devices send result + channel (2 bytes); accept the 3-byte form from them too.
    const bool shortForm = v == Variant::ScienceMode3 && data.size() == 2;
    if (data.size() < 2 || (!shortForm && data.size() < 3)) {
        return RejectReason::DataLength;
    }
    LlChannelConfigAck m;
    m.result = resultFrom(data[0]);
    const unsigned channelByte = data[1];
    m.channel = static_cast<std::uint8_t>(channelByte & 0x3U);
    m.connector = static_cast<Connector>((channelByte >> 4U) & 0x1U);
    // Bits 7..5 and 3..2 of the channel byte are unused.
    const bool reservedClear = (channelByte & 0xECU) == 0;
    if (!shortForm) {
        m.measurement = static_cast<LlMeasurement>(data[2]);
        const std::size_t expected = m.measurement == LlMeasurement::None ? 3 : kWithSamples;
        if (data.size() != expected) {
            return RejectReason::DataLength;
        }
        if (m.measurement != LlMeasurement::None) {
            ByteReader in(data.subspan(3));
            m.samplingPeriod = core::Microseconds{in.u16().value_or(0)};
            m.samples.resize(kSampleCount);
            for (std::uint16_t& s : m.samples) {
                s = in.u16().value_or(0);
            }
        }
    }
    if (!reservedClear || checkLlChannelConfigAck(m, v)) {
        return RejectReason::FieldRange;
    }
    return DeviceMessage{std::move(m)};
}

// ---- Ml_get_current_data_ack ----------------------------------------------------------------------

std::optional<EncodeError> checkCurrentDataAck(const MlGetCurrentDataAck& m, Variant v)
{
    const std::size_t expectedIndex = selectionKnown(m.selection, v) ? static_cast<std::size_t>(m.selection) - 1 : 0;
    if (m.body.index() != expectedIndex) {
        return EncodeError{"currentData.body", static_cast<std::int64_t>(m.body.index()), "layout of the selection"};
    }
    if (expectedIndex == 0 && m.result == ResultCode::Ok) {
        return EncodeError{"currentData.selection", m.selection, "known selection when result is ok"};
    }
    auto statusOk = [](const ElectrodeStatus& s) { return s.electrodeErrors <= 0xF; };
    if (const auto* four = std::get_if<FourChannelStatus>(&m.body); four && !statusOk(four->channels1to4)) {
        return EncodeError{"currentData.electrodeErrors", four->channels1to4.electrodeErrors, "0..15"};
    }
    if (const auto* eight = std::get_if<EightChannelStatus>(&m.body);
        eight && (!statusOk(eight->channels1to4) || !statusOk(eight->channels5to8))) {
        return EncodeError{"currentData.electrodeErrors", 16, "0..15"};
    }
    if (const auto* report = std::get_if<ChannelStatesReport>(&m.body)) {
        for (const ChannelState s : report->states) {
            if (s > ChannelState::LowCurrent) {
                return EncodeError{"currentData.channelState", encodeErrorValue(s), "0..3"};
            }
        }
    }
    return std::nullopt;
}

void writeCurrentDataAck(const MlGetCurrentDataAck& m, ByteWriter& out)
{
    writeResult(m.result, out);
    out.u8(m.selection);
    if (const auto* four = std::get_if<FourChannelStatus>(&m.body)) {
        out.u8(statusByte(four->channels1to4));
    } else if (const auto* eight = std::get_if<EightChannelStatus>(&m.body)) {
        out.u8(statusByte(eight->channels1to4));
        out.u8(statusByte(eight->channels5to8));
    } else if (const auto* report = std::get_if<ChannelStatesReport>(&m.body)) {
        out.u8(report->runningMask);
        for (std::size_t k = 0; k < report->states.size(); k += 2) {
            out.u8(static_cast<std::uint8_t>(
                (static_cast<unsigned>(report->states[k + 1]) << 4U) | static_cast<unsigned>(report->states[k])));
        }
    }
}

Result<DeviceMessage, RejectReason> readCurrentDataAck(std::span<const std::uint8_t> data, Variant v)
{
    if (data.size() < 2 || data.size() != 2 + bodyBytes(data[1], v)) {
        return RejectReason::DataLength;
    }
    MlGetCurrentDataAck m{resultFrom(data[0]), data[1], {}};
    bool ok = true;
    if (selectionKnown(m.selection, v)) {
        switch (static_cast<CurrentDataSelection>(m.selection)) {
        case CurrentDataSelection::FourChannelStatus: {
            const auto s = readStatusByte(data[2]);
            ok = s.has_value();
            m.body = FourChannelStatus{s.value_or(ElectrodeStatus{})};
            break;
        }
        case CurrentDataSelection::EightChannelStatus: {
            const auto low = readStatusByte(data[2]);
            const auto high = readStatusByte(data[3]);
            ok = low.has_value() && high.has_value();
            m.body = EightChannelStatus{low.value_or(ElectrodeStatus{}), high.value_or(ElectrodeStatus{})};
            break;
        }
        case CurrentDataSelection::ChannelStates: {
            ChannelStatesReport report;
            report.runningMask = data[2];
            for (std::size_t k = 0; k < 4; ++k) {
                report.states[2 * k] = static_cast<ChannelState>(data[3 + k] & 0x0FU);
                report.states[2 * k + 1] = static_cast<ChannelState>(data[3 + k] >> 4U);
            }
            m.body = report;
            break;
        }
        }
    }
    if (!ok || checkCurrentDataAck(m, v)) {
        return RejectReason::FieldRange;
    }
    return DeviceMessage{m};
}

} // namespace galvani::proto::sm4
