// SPDX-License-Identifier: GPL-3.0-or-later
#include "Sm2TestSupport.h"

#include "protocols/common/Crc.h"
#include "protocols/sciencemode2/ChannelListRules.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sm2test {

using namespace galvani::proto::sm2;

int uniform(std::mt19937& rng, int lo, int hi)
{
    return std::uniform_int_distribution<int>(lo, hi)(rng);
}

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
    std::string out;
    char buf[4];
    for (const auto b : bytes) {
        std::snprintf(buf, sizeof buf, "%02X", b);
        if (!out.empty()) {
            out += ' ';
        }
        out += buf;
    }
    return out;
}

const nlohmann::json& vectors()
{
    static const nlohmann::json data = [] {
        std::ifstream file(std::string(GALVANI_TEST_DATA_DIR) + "/protocol-vectors.json");
        if (!file) {
            throw std::runtime_error("cannot open protocol-vectors.json in GALVANI_TEST_DATA_DIR");
        }
        return nlohmann::json::parse(file).at("sciencemode2");
    }();
    return data;
}

namespace {

std::uint8_t maskOf(const nlohmann::json& channels)
{
    std::uint8_t mask = 0;
    for (const auto& c : channels) {
        mask = static_cast<std::uint8_t>(mask | channelBit(c.get<int>()));
    }
    return mask;
}

ResultCode resultOf(const nlohmann::json& data)
{
    return static_cast<ResultCode>(data.at("result").get<int>());
}

} // namespace

HostCommand hostCommandFromFields(const nlohmann::json& fields)
{
    const auto& d = fields.at("data");
    switch (fields.at("command").get<int>()) {
    case 2:
        return InitAck{resultOf(d)};
    case 4:
        return Watchdog{};
    case 10:
        return GetStimulationMode{};
    case 30: {
        InitChannelListMode c;
        c.lowFrequencyFactor = d.at("low_frequency_factor").get<int>();
        c.activeChannels = maskOf(d.at("active_channels"));
        c.lowFrequencyChannels = maskOf(d.at("low_frequency_channels"));
        c.interPulseIntervalCode = d.at("inter_pulse_interval_code").get<int>();
        c.mainIntervalCode = d.at("main_interval_code").get<int>();
        c.execution = static_cast<ChannelExecution>(d.at("channel_execution").get<int>());
        return c;
    }
    case 32: {
        StartChannelListMode c;
        for (const auto& e : d.at("entries")) {
            c.entries.push_back(ChannelListEntry{static_cast<PulseMode>(e.at("mode").get<int>()),
                e.at("pulse_width_us").get<int>(), e.at("current_mA").get<int>()});
        }
        return c;
    }
    case 34:
        return StopChannelListMode{};
    case 36:
        return SinglePulse{
            d.at("channel").get<int>(), d.at("pulse_width_us").get<int>(), d.at("current_mA").get<int>()};
    default:
        throw std::runtime_error("no host command for vector fields");
    }
}

DeviceMessage deviceMessageFromFields(const nlohmann::json& fields)
{
    const auto& d = fields.at("data");
    switch (fields.at("command").get<int>()) {
    case 1:
        return Init{d.at("protocol_version").get<std::uint8_t>()};
    case 3:
        return UnknownCommand{d.at("echoed_command").get<std::uint8_t>()};
    case 11: {
        GetStimulationModeAck m{resultOf(d), std::nullopt};
        if (d.contains("mode")) {
            m.mode = static_cast<StimulationMode>(d.at("mode").get<int>());
        }
        return m;
    }
    case 31:
        return InitChannelListModeAck{resultOf(d)};
    case 33:
        return StartChannelListModeAck{resultOf(d)};
    case 35:
        return StopChannelListModeAck{resultOf(d)};
    case 37:
        return SinglePulseAck{resultOf(d)};
    case 38:
        return StimulationError{static_cast<StimulationErrorCode>(d.at("error").get<int>())};
    default:
        throw std::runtime_error("no device message for vector fields");
    }
}

