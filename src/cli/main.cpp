// SPDX-License-Identifier: GPL-3.0-or-later
// galvani-cli: headless commands. Errors name the argument at fault and exit non-zero.
#include "app/AppPaths.h"
#include "protocols/ProtocolRegistry.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

namespace {

constexpr int kUsageError = 2;

void printUsage(QTextStream& out)
{
    out << "Usage: galvani-cli <command> [options]\n"
           "\n"
           "Commands:\n"
           "  protocols        list the stimulator protocols this build speaks, with their devices and line settings\n"
           "  --help           show this text\n"
           "  --version        show the version\n";
}

int listProtocols(QTextStream& out)
{
    for (const auto& p : galvani::proto::ProtocolRegistry::all()) {
        const auto& c = p.capabilities;
        out << QString::fromUtf8(p.id.data(), static_cast<qsizetype>(p.id.size())) << '\t'
            << QString::fromUtf8(p.displayName.data(), static_cast<qsizetype>(p.displayName.size())) << '\t'
            << c.channels << " channels\t" << p.serial.baud << " baud\t"
            << (c.measuresDeliveredCurrent ? "measures delivered current" : "commanded current only") << '\n';
    }
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    galvani::app::applyApplicationIdentity();
    QTextStream out(stdout);
    QTextStream err(stderr);

    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty()) {
        printUsage(err);
        return kUsageError;
    }
    const QString& command = args.first();
    if (command == QStringLiteral("--help") || command == QStringLiteral("-h")) {
        printUsage(out);
        return 0;
    }
    if (command == QStringLiteral("--version")) {
        out << "galvani-cli " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    if (command == QStringLiteral("protocols")) {
        if (args.size() > 1) {
            err << "galvani-cli protocols: unexpected argument '" << args.at(1) << "'\n";
            return kUsageError;
        }
        return listProtocols(out);
    }
    err << "galvani-cli: unknown command '" << command << "'; see galvani-cli --help\n";
    return kUsageError;
}
