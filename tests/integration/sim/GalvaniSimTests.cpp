// SPDX-License-Identifier: GPL-3.0-or-later
// galvani-sim end to end: the executable on its pseudo-terminal, hosts on the other side opening the link
// with plain termios, with QSerialPort, or as a separate process that gets killed.

#include "protocols/sciencemode2/HostCodec.h"
#include "protocols/sciencemode4/HostCodec.h"
#include "support/WaitUntil.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSerialPort>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <variant>

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

using namespace std::chrono_literals;
using galvani::test::waitUntil;
namespace sm2 = galvani::proto::sm2;
namespace sm4 = galvani::proto::sm4;

namespace {

using Clock = std::chrono::steady_clock;

// A running galvani-sim with its stderr collected.
class SimProcess {
public:
    explicit SimProcess(const QStringList& extraArguments)
    {
        REQUIRE(m_dir.isValid());
        m_link = m_dir.filePath(QStringLiteral("stimulator"));
        QObject::connect(&m_process, &QProcess::readyReadStandardError,
            [this] { m_stderr += QString::fromLocal8Bit(m_process.readAllStandardError()); });
        m_process.start(
            QStringLiteral(GALVANI_SIM_EXE), extraArguments + QStringList{QStringLiteral("--pty-link"), m_link});
        REQUIRE(m_process.waitForStarted(5000));
        REQUIRE(waitUntil([this] { return QFileInfo(m_link).isSymLink() && QFileInfo::exists(m_link); }, 5000ms));
    }
    ~SimProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    SimProcess(const SimProcess&) = delete;
    SimProcess& operator=(const SimProcess&) = delete;

    [[nodiscard]] const QString& link() const { return m_link; }
    [[nodiscard]] QProcess& process() { return m_process; }
    // Waits until stderr (from `from` on) contains text; returns the position after it, or -1.
    qsizetype waitFor(const QString& text, std::chrono::milliseconds timeout, qsizetype from = 0)
    {
        qsizetype at = -1;
        waitUntil(
            [&] {
                at = m_stderr.indexOf(text, from);
                return at >= 0;
            },
            timeout);
        return at < 0 ? -1 : at + text.size();
    }
    [[nodiscard]] const QString& log() const { return m_stderr; }

private:
    QTemporaryDir m_dir;
    QString m_link;
    QProcess m_process;
    QString m_stderr;
};

// A host holding the link open with plain termios (non-blocking).
class TermiosHost {
public:
    TermiosHost(const QString& link, bool sm4)
        : m_fd(::open(QFile::encodeName(link).constData(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC))
    {
        REQUIRE(m_fd >= 0);
        termios t{};
        REQUIRE(::tcgetattr(m_fd, &t) == 0);
        ::cfmakeraw(&t);
        ::cfsetispeed(&t, sm4 ? B3000000 : B460800);
        ::cfsetospeed(&t, sm4 ? B3000000 : B460800);
        t.c_cflag |= sm4 ? static_cast<tcflag_t>(CSTOPB | CRTSCTS) : static_cast<tcflag_t>(PARENB);
        const int set = ::tcsetattr(m_fd, TCSANOW, &t);
        INFO("tcsetattr: " << std::strerror(errno));
        REQUIRE(set == 0);
    }
    ~TermiosHost() { close(); }
    TermiosHost(const TermiosHost&) = delete;
    TermiosHost& operator=(const TermiosHost&) = delete;

    void close()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    void write(const std::vector<std::uint8_t>& bytes)
    {
        REQUIRE(::write(m_fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    }
    // The device side went away (the pseudo-terminal's master was closed).
    bool hungUp()
    {
        pollfd p{m_fd, POLLIN, 0};
        return ::poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR)) != 0;
    }
    std::vector<std::uint8_t> read()
    {
        std::array<std::uint8_t, 1024> buffer{};
        const auto n = ::read(m_fd, buffer.data(), buffer.size());
        return n > 0 ? std::vector<std::uint8_t>(buffer.begin(), buffer.begin() + n) : std::vector<std::uint8_t>{};
    }

private:
    int m_fd;
};

// Waits for a ScienceMode2 message of type T on the termios host.
template <typename T>
std::optional<sm2::ReceivedMessage> nextSm2(TermiosHost& host, sm2::HostCodec& codec, std::chrono::milliseconds timeout)
{
    std::optional<sm2::ReceivedMessage> found;
    std::vector<sm2::HostEvent> events;
    waitUntil(
        [&] {
            codec.feed(host.read(), events);
            for (const auto& e : events) {
                const auto* m = std::get_if<sm2::ReceivedMessage>(&e);
                if (m != nullptr && std::holds_alternative<T>(m->message)) {
                    found = *m;
                    return true;
                }
            }
            events.clear();
            return false;
        },
        timeout);
    return found;
}

void sm2Stimulate(TermiosHost& host, sm2::HostCodec& codec)
{
    const auto init = nextSm2<sm2::Init>(host, codec, 3000ms);
    REQUIRE(init);
    host.write(codec.encode(sm2::InitAck{sm2::ResultCode::Ok}, init->packetNumber).value());
    sm2::InitChannelListMode list;
    list.activeChannels = sm2::channelBit(1);
    list.interPulseIntervalCode = 13;
    list.mainIntervalCode = 38;
    host.write(codec.encodeNext(list).value().bytes);
    REQUIRE(nextSm2<sm2::InitChannelListModeAck>(host, codec, 2000ms));
    host.write(codec.encodeNext(sm2::StartChannelListMode{{{sm2::PulseMode::Single, 250, 20}}}).value().bytes);
    const auto ack = nextSm2<sm2::StartChannelListModeAck>(host, codec, 2000ms);
    REQUIRE(ack);
    REQUIRE(std::get<sm2::StartChannelListModeAck>(ack->message).result == sm2::ResultCode::Ok);
}

QByteArray bytes(const std::vector<std::uint8_t>& v)
{
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size()));
}

} // namespace

