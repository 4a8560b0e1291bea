// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli calibrate`: the technician calibration procedure, headless.
#include "CalibrationCommands.h"

#include "EventWait.h"
#include "InterruptHandler.h"
#include "RecordCommands.h"

#include "app/calibration/CalibrationService.h"

#include <chrono>
#include <iostream>
#include <string>

#include <unistd.h>

namespace galvani::cli {

namespace {

using Step = app::CalibrationProcedure::Step;
// No step of the procedure waits this long for the device (connect 8 s, a point 15 s).
constexpr std::chrono::minutes kStepTimeout{2};

std::optional<QList<qint64>> parsePoints(const QString& text, QString* error)
{
    QList<qint64> out;
    for (const QString& part : text.split(QLatin1Char(','))) {
        bool ok = false;
        const double value = part.trimmed().toDouble(&ok);
        if (!ok || !(value > 0.0) || value > 100.0) {
            *error
                = QStringLiteral("--points-ma: '%1' is not a current above 0 and at most 100 mA").arg(part.trimmed());
            return std::nullopt;
        }
        out.append(std::llround(value * 1000.0));
    }
    return out;
}

void printPointHeader(QTextStream& out)
{
    out << "channel  phase     set mA  command mA  measured mA  error mA  +-tol mA  pulses  result  width us  rate "
           "Hz\n";
}

void printPoint(const app::CalibrationPointResult& p, QTextStream& out)
{
    // Width and rate where the device measured them or the technician read them, "-" where not.
    const auto optional = [](const std::optional<double>& value, int decimals, int width) {
        return QStringLiteral("%1").arg(value ? QString::number(*value, 'f', decimals) : QStringLiteral("-"), width);
    };
    out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8  %9  %10  %11\n")
               .arg(p.channel, 7)
               .arg(app::toString(p.phase), -8)
               .arg(milliampsText(static_cast<double>(p.setUa)), 6)
               .arg(milliampsText(static_cast<double>(p.commandedUa)), 10)
               .arg(milliampsText(p.measuredUa), 11)
               .arg(milliampsText(p.errorUa(), true), 8)
               .arg(milliampsText(p.toleranceUa), 8)
               .arg(p.pulses > 0 ? QString::number(p.pulses) : QStringLiteral("meter"), 6)
               .arg(p.passed ? QStringLiteral("pass") : QStringLiteral("FAIL"), -6)
               .arg(optional(p.measuredWidthUs, 1, 8))
               .arg(optional(p.measuredFrequencyHz, 2, 7));
    out.flush();
}

// One meter reading from stdin: "mA [width-µs [rate-Hz]]". Re-asks on a malformed line; nullopt at the end of
// input.
struct Reading {
    double ua = 0.0;
    std::optional<double> widthUs;
    std::optional<double> rateHz;
};
std::optional<Reading> readReading(const QString& prompt, QTextStream& out, QTextStream& err)
{
    while (true) {
        out << prompt << " (mA [width us [rate Hz]]): ";
        out.flush();
        std::string line;
        if (!std::getline(std::cin, line)) {
            return std::nullopt;
        }
        if (isatty(STDIN_FILENO) != 1) {
            out << '\n'; // piped input is not echoed: end the prompt's line
        }
        const QStringList words = QString::fromStdString(line).simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QList<double> values;
        bool ok = !words.isEmpty() && words.size() <= 3;
        for (const QString& w : words) {
            bool number = false;
            values.append(w.toDouble(&number));
            ok = ok && number;
        }
        if (!ok) {
            err << "galvani-cli calibrate: '" << QString::fromStdString(line)
                << "' is not a reading; type the current in mA, optionally followed by width (us) and rate (Hz)\n";
            continue;
        }
        Reading r{values[0] * 1000.0, std::nullopt, std::nullopt};
        if (values.size() > 1) {
            r.widthUs = values[1];
        }
        if (values.size() > 2) {
            r.rateHz = values[2];
        }
        return r;
    }
}

std::optional<app::CalibrationSetup> setupFrom(const CliOptions& o, const QString& command, QTextStream& err)
{
    QString error;
    app::CalibrationSetup s;
    const auto device = o.text(QStringLiteral("device"), &error);
    const auto channels = device ? o.text(QStringLiteral("channels"), &error) : std::nullopt;
    if (!channels) {
        err << command << ": " << error << '\n';
        return std::nullopt;
    }
    s.deviceUrl = *device;
    const auto list = parseChannelList(*channels, &error);
    const auto load = list ? o.integer(QStringLiteral("load-ohms"), &error) : std::nullopt;
    if (!list || (o.has(QStringLiteral("load-ohms")) && !load)) {
        err << command << ": " << error << '\n';
        return std::nullopt;
    }
    s.channels = *list;
    s.loadOhms = o.has(QStringLiteral("load-ohms")) ? *load : s.loadOhms;
    if (o.values(QStringLiteral("instrument")).isEmpty()) {
        err << command << ": --instrument \"NAME:SERIAL:DUE\" is required (every reference instrument used)\n";
        return std::nullopt;
    }
    for (const QString& text : o.values(QStringLiteral("instrument"))) {
        const auto instrument = app::ReferenceInstrument::parse(text, &error);
        if (!instrument) {
            err << command << ": --instrument: " << error << '\n';
            return std::nullopt;
        }
        s.instruments.append(*instrument);
    }
    if (o.has(QStringLiteral("points-ma"))) {
        const auto points = parsePoints(o.value(QStringLiteral("points-ma")), &error);
        if (!points) {
            err << command << ": " << error << '\n';
            return std::nullopt;
        }
        s.pointsUa = *points;
    }
    const auto width = o.has(QStringLiteral("pulse-us")) ? o.integer(QStringLiteral("pulse-us"), &error)
                                                         : std::optional<int>(static_cast<int>(s.pulseWidthUs));
    const auto rate = width ? o.number(QStringLiteral("frequency-hz"), s.frequencyHz, &error) : std::nullopt;
    const auto months = rate
        ? (o.has(QStringLiteral("interval-months")) ? o.integer(QStringLiteral("interval-months"), &error)
                                                    : std::optional<int>(s.intervalMonths))
        : std::nullopt;
    if (!months) {
        err << command << ": " << error << '\n';
        return std::nullopt;
    }
    s.pulseWidthUs = *width;
    s.frequencyHz = *rate;
    s.intervalMonths = *months;
    s.mode = o.has(QStringLiteral("manual")) ? app::MeasurementMode::Manual : app::MeasurementMode::Device;
    s.deviceSerial = o.value(QStringLiteral("device-serial")).trimmed();
    s.notes = o.value(QStringLiteral("notes"));
    return s;
}

int calibrate(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString command = QStringLiteral("galvani-cli calibrate");
    OptionSpec spec;
    spec.valued = {QStringLiteral("device"), QStringLiteral("channels"), QStringLiteral("load-ohms"),
        QStringLiteral("technician"), QStringLiteral("points-ma"), QStringLiteral("pulse-us"),
        QStringLiteral("frequency-hz"), QStringLiteral("interval-months"), QStringLiteral("device-serial"),
        QStringLiteral("notes")};
    spec.repeatable = {QStringLiteral("instrument")};
    spec.flags = {QStringLiteral("manual")};
    auto options = parseRecordOptions(args, spec, command, err);
    if (!options) {
        return kExitUsage;
    }
    // The technician signs the records with their own login: sign in as --technician.
    QString error;
    const auto technician = options->text(QStringLiteral("technician"), &error);
    if (!technician) {
        err << command << ": " << error << " (the technician's login; the records are signed with it)\n";
        return kExitUsage;
    }
    if (options->has(QStringLiteral("user")) && options->value(QStringLiteral("user")) != *technician) {
        err << command << ": --user '" << options->value(QStringLiteral("user")) << "' and --technician '"
            << *technician << "' differ; the technician signs in and signs the records (leave --user out)\n";
        return kExitUsage;
    }
    if (!options->has(QStringLiteral("user"))) {
        options = parseRecordOptions(args + QStringList{QStringLiteral("--user"), *technician}, spec, command, err);
        if (!options) {
            return kExitUsage;
        }
    }
    const auto setup = setupFrom(*options, command, err);
    if (!setup) {
        return kExitUsage;
    }
    int exitCode = kExitOk;
    auto session = openSignedIn(*options, command, err, &exitCode);
    if (!session) {
        return exitCode;
    }
    app::CalibrationService service(session->store());
    auto began = service.begin(session->user, *setup);
    if (!began.ok()) {
        return reportFailure(began.error(), command, err);
    }
    auto procedure = std::move(began).value();
    InterruptHandler interrupt;
    QObject::connect(&interrupt, &InterruptHandler::interrupted, procedure.get(), [&] {
        err << command << ": interrupted: stopping; the channel under way stays incomplete\n";
        procedure->abort(QStringLiteral("interrupted (Ctrl-C or SIGTERM)"));
    });
    bool headerPrinted = false;
    QObject::connect(procedure.get(), &app::CalibrationProcedure::selfTestFinished, procedure.get(),
        [&](const app::SelfTestReport& r) {
            out << "device " << r.deviceSerial << ", firmware "
                << (r.firmware.isEmpty() ? QStringLiteral("-") : r.firmware) << "; self-test " << r.summary() << '\n';
            for (const auto& c : r.checks) {
                out << "  " << c.name << (c.channel > 0 ? QStringLiteral(" ch %1").arg(c.channel) : QString()) << ": "
                    << app::toString(c.outcome) << " (" << c.detail << ")\n";
            }
            out.flush();
        });
    QObject::connect(procedure.get(), &app::CalibrationProcedure::pointMeasured, procedure.get(),
        [&](const app::CalibrationPointResult& p) {
            if (!headerPrinted) {
                printPointHeader(out);
                headerPrinted = true;
            }
            printPoint(p, out);
        });
    QObject::connect(procedure.get(), &app::CalibrationProcedure::channelFinished, procedure.get(),
        [&](const app::ChannelCalibrationResult& r) {
            out << "channel " << r.channel << ": " << (r.passed ? "PASSED" : "FAILED");
            if (r.gain && r.offsetUa) {
                out << "  gain " << QString::number(*r.gain, 'f', 5) << "  offset " << milliampsText(*r.offsetUa, true)
                    << " mA";
            }
            out << "  record #" << r.calibrationId;
            if (r.passed) {
                out << "  due " << utcDateText(r.dueUtcMs);
            }
            out << '\n';
            if (!r.passed) {
                out << "  reason: " << r.reason << '\n';
            }
            out.flush();
        });

    procedure->start();
    const auto waiting = [&] {
        const Step s = procedure->step();
        return s == Step::ReadyForChannel || s == Step::AwaitingReading || s == Step::Finished || s == Step::Aborted;
    };
    while (procedure->step() != Step::Finished && procedure->step() != Step::Aborted) {
        if (!runUntil(waiting, kStepTimeout)) {
            procedure->abort(QStringLiteral("no progress for %1 minutes").arg(kStepTimeout.count()));
            continue;
        }
        if (procedure->step() == Step::ReadyForChannel) {
            procedure->runChannel();
        } else if (procedure->step() == Step::AwaitingReading) {
            const auto reading = readReading(procedure->prompt(), out, err);
            if (!reading) {
                procedure->abort(QStringLiteral("standard input ended before the reading"));
                continue;
            }
            if (const auto taken = procedure->submitReading(reading->ua, reading->widthUs, reading->rateHz);
                !taken.ok()) {
                err << command << ": " << taken.error().message << '\n';
            }
        }
    }
    const auto& summary = procedure->summary();
    int passed = 0;
    for (const auto& r : summary.channels) {
        passed += r.passed ? 1 : 0;
    }
    if (!summary.completed) {
        err << command << ": stopped: " << summary.abortReason << '\n';
        out << "result: stopped after " << summary.channels.size() << " of " << setup->channels.size()
            << " channels; the channel under way is recorded as incomplete and changes nothing\n";
        return kExitFailure;
    }
    out << "result: " << passed << " of " << summary.channels.size() << " channels passed\n";
    return passed == summary.channels.size() ? kExitOk : kExitFailure;
}

} // namespace

int runCalibrateCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    return calibrate(args, out, err);
}

} // namespace galvani::cli
