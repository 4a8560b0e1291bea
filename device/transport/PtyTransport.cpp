// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/transport/PtyTransport.h"

#include <QFile>

#include <array>
#include <cerrno>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace galvani::device {
namespace {

QString errnoText(int error)
{
    return qt_error_string(error);
}

// Puts the slave side's line settings into a "fresh line" state that every host configuration changes:
// raw (so nothing the device sends before the host has configured the line is altered, echoed or
// taken as a control character), 9600 baud and BRKINT (harmless: a pty never receives a break; raw
// set-ups clear it). This matters because a Linux pty never stores PARENB and glibc's tcsetattr reports
// EINVAL for a request that changes nothing, e.g. the next host asking for 8E1 again on the settings the
// last host left behind. Speed alone makes every host of these protocols (460800 or 3 Mbaud) a change.
bool resetLineSettings(int fd)
{
    termios t{};
    if (::tcgetattr(fd, &t) != 0) {
        return false;
    }
    ::cfmakeraw(&t);
    t.c_iflag |= BRKINT;
    ::cfsetispeed(&t, B9600);
    ::cfsetospeed(&t, B9600);
    return ::tcsetattr(fd, TCSANOW, &t) == 0;
}

} // namespace

PtyTransport::PtyTransport(QString linkPath, QObject* parent) : Transport(parent), m_linkPath(std::move(linkPath))
{
    m_peerPoll.setParent(this);
    m_peerPoll.setInterval(kPeerPollInterval);
    connect(&m_peerPoll, &QTimer::timeout, this, &PtyTransport::pollPeer);
}

PtyTransport::~PtyTransport()
{
    close();
}

QString PtyTransport::description() const
{
    return QStringLiteral("pty %1 (%2)").arg(m_linkPath, m_slavePath);
}

bool PtyTransport::open(QString* error)
{
    if (isOpen()) {
        return true;
    }
    const auto report = [error](const QString& text) {
        if (error != nullptr) {
            *error = text;
        }
        return false;
    };
    const int fd = ::posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return report(QStringLiteral("cannot create a pseudo-terminal: %1").arg(errnoText(errno)));
    }
    std::array<char, 128> name{};
    if (::grantpt(fd) != 0 || ::unlockpt(fd) != 0 || ::ptsname_r(fd, name.data(), name.size()) != 0) {
        const int e = errno;
        ::close(fd);
        return report(QStringLiteral("cannot prepare the pseudo-terminal: %1").arg(errnoText(e)));
    }
    m_slavePath = QString::fromLocal8Bit(name.data());
    m_fd = fd;
    // Opening and closing the slave once also makes the master report a hang-up while no host has the
    // slave open, which is how a host's arrival is noticed.
    if (!prepareForNextHost()) {
        const int e = errno;
        ::close(m_fd);
        m_fd = -1;
        return report(QStringLiteral("cannot open the pseudo-terminal slave %1: %2").arg(m_slavePath, errnoText(e)));
    }
    if (!makeLink(error)) {
        ::close(m_fd);
        m_fd = -1;
        return false;
    }
    m_readNotifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    m_readNotifier->setEnabled(false);
    connect(m_readNotifier.get(), &QSocketNotifier::activated, this, &PtyTransport::onReadable);
    m_writeNotifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Write);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier.get(), &QSocketNotifier::activated, this, &PtyTransport::onWritable);
    m_peer = false;
    m_peerPoll.start();
    return true;
}

bool PtyTransport::makeLink(QString* error)
{
    const QByteArray link = QFile::encodeName(m_linkPath);
    struct stat st { };
    if (::lstat(link.constData(), &st) == 0 && !S_ISLNK(st.st_mode)) {
        if (error != nullptr) {
            *error = QStringLiteral("--pty-link %1 exists and is not a symbolic link; refusing to replace it")
                         .arg(m_linkPath);
        }
        return false;
    }
    // Create under a temporary name, then rename over the old link: hosts never see a missing link.
    const QByteArray temporary = link + ".tmp-" + QByteArray::number(::getpid());
    ::unlink(temporary.constData());
    if (::symlink(QFile::encodeName(m_slavePath).constData(), temporary.constData()) != 0
        || ::rename(temporary.constData(), link.constData()) != 0) {
        const int e = errno;
        ::unlink(temporary.constData());
        if (error != nullptr) {
            *error = QStringLiteral("cannot create the link %1: %2").arg(m_linkPath, errnoText(e));
        }
        return false;
    }
    return true;
}

