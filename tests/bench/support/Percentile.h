// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Nearest-rank percentile for the benchmarks' latency and cost distributions (p50 / p90 / p99 / max).
// Header-only, no Qt.

#include <algorithm>
#include <cstddef>
#include <vector>

namespace galvani::bench {

// The nearest-rank percentile of v, p in 0–1 (1 is the maximum); 0 for an empty set.
inline double percentile(std::vector<double> v, double p)
{
    if (v.empty()) {
        return 0.0;
    }
    std::sort(v.begin(), v.end());
    const auto index = static_cast<std::size_t>(std::clamp(p, 0.0, 1.0) * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(index, v.size() - 1)];
}

} // namespace galvani::bench
