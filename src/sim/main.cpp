// SPDX-License-Identifier: GPL-3.0-or-later
// galvani-sim: the simulated stimulator on a pseudo-terminal. The device side is not part of this build yet;
// the executable exists so packaging and scripts can rely on its name, and says so plainly when run.
#include "app/AppPaths.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    galvani::app::applyApplicationIdentity();
    const QStringList args = QCoreApplication::arguments().mid(1);
    QTextStream out(stdout);
    if (args.contains(QStringLiteral("--version"))) {
        out << "galvani-sim " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    QTextStream err(stderr);
    err << "galvani-sim: the simulated stimulator's pseudo-terminal mode is not available in this build\n";
    return 1;
}
