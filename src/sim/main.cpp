// SPDX-License-Identifier: GPL-3.0-or-later
// galvani-sim: a simulated stimulator on a pseudo-terminal, for the real serial path (see --help).
#include "app/AppPaths.h"
#include "sim/PtySimulator.h"
#include "sim/SignalWatcher.h"
#include "sim/SimCommandLine.h"

#include <QCoreApplication>
#include <QTextStream>

#include <variant>

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    galvani::app::applyApplicationIdentity();
    QTextStream out(stdout);
    QTextStream err(stderr);

    auto parsed = galvani::sim::parseSimCommandLine(QCoreApplication::arguments().mid(1));
    if (const auto* refused = std::get_if<galvani::sim::SimCommandError>(&parsed)) {
        err << refused->message << '\n';
        return refused->exitCode;
    }
    const auto& command = std::get<galvani::sim::SimCommand>(parsed);
    if (command.action == galvani::sim::SimCommand::Action::Help) {
        out << galvani::sim::simHelpText();
        return 0;
    }
    if (command.action == galvani::sim::SimCommand::Action::Version) {
        out << "galvani-sim " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }

    galvani::sim::SignalWatcher watcher;
    if (!watcher.install()) {
        err << "galvani-sim: cannot install the SIGTERM/SIGINT handlers\n";
        return 1;
    }
    galvani::sim::PtySimulator simulator(command.config, command.linkPath);
    QObject::connect(&watcher, &galvani::sim::SignalWatcher::terminationRequested, &application, [&](int number) {
        simulator.shutDown(number);
        QCoreApplication::exit(0);
    });
    QString error;
    if (!simulator.start(&error)) {
        err << "galvani-sim: " << error << '\n';
        return 1;
    }
    return QCoreApplication::exec();
}
