// SPDX-License-Identifier: GPL-3.0-or-later
#include "HostDeathRig.h"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

extern char** environ; // NOLINT: POSIX

namespace galvani::test::hostdeath {

namespace {

constexpr std::chrono::milliseconds kHangupRecheck{10}; // how often an unopened host end is looked at again

void closeFd(int& fd)
{
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

std::string errnoText(const std::string& what)
{
    return what + ": " + std::strerror(errno);
}

std::optional<std::size_t> findIn(const std::vector<Line>& lines, const std::string& text, std::size_t from)
{
    for (std::size_t i = from; i < lines.size(); ++i) {
        if (lines[i].text.find(text) != std::string::npos) {
            return i;
        }
    }
    return std::nullopt;
}

} // namespace

// ---- Child ----

std::unique_ptr<Child> Child::spawn(
    const std::vector<std::string>& argv, bool withStdin, bool captureStdout, bool captureStderr, std::string* error)
{
    std::unique_ptr<Child> child(new Child);
    std::array<int, 2> in{-1, -1};
    std::array<int, 2> out{-1, -1};
    std::array<int, 2> err{-1, -1};
    const auto fail = [&](const std::string& text) {
        *error = text;
        for (auto* pair : {&in, &out, &err}) {
            closeFd((*pair)[0]);
            closeFd((*pair)[1]);
        }
        return std::unique_ptr<Child>();
    };
    if ((withStdin && ::pipe2(in.data(), O_CLOEXEC) != 0) || (captureStdout && ::pipe2(out.data(), O_CLOEXEC) != 0)
        || (captureStderr && ::pipe2(err.data(), O_CLOEXEC) != 0)) {
        return fail(errnoText("pipe2"));
    }
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    if (withStdin) {
        ::posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    } else {
        ::posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    }
    if (captureStdout) {
        ::posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    } else {
        ::posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    }
    if (captureStderr) {
        ::posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    } else {
        ::posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    }
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, argv.front().c_str(), &actions, nullptr, args.data(), environ);
    ::posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        errno = rc;
        return fail(errnoText("posix_spawn " + argv.front()));
    }
    closeFd(in[0]);
    closeFd(out[1]);
    closeFd(err[1]);
    child->m_pid = pid;
    child->m_in = in[1];
    child->m_out.fd = out[0];
    child->m_err.fd = err[0];
    for (const int fd : {child->m_out.fd, child->m_err.fd}) {
        if (fd >= 0) {
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        }
    }
    return child;
}

Child::~Child()
{
    kill();
    closeFd(m_in);
    closeFd(m_out.fd);
    closeFd(m_err.fd);
}

void Child::signal(int number) const
{
    if (!m_reaped && m_pid > 0) {
        ::kill(m_pid, number);
    }
}

bool Child::writeLine(const std::string& line)
{
    if (m_in < 0) {
        return false;
    }
    const std::string text = line + "\n";
    return ::write(m_in, text.data(), text.size()) == static_cast<ssize_t>(text.size());
}

void Child::reap(bool block)
{
    if (m_reaped || m_pid <= 0) {
        return;
    }
    int status = 0;
    const pid_t r = ::waitpid(m_pid, &status, block ? 0 : WNOHANG);
    if (r == m_pid || (r < 0 && errno == ECHILD)) {
        m_reaped = true;
    }
}

void Child::kill()
{
    if (m_reaped || m_pid <= 0) {
        return;
    }
    ::kill(m_pid, SIGKILL);
    reap(true);
    closeFd(m_in);
}