void PtyTransport::removeLink()
{
    const QByteArray link = QFile::encodeName(m_linkPath);
    std::array<char, 256> target{};
    const auto n = ::readlink(link.constData(), target.data(), target.size() - 1);
    // Only our own link: another simulator may have taken the path over since.
    if (n > 0 && QFile::decodeName(QByteArray(target.data(), static_cast<qsizetype>(n))) == m_slavePath) {
        ::unlink(link.constData());
    }
}

void PtyTransport::close()
{
    if (!isOpen()) {
        return;
    }
    m_peerPoll.stop();
    m_readNotifier.reset();
    m_writeNotifier.reset();
    m_pending.clear();
    ::close(m_fd);
    m_fd = -1;
    m_peer = false;
    removeLink();
}

bool PtyTransport::prepareForNextHost()
{
    // Through the slave itself: only there can its unread input be thrown away.
    const int slave = ::open(QFile::encodeName(m_slavePath).constData(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (slave < 0) {
        return false;
    }
    ::tcflush(slave, TCIOFLUSH); // what the last host left unread never reaches the next one
    resetLineSettings(slave); // the next host starts from a fresh line, not from the last host's settings
    ::close(slave);
    ::tcflush(m_fd, TCIFLUSH);
    return true;
}

void PtyTransport::pollPeer()
{
    if (!isOpen() || m_peer) {
        m_peerPoll.stop();
        return;
    }
    pollfd p{m_fd, POLLIN, 0};
    if (::poll(&p, 1, 0) < 0 || (p.revents & POLLHUP) != 0) {
        return; // still nobody on the slave side
    }
    // No flush here: the new host may already have sent its first request (it was flushed when the
    // previous host left).
    m_peerPoll.stop();
    m_peer = true;
    m_readNotifier->setEnabled(true);
    Q_EMIT peerOpened();
}

void PtyTransport::peerGone()
{
    if (!m_peer) {
        return;
    }
    m_peer = false;
    m_pending.clear();
    m_readNotifier->setEnabled(false);
    m_writeNotifier->setEnabled(false);
    prepareForNextHost();
    m_peerPoll.start();
    Q_EMIT peerClosed();
}

void PtyTransport::onReadable()
{
    std::array<char, 4096> buffer{};
    while (isOpen() && m_peer) {
        const auto n = ::read(m_fd, buffer.data(), buffer.size());
        if (n > 0) {
            Q_EMIT bytesReceived(QByteArray(buffer.data(), static_cast<qsizetype>(n)));
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            return;
        }
        if (n == 0 || errno == EIO) {
            peerGone(); // the last host closed the slave
            return;
        }
        fail(QStringLiteral("read from %1 failed: %2").arg(m_slavePath, errnoText(errno)));
        return;
    }
}

bool PtyTransport::write(const QByteArray& bytes)
{
    if (!isOpen()) {
        return false;
    }
    if (!m_peer || bytes.isEmpty()) {
        return true; // nobody listening: lost, as on an unplugged line
    }
    if (m_pending.size() + bytes.size() > kMaxPendingBytes) {
        return true; // the host stopped reading; a UART would overrun the same way
    }
    m_pending.append(bytes);
    flushPending();
    return true;
}

void PtyTransport::onWritable()
{
    flushPending();
}

void PtyTransport::flushPending()
{
    while (!m_pending.isEmpty() && isOpen() && m_peer) {
        const auto n = ::write(m_fd, m_pending.constData(), static_cast<std::size_t>(m_pending.size()));
        if (n > 0) {
            m_pending.remove(0, static_cast<qsizetype>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno == EAGAIN) {
            m_writeNotifier->setEnabled(true);
            return;
        }
        if (n < 0 && errno == EIO) {
            peerGone();
            return;
        }
        fail(QStringLiteral("write to %1 failed: %2").arg(m_slavePath, errnoText(errno)));
        return;
    }
    if (m_writeNotifier) {
        m_writeNotifier->setEnabled(false);
    }
}

void PtyTransport::fail(const QString& reason)
{
    close();
    Q_EMIT linkLost(reason);
}

} // namespace galvani::device
