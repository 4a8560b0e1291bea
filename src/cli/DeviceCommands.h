// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ExitCodes.h"

#include <QStringList>
#include <QTextStream>

namespace galvani::cli {

// `galvani-cli device <list|probe|stimulate> ...`. args are the words after "device".
// Thread affinity: the main thread (runs its event loop while waiting for the device).
int runDeviceCommand(const QStringList& args, QTextStream& out, QTextStream& err);

// `device list`: serial ports with USB IDs and protocol guesses.
int listDevices(const QStringList& args, QTextStream& out, QTextStream& err);
// `device probe URL`: connect, print what the device says about itself, disconnect.
int probeDevice(const QStringList& args, QTextStream& out, QTextStream& err);
// `device stimulate URL --channel N --amplitude-ma X --pulse-us W --frequency-hz F --seconds S`.
int stimulateDevice(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace galvani::cli
