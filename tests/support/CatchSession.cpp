// SPDX-License-Identifier: GPL-3.0-or-later
// Catch2's implementation, compiled once for every test executable. The three mains in CatchMain.cpp bring only
// main() itself: compiling Catch2's implementation is the costliest single file of the test build (about half a
// minute, over a minute with the sanitizers), so it is not repeated per main.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "support/CatchSession.h"

namespace galvani::test {

int runCatchSession(int argc, char* argv[])
{
    return Catch::Session().run(argc, argv);
}

} // namespace galvani::test
