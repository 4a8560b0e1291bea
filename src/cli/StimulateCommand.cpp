// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli device stimulate`: one short validated train on one channel, ramped from zero, then stopped.
#include "CliOptions.h"
#include "DeviceCommands.h"
#include "EventWait.h"
#include "InterruptHandler.h"

#include "core/safety/EffectiveLimits.h"
#include "core/safety/SafetyGuard.h"
#include "core/units/UnitConversions.h"
#include "device/controller/DriverFactory.h"
#include "device/controller/StimulationPlan.h"
#include "device/discovery/DeviceAddress.h"
#include "device/worker/DeviceService.h"

#include <QElapsedTimer>

#include <algorithm>
#include <limits>

namespace galvani::cli {

namespace {

constexpr std::chrono::milliseconds kStepTimeout{2000};
constexpr core::Microseconds kInterphaseGap{100};
constexpr double kDefaultPadCm2 = 25.0; // CLINICAL §1.1: 50 mA rms needs at least 25 cm²
constexpr double kDefaultRampS = 1.5; // CLINICAL §1.3: 1–2 s default start ramp
constexpr double kMaxPadCm2 = 1000.0; // as SessionController: no electrode pad is larger

struct Request {
    device::DeviceAddress address;
    int channel = 1;
    double amplitudeMa = 0.0;
    int pulseUs = 0;
    double frequencyHz = 0.0;
    double seconds = 0.0;
    double rampS = kDefaultRampS;
    double padCm2 = kDefaultPadCm2;
    bool padGiven = false;
};

// Per-channel summary of what the telemetry ring carried.
struct Summary {
    std::int64_t samples = 0;
    std::int64_t measured = 0;
    std::int64_t atTarget = 0;
    double sumAtTarget = 0.0;
    std::int32_t minAtTarget = std::numeric_limits<std::int32_t>::max();
    std::int32_t maxAtTarget = 0;
    std::int64_t deviating = 0;
};

std::optional<Request> parseRequest(const QStringList& args, QTextStream& err)
{
    CliOptions options;
    const QStringList known{QStringLiteral("channel"), QStringLiteral("amplitude-ma"), QStringLiteral("pulse-us"),
        QStringLiteral("frequency-hz"), QStringLiteral("seconds"), QStringLiteral("ramp-s"), QStringLiteral("pad-cm2")};
    QString error;
    if (auto problem = CliOptions::parse(args, known, &options)) {
        err << "galvani-cli device stimulate: " << *problem << '\n';
        return std::nullopt;
    }
    if (options.positionals().size() != 1) {
        err << "galvani-cli device stimulate: expected one device URL before the options\n";
        return std::nullopt;
    }
    const auto parsed = device::parseDeviceAddress(options.positionals().first().toStdString());
    if (const auto* bad = std::get_if<device::AddressError>(&parsed)) {
        err << "galvani-cli device stimulate: URL: " << QString::fromStdString(bad->message) << '\n';
        return std::nullopt;
    }
    Request r;
    r.address = std::get<device::DeviceAddress>(parsed);
    const auto channel = options.integer(QStringLiteral("channel"), &error);
    const auto amplitude = channel ? options.number(QStringLiteral("amplitude-ma"), &error) : std::nullopt;
    const auto pulse = amplitude ? options.integer(QStringLiteral("pulse-us"), &error) : std::nullopt;
    const auto frequency = pulse ? options.number(QStringLiteral("frequency-hz"), &error) : std::nullopt;
    const auto seconds = frequency ? options.number(QStringLiteral("seconds"), &error) : std::nullopt;
    const auto ramp = seconds ? options.number(QStringLiteral("ramp-s"), kDefaultRampS, &error) : std::nullopt;
    const auto pad = ramp ? options.number(QStringLiteral("pad-cm2"), kDefaultPadCm2, &error) : std::nullopt;
    if (!pad) {
        err << "galvani-cli device stimulate: " << error << '\n';
        return std::nullopt;
    }
    if (*seconds <= 0.0 || *seconds > 5940.0) {
        err << "galvani-cli device stimulate: --seconds " << *seconds << " must be above 0 and at most 5940\n";
        return std::nullopt;
    }
    if (!(*pad > 0.0) || *pad > kMaxPadCm2) {
        err << "galvani-cli device stimulate: --pad-cm2 " << *pad << " must be above 0 and at most " << kMaxPadCm2
            << " cm²\n";
        return std::nullopt;
    }
    r.channel = *channel;
    r.amplitudeMa = *amplitude;
    r.pulseUs = *pulse;
    r.frequencyHz = *frequency;
    r.seconds = *seconds;
    r.rampS = *ramp;
    r.padCm2 = *pad;
    r.padGiven = options.has(QStringLiteral("pad-cm2"));
    return r;
}

// The programme through the safety kernel. Returns the validated programme or prints every violation and sets
// *exitCode: 2 for a value no programme can have (named with its range), 1 for the kernel's refusal.
std::optional<core::safety::ValidatedProgram> validate(
    const Request& r, const proto::DeviceCapabilities& caps, QTextStream& out, QTextStream& err, int* exitCode)
{
    *exitCode = kExitUsage;
    auto limits = core::safety::EffectiveLimits::forDevice(device::hardwareCaps(caps));
    limits.applyPlacement(r.channel, core::safety::PlacementCaps{core::squareCentimetres(r.padCm2), std::nullopt});
    const auto channel = core::Channel::make(r.channel, caps.channels);
    if (!channel) {
        err << "galvani-cli device stimulate: --channel " << r.channel << " is outside 1.." << caps.channels
            << " for this device\n";
        return std::nullopt;
    }
    const auto amplitude = core::microampsFromMilliamps(r.amplitudeMa);
    const auto frequency = core::hertzFromDouble(r.frequencyHz);
    const auto ramp = core::microsecondsFromSeconds(r.rampS);
    const auto seconds = core::microsecondsFromSeconds(r.seconds);
    const core::safety::ChannelLimits* channelLimits = limits.channel(r.channel);
    if (!amplitude || !frequency || !ramp || !seconds || channelLimits == nullptr) {
        // Negative (or too large to convert): named with the kernel's range for this channel.
        const auto ms = [](core::Microamps a) { return static_cast<double>(a.value()) / 1000.0; };
        const auto s = [](core::Microseconds t) { return static_cast<double>(t.value()) / 1e6; };
        err << "galvani-cli device stimulate: ";
        if (channelLimits == nullptr) {
            err << "--channel " << r.channel << " has no limits on this device\n";
        } else if (!amplitude) {
            err << "--amplitude-ma " << r.amplitudeMa << " is outside 0–" << ms(channelLimits->amplitudeMax.value)
                << " mA\n";
        } else if (!frequency) {
            err << "--frequency-hz " << r.frequencyHz << " is outside " << channelLimits->frequencyMin.value.value()
                << "–" << channelLimits->frequencyMax.value.value() << " Hz\n";
        } else if (!ramp) {
            err << "--ramp-s " << r.rampS << " is outside 0–" << s(channelLimits->rampTimeMax.value) << " s\n";
        } else {
            err << "--seconds " << r.seconds << " must be above 0 and at most 5940\n";
        }
        return std::nullopt;
    }
    *exitCode = kExitFailure;
    // The channel timer is the kernel's minimum or more; the command itself ends the train after --seconds.
    const core::Microseconds timer = std::max(
        seconds.value(), channelLimits != nullptr ? channelLimits->sessionDurationMin.value : seconds.value());
    core::Program program;
    program.name = "galvani-cli stimulate";
    program.channels.push_back(core::ChannelProgram{*channel,
        core::PulseTrain::pulses(core::Waveform::symmetricBiphasic(), frequency.value(), core::microseconds(r.pulseUs),
            kInterphaseGap, amplitude.value()),
        core::Envelope::continuous(), ramp.value(), timer});
    const auto verdict = core::safety::SafetyGuard::validate(program, limits);
    for (const auto& warning : verdict.warnings()) {
        out << "warning: " << QString::fromStdString(warning.message) << '\n';
    }
    if (!verdict.accepted()) {
        err << "galvani-cli device stimulate: refused by the safety kernel:\n";
        for (const auto& violation : verdict.violations()) {
            err << "  " << QString::fromStdString(violation.message) << '\n';
        }
        return std::nullopt;
    }
    return *verdict.program();
}

void drain(device::TelemetryRing& ring, std::int32_t targetUa, std::map<int, Summary>& summaries)
{
    device::TelemetrySample sample;
    while (ring.tryPop(sample)) {
        Summary& s = summaries[sample.channel];
        ++s.samples;
        if ((sample.flags & device::kTelemetryDeviation) != 0) {
            ++s.deviating;
        }
        if ((sample.flags & device::kTelemetryMeasured) == 0) {
            continue;
        }
        ++s.measured;
        if (sample.commandedUa == targetUa) {
            ++s.atTarget;
            s.sumAtTarget += sample.measuredUa;
            s.minAtTarget = std::min(s.minAtTarget, sample.measuredUa);
            s.maxAtTarget = std::max(s.maxAtTarget, sample.measuredUa);
        }
    }
}

void printSummary(const std::map<int, Summary>& summaries, std::int32_t targetUa, bool measures, QTextStream& out)
{
    for (const auto& [channel, s] : summaries) {
        out << "channel " << channel << ": " << s.samples << " samples";
        if (!measures) {
            out << ", commanded values only (this device does not measure delivered current)\n";
            continue;
        }
        out << ", " << s.measured << " measured pulses";
        if (s.atTarget > 0) {
            const double mean = s.sumAtTarget / static_cast<double>(s.atTarget) / 1000.0;
            out << "; at " << targetUa / 1000.0 << " mA commanded: mean " << QString::number(mean, 'f', 2)
                << " mA, min " << QString::number(s.minAtTarget / 1000.0, 'f', 2) << " mA, max "
                << QString::number(s.maxAtTarget / 1000.0, 'f', 2) << " mA over " << s.atTarget << " pulses";
        }
        if (s.deviating > 0) {
            out << "; " << s.deviating << " pulses outside tolerance";
        }
        out << '\n';
    }
}

} // namespace

int stimulateDevice(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const auto request = parseRequest(args, err);
    if (!request) {
        return kExitUsage;
    }
    QString error;
    const auto driver = device::createDriver(request->address, &error);
    if (!driver) {
        err << "galvani-cli device stimulate: URL: " << error << '\n';
        return kExitUsage;
    }
    int refusal = kExitFailure;
    const auto validated = validate(*request, driver->info().capabilities, out, err, &refusal);
    if (!validated) {
        return refusal;
    }
    const auto targetUa = static_cast<std::int32_t>(validated->program().channels.front().train.amplitude.value());
    if (!request->padGiven) {
        out << "assuming " << kDefaultPadCm2 << " cm² pads (--pad-cm2 to change)\n";
    }

    InterruptHandler interrupt;
    device::DeviceService service(request->address);
    std::optional<device::DeviceFault> fault;
    std::optional<QString> failure;
    QObject::connect(
        &service, &device::DeviceService::faultRaised, &service, [&](const device::DeviceFault& f) { fault = f; });
    QObject::connect(&service, &device::DeviceService::connectFailed, &service, [&](const QString& r) { failure = r; });
    QObject::connect(
        &service, &device::DeviceService::requestRefused, &service, [&](const QString& r) { failure = r; });
    QObject::connect(&interrupt, &InterruptHandler::interrupted, &service, [&] { out << "interrupted: stopping\n"; });
    const auto state = [&] { return service.state(); };
    const auto broken = [&] { return fault.has_value() || failure.has_value() || interrupt.wasInterrupted(); };

    service.connectDevice();
    runUntil([&] { return state() == device::DeviceState::Idle || broken(); }, kDeviceConnectTimeout);
    if (state() == device::DeviceState::Idle && !broken()) {
        service.configure(*validated);
        runUntil([&] { return state() == device::DeviceState::Armed || broken(); }, kStepTimeout);
    }
    std::map<int, Summary> summaries;
    if (state() == device::DeviceState::Armed && !broken()) {
        out << "stimulating channel " << request->channel << " for " << request->seconds << " s (ramp "
            << request->rampS << " s to " << request->amplitudeMa << " mA)\n";
        out.flush();
        service.start();
        QElapsedTimer elapsed;
        elapsed.start();
        const auto duration = std::chrono::milliseconds(static_cast<std::int64_t>(request->seconds * 1000.0));
        runUntil(
            [&] {
                drain(service.telemetry(), targetUa, summaries);
                return broken() || std::chrono::milliseconds(elapsed.elapsed()) >= duration;
            },
            duration + kDeviceConnectTimeout);
        service.stop();
        runUntil([&] { return state() == device::DeviceState::Idle || state() == device::DeviceState::Fault; },
            kStepTimeout);
        drain(service.telemetry(), targetUa, summaries);
    }
    service.disconnectDevice();
    runUntil([&] { return state() == device::DeviceState::Disconnected || state() == device::DeviceState::Fault; },
        kStepTimeout);

    printSummary(summaries, targetUa, driver->info().measuresDeliveredCurrent, out);
    if (fault) {
        err << "galvani-cli device stimulate: " << fault->message << '\n' << "  check: " << fault->whatToCheck << '\n';
        return kExitFailure;
    }
    if (failure) {
        err << "galvani-cli device stimulate: " << *failure << '\n';
        return kExitFailure;
    }
    if (interrupt.wasInterrupted()) {
        out << "stopped by Ctrl-C\n";
        return kExitFailure;
    }
    if (summaries.empty()) {
        err << "galvani-cli device stimulate: the device did not reach stimulation (state "
            << QString::fromUtf8(device::toString(state()).data()) << ")\n";
        return kExitFailure;
    }
    out << "stopped after " << request->seconds << " s\n";
    return kExitOk;
}

} // namespace galvani::cli