TEST_CASE("galvani-sim documents its faults and refuses bad arguments with exit code 2", "[sim][integration]")
{
    QProcess help;
    help.start(QStringLiteral(GALVANI_SIM_EXE), {QStringLiteral("--help")});
    REQUIRE(help.waitForFinished(10000));
    CHECK(help.exitCode() == 0);
    const auto text = QString::fromLocal8Bit(help.readAllStandardOutput());
    CHECK(text.contains(QStringLiteral("--pty-link PATH")));
    CHECK(text.contains(QStringLiteral("open-electrode:CH")));
    CHECK(text.contains(QStringLiteral("disconnect-after:MS")));

    const auto refused = [](const QStringList& arguments) {
        QProcess p;
        p.start(QStringLiteral(GALVANI_SIM_EXE), arguments);
        REQUIRE(p.waitForFinished(10000));
        CHECK(p.exitCode() == 2);
        return QString::fromLocal8Bit(p.readAllStandardError());
    };
    CHECK(refused({QStringLiteral("--protocol"), QStringLiteral("sciencemode4"), QStringLiteral("--channels"),
                      QStringLiteral("9"), QStringLiteral("--pty-link"), QStringLiteral("/tmp/unused-link")})
              .contains(QStringLiteral("--channels '9' must be 1..8")));
    CHECK(
        refused({QStringLiteral("--protocol"), QStringLiteral("sciencemode4")}).contains(QStringLiteral("--pty-link")));
    CHECK(refused({QStringLiteral("--protocol=sciencemode7"), QStringLiteral("--pty-link=/tmp/unused-link")})
              .contains(QStringLiteral("--protocol 'sciencemode7'")));
    CHECK(refused({QStringLiteral("--protocol"), QStringLiteral("sciencemode2"), QStringLiteral("--pty-link"),
                      QStringLiteral("/tmp/unused-link"), QStringLiteral("--fault"), QStringLiteral("stuck:9")})
              .contains(QStringLiteral("stuck:CH (CH 1..8)")));
    CHECK(refused({QStringLiteral("--frobnicate")}).contains(QStringLiteral("unknown option '--frobnicate'")));
}

