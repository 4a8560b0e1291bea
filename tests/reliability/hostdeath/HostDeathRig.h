// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The host-death rig: plain POSIX, no Qt, so many lanes can run at once, each in its own thread.
//  - Child: a process started with posix_spawn, its stdout/stderr read into time-stamped lines.
//  - Cable: the serial cable between a host and a galvani-sim. Either way the rig holds the simulator's
//    pseudo-terminal open for the whole trial, so a host that dies leaves silence on the line, never a closed
//    port (the simulator would stop at once on that; a real stimulator cannot see its host's port close).
//    Direct: the host opens the simulator's link itself; the rig's descriptor only holds the line open (it
//    never reads, so it takes nothing from the host). Relay (for unplugging): the host end is a
//    pseudo-terminal of the rig's own under a link path the host opens like a serial port, and the rig
//    forwards both ways. Unplugging closes the host end (the host's port vanishes, as when a USB serial cable
//    is pulled; bytes not yet forwarded are lost) and forwards nothing more; replugging creates a new host end
//    under the same path.
//  - Lane: one galvani-sim plus the cable and the current host; pump() moves bytes and collects lines.
// Thread affinity: every object belongs to the one lane thread that created it.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace galvani::test::hostdeath {

using SteadyClock = std::chrono::steady_clock;

struct Line {
    SteadyClock::time_point at; // when the rig read it
    std::string text;
};

// A started process. Lines of stdout (and of stderr when captured) are appended as they are read by pump().
class Child {
public:
    // argv[0] is the executable. Returns nullptr (and sets *error) if it cannot be started. stdin is a pipe
    // when withStdin; stdout and stderr are captured, or sent to /dev/null when not wanted.
    static std::unique_ptr<Child> spawn(const std::vector<std::string>& argv, bool withStdin, bool captureStdout,
        bool captureStderr, std::string* error);
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    [[nodiscard]] pid_t pid() const { return m_pid; }
    // Sends a signal (no-op once reaped).
    void signal(int number) const;
    // Writes a line to stdin; false when the pipe is closed (the process is gone).
    bool writeLine(const std::string& line);
    // SIGKILL and reap.
    void kill();
    // SIGTERM, then SIGKILL after grace; reaps.
    void terminate(std::chrono::milliseconds grace);
    [[nodiscard]] bool reaped() const { return m_reaped; }

    // Every line read so far, stdout and stderr in separate lists.
    [[nodiscard]] const std::vector<Line>& out() const { return m_out.lines; }
    [[nodiscard]] const std::vector<Line>& err() const { return m_err.lines; }
    // Index of the first line (from `from` on) that contains text, or nullopt.
    [[nodiscard]] std::optional<std::size_t> findOut(const std::string& text, std::size_t from = 0) const;
    [[nodiscard]] std::optional<std::size_t> findErr(const std::string& text, std::size_t from = 0) const;
    // The last lines of both streams (without those starting with `skip`, when given), for a failure message.
    [[nodiscard]] std::string tail(std::size_t lines, const std::string& skip = {}) const;

private:
    friend class Lane;
    struct Stream {
        int fd = -1;
        std::string partial;
        std::vector<Line> lines;
    };
    Child() = default;
    // Reads what is there; returns false at end of stream.
    static bool drain(Stream& stream);
    void reap(bool block);

    pid_t m_pid = -1;
    int m_in = -1;
    Stream m_out;
    Stream m_err;
    bool m_reaped = false;
};

class Cable {
public:
    enum class Mode { Direct, Relay };

    Cable(std::string deviceLink, std::string hostLink);
    ~Cable();
    Cable(const Cable&) = delete;
    Cable& operator=(const Cable&) = delete;

    // Opens the device end (the simulator's link) for a trial in this mode. False if it cannot.
    bool connectDevice(Mode mode, std::string* error);
    // Closes the device end: the simulator sees its host close the port (once the host has closed it too).
    void disconnectDevice();
    // Relay: creates the host end under hostLink (direct: nothing to do). False if it cannot.
    bool plug(std::string* error);
    // Relay: removes the host end: the host's port vanishes; nothing more is forwarded either way.
    void unplug();
    // What the host opens: the relay's host end, or the simulator's own link.
    [[nodiscard]] const std::string& hostLink() const { return m_mode == Mode::Relay ? m_hostLink : m_deviceLink; }

private:
    friend class Lane;
    bool resetHostLine();
    void forwardFromHost(short revents);
    void forwardFromDevice();
    static void writeAll(int fd, const char* data, std::size_t size);

    std::string m_deviceLink;
    std::string m_hostLink;
    std::string m_slavePath;
    Mode m_mode = Mode::Direct;
    int m_holder = -1; // direct: holds the simulator's line open, never read
    int m_device = -1; // relay: the device end, read and written
    int m_master = -1;
    bool m_hostOpen = false; // a host has the host end open
    SteadyClock::time_point m_nextHangupCheck{};
};

class Lane {
public:
    explicit Lane(Cable& cable) : m_cable(cable) { }
    void setChildren(Child* sim, Child* host)
    {
        m_sim = sim;
        m_host = host;
    }
    // Moves bytes and reads lines until done() holds or the deadline passes; returns done()'s last value.
    bool pumpUntil(SteadyClock::time_point deadline, const std::function<bool()>& done);
    // Pumps for a fixed time.
    void pumpFor(std::chrono::milliseconds duration);

private:
    Cable& m_cable;
    Child* m_sim = nullptr;
    Child* m_host = nullptr;
};

} // namespace galvani::test::hostdeath