InitChannelListMode contextInit(const nlohmann::json& fields)
{
    InitChannelListMode init;
    init.activeChannels = maskOf(fields.at("context").at("active_channels_from_init"));
    init.interPulseIntervalCode = 17; // t2 10 ms
    init.mainIntervalCode = 200; // t1 101 ms ≥ 3·t2
    return init;
}

Bytes lenientFrame(std::uint8_t pn, std::uint8_t command, const Bytes& data, bool unprefixedXorPnCmd,
    const std::vector<std::uint8_t>& extraEscapes)
{
    auto special = [](std::uint8_t b) { return b == 0xF0 || b == 0x0F || b == 0x81 || b == 0x55 || b == 0x0A; };
    Bytes body;
    for (const auto b : {pn, command}) {
        if (unprefixedXorPnCmd && special(b)) {
            body.push_back(static_cast<std::uint8_t>(b ^ 0x55));
        } else if (b == 0xF0 || b == 0x0F || b == 0x81) {
            body.push_back(0x81);
            body.push_back(static_cast<std::uint8_t>(b ^ 0x55));
        } else {
            body.push_back(b);
        }
    }
    for (const auto b : data) {
        const bool extra = std::find(extraEscapes.begin(), extraEscapes.end(), b) != extraEscapes.end();
        if (b == 0xF0 || b == 0x0F || b == 0x81 || extra) {
            body.push_back(0x81);
            body.push_back(static_cast<std::uint8_t>(b ^ 0x55));
        } else {
            body.push_back(b);
        }
    }
    Bytes wire;
    wire.reserve(body.size() + 6);
    wire.push_back(0xF0);
    wire.push_back(0x81);
    wire.push_back(static_cast<std::uint8_t>(galvani::proto::crc8Smbus(body) ^ 0x55));
    wire.push_back(0x81);
    wire.push_back(static_cast<std::uint8_t>(body.size() ^ 0x55));
    for (const auto b : body) {
        wire.push_back(b);
    }
    wire.push_back(0x0F);
    return wire;
}

std::vector<DeviceEvent> feedDevice(const Bytes& wire)
{
    DeviceCodec codec;
    std::vector<DeviceEvent> out;
    codec.feed(wire, out);
    codec.flush(out);
    return out;
}

std::vector<HostEvent> feedHost(const Bytes& wire)
{
    HostCodec codec;
    std::vector<HostEvent> out;
    codec.feed(wire, out);
    codec.flush(out);
    return out;
}

namespace {

int randomPulseWidth(std::mt19937& rng)
{
    return uniform(rng, 0, 10) == 0 ? 0 : uniform(rng, kMinNonZeroPulseWidthUs, kMaxPulseWidthUs);
}

std::uint8_t randomMask(std::mt19937& rng, int count)
{
    std::vector<int> channels{0, 1, 2, 3, 4, 5, 6, 7};
    std::shuffle(channels.begin(), channels.end(), rng);
    unsigned mask = 0;
    for (int i = 0; i < count; ++i) {
        mask |= 1U << static_cast<unsigned>(channels[static_cast<std::size_t>(i)]);
    }
    return static_cast<std::uint8_t>(mask);
}

} // namespace

InitChannelListMode randomInit(std::mt19937& rng, int activeCount)
{
    InitChannelListMode c;
    c.lowFrequencyFactor = uniform(rng, 0, kMaxLowFrequencyFactor);
    c.activeChannels = randomMask(rng, activeCount);
    c.lowFrequencyChannels = static_cast<std::uint8_t>(uniform(rng, 0, 255));
    c.interPulseIntervalCode = uniform(rng, 0, kMaxInterPulseIntervalCode);
    c.mainIntervalCode
        = uniform(rng, 0, 20) == 0 ? 0 : uniform(rng, kMinContinuousMainIntervalCode, kMaxMainIntervalCode);
    c.execution = static_cast<ChannelExecution>(uniform(rng, 0, 1));
    return c;
}

StartChannelListMode randomStart(std::mt19937& rng, int entries)
{
    StartChannelListMode c;
    for (int i = 0; i < entries; ++i) {
        c.entries.push_back(ChannelListEntry{
            static_cast<PulseMode>(uniform(rng, 0, 2)), randomPulseWidth(rng), uniform(rng, 0, kMaxCurrentMa)});
    }
    return c;
}

