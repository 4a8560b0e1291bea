// SPDX-License-Identifier: GPL-3.0-or-later
#include "Sm4VectorSupport.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

namespace galvani::proto::sm4::test {
namespace {

using nlohmann::json;

core::Microamps milliampsToMicroamps(double ma)
{
    return core::Microamps{std::llround(ma * 1000.0)};
}

std::vector<Point> pointsFrom(const json& points)
{
    std::vector<Point> out;
    for (const auto& p : points) {
        out.push_back(Point{core::Microseconds{p.at("duration_us").get<std::int64_t>()},
            milliampsToMicroamps(p.at("current_mA").get<double>()),
            static_cast<Interpolation>(p.at("interpolation").get<int>())});
    }
    return out;
}

Version versionFrom(const json& triple)
{
    return Version{
        triple.at(0).get<std::uint8_t>(), triple.at(1).get<std::uint8_t>(), triple.at(2).get<std::uint8_t>()};
}

ResultCode resultFrom(const json& data)
{
    return static_cast<ResultCode>(data.at("result").get<int>());
}

std::uint8_t errorBits(const json& channels, int firstChannel)
{
    unsigned bits = 0;
    for (const auto& ch : channels) {
        const int n = ch.get<int>();
        if (n >= firstChannel && n < firstChannel + 4) {
            bits |= 1U << static_cast<unsigned>(n - firstChannel);
        }
    }
    return static_cast<std::uint8_t>(bits);
}

MlGetCurrentDataAck currentDataFrom(const json& data)
{
    MlGetCurrentDataAck ack{resultFrom(data), data.at("selection").get<std::uint8_t>(), {}};
    switch (ack.selection) {
    case 2:
        ack.body
            = FourChannelStatus{{data.at("running").get<bool>(), errorBits(data.at("electrode_error_channels"), 1)}};
        break;
    case 3: {
        const bool running = data.at("running").get<bool>();
        const auto& errors = data.at("electrode_error_channels");
        ack.body = EightChannelStatus{{running, errorBits(errors, 1)}, {running, errorBits(errors, 5)}};
        break;
    }
    case 4: {
        ChannelStatesReport report;
        for (const auto& ch : data.at("running_channels")) {
            report.runningMask = static_cast<std::uint8_t>(report.runningMask | (1U << (ch.get<unsigned>() - 1U)));
        }
        const auto& states = data.at("channel_states");
        for (std::size_t i = 0; i < report.states.size(); ++i) {
            report.states[i] = static_cast<ChannelState>(states.at(i).get<int>());
        }
        ack.body = report;
        break;
    }
    default:
        break;
    }
    return ack;
}

} // namespace

Bytes fromHex(const std::string& hex)
{
    Bytes out;
    std::istringstream in(hex);
    std::string token;
    while (in >> token) {
        out.push_back(static_cast<std::uint8_t>(std::stoul(token, nullptr, 16)));
    }
    return out;
}

std::string toHex(const Bytes& bytes)
{
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    for (const std::uint8_t b : bytes) {
        if (!out.empty()) {
            out += ' ';
        }
        out += kDigits[b >> 4U];
        out += kDigits[b & 0xFU];
    }
    return out;
}

const json& sm4Vectors()
{
    static const json vectors = [] {
        std::ifstream file(std::string(GALVANI_TEST_DATA_DIR) + "/protocol-vectors.json");
        REQUIRE(file.good());
        return json::parse(file).at("sciencemode4");
    }();
    return vectors;
}

const json& vectorNamed(const std::string& name)
{
    for (const auto& v : sm4Vectors()) {
        if (v.at("name") == name) {
            return v;
        }
    }
    FAIL("no vector named " << name);
    return sm4Vectors().front();
}

std::optional<HostCommand> hostCommandFrom(const json& fields)
{
    const auto& data = fields.at("data");
    switch (static_cast<CommandId>(fields.at("command").get<int>())) {
    case CommandId::GetDeviceId:
        return GetDeviceId{};
    case CommandId::GetExtendedVersion:
        return GetExtendedVersion{};
    case CommandId::GetVersionMain:
        return GetVersionMain{};
    case CommandId::GetBatteryStatus:
        return GetBatteryStatus{};
    case CommandId::GetStimStatus:
        return GetStimStatus{};
    case CommandId::GetVersionStim:
        return GetVersionStim{};
    case CommandId::GetMainStatus:
        return GetMainStatus{};
    case CommandId::Reset:
        return Reset{};
    case CommandId::LlStop:
        return LlStop{};
    case CommandId::MlStop:
        return MlStop{};
    case CommandId::LlInit:
        return LlInit{static_cast<LlMeasurement>(data.at("measurement").get<int>()),
            static_cast<HighVoltageSetting>(data.at("high_voltage").get<int>())};
    case CommandId::LlChannelConfig:
        return LlChannelConfig{data.at("enable").get<bool>(), data.at("channel").get<std::uint8_t>(),
            static_cast<Connector>(data.at("connector").get<int>()), pointsFrom(data.at("points"))};
    case CommandId::MlInit:
        return MlInit{data.at("stop_all_channels_on_error").get<bool>()};
    case CommandId::MlUpdate: {
        MlUpdate update;
        for (const auto& ch : data.at("channels")) {
            const bool quarter = ch.at("quarter_ms_resolution").get<bool>();
            update.channels.at(ch.at("channel").get<std::size_t>() - 1) = MlChannel{ch.at("ramp").get<std::uint8_t>(),
                core::Microseconds{std::llround(ch.at("period_ms").get<double>() * 1000.0)},
                quarter ? PeriodResolution::QuarterMillisecond : PeriodResolution::HalfMillisecond,
                pointsFrom(ch.at("points"))};
        }
        return update;
    }
    case CommandId::MlGetCurrentData:
        return MlGetCurrentData{static_cast<CurrentDataSelection>(data.at("selection").get<int>())};
    default:
        return std::nullopt;
    }
}

std::optional<DeviceMessage> deviceMessageFrom(const json& fields)
{
    const auto& data = fields.at("data");
    const ResultCode result = resultFrom(data);
    switch (static_cast<CommandId>(fields.at("command").get<int>())) {
    case CommandId::LlInitAck:
        return LlInitAck{result};
    case CommandId::LlStopAck:
        return LlStopAck{result};
    case CommandId::MlInitAck:
        return MlInitAck{result};
    case CommandId::MlUpdateAck:
        return MlUpdateAck{result};
    case CommandId::MlStopAck:
        return MlStopAck{result};
    case CommandId::GeneralError:
        return GeneralError{result};
    case CommandId::UnknownCmd:
        return UnknownCmd{result};
    case CommandId::GetDeviceIdAck: {
        GetDeviceIdAck ack{result, {}};
        const auto id = data.at("device_id").get<std::string>();
        REQUIRE(id.size() == ack.deviceId.size());
        std::copy(id.begin(), id.end(), ack.deviceId.begin());
        return ack;
    }
    case CommandId::GetVersionMainAck:
        return GetVersionMainAck{
            result, versionFrom(data.at("firmware_version")), versionFrom(data.at("sciencemode_version"))};
    case CommandId::GetExtendedVersionAck:
        return GetExtendedVersionAck{result, versionFrom(data.at("firmware_version")),
            versionFrom(data.at("sciencemode_version")),
            static_cast<std::uint32_t>(std::stoul(data.at("firmware_hash").get<std::string>(), nullptr, 16)),
            static_cast<HashType>(data.at("hash_type").get<int>()), data.at("hash_valid").get<bool>()};
    case CommandId::GetBatteryStatusAck:
        return GetBatteryStatusAck{result, data.at("level_percent").get<std::uint8_t>(),
            core::Millivolts{data.at("voltage_mV").get<std::int64_t>()}};
    case CommandId::GetStimStatusAck:
        return GetStimStatusAck{result, static_cast<StimStatus>(data.at("stim_status").get<int>()),
            static_cast<HighVoltageLevel>(data.at("high_voltage").get<int>())};
    case CommandId::LlChannelConfigAck: {
        LlChannelConfigAck ack;
        ack.result = result;
        ack.channel = data.at("channel").get<std::uint8_t>();
        ack.connector = static_cast<Connector>(data.at("connector").get<int>());
        ack.measurement = static_cast<LlMeasurement>(data.at("measurement").get<int>());
        if (data.contains("samples_raw")) {
            ack.samplingPeriod = core::Microseconds{data.at("sampling_time_us").get<std::int64_t>()};
            ack.samples = data.at("samples_raw").get<std::vector<std::uint16_t>>();
        }
        return ack;
    }
    case CommandId::MlGetCurrentDataAck:
        return currentDataFrom(data);
    default:
        return std::nullopt;
    }
}

WireOptions wireOptionsFrom(const json& vector)
{
    WireOptions options;
    if (vector.contains("wire_options")) {
        for (const auto& value : vector.at("wire_options").at("extra_escaped_values")) {
            options.extraEscapes.set(std::stoul(value.get<std::string>(), nullptr, 16));
        }
    }
    return options;
}

RejectReason reasonFrom(const std::string& detectedBy)
{
    if (detectedBy == "crc") {
        return RejectReason::Crc;
    }
    if (detectedBy == "length") {
        return RejectReason::Length;
    }
    if (detectedBy == "no_stop") {
        return RejectReason::NoStop;
    }
    if (detectedBy == "header") {
        return RejectReason::Header;
    }
    if (detectedBy == "frame_restart") {
        return RejectReason::FrameRestart;
    }
    FAIL("unexpected detected_by " << detectedBy);
    return RejectReason::Header;
}

std::vector<Received<HostCommand>> commandsIn(const std::vector<DeviceInbound>& events)
{
    std::vector<Received<HostCommand>> out;
    for (const auto& e : events) {
        if (const auto* r = std::get_if<Received<HostCommand>>(&e)) {
            out.push_back(*r);
        }
    }
    return out;
}

std::vector<RejectedRequest> rejectsIn(const std::vector<DeviceInbound>& events)
{
    std::vector<RejectedRequest> out;
    for (const auto& e : events) {
        if (const auto* r = std::get_if<RejectedRequest>(&e)) {
            out.push_back(*r);
        }
    }
    return out;
}

std::vector<Received<DeviceMessage>> messagesIn(const std::vector<HostInbound>& events)
{
    std::vector<Received<DeviceMessage>> out;
    for (const auto& e : events) {
        if (const auto* r = std::get_if<Received<DeviceMessage>>(&e)) {
            out.push_back(*r);
        }
    }
    return out;
}

std::vector<Rejected> rejectsIn(const std::vector<HostInbound>& events)
{
    std::vector<Rejected> out;
    for (const auto& e : events) {
        if (const auto* r = std::get_if<Rejected>(&e)) {
            out.push_back(*r);
        }
    }
    return out;
}

Bytes encodeOrFail(const HostCodec& codec, const HostCommand& command, std::uint8_t pn)
{
    auto frame = codec.encode(command, pn);
    if (!frame) {
        FAIL("encode refused: " << frame.error().message());
    }
    return frame.value();
}

Bytes encodeOrFail(const DeviceCodec& codec, const DeviceMessage& message, std::uint8_t pn)
{
    auto frame = codec.encode(pn, message);
    if (!frame) {
        FAIL("encode refused: " << frame.error().message());
    }
    return frame.value();
}

std::vector<DeviceInbound> feedAll(DeviceCodec& codec, const Bytes& bytes)
{
    auto events = codec.feed(bytes);
    codec.flush(events);
    return events;
}

std::vector<HostInbound> feedAll(HostCodec& codec, const Bytes& bytes)
{
    auto events = codec.feed(bytes);
    codec.flush(events);
    return events;
}

} // namespace galvani::proto::sm4::test
