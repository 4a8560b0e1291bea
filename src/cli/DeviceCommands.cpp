// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceCommands.h"

#include "CliOptions.h"
#include "EventWait.h"

#include "device/discovery/DeviceAddress.h"
#include "device/discovery/PortDiscovery.h"
#include "device/worker/DeviceService.h"

#include <optional>

namespace galvani::cli {

namespace {

constexpr std::chrono::milliseconds kDisconnectTimeout{2000};

QString hexId(std::optional<std::uint16_t> id)
{
    return id ? QStringLiteral("%1").arg(*id, 4, 16, QChar(u'0')) : QStringLiteral("----");
}

} // namespace

int runDeviceCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    if (args.isEmpty()) {
        err << "galvani-cli device: missing subcommand; expected list, probe or stimulate\n";
        return kExitUsage;
    }
    const QString& sub = args.first();
    const QStringList rest = args.mid(1);
    if (sub == QStringLiteral("list")) {
        return listDevices(rest, out, err);
    }
    if (sub == QStringLiteral("probe")) {
        return probeDevice(rest, out, err);
    }
    if (sub == QStringLiteral("stimulate")) {
        return stimulateDevice(rest, out, err);
    }
    err << "galvani-cli device: unknown subcommand '" << sub << "'; expected list, probe or stimulate\n";
    return kExitUsage;
}

int listDevices(const QStringList& args, QTextStream& out, QTextStream& err)
{
    if (!args.isEmpty()) {
        err << "galvani-cli device list: unexpected argument '" << args.first() << "'\n";
        return kExitUsage;
    }
    const auto ports = device::listSerialPorts();
    if (ports.empty()) {
        out << "no serial ports found\n";
        return kExitOk;
    }
    for (const auto& port : ports) {
        out << port.systemLocation << '\t' << hexId(port.vendorId) << ':' << hexId(port.productId) << '\t'
            << (port.description.isEmpty() ? QStringLiteral("-") : port.description) << '\t'
            << (port.protocolGuesses.isEmpty()
                       ? QStringLiteral("unknown device")
                       : QStringLiteral("likely ") + port.protocolGuesses.join(QStringLiteral(" or ")));
        if (!port.suggestedUrl().isEmpty()) {
            out << '\t' << port.suggestedUrl();
        }
        out << '\n';
    }
    return kExitOk;
}

int probeDevice(const QStringList& args, QTextStream& out, QTextStream& err)
{
    CliOptions options;
    if (auto problem = CliOptions::parse(args, {}, &options)) {
        err << "galvani-cli device probe: " << *problem << '\n';
        return kExitUsage;
    }
    if (options.positionals().size() != 1) {
        err << "galvani-cli device probe: expected one device URL, e.g. sim:sciencemode4 or "
               "serial:/dev/ttyUSB0?protocol=sciencemode4\n";
        return kExitUsage;
    }
    const auto parsed = device::parseDeviceAddress(options.positionals().first().toStdString());
    if (const auto* error = std::get_if<device::AddressError>(&parsed)) {
        err << "galvani-cli device probe: URL: " << QString::fromStdString(error->message) << '\n';
        return kExitUsage;
    }
    device::DeviceService service(std::get<device::DeviceAddress>(parsed));
    std::optional<device::DeviceIdentity> identity;
    std::optional<QString> failure;
    QObject::connect(&service, &device::DeviceService::identityChanged, &service,
        [&](const device::DeviceIdentity& i) { identity = i; });
    QObject::connect(&service, &device::DeviceService::faultRaised, &service,
        [&](const device::DeviceFault& f) { failure = f.message + QStringLiteral(" ") + f.whatToCheck; });
    QObject::connect(
        &service, &device::DeviceService::connectFailed, &service, [&](const QString& reason) { failure = reason; });
    service.connectDevice();
    runUntil([&] { return identity.has_value() || failure.has_value(); }, kDeviceConnectTimeout);
    service.disconnectDevice();
    runUntil([&] { return service.state() == device::DeviceState::Disconnected; }, kDisconnectTimeout);
    if (!identity) {
        err << "galvani-cli device probe: " << failure.value_or(QStringLiteral("the device did not answer in time"))
            << '\n';
        return kExitFailure;
    }
    out << "protocol: " << identity->protocolId << " (" << identity->model << ", " << identity->level << ")\n"
        << "device id: " << (identity->deviceId.isEmpty() ? QStringLiteral("not reported") : identity->deviceId) << '\n'
        << "firmware: " << (identity->firmware.isEmpty() ? QStringLiteral("not reported") : identity->firmware) << '\n'
        << "channels: " << identity->channels << '\n'
        << "battery: ";
    if (identity->batteryPercent) {
        out << *identity->batteryPercent << " %";
        if (identity->batteryVoltage) {
            out << " (" << identity->batteryVoltage->value() << " mV)";
        }
    } else {
        out << "not reported";
    }
    out << '\n'
        << "delivered current: "
        << (identity->measuresDeliveredCurrent ? "measured (per pulse)" : "not measured (commanded values only)")
        << '\n';
    return kExitOk;
}

} // namespace galvani::cli
