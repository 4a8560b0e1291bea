// SPDX-License-Identifier: GPL-3.0-or-later
// Round-trip property over fuzzer-chosen field values, in and slightly beyond every range:
//  - the host encoder accepts a command exactly when an independent statement of SCIENCEMODE2.md §6
//    says it may be sent, and the device decoder then reads back the same command and packet number;
//  - likewise device messages through the device encoder and the host decoder;
//  - the whole session's bytes, cut at fuzzer-chosen points, decode to the same sequence.
#include "FuzzCheck.h"

#include "protocols/sciencemode2/DeviceCodec.h"
#include "protocols/sciencemode2/HostCodec.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

using namespace galvani::proto;
using namespace galvani::proto::sm2;

namespace {

// §6 "Host encoder refuses", restated on its own.
bool pulseOk(int pw, int ma)
{
    return (pw == 0 || (pw >= 20 && pw <= 500)) && ma >= 0 && ma <= 130;
}

bool initOk(const InitChannelListMode& c)
{
    return c.lowFrequencyFactor >= 0 && c.lowFrequencyFactor <= 7 && c.activeChannels != 0
        && c.interPulseIntervalCode >= 0 && c.interPulseIntervalCode <= 255
        && (c.mainIntervalCode == 0 || (c.mainIntervalCode >= 14 && c.mainIntervalCode <= 2048))
        && static_cast<int>(c.execution) <= 1;
}

bool startOk(const std::optional<InitChannelListMode>& init, const StartChannelListMode& s)
{
    if (!init || s.entries.empty() || s.entries.size() > 8) {
        return false;
    }
    int groups = 1;
    for (const auto& e : s.entries) {
        if (static_cast<int>(e.mode) > 2 || !pulseOk(e.pulseWidthUs, e.currentMa)) {
            return false;
        }
        groups = std::max(groups, static_cast<int>(e.mode) + 1);
    }
    int active = 0;
    for (int bit = 0; bit < 8; ++bit) {
        active += (init->activeChannels >> bit) & 1;
    }
    if (static_cast<int>(s.entries.size()) != active) {
        return false;
    }
    if (groups > 1 && init->interPulseIntervalCode < 13) {
        return false;
    }
    const long t1 = 1000L + 500L * init->mainIntervalCode;
    const long t2 = 1500L + 500L * init->interPulseIntervalCode;
    return init->mainIntervalCode == 0 || t1 >= groups * t2;
}

HostCommand makeCommand(FuzzedDataProvider& p)
{
    switch (p.ConsumeIntegralInRange<int>(0, 7)) {
    case 0:
        return InitAck{static_cast<ResultCode>(p.ConsumeIntegral<std::int8_t>())};
    case 1:
        return Watchdog{};
    case 2:
        return GetStimulationMode{};
    case 3: {
        InitChannelListMode c;
        c.lowFrequencyFactor = p.ConsumeIntegralInRange<int>(-1, 9);
        c.activeChannels = p.ConsumeIntegral<std::uint8_t>();
        c.lowFrequencyChannels = p.ConsumeIntegral<std::uint8_t>();
        c.interPulseIntervalCode = p.ConsumeIntegralInRange<int>(-1, 257);
        c.mainIntervalCode = p.ConsumeIntegralInRange<int>(-1, 2100);
        c.execution = static_cast<ChannelExecution>(p.ConsumeIntegralInRange<int>(0, 2));
        return c;
    }
    case 4: {
        StartChannelListMode c;
        c.entries.resize(p.ConsumeIntegralInRange<std::size_t>(0, 9));
        for (auto& e : c.entries) {
            e.mode = static_cast<PulseMode>(p.ConsumeIntegralInRange<int>(0, 3));
            e.pulseWidthUs = p.ConsumeIntegralInRange<int>(-1, 520);
            e.currentMa = p.ConsumeIntegralInRange<int>(-1, 140);
        }
        return c;
    }
    case 5:
        return StopChannelListMode{};
    case 6:
        return SinglePulse{p.ConsumeIntegralInRange<int>(-1, 9), p.ConsumeIntegralInRange<int>(-1, 520),
            p.ConsumeIntegralInRange<int>(-1, 140)};
    default: {
        MotomedCommand c;
        c.command = p.ConsumeIntegral<std::uint8_t>();
        c.data = p.ConsumeBytes<std::uint8_t>(p.ConsumeIntegralInRange<std::size_t>(0, 64));
        return c;
    }
    }
}

bool commandOk(const std::optional<InitChannelListMode>& init, const HostCommand& command)
{
    if (const auto* a = std::get_if<InitAck>(&command)) {
        return a->result == ResultCode::Ok || a->result == ResultCode::IncompatibleVersion;
    }
    if (const auto* c = std::get_if<InitChannelListMode>(&command)) {
        return initOk(*c);
    }
    if (const auto* s = std::get_if<StartChannelListMode>(&command)) {
        return startOk(init, *s);
    }
    if (const auto* s = std::get_if<SinglePulse>(&command)) {
        return s->channel >= 1 && s->channel <= 8 && pulseOk(s->pulseWidthUs, s->currentMa);
    }
    if (const auto* m = std::get_if<MotomedCommand>(&command)) {
        return (m->command == 12 || m->command == 13 || (m->command >= 50 && m->command <= 90)) && m->data.size() <= 60;
    }
    return true;
}

DeviceMessage makeMessage(FuzzedDataProvider& p)
{
    const auto result = static_cast<ResultCode>(p.ConsumeIntegralInRange<int>(-9, 1));
    switch (p.ConsumeIntegralInRange<int>(0, 8)) {
    case 0:
        return Init{p.ConsumeIntegral<std::uint8_t>()};
    case 1:
        return UnknownCommand{p.ConsumeIntegral<std::uint8_t>()};
    case 2: {
        GetStimulationModeAck m{result, std::nullopt};
        if (p.ConsumeBool()) {
            m.mode = static_cast<StimulationMode>(p.ConsumeIntegralInRange<int>(0, 3));
        }
        return m;
    }
    case 3:
        return InitChannelListModeAck{result};
    case 4:
        return StartChannelListModeAck{result};
    case 5:
        return StopChannelListModeAck{result};
    case 6:
        return SinglePulseAck{result};
    case 7:
        return StimulationError{static_cast<StimulationErrorCode>(p.ConsumeIntegralInRange<int>(-5, 1))};
    default: {
        MotomedMessage m;
        m.command = p.ConsumeIntegral<std::uint8_t>();
        m.data = p.ConsumeBytes<std::uint8_t>(p.ConsumeIntegralInRange<std::size_t>(0, 64));
        return m;
    }
    }
}

bool messageOk(const DeviceMessage& message)
{
    auto ack = [](ResultCode r) {
        const int v = static_cast<int>(r);
        return v == 0 || v == -1 || v == -2 || v == -3 || v == -8;
    };
    if (const auto* m = std::get_if<GetStimulationModeAck>(&message)) {
        return ack(m->result)
            && (m->result == ResultCode::Ok ? m->mode.has_value() && static_cast<int>(*m->mode) <= 2
                                            : !m->mode.has_value());
    }
    if (const auto* m = std::get_if<InitChannelListModeAck>(&message)) {
        return ack(m->result);
    }
    if (const auto* m = std::get_if<StartChannelListModeAck>(&message)) {
        return ack(m->result);
    }
    if (const auto* m = std::get_if<StopChannelListModeAck>(&message)) {
        return ack(m->result);
    }
    if (const auto* m = std::get_if<SinglePulseAck>(&message)) {
        return ack(m->result);
    }
    if (const auto* m = std::get_if<StimulationError>(&message)) {
        const int v = static_cast<int>(m->error);
        return v >= -3 && v <= -1;
    }
    if (const auto* m = std::get_if<MotomedMessage>(&message)) {
        return (m->command == 12 || m->command == 13 || (m->command >= 50 && m->command <= 90)) && m->data.size() <= 60;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider p(data, size);
    HostCodec host;
    DeviceCodec device;
    std::optional<InitChannelListMode> lastInit;
    std::vector<std::uint8_t> hostStream;
    std::vector<ReceivedCommand> sentCommands;
    std::vector<std::uint8_t> deviceStream;
    std::vector<ReceivedMessage> sentMessages;

    for (int step = 0; step < 32 && p.remaining_bytes() > 0; ++step) {
        if (p.ConsumeBool()) {
            const auto command = makeCommand(p);
            const auto pn = p.ConsumeIntegral<std::uint8_t>();
            const bool ok = commandOk(lastInit, command);
            const auto wire = host.encode(command, pn);
            GALVANI_FUZZ_CHECK(wire.hasValue() == ok);
            if (!wire) {
                GALVANI_FUZZ_CHECK(!wire.error().field.empty() && !wire.error().allowed.empty());
                continue;
            }
            if (const auto* init = std::get_if<InitChannelListMode>(&command)) {
                lastInit = *init;
            }
            std::vector<DeviceEvent> events;
            DeviceCodec fresh;
            fresh.feed(wire.value(), events);
            GALVANI_FUZZ_CHECK(events.size() == 1);
            const ReceivedCommand expected{pn, command};
            GALVANI_FUZZ_CHECK(std::get<ReceivedCommand>(events[0]) == expected);
            hostStream.insert(hostStream.end(), wire.value().begin(), wire.value().end());
            sentCommands.push_back(expected);
        } else {
            const auto message = makeMessage(p);
            const auto pn = p.ConsumeIntegral<std::uint8_t>();
            const auto wire = device.encode(message, pn);
            GALVANI_FUZZ_CHECK(wire.hasValue() == messageOk(message));
            if (!wire) {
                continue;
            }
            std::vector<HostEvent> events;
            HostCodec fresh;
            fresh.feed(wire.value(), events);
            GALVANI_FUZZ_CHECK(events.size() == 1);
            const ReceivedMessage expected{pn, message};
            GALVANI_FUZZ_CHECK(std::get<ReceivedMessage>(events[0]) == expected);
            deviceStream.insert(deviceStream.end(), wire.value().begin(), wire.value().end());
            sentMessages.push_back(expected);
        }
    }

    // The whole session, cut into pieces of fuzzer-chosen size.
    DeviceCodec deviceSide;
    std::vector<DeviceEvent> commands;
    HostCodec hostSide;
    std::vector<HostEvent> messages;
    std::size_t hostPos = 0;
    std::size_t devicePos = 0;
    while (hostPos < hostStream.size() || devicePos < deviceStream.size()) {
        const auto cut = 1 + p.ConsumeIntegralInRange<std::size_t>(0, 40);
        const auto h = std::min(cut, hostStream.size() - hostPos);
        deviceSide.feed(std::span<const std::uint8_t>(hostStream).subspan(hostPos, h), commands);
        hostPos += h;
        const auto d = std::min(cut, deviceStream.size() - devicePos);
        hostSide.feed(std::span<const std::uint8_t>(deviceStream).subspan(devicePos, d), messages);
        devicePos += d;
    }
    GALVANI_FUZZ_CHECK(commands.size() == sentCommands.size());
    for (std::size_t i = 0; i < commands.size(); ++i) {
        GALVANI_FUZZ_CHECK(std::get<ReceivedCommand>(commands[i]) == sentCommands[i]);
    }
    GALVANI_FUZZ_CHECK(messages.size() == sentMessages.size());
    for (std::size_t i = 0; i < messages.size(); ++i) {
        GALVANI_FUZZ_CHECK(std::get<ReceivedMessage>(messages[i]) == sentMessages[i]);
    }
    return 0;
}
