// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli session run`: one treatment through app::SessionController.
#include "SessionRunCommand.h"

#include "EventWait.h"
#include "InterruptHandler.h"
#include "RecordCommands.h"

#include "app/session/SessionController.h"
#include "app/session/SessionProgram.h"
#include "core/units/UnitConversions.h"
#include "device/worker/DeviceService.h"

#include <QElapsedTimer>

#include <chrono>
#include <cmath>
#include <map>

namespace galvani::cli {

namespace {

const QString kCommand = QStringLiteral("galvani-cli session run");
// Connect, identify, check and arm; the controller gives up after 10 s itself.
constexpr std::chrono::milliseconds kPrepareWait{20'000};
// Beyond the session's own time: ramps, the stop and the last records.
constexpr std::chrono::milliseconds kEndMargin{30'000};
constexpr std::chrono::milliseconds kOutcomeWait{10'000};
// The longest session the timer allows (CLINICAL.md §2), seconds.
constexpr qint64 kMaxSessionS = app::kSessionDurationMaxS;

struct RunArguments {
    app::SessionRequest request;
    std::optional<int> nprsAfter;
};

QString ma(qint64 ua)
{
    return QString::number(static_cast<double>(ua) / 1000.0, 'f', 1) + QStringLiteral(" mA");
}

// "N:SITE:AMPLITUDE_mA", e.g. "1:left-lumbar-multifidus:12.5".
std::optional<app::ChannelRequest> parseChannel(const QString& text, QString* error)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() != 3) {
        *error = QStringLiteral("--channel '%1': expected N:SITE:AMPLITUDE_mA, e.g. 1:left-lumbar-multifidus:12.5")
                     .arg(text);
        return std::nullopt;
    }
    bool ok = false;
    const int channel = parts.at(0).toInt(&ok);
    if (!ok || channel < 1 || channel > 8) {
        *error = QStringLiteral("--channel '%1': the channel '%2' must be a whole number 1–8").arg(text, parts.at(0));
        return std::nullopt;
    }
    if (parts.at(1).trimmed().isEmpty()) {
        *error = QStringLiteral("--channel '%1': the site is empty (e.g. left-lumbar-multifidus)").arg(text);
        return std::nullopt;
    }
    const double milliamps = parts.at(2).toDouble(&ok);
    const auto microamps = ok ? core::microampsFromMilliamps(milliamps) : core::Checked<core::Microamps>::failure({});
    if (!ok || !microamps.ok() || microamps.value().value() <= 0) {
        *error = QStringLiteral("--channel '%1': the amplitude '%2' must be a number of mA above 0")
                     .arg(text, parts.at(2));
        return std::nullopt;
    }
    return app::ChannelRequest{channel, parts.at(1).trimmed(), microamps.value().value(), std::nullopt};
}

// --set "FIELD=VALUE": one of the preset's editable values in its unit (e.g. "phase width=350", "on time=6"); the
// controller refuses a field the preset lacks or a value outside its range, naming both.
std::optional<app::ProgramSetting> parseSetting(const QString& text, QString* error)
{
    const qsizetype eq = text.lastIndexOf(QLatin1Char('='));
    if (eq <= 0) {
        *error = QStringLiteral("--set '%1': expected FIELD=VALUE, e.g. \"phase width=350\"").arg(text);
        return std::nullopt;
    }
    bool ok = false;
    const QString number = text.mid(eq + 1).trimmed();
    const double value = number.toDouble(&ok);
    if (!ok || !std::isfinite(value)) {
        *error
            = QStringLiteral("--set '%1': the value '%2' is not a number (use a dot for decimals)").arg(text, number);
        return std::nullopt;
    }
    return app::ProgramSetting{text.left(eq).trimmed(), value};
}

std::optional<int> nprsOption(const CliOptions& options, const QString& name, QString* error)
{
    if (!options.has(name)) {
        return std::nullopt;
    }
    const auto value = options.integer(name, error);
    if (value && (*value < 0 || *value > 10)) {
        *error = QStringLiteral("--%1: %2 is outside 0–10").arg(name).arg(*value);
        return std::nullopt;
    }
    return value;
}

// The request without the user (signed in later). Prints the problem and returns nullopt on a usage error.
std::optional<RunArguments> parseArguments(const CliOptions& options, QTextStream& err)
{
    QString error;
    RunArguments a;
    app::SessionRequest& r = a.request;
    const auto patient = options.text(QStringLiteral("patient"), &error);
    const auto url = patient ? options.text(QStringLiteral("device"), &error) : std::nullopt;
    const auto preset = url ? options.text(QStringLiteral("preset"), &error) : std::nullopt;
    if (!preset) {
        err << kCommand << ": " << error << '\n';
        return std::nullopt;
    }
    r.patientMrn = *patient;
    r.deviceUrl = *url;
    r.presetId = *preset;
    const QStringList channels = options.values(QStringLiteral("channel"));
    if (channels.isEmpty()) {
        err << kCommand << ": --channel N:SITE:AMPLITUDE_mA is required (once per channel)\n";
        return std::nullopt;
    }
    for (const QString& c : channels) {
        const auto parsed = parseChannel(c, &error);
        if (!parsed) {
            err << kCommand << ": " << error << '\n';
            return std::nullopt;
        }
        r.channels.append(*parsed);
    }
    const bool minutes = options.has(QStringLiteral("minutes"));
    if (minutes == options.has(QStringLiteral("seconds"))) {
        err << kCommand << ": give the duration with --minutes M (or --seconds S), once\n";
        return std::nullopt;
    }
    if (minutes) {
        const auto m = options.number(QStringLiteral("minutes"), &error);
        if (!m || !std::isfinite(*m) || *m * 60.0 < 1.0 || *m > 99.0) {
            err << kCommand << ": " << (m ? QStringLiteral("--minutes %1 is outside 1 s – 99 min").arg(*m) : error)
                << '\n';
            return std::nullopt;
        }
        r.durationS = std::llround(*m * 60.0);
    } else {
        const auto s = options.integer(QStringLiteral("seconds"), &error);
        if (!s || *s < 1 || *s > kMaxSessionS) {
            err << kCommand << ": "
                << (s ? QStringLiteral("--seconds %1 is outside 1–%2").arg(*s).arg(kMaxSessionS) : error) << '\n';
            return std::nullopt;
        }
        r.durationS = *s;
    }
    for (const QString& setting : options.values(QStringLiteral("set"))) {
        const auto parsed = parseSetting(setting, &error);
        if (!parsed) {
            err << kCommand << ": " << error << '\n';
            return std::nullopt;
        }
        r.settings.append(*parsed);
    }
    error.clear();
    r.nprsBefore = nprsOption(options, QStringLiteral("nprs-before"), &error);
    a.nprsAfter = error.isEmpty() ? nprsOption(options, QStringLiteral("nprs-after"), &error) : std::nullopt;
    if (!error.isEmpty()) {
        err << kCommand << ": " << error << '\n';
        return std::nullopt;
    }
    return a;
}

void printPlan(const app::SessionPlan& p, QTextStream& out)
{
    out << "patient " << p.patientMrn << ": " << p.patientName << ", born " << p.patientBirthDate << '\n'
        << "device " << p.deviceId << " (" << p.deviceModel << ", firmware " << p.firmware << "), "
        << (p.measuresDeliveredCurrent ? "measures delivered current" : "commanded current only") << '\n'
        << "preset " << p.presetName << ": " << p.programSummary << "; " << p.durationS << " s\n";
    for (const app::ChannelPlan& c : p.channels) {
        out << "channel " << c.channel << ": " << c.siteId << ", target " << ma(c.targetUa) << " (cap "
            << ma(c.amplitudeMaxUa) << "), pads " << QString::number(c.padAreaCm2, 'f', 1) << " cm², "
            << c.calibrationNote << '\n';
    }
    for (const QString& n : p.notices) {
        out << "notice: " << n << '\n';
    }
    out.flush();
}

void printSummary(const app::SessionSummary& s, QTextStream& out)
{
    out << "session " << s.sessionId << " ended: " << app::toString(s.reason);
    if (!s.detail.isEmpty()) {
        out << " (" << s.detail << ')';
    }
    out << " after " << QString::number(static_cast<double>(s.elapsedMs) / 1000.0, 'f', 1) << " s\n";
    for (const app::ChannelTotal& t : s.channels) {
        out << "channel " << t.channel << ": max " << ma(t.maxAmplitudeUa) << ", charge "
            << QString::number(t.chargeUc, 'f', 1) << " µC\n";
    }
    out.flush();
}

int runSession(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const auto options = parseRecordOptions(args,
        OptionSpec{
            {QStringLiteral("patient"), QStringLiteral("device"), QStringLiteral("preset"), QStringLiteral("minutes"),
                QStringLiteral("seconds"), QStringLiteral("nprs-before"), QStringLiteral("nprs-after")},
            {QStringLiteral("channel"), QStringLiteral("set")}, {}},
        kCommand, err);
    if (!options) {
        return kExitUsage;
    }
    auto arguments = parseArguments(*options, err);
    if (!arguments) {
        return kExitUsage;
    }
    int exitCode = kExitUsage;
    auto signedIn = openSignedIn(*options, kCommand, err, &exitCode);
    if (!signedIn) {
        return exitCode;
    }
    arguments->request.user = signedIn->user;

    InterruptHandler interrupt;
    app::SessionController controller(signedIn->store());
    std::optional<app::AppResult<app::SessionPlan>> prepared;
    std::optional<app::AppResult<qint64>> started;
    std::optional<app::SessionSummary> ended;
    std::optional<app::AppResult<qint64>> outcome;
    std::map<int, app::ChannelStatus> channels;
    QElapsedTimer sincePrint;
    QObject::connect(
        &controller, &app::SessionController::eventCommitted, &controller, [&](int seq, const QString& kind) {
            // The crash test relies on this line: it is printed only after the commit, and flushed at once.
            out << "event " << seq << ' ' << kind << " committed\n";
            out.flush();
        });
    QObject::connect(&controller, &app::SessionController::prepared, &controller,
        [&](const app::AppResult<app::SessionPlan>& p) { prepared = p; });
    QObject::connect(&controller, &app::SessionController::started, &controller, [&](const app::AppResult<qint64>& s) {
        started = s;
        if (s.ok()) {
            out << "session " << s.value() << " started\n";
            out.flush();
        }
    });
    QObject::connect(
        &controller, &app::SessionController::ended, &controller, [&](const app::SessionSummary& s) { ended = s; });
    QObject::connect(&controller, &app::SessionController::outcomeRecorded, &controller,
        [&](const app::AppResult<qint64>& o) { outcome = o; });
    QObject::connect(&controller, &app::SessionController::faultRaised, &controller, [&](const app::SessionFault& f) {
        err << kCommand << ": " << f.message << '\n';
        if (!f.whatToCheck.isEmpty()) {
            err << "  check: " << f.whatToCheck << '\n';
        }
        err.flush();
    });
    QObject::connect(&controller, &app::SessionController::recordingFailed, &controller, [&](const QString& m) {
        err << kCommand << ": the session record could not be written: " << m << '\n';
        err.flush();
    });
    QObject::connect(&controller, &app::SessionController::channelStatusChanged, &controller,
        [&](const app::ChannelStatus& s) { channels[s.channel] = s; });
    QObject::connect(
        &controller, &app::SessionController::progressChanged, &controller, [&](const app::SessionProgress& p) {
            if (controller.state() != app::SessionState::Running
                || (sincePrint.isValid() && sincePrint.elapsed() < 1000)) {
                return;
            }
            sincePrint.start();
            out << "elapsed " << p.elapsedMs / 1000 << '/' << p.durationMs / 1000 << " s";
            for (const auto& [channel, s] : channels) {
                out << "; ch" << channel << ' ' << ma(s.commandedUa);
                if (s.measuredUa) {
                    out << " (measured " << ma(*s.measuredUa) << ')';
                }
            }
            out << '\n';
            out.flush();
        });
    QObject::connect(&interrupt, &InterruptHandler::interrupted, &controller, [&] {
        // The signal handler has already requested the global STOP; make sure every device has it, then let the
        // controller record the stop once the device confirms it.
        device::DeviceService::stopAll();
        out << "interrupted: stopping\n";
        out.flush();
        controller.stop(QStringLiteral("interrupted (Ctrl-C or SIGTERM)"));
    });

    if (const auto status = controller.prepare(arguments->request); !status.ok()) {
        return reportFailure(status.error(), kCommand, err);
    }
    runUntil([&] { return prepared.has_value() || interrupt.wasInterrupted(); }, kPrepareWait);
    if (interrupt.wasInterrupted() || !prepared) {
        controller.stop(QStringLiteral("interrupted"));
        err << kCommand << ": " << (prepared ? "interrupted before the session started" : "the device did not answer")
            << '\n';
        return kExitFailure;
    }
    if (!prepared->ok()) {
        return reportFailure(prepared->error(), kCommand, err);
    }
    printPlan(prepared->value(), out);
    if (const auto status = controller.start(); !status.ok()) {
        controller.stop(QStringLiteral("not started"));
        return reportFailure(status.error(), kCommand, err);
    }
    const auto sessionTime = std::chrono::seconds(arguments->request.durationS);
    if (!runUntil([&] { return ended.has_value() || (started && !started->ok()); }, sessionTime + kEndMargin)) {
        controller.stop(QStringLiteral("the session did not end in time"));
        runUntil([&] { return ended.has_value(); }, kEndMargin);
    }
    if (started && !started->ok()) {
        controller.stop(QStringLiteral("not started"));
        return reportFailure(started->error(), kCommand, err);
    }
    if (!ended) {
        err << kCommand << ": the session did not end; output was stopped\n";
        return kExitFailure;
    }
    printSummary(*ended, out);
    if (!ended->recorded) {
        err << kCommand << ": the end of the session could not be recorded; the next start marks it interrupted\n";
        return kExitFailure;
    }
    if (ended->nprsBefore || arguments->nprsAfter) {
        const auto status = controller.recordOutcome(app::OutcomeAnswer{arguments->nprsAfter, {}});
        if (status.ok()) {
            runUntil([&] { return outcome.has_value(); }, kOutcomeWait);
        }
        if (!status.ok() || !outcome || !outcome->ok()) {
            err << kCommand << ": outcome not recorded: "
                << (!status.ok()     ? status.error().message
                           : outcome ? outcome->error().message
                                     : QStringLiteral("no answer"))
                << '\n';
            return kExitFailure;
        }
        out << "outcome recorded (NPRS before "
            << (ended->nprsBefore ? QString::number(*ended->nprsBefore) : QStringLiteral("-")) << ", after "
            << (arguments->nprsAfter ? QString::number(*arguments->nprsAfter) : QStringLiteral("-")) << ")\n";
    } else {
        out << ended->outcomePrompt << " (not recorded: give --nprs-after)\n";
    }
    if (interrupt.wasInterrupted()) {
        out << "stopped by Ctrl-C\n";
        return kExitFailure;
    }
    return ended->reason == app::SessionEndReason::Completed ? kExitOk : kExitFailure;
}

} // namespace

int runSessionCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    if (!args.isEmpty() && args.first() == QStringLiteral("run")) {
        return runSession(args.mid(1), out, err);
    }
    return unknownSubcommand(QStringLiteral("session"), args, {QStringLiteral("run")}, err);
}

} // namespace galvani::cli
