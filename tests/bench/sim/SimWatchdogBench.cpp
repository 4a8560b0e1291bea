// SPDX-License-Identifier: GPL-3.0-or-later
// Watchdog trip time after host death: for each protocol, many in-process simulators (each on its own
// thread, watchdog 500 ms as in the clinic) are driven by a host that starts stimulation, sends
// keep-alives every 100 ms for a random 300..500 ms and then goes silent. Trip time = the simulator's
// output-stop time minus the host's last frame; the distribution and the overshoot beyond the period are
// printed. Figures only; never fails on time.
// Usage: bench_sim_watchdog [trials per protocol]   (default 50)
#include "device/sim/InProcessSimulator.h"
#include "protocols/sciencemode2/HostCodec.h"
#include "protocols/sciencemode4/HostCodec.h"

#include "bench/support/Figure.h"
#include "bench/support/Percentile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <vector>

namespace {

using galvani::bench::percentile;

using namespace std::chrono_literals;
namespace sim = galvani::device::sim;
namespace sm2 = galvani::proto::sm2;
namespace sm4 = galvani::proto::sm4;

constexpr std::chrono::milliseconds kWatchdog{500};
constexpr std::chrono::milliseconds kKeepAlive{100};
constexpr int kParallel = 10; // simulators running at once

std::chrono::nanoseconds now()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch());
}

QByteArray bytes(const std::vector<std::uint8_t>& v)
{
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size()));
}

