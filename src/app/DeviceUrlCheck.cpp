// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/DeviceUrlCheck.h"

#include "device/controller/DriverFactory.h"
#include "device/sim/SimulatorConfig.h"

namespace galvani::app::detail {

std::variant<CheckedDevice, QString> checkDeviceUrl(const QString& url)
{
    auto parsed = device::parseDeviceAddress(url.toStdString());
    if (const auto* bad = std::get_if<device::AddressError>(&parsed)) {
        return QString::fromStdString(bad->message);
    }
    CheckedDevice checked;
    checked.address = std::move(std::get<device::DeviceAddress>(parsed));
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

} // namespace galvani::app::detail
