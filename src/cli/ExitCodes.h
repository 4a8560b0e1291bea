// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace galvani::cli {

// Exit codes shared by the commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1; // refused (access, safety kernel, record rules), faulted or unreachable
inline constexpr int kExitUsage = 2; // an argument is wrong (its name is in the message)

} // namespace galvani::cli
