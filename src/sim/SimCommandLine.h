// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/sim/SimulatorConfig.h"

#include <QString>
#include <QStringList>

#include <variant>

namespace galvani::sim {

// What galvani-sim was asked to do.
struct SimCommand {
    enum class Action { Run, Help, Version };
    Action action = Action::Run;
    device::sim::SimulatorConfig config;
    QString linkPath; // --pty-link
};

// A refused command line: the message names the flag and what it allows; exit with exitCode (2).
struct SimCommandError {
    QString message;
    int exitCode = 2;
};

// Parses the arguments after the program name:
//   --protocol sciencemode2|sciencemode3|sciencemode4 [--channels N] [--load-ohms R] [--fault SPEC]...
//   --pty-link PATH  plus --serial S, --watchdog-ms MS, --gain-error CH:+P%, --offset-error CH:+XmA,
//   --load CH:OHMS[:NF], --seed N, --battery PCT, --noise-ua N, --log-all, --help, --version.
// Flags take their value as the next argument or after '='. Repeatable: --fault, --gain-error,
// --offset-error, --load. Pure function; thread-safe.
[[nodiscard]] std::variant<SimCommand, SimCommandError> parseSimCommandLine(const QStringList& arguments);

// The --help text (usage, options, fault specs).
[[nodiscard]] QString simHelpText();

} // namespace galvani::sim
