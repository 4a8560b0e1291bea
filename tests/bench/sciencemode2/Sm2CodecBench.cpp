// SPDX-License-Identifier: GPL-3.0-or-later
// ScienceMode2 codec throughput on a realistic session mix. Prints frames/s and MB/s (wire bytes) for
// host encode, device decode, device encode and host decode; never fails on time.
// Usage: bench_sm2_codec [frames]   (default 200000 per direction)
#include "bench/support/Figure.h"
#include "protocols/sciencemode2/DeviceCodec.h"
#include "protocols/sciencemode2/HostCodec.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <span>
#include <vector>

using namespace galvani::proto;
using namespace galvani::proto::sm2;

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

// The link of a RehaStim2: 460800 baud 8E1 = 41 890 bytes/s; the report states each codec rate against it.
constexpr double kLinkBytesPerSecond = 460800.0 / 11.0;

void report(const char* what, std::size_t frames, std::size_t bytes, Clock::duration elapsed)
{
    const double s = std::max(seconds(elapsed), 1e-9);
    const double bytesPerSecond = static_cast<double>(bytes) / s;
    std::printf("%-28s %9zu frames %10zu bytes %8.3f s %12.0f frames/s %9.1f MB/s\n", what, frames, bytes, s,
        static_cast<double>(frames) / s, bytesPerSecond / 1e6);
    galvani::bench::figure("Codec throughput", galvani::bench::format("ScienceMode2 %s", what),
        galvani::bench::format("%.1f MB/s (%.0f frames/s)", bytesPerSecond / 1e6, static_cast<double>(frames) / s),
        galvani::bench::format("%.0fx the 460800-baud link (41 890 B/s)", bytesPerSecond / kLinkBytesPerSecond));
}

// A session as the app runs it: mostly amplitude updates of a 4–8 channel list, keep-alives, mode
// queries, now and then a re-init, a stop or a single pulse.
std::vector<HostCommand> sessionMix(std::size_t count, std::mt19937& rng, InitChannelListMode& init)
{
    std::uniform_int_distribution<int> pick(0, 99);
    std::uniform_int_distribution<int> current(0, 130);
    std::uniform_int_distribution<int> width(20, 500);
    init.activeChannels = 0x3F; // 6 channels
    init.interPulseIntervalCode = 17;
    init.mainIntervalCode = 64;
    StartChannelListMode start;
    start.entries.assign(6, ChannelListEntry{PulseMode::Single, 300, 0});
    std::vector<HostCommand> out;
    out.reserve(count);
    out.emplace_back(init);
    while (out.size() < count) {
        const int p = pick(rng);
        if (p < 60) {
            for (auto& e : start.entries) {
                e.currentMa = current(rng);
            }
            out.emplace_back(start);
        } else if (p < 85) {
            out.emplace_back(Watchdog{});
        } else if (p < 95) {
            out.emplace_back(GetStimulationMode{});
        } else if (p < 97) {
            out.emplace_back(StopChannelListMode{});
        } else if (p < 99) {
            out.emplace_back(SinglePulse{1 + pick(rng) % 8, width(rng), current(rng)});
        } else {
            out.emplace_back(init);
        }
    }
    return out;
}

DeviceMessage replyTo(const HostCommand& command)
{
    if (std::holds_alternative<GetStimulationMode>(command)) {
        return GetStimulationModeAck{ResultCode::Ok, StimulationMode::Started};
    }
    if (auto ack = ackFor(commandNumber(command), ResultCode::Ok)) {
        return *ack;
    }
    return StimulationError{StimulationErrorCode::Electrode}; // stands in for unsolicited traffic
}

} // namespace

int main(int argc, char* argv[])
{
    const std::size_t count = argc > 1 ? static_cast<std::size_t>(std::strtoull(argv[1], nullptr, 10)) : 200000;
    std::mt19937 rng(2024);
    InitChannelListMode init;
    const auto commands = sessionMix(count, rng, init);

    // Host encode.
    HostCodec host;
    std::vector<std::uint8_t> hostStream;
    hostStream.reserve(count * 24);
    auto t0 = Clock::now();
    for (const auto& c : commands) {
        const auto encoded = host.encodeNext(c);
        if (!encoded) {
            std::printf("unexpected refusal: %s\n", encoded.error().message().c_str());
            return 0;
        }
        hostStream.insert(hostStream.end(), encoded.value().bytes.begin(), encoded.value().bytes.end());
    }
    report("host encode", commands.size(), hostStream.size(), Clock::now() - t0);

    // Device decode, fed in 64-byte reads.
    DeviceCodec device;
    std::vector<DeviceEvent> deviceEvents;
    deviceEvents.reserve(count);
    t0 = Clock::now();
    for (std::size_t pos = 0; pos < hostStream.size(); pos += 64) {
        const auto n = std::min<std::size_t>(64, hostStream.size() - pos);
        device.feed(std::span<const std::uint8_t>(hostStream).subspan(pos, n), deviceEvents);
    }
    report("device decode (64 B reads)", deviceEvents.size(), hostStream.size(), Clock::now() - t0);

    // Device encode of the replies.
    std::vector<DeviceMessage> replies;
    replies.reserve(count);
    for (const auto& c : commands) {
        replies.push_back(replyTo(c));
    }
    std::vector<std::uint8_t> deviceStream;
    deviceStream.reserve(count * 10);
    t0 = Clock::now();
    std::uint8_t pn = 0;
    for (const auto& r : replies) {
        const auto encoded = device.encode(r, pn++);
        deviceStream.insert(deviceStream.end(), encoded.value().begin(), encoded.value().end());
    }
    report("device encode", replies.size(), deviceStream.size(), Clock::now() - t0);

    // Host decode, byte by byte (worst case: one read per byte) and in 64-byte reads.
    HostCodec hostDecoder;
    std::vector<HostEvent> hostEvents;
    hostEvents.reserve(count);
    t0 = Clock::now();
    for (std::size_t pos = 0; pos < deviceStream.size(); pos += 64) {
        const auto n = std::min<std::size_t>(64, deviceStream.size() - pos);
        hostDecoder.feed(std::span<const std::uint8_t>(deviceStream).subspan(pos, n), hostEvents);
    }
    report("host decode (64 B reads)", hostEvents.size(), deviceStream.size(), Clock::now() - t0);

    HostCodec bytewise;
    hostEvents.clear();
    t0 = Clock::now();
    for (const auto b : deviceStream) {
        bytewise.feed(std::span<const std::uint8_t>(&b, 1), hostEvents);
    }
    report("host decode (1 B reads)", hostEvents.size(), deviceStream.size(), Clock::now() - t0);

    std::printf("mix: %zu commands, mean %.1f wire bytes per command, %.1f per reply; rejects: device %llu, "
                "host %llu\n",
        commands.size(), static_cast<double>(hostStream.size()) / static_cast<double>(commands.size()),
        static_cast<double>(deviceStream.size()) / static_cast<double>(replies.size()),
        static_cast<unsigned long long>(device.rejects().total()),
        static_cast<unsigned long long>(hostDecoder.rejects().total()));
    // For scale: the link carries 460800 baud 8E1 = 41 890 bytes/s.
    std::printf("link capacity at 460800 baud 8E1: %.0f bytes/s\n", kLinkBytesPerSecond);
    return 0;
}
