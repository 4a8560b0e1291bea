// SPDX-License-Identifier: GPL-3.0-or-later
// ScienceMode4 codec throughput: encode and decode of the frames that dominate a session (low-level
// channel config, mid-level update, measurement ack with 128 samples, status ack). Prints frames/s
// and MB/s of wire bytes; never fails on time. Usage: bench_sm4 [seconds per figure, default 0.5]
#include "bench/support/Figure.h"
#include "protocols/sciencemode4/DeviceCodec.h"
#include "protocols/sciencemode4/HostCodec.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <span>
#include <string>
#include <vector>

using namespace galvani;
using namespace galvani::proto;
using namespace galvani::proto::sm4;

namespace {

using Clock = std::chrono::steady_clock;

Point point(std::int64_t us, std::int64_t ua)
{
    return Point{core::Microseconds{us}, core::Microamps{ua}, Interpolation::Jump};
}

// Runs `step` (which handles `framesPerStep` frames of `bytesPerFrame` wire bytes) for about
// `seconds` and prints the rate.
void measure(const char* name, double seconds, std::size_t framesPerStep, std::size_t bytesPerFrame,
    const std::function<std::size_t()>& step)
{
    std::size_t frames = 0;
    std::size_t sink = 0;
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::duration<double>(seconds);
    while (Clock::now() < deadline) {
        for (int i = 0; i < 64; ++i) {
            sink += step();
            frames += framesPerStep;
        }
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const double fps = static_cast<double>(frames) / elapsed;
    const double mbps = fps * static_cast<double>(bytesPerFrame) / 1e6;
    std::printf(
        "%-44s %5zu B/frame %12.0f frames/s %9.1f MB/s  (check %zu)\n", name, bytesPerFrame, fps, mbps, sink % 10);
    // The link of a P24: 3 Mbaud 8N2 = 272 727 bytes/s each way.
    galvani::bench::figure("Codec throughput", galvani::bench::format("ScienceMode4 %s", name),
        galvani::bench::format("%.1f MB/s (%.0f frames/s)", mbps, fps),
        galvani::bench::format("%.0fx the 3-Mbaud link (272 727 B/s)", mbps * 1e6 / (3'000'000.0 / 11.0)));
}

std::vector<std::uint8_t> encodeHost(const HostCommand& c)
{
    auto frame = HostCodec(Variant::ScienceMode4).encode(c, 17);
    if (!frame) {
        std::fprintf(stderr, "encode refused: %s\n", frame.error().message().c_str());
        std::exit(1);
    }
    return frame.value();
}

std::vector<std::uint8_t> encodeDevice(const DeviceMessage& m)
{
    auto frame = DeviceCodec(Variant::ScienceMode4).encode(17, m);
    if (!frame) {
        std::fprintf(stderr, "encode refused: %s\n", frame.error().message().c_str());
        std::exit(1);
    }
    return frame.value();
}

template <typename Codec>
void benchDecode(const char* name, double seconds, const std::vector<std::uint8_t>& frame)
{
    // A stream of 256 back-to-back frames fed in 4 KiB reads, as from a serial port.
    constexpr std::size_t kFrames = 256;
    constexpr std::size_t kRead = 4096;
    std::vector<std::uint8_t> stream;
    for (std::size_t i = 0; i < kFrames; ++i) {
        stream.insert(stream.end(), frame.begin(), frame.end());
    }
    Codec codec(Variant::ScienceMode4);
    decltype(codec.feed(std::span<const std::uint8_t>{})) events;
    events.reserve(kFrames);
    measure(name, seconds, kFrames, frame.size(), [&] {
        events.clear();
        for (std::size_t pos = 0; pos < stream.size(); pos += kRead) {
            codec.feed(
                std::span<const std::uint8_t>(stream).subspan(pos, std::min(kRead, stream.size() - pos)), events);
        }
        return events.size();
    });
    if (codec.stats().rejectedTotal() != 0) {
        std::fprintf(stderr, "unexpected rejects while decoding %s\n", name);
    }
}

} // namespace

int main(int argc, char** argv)
{
    const double seconds = argc > 1 ? std::atof(argv[1]) : 0.5;

    const LlChannelConfig llBiphasic{
        true, 0, Connector::Yellow, {point(250, 20'000), point(100, 0), point(250, -20'000)}};
    LlChannelConfig llSixteen{true, 3, Connector::Green, {}};
    for (int i = 0; i < 16; ++i) {
        llSixteen.points.push_back(point(100 + i, (i % 2 == 0 ? 1 : -1) * 40'000));
    }
    MlUpdate mlEight;
    for (auto& ch : mlEight.channels) {
        ch = MlChannel{3, core::Microseconds{25'000}, PeriodResolution::HalfMillisecond,
            {point(300, 30'000), point(100, 0), point(300, -30'000)}};
    }
    LlChannelConfigAck ack128{
        ResultCode::Ok, 0, Connector::Yellow, LlMeasurement::StimulationCurrent, core::Microseconds{5}, {}};
    for (int i = 0; i < 128; ++i) {
        ack128.samples.push_back(static_cast<std::uint16_t>(static_cast<std::int16_t>((i % 64 < 32 ? 1 : -1) * 4000)));
    }
    ChannelStatesReport states;
    states.runningMask = 0xFF;
    const MlGetCurrentDataAck sel4{ResultCode::Ok, 4, states};

    std::printf("ScienceMode4 codec throughput (%.2f s per figure)\n", seconds);
    const HostCodec host(Variant::ScienceMode4);
    const DeviceCodec device(Variant::ScienceMode4);
    struct Case {
        const char* name;
        HostCommand command;
    };
    for (const auto& c : {Case{"encode Ll_channel_config (3 points)", llBiphasic},
             Case{"encode Ll_channel_config (16 points)", llSixteen},
             Case{"encode Ml_update (8 channels x 3 points)", mlEight}}) {
        const std::size_t bytes = encodeHost(c.command).size();
        measure(c.name, seconds, 1, bytes, [&] { return host.encode(c.command, 17).value().size(); });
    }
    const DeviceMessage ackMessage = ack128;
    const DeviceMessage sel4Message = sel4;
    measure("encode Ll_channel_config_ack (128 samples)", seconds, 1, encodeDevice(ackMessage).size(),
        [&] { return device.encode(17, ackMessage).value().size(); });
    measure("encode Ml_get_current_data_ack (sel 4)", seconds, 1, encodeDevice(sel4Message).size(),
        [&] { return device.encode(17, sel4Message).value().size(); });

    benchDecode<DeviceCodec>("decode Ll_channel_config (3 points)", seconds, encodeHost(llBiphasic));
    benchDecode<DeviceCodec>("decode Ll_channel_config (16 points)", seconds, encodeHost(llSixteen));
    benchDecode<DeviceCodec>("decode Ml_update (8 channels x 3 points)", seconds, encodeHost(mlEight));
    benchDecode<HostCodec>("decode Ll_channel_config_ack (128 samples)", seconds, encodeDevice(ackMessage));
    benchDecode<HostCodec>("decode Ml_get_current_data_ack (sel 4)", seconds, encodeDevice(sel4Message));
    return 0;
}
