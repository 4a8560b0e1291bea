// SPDX-License-Identifier: GPL-3.0-or-later
// galvani-cli: headless commands. Errors name the argument at fault and exit non-zero.
#include "CalibrationCommands.h"
#include "DeviceCommands.h"
#include "RecordCommands.h"
#include "SessionRunCommand.h"

#include "app/AppPaths.h"
#include "protocols/ProtocolRegistry.h"

#include <QCoreApplication>
#include <QMap>
#include <QStringList>
#include <QTextStream>

namespace {

void printUsage(QTextStream& out)
{
    out << "Usage: galvani-cli <command> [options]\n"
           "\n"
           "Commands:\n"
           "  protocols        list the stimulator protocols this build speaks, with their devices and line settings\n"
           "  device list      list serial ports with their USB IDs and the protocol they most likely speak\n"
           "  device probe URL\n"
           "                   connect and print protocol, device id, firmware, channels, battery and whether the\n"
           "                   delivered current is measured\n"
           "  device stimulate URL --channel N --amplitude-ma X --pulse-us W --frequency-hz F --seconds S\n"
           "                   [--ramp-s R] [--pad-cm2 A]\n"
           "                   run a short symmetric biphasic train on one channel: checked by the safety kernel,\n"
           "                   ramped from zero (default 1.5 s), stopped after S seconds or at Ctrl-C; prints the\n"
           "                   measured-current summary when the device measures it (pads assumed 25 cm²)\n"
           "\n"
           "Record commands (all take --db URL, default the store in the user's data folder; all but\n"
           "screening checklist sign in with --user NAME, the password from GALVANI_PASSWORD or stdin):\n"
           "  user add --name N --role therapist|admin|technician [--display-name D]\n"
           "                   the new password from GALVANI_NEW_PASSWORD or stdin (after the own password);\n"
           "                   on an empty store: the first admin, without --user\n"
           "  user list        accounts with role and state\n"
           "  user unlock|deactivate --name N --reason R;  user set-role --name N --role R --reason R\n"
           "  patient add --mrn X --name \"Family, Given\" --birth-date YYYY-MM-DD [--phone P] [--email E]\n"
           "                   [--address A]\n"
           "  patient list [--search TEXT];  patient show --mrn X\n"
           "  screening record --patient MRN (--answers FILE | --none-apply)\n"
           "  screening show --patient MRN;  screening checklist [--template]\n"
           "  placement list [--patient MRN]   the site catalogue, or a patient's current placements\n"
           "  placement record --patient MRN --site ID --channel N --electrode WxH (cm) [--polarity P]\n"
           "                   [--posture P] [--electrode-type T] [--lead L] [--notes N]\n"
           "  preset list [--device URL]   built-in presets and whether the device (default\n"
           "                   sim:sciencemode4?channels=8) can deliver each\n"
           "  session run --patient MRN --device URL --preset ID --channel N:SITE:AMPLITUDE_mA ...\n"
           "                   --minutes M [--nprs-before X --nprs-after Y] [--set \"FIELD=VALUE\" ...]\n"
           "                   one treatment with every interlock (screening, placements, calibration, armed\n"
           "                   device): ramps each channel from zero, prints each recorded event and progress;\n"
           "                   Ctrl-C stops the output first, then records the stop (exit 1); --set changes\n"
           "                   one of the preset's values within its range, e.g. --set \"phase width=350\"\n"
           "  backup --out FILE;  restore --in FILE;  audit verify\n"
           "  export --format csv|json|fhir --out FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
           "                   [--patient MRN] [--therapist NAME] [--pseudonymise] [--events]\n"
           "                   sessions started on those days (both included); admins any, therapists their own;\n"
           "                   progress on stderr; the file appears only when the export completes\n"
           "  calibrate --device URL --channels 1-8 --load-ohms 500 --technician NAME\n"
           "            --instrument \"NAME:SERIAL:DUE\" [--instrument ...] [--manual] [--points-ma 10,25,50]\n"
           "            [--pulse-us 200] [--frequency-hz 100] [--interval-months 12] [--device-serial S]\n"
           "            [--notes T]\n"
           "                   technician calibration of each channel into a reference load (500, 1000, 2000 or\n"
           "                   10000 ohm): self-test, points as found, least-squares gain/offset, points as left\n"
           "                   through the correction, one signed record per channel; signs in as --technician;\n"
           "                   --manual reads each meter reading (mA [width us [rate Hz]]) from stdin\n"
           "  calibration list [--device-serial S];  calibration status --device-serial S [--channels 1-8]\n"
           "  calibration policy [--require-record on|off --reason R]   (changing it: admins)\n"
           "  clinic limits [--amplitude-max-ma X] [--phase-width-max-us W] [--pulse-rate-max-hz F]\n"
           "                [--session-max-minutes M] [--reason R]\n"
           "                   the clinic's own output limits (1-100 mA, 10-4000 us, 0.5-150 Hz, 1-99 min; each\n"
           "                   value or off); every role sees them, admins change them with a reason\n"
           "\n"
           "  --help           show this text\n"
           "  --version        show the version\n"
           "\n"
           "Device URLs: sim:sciencemode4?channels=8 (built-in simulator; options as galvani-sim),\n"
           "             serial:/dev/ttyUSB0?protocol=sciencemode4; sciencemode3/4 also take level=low|mid.\n"
           "             A stimulator that reports no serial number (sciencemode2) needs device-serial=S,\n"
           "             the serial on its label: calibrations and self-tests are kept under it.\n";
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
    return galvani::cli::kExitOk;
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
        return galvani::cli::kExitUsage;
    }
    const QString& command = args.first();
    if (command == QStringLiteral("--help") || command == QStringLiteral("-h")) {
        printUsage(out);
        return galvani::cli::kExitOk;
    }
    if (command == QStringLiteral("--version")) {
        out << "galvani-cli " << QCoreApplication::applicationVersion() << '\n';
        return galvani::cli::kExitOk;
    }
    if (command == QStringLiteral("protocols")) {
        if (args.size() > 1) {
            err << "galvani-cli protocols: unexpected argument '" << args.at(1) << "'\n";
            return galvani::cli::kExitUsage;
        }
        return listProtocols(out);
    }
    using Runner = int (*)(const QStringList&, QTextStream&, QTextStream&);
    static const QMap<QString, Runner> kCommands{
        {QStringLiteral("device"), &galvani::cli::runDeviceCommand},
        {QStringLiteral("user"), &galvani::cli::runUserCommand},
        {QStringLiteral("patient"), &galvani::cli::runPatientCommand},
        {QStringLiteral("screening"), &galvani::cli::runScreeningCommand},
        {QStringLiteral("placement"), &galvani::cli::runPlacementCommand},
        {QStringLiteral("preset"), &galvani::cli::runPresetCommand},
        {QStringLiteral("backup"), &galvani::cli::runBackupCommand},
        {QStringLiteral("restore"), &galvani::cli::runRestoreCommand},
        {QStringLiteral("audit"), &galvani::cli::runAuditCommand},
        {QStringLiteral("calibrate"), &galvani::cli::runCalibrateCommand},
        {QStringLiteral("calibration"), &galvani::cli::runCalibrationCommand},
        {QStringLiteral("clinic"), &galvani::cli::runClinicCommand},
        {QStringLiteral("export"), &galvani::cli::runExportCommand},
        {QStringLiteral("session"), &galvani::cli::runSessionCommand},
    };
    if (const auto it = kCommands.constFind(command); it != kCommands.constEnd()) {
        return (*it.value())(args.mid(1), out, err);
    }
    err << "galvani-cli: unknown command '" << command << "'; see galvani-cli --help\n";
    return galvani::cli::kExitUsage;
}
