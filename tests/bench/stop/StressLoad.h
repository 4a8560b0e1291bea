// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Background load for the STOP benchmarks (bench_device_stop, bench_session_stop, bench_gui_stop): threads that keep
// every core busy, and threads that write large files with fsync. Standard C++ and POSIX only (no Qt), so the
// device-level benchmark can use it without linking more than galvani_device.
// Thread affinity: start() and stop() from one thread (the benchmark's main thread); the load runs on its own
// threads. Ownership: each object owns its threads and joins them in stop() or its destructor.
// Units: bytes, seconds.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace galvani::bench {

// Threads that spin on integer arithmetic: "both cores busy" on the 2-core reference machine.
class CpuBurners {
public:
    CpuBurners() = default;
    CpuBurners(const CpuBurners&) = delete;
    CpuBurners& operator=(const CpuBurners&) = delete;
    ~CpuBurners() { stop(); }

    void start(int threads)
    {
        m_run = true;
        for (int i = 0; i < threads; ++i) {
            m_threads.emplace_back([this] {
                std::uint64_t x = 1;
                while (m_run.load(std::memory_order_relaxed)) {
                    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                }
                m_sink.fetch_add(x, std::memory_order_relaxed); // keeps the loop from being optimised away
            });
        }
    }

    void stop()
    {
        m_run = false;
        for (auto& t : m_threads) {
            t.join();
        }
        m_threads.clear();
    }

private:
    std::atomic<bool> m_run{false};
    std::atomic<std::uint64_t> m_sink{0};
    std::vector<std::thread> m_threads;
};

// Threads that each write a large file in 1 MiB chunks, fsync every fsyncEvery bytes and at the end of the file,
// delete it and start again, into `dir` (put it on the same file system as the record store: the store's fsyncs
// then queue behind these). The files are removed when the load stops.
class DiskWriters {
public:
    struct Totals {
        double seconds = 0.0;
        std::uint64_t bytes = 0;
        std::uint64_t fsyncs = 0;
        std::uint64_t errors = 0; // failed open/write/fsync calls (e.g. a full disk); the load keeps trying
        [[nodiscard]] double mibPerSecond() const
        {
            return seconds > 0 ? static_cast<double>(bytes) / (1024.0 * 1024.0) / seconds : 0.0;
        }
        [[nodiscard]] double fsyncsPerSecond() const
        {
            return seconds > 0 ? static_cast<double>(fsyncs) / seconds : 0.0;
        }
    };

    static constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

    DiskWriters(std::string dir, std::uint64_t fileBytes = std::uint64_t{64} << 20,
        std::uint64_t fsyncEvery = std::uint64_t{4} << 20)
        : m_dir(std::move(dir)), m_fileBytes(fileBytes), m_fsyncEvery(fsyncEvery)
    {
    }
    DiskWriters(const DiskWriters&) = delete;
    DiskWriters& operator=(const DiskWriters&) = delete;
    ~DiskWriters() { stop(); }

    void start(int threads)
    {
        m_run = true;
        m_started = std::chrono::steady_clock::now();
        for (int i = 0; i < threads; ++i) {
            m_threads.emplace_back([this, i] { writeLoop(m_dir + "/stop-bench-io-" + std::to_string(i) + ".bin"); });
        }
    }

    // Stops the writers, removes their files and returns what they wrote while they ran.
    Totals stop()
    {
        if (m_threads.empty()) {
            return m_totals;
        }
        m_run = false;
        for (auto& t : m_threads) {
            t.join();
        }
        m_threads.clear();
        m_totals.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
        m_totals.bytes = m_bytes.load();
        m_totals.fsyncs = m_fsyncs.load();
        m_totals.errors = m_errors.load();
        return m_totals;
    }

private:
    void writeLoop(const std::string& path)
    {
        std::vector<char> chunk(kChunkBytes);
        std::uint32_t x = 0x9e3779b9U;
        for (char& c : chunk) { // incompressible, in case the file system compresses
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            c = static_cast<char>(x & 0xffU);
        }
        while (m_run.load()) {
            const int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600);
            if (fd < 0) {
                ++m_errors;
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                continue;
            }
            std::uint64_t written = 0;
            std::uint64_t sinceSync = 0;
            while (m_run.load() && written < m_fileBytes) {
                const ssize_t n = ::write(fd, chunk.data(), chunk.size());
                if (n <= 0) {
                    ++m_errors;
                    break;
                }
                written += static_cast<std::uint64_t>(n);
                sinceSync += static_cast<std::uint64_t>(n);
                m_bytes += static_cast<std::uint64_t>(n);
                if (sinceSync >= m_fsyncEvery) {
                    sync(fd);
                    sinceSync = 0;
                }
            }
            sync(fd);
            ::close(fd);
            ::unlink(path.c_str());
        }
        ::unlink(path.c_str());
    }

    void sync(int fd)
    {
        if (::fsync(fd) == 0) {
            ++m_fsyncs;
        } else {
            ++m_errors;
        }
    }

    std::string m_dir;
    std::uint64_t m_fileBytes;
    std::uint64_t m_fsyncEvery;
    std::atomic<bool> m_run{false};
    std::atomic<std::uint64_t> m_bytes{0};
    std::atomic<std::uint64_t> m_fsyncs{0};
    std::atomic<std::uint64_t> m_errors{0};
    std::chrono::steady_clock::time_point m_started;
    Totals m_totals;
    std::vector<std::thread> m_threads;
};

} // namespace galvani::bench
