// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/SimCommandLine.h"

#include "device/sim/FaultSpec.h"

#include <utility>
#include <vector>

namespace galvani::sim {
namespace {

// Flags that take a value, mapped to the simulator option they set (empty: handled here).
struct ValueFlag {
    const char* flag;
    const char* option;
};

constexpr ValueFlag kValueFlags[] = {
    {"--protocol", ""},
    {"--pty-link", ""},
    {"--channels", "channels"},
    {"--load-ohms", "load-ohms"},
    {"--load", "load"},
    {"--fault", "fault"},
    {"--serial", "serial"},
    {"--watchdog-ms", "watchdog-ms"},
    {"--gain-error", "gain-error"},
    {"--offset-error", "offset-error"},
    {"--width-error", "width-error"},
    {"--leak", "leak"},
    {"--seed", "seed"},
    {"--battery", "battery"},
    {"--noise-ua", "noise-ua"},
};

const ValueFlag* findFlag(const QString& name)
{
    for (const auto& f : kValueFlags) {
        if (name == QLatin1String(f.flag)) {
            return &f;
        }
    }
    return nullptr;
}

SimCommandError error(const QString& text)
{
    return SimCommandError{QStringLiteral("galvani-sim: ") + text, 2};
}

} // namespace

std::variant<SimCommand, SimCommandError> parseSimCommandLine(const QStringList& arguments)
{
    SimCommand command;
    QString protocol;
    std::vector<std::pair<QString, QString>> options; // flag, value, in command-line order
    bool logAll = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        QString name = arguments[i];
        QString value;
        bool inlineValue = false;
        if (name.startsWith(QStringLiteral("--")) && name.contains(QLatin1Char('='))) {
            value = name.mid(name.indexOf(QLatin1Char('=')) + 1);
            name = name.left(name.indexOf(QLatin1Char('=')));
            inlineValue = true;
        }
        if (name == QStringLiteral("--help") || name == QStringLiteral("-h")) {
            command.action = SimCommand::Action::Help;
            return command;
        }
        if (name == QStringLiteral("--version")) {
            command.action = SimCommand::Action::Version;
            return command;
        }
        if (name == QStringLiteral("--log-all")) {
            logAll = true;
            continue;
        }
        const ValueFlag* flag = findFlag(name);
        if (flag == nullptr) {
            return error(QStringLiteral("unknown option '%1'; see --help").arg(arguments[i]));
        }
        if (!inlineValue) {
            if (i + 1 >= arguments.size()) {
                return error(QStringLiteral("%1 needs a value; see --help").arg(name));
            }
            value = arguments[++i];
        }
        if (name == QStringLiteral("--protocol")) {
            protocol = value;
        } else if (name == QStringLiteral("--pty-link")) {
            command.linkPath = value;
        } else {
            options.emplace_back(name, value);
        }
    }

    const auto parsed = device::sim::simProtocolFromId(protocol.toStdString());
    if (protocol.isEmpty()) {
        return error(QStringLiteral("--protocol is required: sciencemode2, sciencemode3 or sciencemode4"));
    }
    if (!parsed) {
        return error(QStringLiteral("--protocol '%1' is not supported; use sciencemode2, sciencemode3 or sciencemode4")
                         .arg(protocol));
    }
    if (command.linkPath.isEmpty()) {
        return error(QStringLiteral("--pty-link PATH is required (where to put the link to the pseudo-terminal)"));
    }
    command.config = device::sim::defaultConfig(*parsed);
    command.config.logEveryCommand = logAll;
    // --channels first (channel numbers in the other flags are checked against it), then --load-ohms
    // (so --load overrides it for one channel), then the rest in command-line order.
    const auto passOf = [](const QString& name) {
        return name == QStringLiteral("--channels") ? 0 : name == QStringLiteral("--load-ohms") ? 1 : 2;
    };
    for (int pass = 0; pass < 3; ++pass) {
        for (const auto& [name, value] : options) {
            if (passOf(name) != pass) {
                continue;
            }
            const ValueFlag* flag = findFlag(name);
            if (auto e = device::sim::applySimOption(command.config, flag->option, value.toStdString())) {
                return error(QStringLiteral("--") + QString::fromStdString(*e));
            }
        }
    }
    return command;
}

QString simHelpText()
{
    QString text = QStringLiteral(
        "Usage: galvani-sim --protocol sciencemode2|sciencemode3|sciencemode4 [--channels N] [--load-ohms R]\n"
        "                   [--fault SPEC]... --pty-link PATH [options]\n"
        "\n"
        "Acts as a stimulator on a pseudo-terminal: PATH becomes a symbolic link to its slave side, which any\n"
        "host software for the device opens like the real serial port (ScienceMode2 460800 8E1; ScienceMode3/4\n"
        "3 Mbaud 8N2 RTS/CTS; a pseudo-terminal accepts and ignores the line settings). Logs every command and\n"
        "state change on stderr, and 'output stopped (<cause>)' whenever output stops (host stop, watchdog,\n"
        "host silent in low level, fault, link closed). A host may close the port and a new one open it.\n"
        "SIGTERM or SIGINT removes the link and exits 0. Bad arguments exit 2.\n"
        "\n"
        "Options:\n"
        "  --protocol P          sciencemode2 (RehaStim2), sciencemode3 (RehaMove3), sciencemode4 (P24)\n"
        "  --pty-link PATH       where to create the link to the pseudo-terminal (replaces an old link)\n"
        "  --channels N          output channels (sciencemode2/4: 1..8, sciencemode3: 1..4; default all)\n"
        "  --load-ohms R         load resistance of every channel, 1..10000000 ohms (default 1000)\n"
        "  --load CH:OHMS[:NF]   one channel's load and optionally its capacitance in nF (default 100)\n"
        "  --fault SPEC          inject a fault (repeatable; see below)\n"
        "  --serial S            serial number / device id, 1..10 ASCII characters (default GSIM-0001)\n"
        "  --watchdog-ms MS      stricter host watchdog: 50..1200 (sciencemode2, default 1200) or 50..2000\n"
        "                        (sciencemode3/4 mid level, default 2000); the clinic setting is 500\n"
        "  --gain-error CH:+P%   channel CH delivers (1 + P/100) x commanded, P -50..+50 (repeatable)\n"
        "  --offset-error CH:+XmA  channel CH delivers X mA more (also uA), |X| <= 10 mA (repeatable)\n"
        "  --width-error CH:+P%  channel CH's phases last (1 + P/100) x commanded, P -50..+50 (repeatable;\n"
        "                        the ScienceMode4 low-level measurement shows it)\n"
        "  --leak CH:XmA           channel CH drives X mA while commanded to 0 mA (also uA), X <= 10 mA\n"
        "                          (repeatable; the self-test's zero-output check finds it)\n"
        "  --seed N              random seed for measurement noise and link faults (default 1)\n"
        "  --battery PCT         battery level 0..100 (default 87)\n"
        "  --noise-ua N          measured-current noise, standard deviation 0..5000 uA (default 20)\n"
        "  --log-all             one line per command, also for keep-alives and low-level pulses\n"
        "                        (default: those are summarised once a second)\n"
        "  --help, --version\n"
        "\n");
    text += QString::fromUtf8(
        device::sim::faultSpecHelp().data(), static_cast<qsizetype>(device::sim::faultSpecHelp().size()));
    return text;
}

} // namespace galvani::sim