// One host: stimulates, keeps alive until its death time, then falls silent.
class Trial {
public:
    Trial(sim::SimProtocol protocol, std::chrono::milliseconds lifetime) : m_protocol(protocol), m_lifetime(lifetime)
    {
        auto config = sim::defaultConfig(protocol);
        config.watchdog = kWatchdog;
        QString error;
        m_sim = sim::InProcessSimulator::start(config, &error);
        if (!m_sim) {
            std::fprintf(stderr, "cannot start simulator: %s\n", qPrintable(error));
            std::exit(1);
        }
        auto& link = m_sim->hostTransport();
        QObject::connect(&link, &galvani::device::Transport::bytesReceived, &m_keepAlive,
            [this](const QByteArray& b) { onBytes(b); });
        QObject::connect(&m_keepAlive, &QTimer::timeout, &m_keepAlive, [this] { keepAlive(); });
        if (protocol != sim::SimProtocol::ScienceMode2) {
            send(m_sm4.encode(sm4::MlInit{false}).value());
            sm4::MlUpdate update;
            sm4::MlChannel channel;
            channel.period = galvani::core::Microseconds(20'000);
            channel.points
                = {{galvani::core::Microseconds(250), galvani::core::milliamps(20.0), sm4::Interpolation::Jump},
                    {galvani::core::Microseconds(250), galvani::core::milliamps(-20.0), sm4::Interpolation::Jump}};
            update.channels[0] = channel;
            send(m_sm4.encode(update).value());
            startLiving();
        }
    }

    [[nodiscard]] bool finished() const
    {
        return m_dead && m_sim->stimulator().state() == sim::SimState::LatchedWatchdog;
    }
    [[nodiscard]] std::optional<double> tripMs() const
    {
        const auto stop = m_sim->stimulator().lastStop();
        if (!stop || stop->cause != sim::StopCause::Watchdog) {
            return std::nullopt;
        }
        return std::chrono::duration<double, std::milli>(stop->time - m_lastSend).count();
    }

private:
    void send(const std::vector<std::uint8_t>& frame)
    {
        m_lastSend = now();
        m_sim->hostTransport().write(bytes(frame));
    }
    void startLiving()
    {
        m_born = now();
        m_keepAlive.start(kKeepAlive);
    }
    void keepAlive()
    {
        if (now() - m_born >= m_lifetime) {
            m_keepAlive.stop(); // the host dies here: nothing more is sent
            m_dead = true;
            return;
        }
        if (m_protocol == sim::SimProtocol::ScienceMode2) {
            send(m_sm2.encodeNext(sm2::Watchdog{}).value().bytes);
        } else {
            send(m_sm4.encode(sm4::MlGetCurrentData{sm4::CurrentDataSelection::ChannelStates}).value());
        }
    }
    void onBytes(const QByteArray& b)
    {
        if (m_protocol != sim::SimProtocol::ScienceMode2 || m_connected) {
            return;
        }
        std::vector<sm2::HostEvent> events;
        m_sm2.feed(std::span(reinterpret_cast<const std::uint8_t*>(b.constData()), static_cast<std::size_t>(b.size())),
            events);
        for (const auto& e : events) {
            const auto* m = std::get_if<sm2::ReceivedMessage>(&e);
            if (m == nullptr || !std::holds_alternative<sm2::Init>(m->message) || m_connected) {
                continue;
            }
            m_connected = true;
            send(m_sm2.encode(sm2::InitAck{sm2::ResultCode::Ok}, m->packetNumber).value());
            sm2::InitChannelListMode init;
            init.activeChannels = sm2::channelBit(1);
            init.interPulseIntervalCode = 13;
            init.mainIntervalCode = 38;
            send(m_sm2.encodeNext(init).value().bytes);
            send(m_sm2.encodeNext(sm2::StartChannelListMode{{{sm2::PulseMode::Single, 250, 20}}}).value().bytes);
            startLiving();
        }
    }

    sim::SimProtocol m_protocol;
    std::chrono::milliseconds m_lifetime;
    std::unique_ptr<sim::InProcessSimulator> m_sim;
    sm2::HostCodec m_sm2;
    sm4::HostCodec m_sm4;
    QTimer m_keepAlive;
    bool m_connected = false;
    bool m_dead = false;
    std::chrono::nanoseconds m_born{0};
    std::chrono::nanoseconds m_lastSend{0};
};

void run(sim::SimProtocol protocol, const char* name, int trials)
{
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> lifetime(300, 500);
    std::vector<double> trips;
    int lost = 0;
    for (int done = 0; done < trials;) {
        const int batch = std::min(kParallel, trials - done);
        std::vector<std::unique_ptr<Trial>> running;
        for (int i = 0; i < batch; ++i) {
            running.push_back(std::make_unique<Trial>(protocol, std::chrono::milliseconds(lifetime(rng))));
        }
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 5000
            && !std::all_of(running.begin(), running.end(), [](const auto& t) { return t->finished(); })) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        }
        for (const auto& t : running) {
            if (const auto ms = t->tripMs(); ms && t->finished()) {
                trips.push_back(*ms);
            } else {
                ++lost;
            }
        }
        done += batch;
    }
    if (trips.empty()) {
        std::printf("%-14s no watchdog trips measured (%d trials lost)\n", name, lost);
        return;
    }
    const double period = static_cast<double>(kWatchdog.count());
    std::printf("%-14s n=%3zu  trip ms: min %7.1f  p50 %7.1f  p90 %7.1f  p99 %7.1f  max %7.1f   "
                "overshoot p50 %5.1f max %5.1f ms%s\n",
        name, trips.size(), percentile(trips, 0.0), percentile(trips, 0.5), percentile(trips, 0.9),
        percentile(trips, 0.99), percentile(trips, 1.0), percentile(trips, 0.5) - period,
        percentile(trips, 1.0) - period, lost > 0 ? "  (some trials lost)" : "");
    galvani::bench::figure("Watchdog trip time", galvani::bench::format("%s: last host frame to output off", name),
        galvani::bench::format("p50 %.1f / p99 %.1f / max %.1f ms", percentile(trips, 0.5), percentile(trips, 0.99),
            percentile(trips, 1.0)),
        galvani::bench::format("watchdog %.0f ms: overshoot p50 %.1f / max %.1f ms, n=%zu, lost %d", period,
            percentile(trips, 0.5) - period, percentile(trips, 1.0) - period, trips.size(), lost));
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int trials = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
    std::printf("Simulator watchdog trip time after host death (watchdog %lld ms, keep-alive %lld ms, %d trials, "
                "%d simulators at a time)\n",
        static_cast<long long>(kWatchdog.count()), static_cast<long long>(kKeepAlive.count()), trials, kParallel);
    run(sim::SimProtocol::ScienceMode2, "sciencemode2", trials);
    run(sim::SimProtocol::ScienceMode4, "sciencemode4", trials);
    return 0;
}
