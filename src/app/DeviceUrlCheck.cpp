// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/DeviceUrlCheck.h"

#include "app/calibration/CalibrationSetup.h"
#include "device/controller/DriverFactory.h"
#include "device/sim/SimulatorConfig.h"

#include <algorithm>
#include <optional>

namespace galvani::app::detail {

namespace {

// The serial a device URL names (device-serial=), if it names one.
std::optional<QString> namedSerial(const device::DeviceAddress& address)
{
    const auto it = address.options.find(std::string(device::kDeviceSerialOption));
    if (it == address.options.end()) {
        return std::nullopt;
    }
    return QString::fromStdString(it->second);
}

} // namespace

std::variant<CheckedDevice, QString> checkDeviceUrl(const QString& url)
{
    auto parsed = device::parseDeviceAddress(url.toStdString());
    if (const auto* bad = std::get_if<device::AddressError>(&parsed)) {
        return QString::fromStdString(bad->message);
    }
    CheckedDevice checked;
    checked.address = std::move(std::get<device::DeviceAddress>(parsed));
    if (const auto named = namedSerial(checked.address)) {
        const bool control
            = std::any_of(named->cbegin(), named->cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
        if (named->size() > kMaxDeviceSerialChars || control || named->trimmed() != *named) {
            return QStringLiteral("device URL option 'device-serial' has %1 characters; allowed: 1..%2, without "
                                  "control characters or surrounding spaces")
                .arg(named->size())
                .arg(kMaxDeviceSerialChars);
        }
    }
    QString error;
    checked.driver = device::createDriver(checked.address, &error);
    if (!checked.driver) {
        return error;
    }
    if (checked.address.kind == device::DeviceAddress::Kind::Simulated) {
        const auto protocol = device::sim::simProtocolFromId(checked.address.protocol);
        if (!protocol) {
            return QStringLiteral("device URL protocol '%1' has no simulator; use sciencemode2, sciencemode3 or "
                                  "sciencemode4")
                .arg(QString::fromStdString(checked.address.protocol));
        }
        const auto config
            = device::sim::configFromOptions(*protocol, device::withoutHostOptions(checked.address).options);
        if (const auto* bad = std::get_if<std::string>(&config)) {
            return QString::fromStdString(*bad);
        }
    }
    return checked;
}

AppResult<QString> deviceSerialOf(const device::DeviceIdentity& identity, const device::DeviceAddress& address)
{
    const QString reported = identity.deviceId.trimmed();
    const auto named = namedSerial(address);
    if (!reported.isEmpty() && named && *named != reported) {
        return AppError{AppError::Kind::Device,
            QStringLiteral("device: the device reports serial %1, but the device URL names device-serial=%2; correct "
                           "the URL or connect the device it names")
                .arg(reported, *named)};
    }
    if (!reported.isEmpty()) {
        return reported;
    }
    if (named) {
        return *named;
    }
    return AppError{AppError::Kind::Device,
        QStringLiteral("device: %1 reports no serial number, so its calibrations and self-tests cannot be told from "
                       "another device's; name it in the device URL with device-serial=<the serial on its label>")
            .arg(QString::fromStdString(address.toUrl()))};
}

} // namespace galvani::app::detail