void Child::terminate(std::chrono::milliseconds grace)
{
    if (m_reaped || m_pid <= 0) {
        return;
    }
    ::kill(m_pid, SIGTERM);
    const auto until = SteadyClock::now() + grace;
    while (SteadyClock::now() < until) {
        reap(false);
        if (m_reaped) {
            return;
        }
        drain(m_out);
        drain(m_err);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill();
}

bool Child::drain(Stream& stream)
{
    if (stream.fd < 0) {
        return false;
    }
    std::array<char, 4096> buffer{};
    while (true) {
        const auto n = ::read(stream.fd, buffer.data(), buffer.size());
        if (n > 0) {
            const auto now = SteadyClock::now();
            stream.partial.append(buffer.data(), static_cast<std::size_t>(n));
            std::size_t end = 0;
            while ((end = stream.partial.find('\n')) != std::string::npos) {
                stream.lines.push_back(Line{now, stream.partial.substr(0, end)});
                stream.partial.erase(0, end + 1);
            }
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno == EAGAIN) {
            return true;
        }
        closeFd(stream.fd); // end of stream
        return false;
    }
}

std::optional<std::size_t> Child::findOut(const std::string& text, std::size_t from) const
{
    return findIn(m_out.lines, text, from);
}

std::optional<std::size_t> Child::findErr(const std::string& text, std::size_t from) const
{
    return findIn(m_err.lines, text, from);
}

std::string Child::tail(std::size_t lines, const std::string& skip) const
{
    std::string text;
    for (const auto* list : {&m_out.lines, &m_err.lines}) {
        std::vector<const std::string*> kept;
        for (std::size_t i = list->size(); i-- > 0 && kept.size() < lines;) {
            if (skip.empty() || (*list)[i].text.rfind(skip, 0) != 0) {
                kept.push_back(&(*list)[i].text);
            }
        }
        for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
            text += "  | " + **it + "\n";
        }
        text += "  --\n";
    }
    return text;
}

// ---- Cable ----

Cable::Cable(std::string deviceLink, std::string hostLink)
    : m_deviceLink(std::move(deviceLink)), m_hostLink(std::move(hostLink))
{
}

Cable::~Cable()
{
    unplug();
    disconnectDevice();
}

bool Cable::connectDevice(Mode mode, std::string* error)
{
    disconnectDevice();
    m_mode = mode;
    int& fd = mode == Mode::Relay ? m_device : m_holder;
    fd = ::open(m_deviceLink.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *error = errnoText("open " + m_deviceLink);
        return false;
    }
    // The simulator left the line raw for its next host; nothing to set (a pty ignores the speed).
    return true;
}

void Cable::disconnectDevice()
{
    closeFd(m_device);
    closeFd(m_holder);
}

