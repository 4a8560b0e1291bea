// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/transport/PtyTransport.h"
#include "support/WaitUntil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <array>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

using namespace std::chrono_literals;
using galvani::device::PtyTransport;
using galvani::test::waitUntil;

namespace {

// The host side: opens the link like a serial port with plain termios.
class TermiosHost {
public:
    explicit TermiosHost(const QString& path)
        : m_fd(::open(QFile::encodeName(path).constData(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC))
    {
    }
    ~TermiosHost() { close(); }
    TermiosHost(const TermiosHost&) = delete;
    TermiosHost& operator=(const TermiosHost&) = delete;

    [[nodiscard]] bool isOpen() const { return m_fd >= 0; }
    void close()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    // 3 Mbaud 8N2 RTS/CTS (ScienceMode4) or 460800 8E1 (ScienceMode2), raw.
    bool configure(bool sm4)
    {
        termios t{};
        if (::tcgetattr(m_fd, &t) != 0) {
            return false;
        }
        ::cfmakeraw(&t);
        const speed_t speed = sm4 ? B3000000 : B460800;
        ::cfsetispeed(&t, speed);
        ::cfsetospeed(&t, speed);
        t.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS);
        t.c_cflag |= sm4 ? static_cast<tcflag_t>(CSTOPB | CRTSCTS) : static_cast<tcflag_t>(PARENB);
        return ::tcsetattr(m_fd, TCSANOW, &t) == 0;
    }
    bool write(const QByteArray& bytes)
    {
        return ::write(m_fd, bytes.constData(), static_cast<std::size_t>(bytes.size())) == bytes.size();
    }
    QByteArray readSome()
    {
        std::array<char, 512> buffer{};
        const auto n = ::read(m_fd, buffer.data(), buffer.size());
        return n > 0 ? QByteArray(buffer.data(), static_cast<qsizetype>(n)) : QByteArray();
    }

private:
    int m_fd;
};

} // namespace

TEST_CASE("pty transport links a pseudo-terminal and moves bytes both ways", "[device][sim][pty]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString link = dir.filePath(QStringLiteral("stim"));
    PtyTransport pty(link);
    int opened = 0;
    int closed = 0;
    QByteArray received;
    QObject::connect(&pty, &PtyTransport::peerOpened, [&] { ++opened; });
    QObject::connect(&pty, &PtyTransport::peerClosed, [&] { ++closed; });
    QObject::connect(&pty, &PtyTransport::bytesReceived, [&](const QByteArray& b) { received += b; });

    QString error;
    REQUIRE(pty.open(&error));
    CHECK(pty.isOpen());
    CHECK(QFileInfo(link).isSymLink());
    CHECK(QFileInfo(link).symLinkTarget() == pty.slavePath());
    CHECK(pty.slavePath().startsWith(QStringLiteral("/dev/pts/")));
    CHECK_FALSE(pty.hasPeer());
    // Nobody listening: written bytes are lost, not kept for the next host.
    CHECK(pty.write(QByteArrayLiteral("stale")));

    {
        TermiosHost host(link);
        REQUIRE(host.isOpen());
        CHECK(host.configure(true));
        CHECK(host.configure(false));
        REQUIRE(waitUntil([&] { return opened == 1; }, 2000ms));
        CHECK(pty.hasPeer());
        REQUIRE(host.write(QByteArrayLiteral("\xF0hello\x0F")));
        REQUIRE(waitUntil([&] { return received.size() == 7; }));
        CHECK(received == QByteArrayLiteral("\xF0hello\x0F"));
        REQUIRE(pty.write(QByteArrayLiteral("reply")));
        QByteArray got;
        REQUIRE(waitUntil([&] {
            got += host.readSome();
            return got.size() >= 5;
        }));
        CHECK(got == QByteArrayLiteral("reply"));
        REQUIRE(pty.write(QByteArrayLiteral("never read"))); // left in the line when this host goes
    }
    REQUIRE(waitUntil([&] { return closed == 1; }, 2000ms));
    CHECK_FALSE(pty.hasPeer());
    CHECK(pty.isOpen());

    // The next host is accepted and sees nothing left over.
    pty.write(QByteArrayLiteral("lost"));
    TermiosHost next(link);
    REQUIRE(next.isOpen());
    // Asking for the same line settings as the previous host still succeeds (the line was reset).
    CHECK(next.configure(false));
    REQUIRE(waitUntil([&] { return opened == 2; }, 2000ms));
    pty.write(QByteArrayLiteral("new"));
    QByteArray got;
    REQUIRE(waitUntil([&] {
        got += next.readSome();
        return got.size() >= 3;
    }));
    CHECK(got == QByteArrayLiteral("new"));

    pty.close();
    CHECK_FALSE(QFileInfo::exists(link));
    CHECK_FALSE(QFileInfo(link).isSymLink());
}

TEST_CASE("pty transport refuses to replace a regular file", "[device][sim][pty]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("precious"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("data");
    file.close();
    PtyTransport pty(path);
    QString error;
    CHECK_FALSE(pty.open(&error));
    CHECK(error.contains(QStringLiteral("not a symbolic link")));
    CHECK(QFileInfo(path).size() == 4);
}

TEST_CASE("pty transport replaces a stale link", "[device][sim][pty]")
{
    QTemporaryDir dir;
    const QString link = dir.filePath(QStringLiteral("stim"));
    REQUIRE(QFile::link(QStringLiteral("/dev/pts/nonexistent"), link));
    PtyTransport pty(link);
    REQUIRE(pty.open(nullptr));
    CHECK(QFileInfo(link).symLinkTarget() == pty.slavePath());
}
