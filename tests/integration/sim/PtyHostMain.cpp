// SPDX-License-Identifier: GPL-3.0-or-later
// sim_pty_host: a minimal host process for the galvani-sim tests. It opens the simulator's link with
// plain termios, connects, starts stimulation on channel 1, prints "STIMULATING" on stdout and then
// sends keep-alives every 100 ms until it is killed, so a test can kill a live host with SIGKILL.
// Usage: sim_pty_host sciencemode2|sciencemode4 LINK
#include "protocols/sciencemode2/HostCodec.h"
#include "protocols/sciencemode4/HostCodec.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

namespace sm2 = galvani::proto::sm2;
namespace sm4 = galvani::proto::sm4;
using namespace std::chrono_literals;

namespace {

int g_fd = -1;

bool openLink(const char* path, bool sm4)
{
    g_fd = ::open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (g_fd < 0) {
        return false;
    }
    termios t{};
    ::tcgetattr(g_fd, &t);
    ::cfmakeraw(&t);
    ::cfsetispeed(&t, sm4 ? B3000000 : B460800);
    ::cfsetospeed(&t, sm4 ? B3000000 : B460800);
    t.c_cflag |= sm4 ? static_cast<tcflag_t>(CSTOPB | CRTSCTS) : static_cast<tcflag_t>(PARENB);
    return ::tcsetattr(g_fd, TCSANOW, &t) == 0;
}

void writeAll(const std::vector<std::uint8_t>& bytes)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        const auto n = ::write(g_fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0) {
            std::exit(3);
        }
        done += static_cast<std::size_t>(n);
    }
}

// Reads whatever arrives within timeout.
std::vector<std::uint8_t> readFor(std::chrono::milliseconds timeout)
{
    std::vector<std::uint8_t> out;
    pollfd p{g_fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) > 0 && (p.revents & POLLIN) != 0) {
        std::uint8_t buffer[1024];
        const auto n = ::read(g_fd, buffer, sizeof buffer);
        if (n > 0) {
            out.assign(buffer, buffer + n);
        }
    }
    return out;
}

int runSm2()
{
    sm2::HostCodec codec;
    std::vector<sm2::HostEvent> events;
    std::optional<std::uint8_t> initPn;
    for (int i = 0; i < 40 && !initPn; ++i) {
        auto bytes = readFor(100ms);
        codec.feed(bytes, events);
        for (const auto& e : events) {
            if (const auto* m = std::get_if<sm2::ReceivedMessage>(&e);
                m && std::holds_alternative<sm2::Init>(m->message)) {
                initPn = m->packetNumber;
            }
        }
    }
    if (!initPn) {
        return 4;
    }
    writeAll(codec.encode(sm2::InitAck{sm2::ResultCode::Ok}, *initPn).value());
    sm2::InitChannelListMode init;
    init.activeChannels = sm2::channelBit(1);
    init.interPulseIntervalCode = 13;
    init.mainIntervalCode = 38;
    writeAll(codec.encodeNext(init).value().bytes);
    writeAll(codec.encodeNext(sm2::StartChannelListMode{{{sm2::PulseMode::Single, 250, 20}}}).value().bytes);
    std::printf("STIMULATING\n");
    std::fflush(stdout);
    while (true) {
        readFor(100ms);
        writeAll(codec.encodeNext(sm2::Watchdog{}).value().bytes);
    }
}

int runSm4()
{
    sm4::HostCodec codec;
    writeAll(codec.encode(sm4::MlInit{false}).value());
    sm4::MlUpdate update;
    sm4::MlChannel channel;
    channel.period = galvani::core::Microseconds(20'000);
    channel.points = {{galvani::core::Microseconds(250), galvani::core::milliamps(20.0), sm4::Interpolation::Jump},
        {galvani::core::Microseconds(100), galvani::core::Microamps(0), sm4::Interpolation::Jump},
        {galvani::core::Microseconds(250), galvani::core::milliamps(-20.0), sm4::Interpolation::Jump}};
    update.channels[0] = channel;
    writeAll(codec.encode(update).value());
    std::printf("STIMULATING\n");
    std::fflush(stdout);
    while (true) {
        readFor(100ms);
        writeAll(codec.encode(sm4::MlGetCurrentData{sm4::CurrentDataSelection::ChannelStates}).value());
    }
}

} // namespace

int main(int argc, char* argv[])
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: sim_pty_host sciencemode2|sciencemode4 LINK\n");
        return 2;
    }
    const bool sm4 = std::strcmp(argv[1], "sciencemode4") == 0;
    if (!openLink(argv[2], sm4)) {
        std::fprintf(stderr, "sim_pty_host: cannot open %s: %s\n", argv[2], std::strerror(errno));
        return 1;
    }
    return sm4 ? runSm4() : runSm2();
}