bool Cable::resetHostLine()
{
    // As galvani-sim does for its own pty: flush what the last host left and put the line into a state that
    // every host's configuration changes (raw, 9600 baud, BRKINT), so a host setting its line in one call
    // always succeeds (a Linux pty never stores PARENB).
    const int slave = ::open(m_slavePath.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (slave < 0) {
        return false;
    }
    ::tcflush(slave, TCIOFLUSH);
    termios t{};
    if (::tcgetattr(slave, &t) == 0) {
        ::cfmakeraw(&t);
        t.c_iflag |= BRKINT;
        ::cfsetispeed(&t, B9600);
        ::cfsetospeed(&t, B9600);
        ::tcsetattr(slave, TCSANOW, &t);
    }
    ::close(slave);
    ::tcflush(m_master, TCIFLUSH);
    return true;
}

bool Cable::plug(std::string* error)
{
    if (m_mode != Mode::Relay || m_master >= 0) {
        return true;
    }
    m_master = ::posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (m_master < 0) {
        *error = errnoText("posix_openpt");
        return false;
    }
    std::array<char, 128> name{};
    if (::grantpt(m_master) != 0 || ::unlockpt(m_master) != 0 || ::ptsname_r(m_master, name.data(), name.size()) != 0) {
        *error = errnoText("pty set-up");
        closeFd(m_master);
        return false;
    }
    m_slavePath = name.data();
    if (!resetHostLine()) {
        *error = errnoText("open " + m_slavePath);
        closeFd(m_master);
        return false;
    }
    const std::string temporary = m_hostLink + ".tmp";
    ::unlink(temporary.c_str());
    if (::symlink(m_slavePath.c_str(), temporary.c_str()) != 0
        || ::rename(temporary.c_str(), m_hostLink.c_str()) != 0) {
        *error = errnoText("link " + m_hostLink);
        closeFd(m_master);
        return false;
    }
    m_hostOpen = false;
    m_nextHangupCheck = SteadyClock::now();
    return true;
}

void Cable::unplug()
{
    if (m_master < 0) {
        return;
    }
    ::unlink(m_hostLink.c_str());
    closeFd(m_master); // the host's reads now fail: its port is gone
    m_hostOpen = false;
}

void Cable::writeAll(int fd, const char* data, std::size_t size)
{
    std::size_t done = 0;
    int spins = 0;
    while (done < size && spins < 200) {
        const auto n = ::write(fd, data + done, size - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            ++spins; // the other side is not reading for the moment: wait a little, as a UART's FIFO would
            std::this_thread::sleep_for(std::chrono::microseconds(200));
            continue;
        }
        return; // gone: the bytes are lost, as on a pulled cable
    }
}

void Cable::forwardFromHost(short revents)
{
    // A pty master reports a hang-up exactly while no process has the slave (the host end) open.
    if ((revents & POLLHUP) != 0) {
        if (m_hostOpen) {
            m_hostOpen = false; // the host closed its port, or died: ready the line for the next one
            resetHostLine();
        }
        m_nextHangupCheck = SteadyClock::now() + kHangupRecheck;
    } else {
        m_hostOpen = true;
    }
    if ((revents & POLLIN) == 0) {
        return;
    }
    std::array<char, 4096> buffer{};
    while (m_master >= 0) {
        const auto n = ::read(m_master, buffer.data(), buffer.size());
        if (n > 0) {
            if (m_device >= 0) {
                writeAll(m_device, buffer.data(), static_cast<std::size_t>(n));
            }
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        return; // EAGAIN, or EIO while nobody has the host end open
    }
}

void Cable::forwardFromDevice()
{
    std::array<char, 4096> buffer{};
    while (m_device >= 0) {
        const auto n = ::read(m_device, buffer.data(), buffer.size());
        if (n > 0) {
            if (m_master >= 0 && m_hostOpen) {
                writeAll(m_master, buffer.data(), static_cast<std::size_t>(n));
            }
            continue; // unplugged, or no host yet: the device's bytes go nowhere
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n == 0 || (n < 0 && errno == EIO)) {
            closeFd(m_device); // the simulator closed its side (it exited or dropped the link)
        }
        return;
    }
}

// ---- Lane ----

bool Lane::pumpUntil(SteadyClock::time_point deadline, const std::function<bool()>& done)
{
    while (true) {
        if (done()) {
            return true;
        }
        const auto now = SteadyClock::now();
        if (now >= deadline) {
            return false;
        }
        std::array<pollfd, 6> fds{};
        std::array<int, 6> role{};
        nfds_t count = 0;
        const auto add = [&](int fd, int r) {
            if (fd >= 0) {
                fds[count] = pollfd{fd, POLLIN, 0};
                role[count] = r;
                ++count;
            }
        };
        if (m_sim != nullptr) {
            add(m_sim->m_out.fd, 0);
            add(m_sim->m_err.fd, 1);
        }
        if (m_host != nullptr) {
            add(m_host->m_out.fd, 2);
            add(m_host->m_err.fd, 3);
        }
        add(m_cable.m_device, 4);
        // A host end nobody has open reports a hang-up continuously: look at it again only every few ms.
        bool hostEndParked = false;
        if (m_cable.m_master >= 0) {
            if (m_cable.m_hostOpen || now >= m_cable.m_nextHangupCheck) {
                add(m_cable.m_master, 5);
            } else {
                hostEndParked = true;
            }
        }
        auto wait
            = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now) + std::chrono::milliseconds(1);
        if (hostEndParked) {
            wait = std::min(wait, kHangupRecheck);
        }
        wait = std::min(wait, std::chrono::milliseconds(50));
        const int ready = ::poll(fds.data(), count, static_cast<int>(wait.count()));
        if (ready < 0 && errno != EINTR) {
            return done();
        }
        for (nfds_t i = 0; ready >= 0 && i < count; ++i) {
            if (fds[i].revents == 0) {
                if (role[i] == 5) {
                    m_cable.forwardFromHost(0); // no hang-up: somebody has the host end open
                }
                continue;
            }
            switch (role[i]) {
            case 0:
                Child::drain(m_sim->m_out);
                break;
            case 1:
                Child::drain(m_sim->m_err);
                break;
            case 2:
                Child::drain(m_host->m_out);
                break;
            case 3:
                Child::drain(m_host->m_err);
                break;
            case 4:
                m_cable.forwardFromDevice();
                break;
            default:
                m_cable.forwardFromHost(fds[i].revents);
                break;
            }
        }
    }
}

void Lane::pumpFor(std::chrono::milliseconds duration)
{
    pumpUntil(SteadyClock::now() + duration, [] { return false; });
}

} // namespace galvani::test::hostdeath
