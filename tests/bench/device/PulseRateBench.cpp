// SPDX-License-Identifier: GPL-3.0-or-later
// Maximum sustained ScienceMode4 low-level pulse rate over the real serial path: galvani-sim in its own
// process on a pseudo-terminal, a host on the other end with plain termios (3 Mbaud, 8N2, RTS/CTS as the
// P24 wants) and sm4::HostCodec. After one Ll_init, Ll_channel_config frames go out round-robin over 1..8
// outputs, keeping as many outstanding as the device queues (10), for a fixed window per channel count;
// acks per second are the achieved pulse rate. The rate is set against the link's theoretical frame rate,
// computed from the encoded bytes actually sent and received. A pty ignores the baud rate, so the ratio
// measures host + simulator cost, not wire time. Prints a table and exits 0; it never passes or fails on
// time.
// Usage: bench_device_pulse_rate [window-ms]   (default 2000 per channel count)
#include "protocols/sciencemode4/HostCodec.h"
#include "protocols/sciencemode4/Sm4Limits.h"

#include "bench/support/Figure.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <variant>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;
namespace sm4 = galvani::proto::sm4;
namespace core = galvani::core;

constexpr double kBaud = 3'000'000.0;
constexpr double kBitsPerByte = 11.0; // start + 8 data + 2 stop
// Each pulse is +2 mA / -2 mA for 20 µs each: short enough that the simulated stimulation engine
// (which runs queued pulses back to back and acks each at its end) allows 25,000 pulses/s, above the
// link's frame rate, so the table shows the transport and not the pulse length.
constexpr core::Microseconds kPhase{20};
constexpr core::Microamps kAmplitude{2'000};
constexpr std::chrono::microseconds kPulse{2 * kPhase.value()};
// The host keeps its estimate of the device's backlog two pulses short of a full queue (one for the delay between the
// host writing a request and the device taking it) (signed, so a backlog that has already drained compares as
// negative).
constexpr std::chrono::microseconds kBacklogLimit{
    static_cast<std::int64_t>(galvani::proto::sm4::kLowLevelQueueDepth - 2) * kPulse.count()};

// The host end of the pseudo-terminal, non-blocking, configured like the P24's link.
class Link {
public:
    explicit Link(const QString& path)
        : m_fd(::open(QFile::encodeName(path).constData(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC))
    {
        if (m_fd < 0) {
            return;
        }
        termios t{};
        if (::tcgetattr(m_fd, &t) != 0) {
            close();
            return;
        }
        ::cfmakeraw(&t);
        ::cfsetispeed(&t, B3000000);
        ::cfsetospeed(&t, B3000000);
        t.c_cflag |= static_cast<tcflag_t>(CSTOPB | CRTSCTS);
        if (::tcsetattr(m_fd, TCSANOW, &t) != 0) {
            close();
        }
    }
    ~Link() { close(); }
    Link(const Link&) = delete;
    Link& operator=(const Link&) = delete;

    [[nodiscard]] bool isOpen() const { return m_fd >= 0; }

    // Writes all bytes, waiting for room when the pty buffer is full. False on a link error.
    bool writeAll(const std::vector<std::uint8_t>& bytes)
    {
        std::size_t done = 0;
        while (done < bytes.size()) {
            const auto n = ::write(m_fd, bytes.data() + done, bytes.size() - done);
            if (n > 0) {
                done += static_cast<std::size_t>(n);
                continue;
            }
            if (n < 0 && errno != EAGAIN && errno != EINTR) {
                return false;
            }
            pollfd p{m_fd, POLLOUT, 0};
            ::poll(&p, 1, 10);
        }
        return true;
    }

    // Waits up to `timeout` for input, then reads what is there (possibly nothing). nullopt on a link error.
    std::optional<std::vector<std::uint8_t>> read(std::chrono::microseconds timeout)
    {
        pollfd p{m_fd, POLLIN, 0};
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
        const timespec wait{static_cast<time_t>(seconds.count()),
            static_cast<long>(std::chrono::nanoseconds(timeout - seconds).count())};
        const int ready = ::ppoll(&p, 1, &wait, nullptr);
        if (ready > 0 && (p.revents & (POLLHUP | POLLERR)) != 0 && (p.revents & POLLIN) == 0) {
            return std::nullopt;
        }
        std::array<std::uint8_t, 4096> buffer{};
        const auto n = ::read(m_fd, buffer.data(), buffer.size());
        if (n > 0) {
            return std::vector<std::uint8_t>(buffer.begin(), buffer.begin() + n);
        }
        if (n < 0 && errno != EAGAIN && errno != EINTR) {
            return std::nullopt;
        }
        return std::vector<std::uint8_t>{};
    }

private:
    void close()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }

    int m_fd;
};

struct Row {
    int channels = 0;
    double seconds = 0.0;
    std::uint64_t acked = 0; // Ok acks inside the window
    std::uint64_t busy = 0; // acks with result Busy: the device queue was full
    std::uint64_t refused = 0; // acks with any other result, and rejected frames
    std::uint64_t requestBytes = 0;
    std::uint64_t requests = 0;
    std::uint64_t ackBytes = 0;
    std::uint64_t acks = 0;
    bool linkLost = false;
};

sm4::LlChannelConfig pulseFor(int output)
{
    const auto target = sm4::lowLevelTarget(output).value();
    sm4::LlChannelConfig config;
    config.channel = target.channel;
    config.connector = target.connector;
    config.points = {{kPhase, kAmplitude, sm4::Interpolation::Jump},
        {kPhase, core::Microamps(-kAmplitude.value()), sm4::Interpolation::Jump}};
    return config;
}

// Feeds received bytes; counts Ll_channel_config acks. Returns how many acks (of any result) arrived.
std::uint64_t absorb(
    const std::vector<std::uint8_t>& bytes, sm4::HostCodec& codec, Row& row, bool inWindow, std::uint64_t& bytesIn)
{
    std::vector<sm4::HostInbound> inbound;
    codec.feed(bytes, inbound);
    bytesIn += bytes.size();
    std::uint64_t acks = 0;
    for (const auto& item : inbound) {
        const auto* received = std::get_if<sm4::Received<sm4::DeviceMessage>>(&item);
        if (received == nullptr) {
            row.refused += inWindow ? 1 : 0;
            ++acks; // a mangled ack still frees its queue slot on the host's books
            continue;
        }
        if (!std::holds_alternative<sm4::LlChannelConfigAck>(received->message)) {
            continue;
        }
        ++acks;
        if (!inWindow) {
            continue;
        }
        const auto result = sm4::resultOf(received->message);
        if (result == sm4::ResultCode::Ok) {
            ++row.acked;
        } else if (result == sm4::ResultCode::Busy) {
            ++row.busy;
        } else {
            ++row.refused;
        }
    }
    return acks;
}

// Pulses round-robin over outputs 1..channels for `window`, then drains what is still outstanding.
Row run(Link& link, sm4::HostCodec& codec, int channels, std::chrono::milliseconds window)
{
    Row row;
    row.channels = channels;
    std::uint64_t outstanding = 0;
    std::uint64_t ackBytesIn = 0;
    int next = 1;
    const auto start = SteadyClock::now();
    auto deviceFreeAt = start;
    const auto end = start + window;
    while (SteadyClock::now() < end) {
        // Two limits: acks outstanding (the device's queue depth), and the host's own estimate of the device's
        // backlog in time. The simulator writes replies up to 0.5 ms before they are due, so with 40 µs pulses
        // an ack can arrive while its pulse and several after it still occupy the queue; the backlog estimate
        // keeps the host from filling a queue the acks say is free (which the device answers with Busy).
        while (outstanding < sm4::kLowLevelQueueDepth && deviceFreeAt - SteadyClock::now() < kBacklogLimit) {
            const auto bytes = codec.encode(pulseFor(next));
            if (!bytes || !link.writeAll(bytes.value())) {
                row.linkLost = true;
                return row;
            }
            deviceFreeAt = std::max(deviceFreeAt, SteadyClock::now()) + kPulse;
            row.requestBytes += bytes.value().size();
            ++row.requests;
            ++outstanding;
            next = next % channels + 1;
        }
        // Held back by the backlog estimate: sleep until it frees a slot, or an ack arrives.
        const auto backlogWait
            = std::chrono::duration_cast<std::chrono::microseconds>(deviceFreeAt - SteadyClock::now() - kBacklogLimit);
        const auto data
            = link.read(outstanding < sm4::kLowLevelQueueDepth ? std::clamp(backlogWait, 0us, 5000us) : 5000us);
        if (!data) {
            row.linkLost = true;
            return row;
        }
        const auto acks = absorb(*data, codec, row, true, ackBytesIn);
        row.acks += acks;
        outstanding -= std::min(outstanding, acks);
    }
    row.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    row.ackBytes = ackBytesIn;
    // Drain so the next channel count starts with an empty device queue; these acks are not counted.
    std::uint64_t ignored = 0;
    const auto drainUntil = SteadyClock::now() + 1s;
    while (outstanding > 0 && SteadyClock::now() < drainUntil) {
        const auto data = link.read(20ms);
        if (!data) {
            row.linkLost = true;
            break;
        }
        Row scratch;
        outstanding -= std::min(outstanding, absorb(*data, codec, scratch, false, ignored));
    }
    return row;
}

// Waits for the Ll_init ack (the device takes ~40 ms).
bool lowLevelInit(Link& link, sm4::HostCodec& codec)
{
    const auto bytes = codec.encode(sm4::LlInit{});
    if (!bytes || !link.writeAll(bytes.value())) {
        return false;
    }
    const auto until = SteadyClock::now() + 3s;
    while (SteadyClock::now() < until) {
        const auto data = link.read(20ms);
        if (!data) {
            return false;
        }
        for (const auto& item : codec.feed(*data)) {
            const auto* received = std::get_if<sm4::Received<sm4::DeviceMessage>>(&item);
            if (received != nullptr && std::holds_alternative<sm4::LlInitAck>(received->message)) {
                return sm4::resultOf(received->message) == sm4::ResultCode::Ok;
            }
        }
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const auto window = std::chrono::milliseconds(argc > 1 ? std::max(100, std::atoi(argv[1])) : 2000);

    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "no temporary directory\n");
        return 0;
    }
    const QString linkPath = dir.filePath(QStringLiteral("p24"));
    QProcess sim;
    // The simulator logs every pulse; keep its log in a file so it neither floods the table nor blocks.
    sim.setStandardErrorFile(dir.filePath(QStringLiteral("sim.log")));
    sim.setStandardOutputFile(QProcess::nullDevice());
    sim.start(QStringLiteral(GALVANI_SIM_EXE),
        {QStringLiteral("--protocol"), QStringLiteral("sciencemode4"), QStringLiteral("--channels"),
            QStringLiteral("8"), QStringLiteral("--pty-link"), linkPath});
    if (!sim.waitForStarted(5000)) {
        std::fprintf(stderr, "galvani-sim did not start: %s\n", qPrintable(sim.errorString()));
        return 0;
    }
    const auto appearBy = SteadyClock::now() + 5s;
    while (!QFileInfo::exists(linkPath) && SteadyClock::now() < appearBy) {
        QThread::msleep(10);
    }

    std::vector<Row> rows;
    {
        Link link(linkPath);
        sm4::HostCodec codec;
        if (!link.isOpen() || !lowLevelInit(link, codec)) {
            std::fprintf(stderr, "could not open %s or enter low level\n", qPrintable(linkPath));
        } else {
            run(link, codec, 1, 300ms); // warm-up: caches, the simulator's first-pulse path
            for (int channels = 1; channels <= sm4::kChannelsSm4; ++channels) {
                rows.push_back(run(link, codec, channels, window));
                if (rows.back().linkLost) {
                    break;
                }
            }
            (void)link.writeAll(codec.encode(sm4::LlStop{}).value());
        }
    }
    sim.terminate();
    if (!sim.waitForFinished(3000)) {
        sim.kill();
        sim.waitForFinished(3000);
    }

    const double bytesPerSecond = kBaud / kBitsPerByte;
    std::printf("ScienceMode4 low level: sustained pulse rate over galvani-sim on a pty, %lld ms per row, up to %zu "
                "pulses outstanding, pulse %lld+%lld us\n",
        static_cast<long long>(window.count()), sm4::kLowLevelQueueDepth, static_cast<long long>(kPhase.value()),
        static_cast<long long>(kPhase.value()));
    std::printf("theoretical: 3,000,000 baud 8N2 = %.0f bytes/s each way (full duplex); frames/s = that / the larger "
                "of request and ack bytes per pulse\n",
        bytesPerSecond);
    std::printf("%8s %12s %12s %8s %8s %14s %8s %8s %8s\n", "channels", "pulses/s", "per channel", "req B", "ack B",
        "theory fr/s", "ratio", "busy", "other");
    for (const auto& r : rows) {
        if (r.linkLost || r.requests == 0 || r.acks == 0 || r.seconds <= 0.0) {
            std::printf(
                "%8d  link lost or no acks (sent %llu)\n", r.channels, static_cast<unsigned long long>(r.requests));
            continue;
        }
        const double requestBytes = static_cast<double>(r.requestBytes) / static_cast<double>(r.requests);
        const double ackBytes = static_cast<double>(r.ackBytes) / static_cast<double>(r.acks);
        const double theory = bytesPerSecond / std::max(requestBytes, ackBytes);
        const double rate = static_cast<double>(r.acked) / r.seconds;
        std::printf("%8d %12.0f %12.0f %8.2f %8.2f %14.0f %8.3f %8llu %8llu\n", r.channels, rate,
            rate / static_cast<double>(r.channels), requestBytes, ackBytes, theory, rate / theory,
            static_cast<unsigned long long>(r.busy), static_cast<unsigned long long>(r.refused));
        if (r.channels == 1 || r.channels == static_cast<int>(sm4::kChannelsSm4)) {
            galvani::bench::figure("Low-level pulse rate",
                galvani::bench::format("ScienceMode4 low level over galvani-sim on a pty, %d channel%s", r.channels,
                    r.channels == 1 ? "" : "s"),
                galvani::bench::format("%.0f pulses/s sustained", rate),
                galvani::bench::format("%.2fx the 3-Mbaud link limit (%.0f frames/s); a pty ignores the baud rate",
                    rate / theory, theory));
        }
    }
    std::printf("note: a pty ignores the baud rate, so the ratio shows host + simulator cost per pulse, not wire "
                "time; a ratio above 1 means the pty outran a real 3 Mbaud link.\n");
    return 0;
}
