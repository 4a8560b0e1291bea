// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The STOP latency table shared by bench_device_stop, bench_session_stop and bench_gui_stop: per row (path and
// condition) the p50 / p99 / max of request → stop frame written ("wire") and request → simulator output zero
// ("zero") in µs, printed as a human-readable line and as one FIGURE line for tests/bench/report.sh:
//   FIGURE<TAB>STOP latency<TAB><path>, <condition><TAB>wire p50 X / p99 Y / max Z µs; zero p50 X / p99 Y / max Z µs
//   <TAB>n=<measured>, failed=<failed>
// Header-only, no Qt. Thread affinity: the benchmark's main thread.

#include "bench/support/Figure.h"
#include "bench/support/Percentile.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace galvani::bench {

struct StopFigures {
    std::vector<double> wireUs; // request → the first stop frame written (the driver's timestamp before the write)
    std::vector<double> zeroUs; // request → the simulator's output at zero on every channel
    int failures = 0; // STOPs that were requested but not measured (or a cycle that could not get output running)
    // STOPs not counted: the output had stopped by itself (the simulator's own watch, a device fault) before the
    // STOP came or before it reached the output. Not failures of STOP; listed so that no sample vanishes silently.
    int skipped = 0;
    std::vector<std::string> notes; // the first few reasons for failed or skipped STOPs, printed under the row
};

inline void printStopHeader(int stops, const char* what)
{
    std::printf("STOP latency, %d stops per row: %s -> stop frame written (wire) and -> simulator output zero "
                "(zero), microseconds\n",
        stops, what);
    std::printf("%-34s %-30s %6s  %9s %9s %9s   %9s %9s %9s   %s  %s\n", "path", "condition", "n", "wire p50", "p99",
        "max", "zero p50", "p99", "max", "failed", "skipped");
    std::fflush(stdout);
}

inline void printStopRow(const std::string& path, const std::string& condition, const StopFigures& f)
{
    const double w50 = percentile(f.wireUs, 0.5);
    const double w99 = percentile(f.wireUs, 0.99);
    const double wMax = percentile(f.wireUs, 1.0);
    const double z50 = percentile(f.zeroUs, 0.5);
    const double z99 = percentile(f.zeroUs, 0.99);
    const double zMax = percentile(f.zeroUs, 1.0);
    std::printf("%-34s %-30s %6zu  %9.1f %9.1f %9.1f   %9.1f %9.1f %9.1f   %6d  %7d\n", path.c_str(), condition.c_str(),
        f.wireUs.size(), w50, w99, wMax, z50, z99, zMax, f.failures, f.skipped);
    for (const std::string& n : f.notes) {
        std::printf("    %s\n", n.c_str());
    }
    figure("STOP latency", path + ", " + condition,
        format("wire p50 %.1f / p99 %.1f / max %.1f µs; zero p50 %.1f / p99 %.1f / max %.1f µs", w50, w99, wMax, z50,
            z99, zMax),
        format("n=%zu, failed=%d", f.wireUs.size(), f.failures));
}

} // namespace galvani::bench