TEST_CASE("galvani-sim sciencemode2: a termios host stimulates, closes the port, and the next host is accepted",
    "[sim][integration]")
{
    SimProcess sim({QStringLiteral("--protocol"), QStringLiteral("sciencemode2")});
    qsizetype mark = 0;
    {
        TermiosHost host(sim.link(), false);
        sm2::HostCodec codec;
        sm2Stimulate(host, codec);
        mark = sim.waitFor(QStringLiteral("state stimulating"), 3000ms);
        REQUIRE(mark > 0);
        CHECK(sim.log().contains(QStringLiteral("rx StartChannelListMode (32)")));
        const auto closedAt = Clock::now();
        host.close(); // the host goes away abruptly while the device stimulates
        mark = sim.waitFor(QStringLiteral("output stopped (link closed"), 1200ms, mark);
        REQUIRE(mark > 0);
        CHECK(Clock::now() - closedAt < 1200ms);
    }
    // The simulator keeps running and the next host, asking for the same line settings, gets Init beacons.
    {
        TermiosHost next(sim.link(), false);
        sm2::HostCodec codec;
        REQUIRE(nextSm2<sm2::Init>(next, codec, 3000ms));
    }
    // A QSerialPort host with 460800 8E1 chosen before open() (one tcsetattr) is accepted too.
    REQUIRE(sim.waitFor(QStringLiteral("host closed the link"), 2000ms, mark) > 0);
    QSerialPort port;
    port.setPortName(sim.link());
    port.setBaudRate(460'800);
    port.setParity(QSerialPort::EvenParity);
    port.setStopBits(QSerialPort::OneStop);
    port.setFlowControl(QSerialPort::NoFlowControl);
    REQUIRE(port.open(QIODevice::ReadWrite));
    sm2::HostCodec portCodec;
    std::vector<sm2::HostEvent> events;
    REQUIRE(waitUntil(
        [&] {
            const auto data = port.readAll();
            portCodec.feed(std::span(reinterpret_cast<const std::uint8_t*>(data.constData()),
                               static_cast<std::size_t>(data.size())),
                events);
            return !events.empty();
        },
        3000ms));
    const auto* beacon = std::get_if<sm2::ReceivedMessage>(&events.front());
    REQUIRE(beacon != nullptr);
    CHECK(std::holds_alternative<sm2::Init>(beacon->message));
    port.close();

    sim.process().terminate(); // SIGTERM
    REQUIRE(sim.process().waitForFinished(5000));
    CHECK(sim.process().exitStatus() == QProcess::NormalExit);
    CHECK(sim.process().exitCode() == 0);
    CHECK_FALSE(QFileInfo(sim.link()).isSymLink());
}

TEST_CASE("galvani-sim sciencemode4: QSerialPort at 3 Mbaud 8N2 RTS/CTS, and host silence trips the watchdog",
    "[sim][integration]")
{
    SimProcess sim({QStringLiteral("--protocol"), QStringLiteral("sciencemode4"), QStringLiteral("--watchdog-ms"),
        QStringLiteral("500"), QStringLiteral("--serial"), QStringLiteral("P24-SIM-7")});
    QSerialPort port;
    port.setPortName(sim.link());
    REQUIRE(port.open(QIODevice::ReadWrite));
    CHECK(port.setBaudRate(3'000'000));
    CHECK(port.setDataBits(QSerialPort::Data8));
    CHECK(port.setParity(QSerialPort::NoParity));
    CHECK(port.setStopBits(QSerialPort::TwoStop));
    CHECK(port.setFlowControl(QSerialPort::HardwareControl));

    sm4::HostCodec codec;
    std::vector<sm4::HostInbound> inbound;
    QObject::connect(&port, &QSerialPort::readyRead, [&] {
        const auto data = port.readAll();
        codec.feed(
            std::span(reinterpret_cast<const std::uint8_t*>(data.constData()), static_cast<std::size_t>(data.size())),
            inbound);
    });
    const auto request = [&](const sm4::HostCommand& command) {
        const auto before = inbound.size();
        REQUIRE(port.write(bytes(codec.encode(command).value())) > 0);
        REQUIRE(waitUntil([&] { return inbound.size() > before; }, 2000ms));
        const auto* m = std::get_if<sm4::Received<sm4::DeviceMessage>>(&inbound.back());
        REQUIRE(m != nullptr);
        return m->message;
    };
    const auto id = std::get<sm4::GetDeviceIdAck>(request(sm4::GetDeviceId{}));
    CHECK(std::string(id.deviceId.data(), 9) == "P24-SIM-7");
    CHECK(sm4::resultOf(request(sm4::MlInit{false})) == sm4::ResultCode::Ok);
    sm4::MlUpdate update;
    sm4::MlChannel channel;
    channel.period = galvani::core::Microseconds(20'000);
    channel.points = {{galvani::core::Microseconds(250), galvani::core::milliamps(15.0), sm4::Interpolation::Jump},
        {galvani::core::Microseconds(250), galvani::core::milliamps(-15.0), sm4::Interpolation::Jump}};
    update.channels[0] = channel;
    CHECK(sm4::resultOf(request(update)) == sm4::ResultCode::Ok);
    const auto silentFrom = Clock::now();
    auto mark = sim.waitFor(QStringLiteral("state stimulating"), 2000ms);
    REQUIRE(mark > 0);
    // The host keeps the port open but says nothing more.
    mark = sim.waitFor(QStringLiteral("output stopped (watchdog"), 2000ms, mark);
    REQUIRE(mark > 0);
    CHECK(Clock::now() - silentFrom < 500ms + 20ms + 250ms); // period + pulse period + pipe and scheduling slack
    CHECK(sim.log().contains(QStringLiteral("latched")));
    // Latched: a later update is refused and nothing restarts.
    CHECK(sm4::resultOf(request(update)) == sm4::ResultCode::NotInitialized);
    CHECK(sim.waitFor(QStringLiteral("state stimulating"), 300ms, mark) < 0);
    port.close();
}

TEST_CASE("galvani-sim stops output when the host process is killed", "[sim][integration]")
{
    const auto protocol = GENERATE(QStringLiteral("sciencemode4"), QStringLiteral("sciencemode2"));
    SimProcess sim({QStringLiteral("--protocol"), protocol, QStringLiteral("--watchdog-ms"), QStringLiteral("500")});
    QProcess host;
    host.start(QStringLiteral(GALVANI_SIM_HOST_EXE), {protocol, sim.link()});
    REQUIRE(host.waitForStarted(5000));
    REQUIRE(waitUntil([&] { return host.readAllStandardOutput().contains("STIMULATING"); }, 5000ms));
    auto mark = sim.waitFor(QStringLiteral("state stimulating"), 3000ms);
    REQUIRE(mark > 0);
    const auto killedAt = Clock::now();
    host.kill(); // SIGKILL: no goodbye from the host
    REQUIRE(host.waitForFinished(5000));
    const auto stopped = sim.waitFor(QStringLiteral("output stopped ("), 2000ms, mark);
    REQUIRE(stopped > 0);
    CHECK(Clock::now() - killedAt < 500ms + 20ms + 250ms);
    const auto line = sim.log().mid(stopped - 16, 40);
    CHECK((line.contains(QStringLiteral("link closed")) || line.contains(QStringLiteral("watchdog"))));
    // Stays stopped: no stimulation restarts by itself.
    CHECK(sim.waitFor(QStringLiteral("state stimulating"), 500ms, stopped) < 0);
}

TEST_CASE("galvani-sim: an injected disconnect drops the host and re-creates the pseudo-terminal", "[sim][integration]")
{
    SimProcess sim({QStringLiteral("--protocol"), QStringLiteral("sciencemode4"), QStringLiteral("--fault"),
        QStringLiteral("disconnect-after:300")});
    const auto firstTarget = QFileInfo(sim.link()).symLinkTarget();
    TermiosHost host(sim.link(), true);
    sm4::HostCodec codec;
    host.write(codec.encode(sm4::MlInit{false}).value());
    sm4::MlUpdate update;
    sm4::MlChannel channel;
    channel.period = galvani::core::Microseconds(20'000);
    channel.points = {{galvani::core::Microseconds(250), galvani::core::milliamps(12.0), sm4::Interpolation::Jump},
        {galvani::core::Microseconds(250), galvani::core::milliamps(-12.0), sm4::Interpolation::Jump}};
    update.channels[0] = channel;
    host.write(codec.encode(update).value());
    auto mark = sim.waitFor(QStringLiteral("state stimulating"), 3000ms);
    REQUIRE(mark > 0);
    mark = sim.waitFor(QStringLiteral("output stopped (fault: injected disconnect"), 2000ms, mark);
    REQUIRE(mark > 0);
    // The host's port is dead, as after a cable pull.
    REQUIRE(waitUntil([&] { return host.hungUp(); }, 2000ms));
    // A moment later the device is back under the same link, on a new pseudo-terminal.
    REQUIRE(waitUntil(
        [&] {
            const auto target = QFileInfo(sim.link()).symLinkTarget();
            return !target.isEmpty() && target != firstTarget && QFileInfo::exists(sim.link());
        },
        3000ms));
    TermiosHost again(sim.link(), true);
    sm4::HostCodec fresh;
    again.write(fresh.encode(sm4::GetStimStatus{}).value());
    std::vector<sm4::HostInbound> inbound;
    REQUIRE(waitUntil(
        [&] {
            const auto data = again.read();
            fresh.feed(data, inbound);
            return !inbound.empty();
        },
        3000ms));
    const auto* m = std::get_if<sm4::Received<sm4::DeviceMessage>>(&inbound.front());
    REQUIRE(m != nullptr);
    // The reconnected device starts with no level: nothing resumed by itself.
    CHECK(std::get<sm4::GetStimStatusAck>(m->message).status == sm4::StimStatus::None);
}