InitChannelListMode initFor(std::mt19937& rng, const StartChannelListMode& start)
{
    auto init = randomInit(rng, static_cast<int>(start.entries.size()));
    const int groups = pulsesPerGroup(start);
    if (groups > 1) {
        init.interPulseIntervalCode = uniform(rng, kMinDoubletInterPulseCode, kMaxInterPulseIntervalCode);
    }
    if (!init.oneShot()) {
        // Smallest m with 1000 + 500·m ≥ groups·(1500 + 500·n), then anything up to the limit.
        const int t2 = 1500 + 500 * init.interPulseIntervalCode;
        const int minCode = std::max(kMinContinuousMainIntervalCode, (groups * t2 - 1000 + 499) / 500);
        init.mainIntervalCode = uniform(rng, minCode, kMaxMainIntervalCode);
    }
    return init;
}

HostCommand randomHostCommand(std::mt19937& rng, InitChannelListMode& context)
{
    switch (uniform(rng, 0, 7)) {
    case 0:
        return InitAck{uniform(rng, 0, 1) == 0 ? ResultCode::Ok : ResultCode::IncompatibleVersion};
    case 1:
        return Watchdog{};
    case 2:
        return GetStimulationMode{};
    case 3: {
        context = randomInit(rng, uniform(rng, 1, kChannels));
        // Keep the context usable for any later start: t2 ≥ 8 ms, t1 ≥ 3·t2 or one-shot.
        context.interPulseIntervalCode = uniform(rng, kMinDoubletInterPulseCode, 80);
        if (!context.oneShot()) {
            context.mainIntervalCode = uniform(rng, 3 * (context.interPulseIntervalCode + 3), kMaxMainIntervalCode);
        }
        return context;
    }
    case 4:
        return randomStart(rng, context.activeChannelCount());
    case 5:
        return StopChannelListMode{};
    case 6:
        return SinglePulse{uniform(rng, 1, kChannels), randomPulseWidth(rng), uniform(rng, 0, kMaxCurrentMa)};
    default: {
        MotomedCommand c;
        c.command = static_cast<std::uint8_t>(uniform(rng, 0, 3) == 0 ? 12 : uniform(rng, 50, 90));
        c.data.resize(static_cast<std::size_t>(uniform(rng, 0, 60)));
        for (auto& b : c.data) {
            b = static_cast<std::uint8_t>(uniform(rng, 0, 255));
        }
        return c;
    }
    }
}

DeviceMessage randomDeviceMessage(std::mt19937& rng)
{
    static const ResultCode kResults[] = {
        ResultCode::Ok, ResultCode::TransferError, ResultCode::ParameterError, ResultCode::WrongMode, ResultCode::Busy};
    const auto result = kResults[uniform(rng, 0, 4)];
    switch (uniform(rng, 0, 8)) {
    case 0:
        return Init{static_cast<std::uint8_t>(uniform(rng, 0, 255))};
    case 1:
        return UnknownCommand{static_cast<std::uint8_t>(uniform(rng, 0, 255))};
    case 2:
        return GetStimulationModeAck{result,
            result == ResultCode::Ok ? std::optional<StimulationMode>(static_cast<StimulationMode>(uniform(rng, 0, 2)))
                                     : std::nullopt};
    case 3:
        return InitChannelListModeAck{result};
    case 4:
        return StartChannelListModeAck{result};
    case 5:
        return StopChannelListModeAck{result};
    case 6:
        return SinglePulseAck{result};
    case 7:
        return StimulationError{static_cast<StimulationErrorCode>(-uniform(rng, 1, 3))};
    default: {
        MotomedMessage m;
        m.command = static_cast<std::uint8_t>(uniform(rng, 0, 3) == 0 ? 13 : uniform(rng, 50, 90));
        m.data.resize(static_cast<std::size_t>(uniform(rng, 0, 60)));
        for (auto& b : m.data) {
            b = static_cast<std::uint8_t>(uniform(rng, 0, 255));
        }
        return m;
    }
    }
}

} // namespace sm2test
