// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QTextStream>

namespace galvani::cli {

// `galvani-cli session run --patient MRN --device URL --preset ID --channel N:SITE:AMPLITUDE_mA ... --minutes M
// [--nprs-before X --nprs-after Y] [--db URL] --user NAME`: one treatment through app::SessionController (the same
// interlocks, recording and stop path as the GUI). args are the words after "session".
// Prints the plan, one line "event <seq> <kind> committed" per recorded event (flushed as soon as the event is
// committed), progress at most once a second and the totals at the end. Ctrl-C or SIGTERM requests the global STOP
// in the signal handler, then the stop is recorded and the command exits 1.
// Thread affinity: the main thread (runs its event loop while the session runs).
int runSessionCommand(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace galvani::cli
