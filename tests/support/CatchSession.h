// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace galvani::test {

// Runs Catch2 over this executable's test cases with the command line given (Catch::Session().run). Catch2 declares
// its Session only where its implementation is compiled (CatchSession.cpp), so the mains call it through this.
int runCatchSession(int argc, char* argv[]);

} // namespace galvani::test
