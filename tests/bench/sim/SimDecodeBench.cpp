// SPDX-License-Identifier: GPL-3.0-or-later
// How fast the simulated stimulator takes host traffic: a long stream of valid commands (ScienceMode2:
// channel-list updates, watchdogs, mode polls; ScienceMode4 mid level: updates and status polls) is fed
// in 4 KiB chunks into a SimulatedStimulator, which decodes, applies, logs and answers each one. The
// baseline is the protocol's DeviceCodec alone on the same bytes, measured in the same run. Also: the
// cost of one measured low-level pulse (128 samples through the RC load model).
// Usage: bench_sim_decode [commands]   (default 200000)
#include "device/sim/ChannelModel.h"
#include "device/sim/SimulatedStimulator.h"
#include "device/transport/Transport.h"
#include "protocols/sciencemode2/DeviceCodec.h"
#include "protocols/sciencemode2/HostCodec.h"
#include "protocols/sciencemode4/DeviceCodec.h"
#include "protocols/sciencemode4/HostCodec.h"

#include "bench/support/Figure.h"

#include <QCoreApplication>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

namespace {

namespace sim = galvani::device::sim;
namespace sm2 = galvani::proto::sm2;
namespace sm4 = galvani::proto::sm4;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kChunk = 4096;

// Feeds bytes in as if they came from a host; counts what the device writes back.
class FeedTransport final : public galvani::device::Transport {
public:
    bool open(QString*) override { return m_open = true; }
    void close() override { m_open = false; }
    [[nodiscard]] bool isOpen() const override { return m_open; }
    bool write(const QByteArray& bytes) override
    {
        m_written += static_cast<std::uint64_t>(bytes.size());
        return m_open;
    }
    [[nodiscard]] QString description() const override { return QStringLiteral("bench feed"); }
    void feed(const QByteArray& bytes) { Q_EMIT bytesReceived(bytes); }
    [[nodiscard]] std::uint64_t written() const { return m_written; }

private:
    bool m_open = false;
    std::uint64_t m_written = 0;
};

void append(std::vector<std::uint8_t>& stream, const std::vector<std::uint8_t>& frame)
{
    stream.insert(stream.end(), frame.begin(), frame.end());
}

std::vector<std::uint8_t> sm2Stream(std::size_t commands)
{
    sm2::HostCodec codec;
    std::vector<std::uint8_t> s;
    append(s, codec.encode(sm2::InitAck{sm2::ResultCode::Ok}, 0).value());
    sm2::InitChannelListMode init;
    init.activeChannels = static_cast<std::uint8_t>(sm2::channelBit(1) | sm2::channelBit(2));
    init.interPulseIntervalCode = 13;
    init.mainIntervalCode = 38;
    append(s, codec.encodeNext(init).value().bytes);
    for (std::size_t i = 0; i < commands; ++i) {
        switch (i % 3) {
        case 0: {
            const int ma = 10 + static_cast<int>(i % 20);
            append(s,
                codec
                    .encodeNext(sm2::StartChannelListMode{
                        {{sm2::PulseMode::Single, 250, ma}, {sm2::PulseMode::Single, 300, ma / 2}}})
                    .value()
                    .bytes);
            break;
        }
        case 1:
            append(s, codec.encodeNext(sm2::Watchdog{}).value().bytes);
            break;
        default:
            append(s, codec.encodeNext(sm2::GetStimulationMode{}).value().bytes);
            break;
        }
    }
    return s;
}

std::vector<std::uint8_t> sm4Stream(std::size_t commands)
{
    sm4::HostCodec codec;
    std::vector<std::uint8_t> s;
    append(s, codec.encode(sm4::MlInit{false}).value());
    for (std::size_t i = 0; i < commands; ++i) {
        if (i % 2 == 0) {
            sm4::MlUpdate update;
            for (std::size_t ch = 0; ch < 4; ++ch) {
                sm4::MlChannel c;
                c.period = galvani::core::Microseconds(20'000);
                const auto ma = galvani::core::milliamps(10.0 + static_cast<double>((i / 2 + ch) % 20));
                c.points = {{galvani::core::Microseconds(250), ma, sm4::Interpolation::Jump},
                    {galvani::core::Microseconds(100), galvani::core::Microamps(0), sm4::Interpolation::Jump},
                    {galvani::core::Microseconds(250), -ma, sm4::Interpolation::Jump}};
                update.channels[ch] = c;
            }
            append(s, codec.encode(update).value());
        } else {
            append(s, codec.encode(sm4::MlGetCurrentData{sm4::CurrentDataSelection::ChannelStates}).value());
        }
    }
    return s;
}

template <typename Fn>
double seconds(Fn&& fn)
{
    const auto start = Clock::now();
    fn();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void report(const char* name, const std::vector<std::uint8_t>& stream, std::size_t commands, double simSeconds,
    double codecSeconds, std::uint64_t written)
{
    const double mb = static_cast<double>(stream.size()) / 1e6;
    std::printf("%-26s %8zu commands %6.2f MB: simulator %9.0f commands/s %6.1f MB/s (%.1f MB answered) | "
                "codec alone %9.0f commands/s | simulator/codec time %.1fx\n",
        name, commands, mb, static_cast<double>(commands) / simSeconds, mb / simSeconds,
        static_cast<double>(written) / 1e6, static_cast<double>(commands) / codecSeconds, simSeconds / codecSeconds);
    galvani::bench::figure("Simulator", galvani::bench::format("%s: decode, apply and answer host traffic", name),
        galvani::bench::format(
            "%.0f commands/s (%.1f MB/s)", static_cast<double>(commands) / simSeconds, mb / simSeconds),
        galvani::bench::format(
            "%.1fx the time of the codec alone on the same stream; n=%zu", simSeconds / codecSeconds, commands));
}

void runSimulator(
    sim::SimProtocol protocol, const char* name, const std::vector<std::uint8_t>& stream, std::size_t commands)
{
    FeedTransport link;
    sim::SimulatedStimulator stimulator(link, sim::defaultConfig(protocol));
    QString error;
    if (!stimulator.start(&error)) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(error));
        std::exit(1);
    }
    const double simSeconds = seconds([&] {
        for (std::size_t at = 0; at < stream.size(); at += kChunk) {
            const auto n = std::min(kChunk, stream.size() - at);
            link.feed(QByteArray(reinterpret_cast<const char*>(stream.data() + at), static_cast<qsizetype>(n)));
        }
    });
    double codecSeconds = 0.0;
    if (protocol == sim::SimProtocol::ScienceMode2) {
        sm2::DeviceCodec codec;
        std::vector<sm2::DeviceEvent> events;
        codecSeconds = seconds([&] {
            for (std::size_t at = 0; at < stream.size(); at += kChunk) {
                events.clear();
                codec.feed(std::span(stream.data() + at, std::min(kChunk, stream.size() - at)), events);
            }
        });
    } else {
        sm4::DeviceCodec codec;
        std::vector<sm4::DeviceInbound> events;
        codecSeconds = seconds([&] {
            for (std::size_t at = 0; at < stream.size(); at += kChunk) {
                events.clear();
                codec.feed(std::span(stream.data() + at, std::min(kChunk, stream.size() - at)), events);
            }
        });
    }
    if (stimulator.oracleCount() != 0) {
        std::printf("%s: unexpected oracle entries: %zu\n", name, stimulator.oracleCount());
    }
    report(name, stream, commands, simSeconds, codecSeconds, link.written());
}

void runPulseModel()
{
    sim::ChannelModel channel;
    const auto pulse = sim::biphasicPulse(
        galvani::core::Microamps(20'000), galvani::core::Microseconds(250), galvani::core::Microseconds(100));
    const auto period = sim::ChannelModel::samplingPeriodFor(pulse, 128);
    std::mt19937_64 rng(1);
    constexpr int kPulses = 20'000;
    std::int64_t sink = 0;
    const double s = seconds([&] {
        for (int i = 0; i < kPulses; ++i) {
            sink
                += channel
                       .samplePulse(pulse, period, 128, galvani::core::volts(150), galvani::core::Microamps(20), rng)[5]
                       .value();
        }
    });
    std::printf("%-26s %8d pulses (600 us, 128 samples): %9.0f pulses/s, %.1f us per pulse (checksum %lld)\n",
        "low-level pulse model", kPulses, kPulses / s, s / kPulses * 1e6, static_cast<long long>(sink % 7));
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const auto commands = static_cast<std::size_t>(argc > 1 ? std::max(1000L, std::atol(argv[1])) : 200'000L);
    std::printf("Simulated stimulator: decode, apply and answer host traffic (fed in %zu-byte chunks)\n", kChunk);
    const auto s2 = sm2Stream(commands);
    runSimulator(sim::SimProtocol::ScienceMode2, "sciencemode2 list mode", s2, commands);
    const auto s4 = sm4Stream(commands);
    runSimulator(sim::SimProtocol::ScienceMode4, "sciencemode4 mid level", s4, commands);
    runPulseModel();
    return 0;
}
