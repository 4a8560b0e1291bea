// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/controller/DriverFactory.h"

#include "device/controller/Sm2Driver.h"
#include "device/controller/Sm4LowLevelDriver.h"
#include "device/controller/Sm4MidLevelDriver.h"

namespace galvani::device {

std::unique_ptr<ProtocolDriver> createDriver(const DeviceAddress& address, QString* error)
{
    const auto fail = [error](QString message) -> std::unique_ptr<ProtocolDriver> {
        if (error != nullptr) {
            *error = std::move(message);
        }
        return nullptr;
    };
    const auto levelIt = address.options.find(std::string(kLevelOption));
    const std::string level = levelIt == address.options.end() ? std::string() : levelIt->second;
    if (address.protocol == "sciencemode2") {
        if (!level.empty()) {
            return fail(QStringLiteral("device URL option 'level' applies to sciencemode3/4 only"));
        }
        return std::make_unique<Sm2Driver>();
    }
    if (address.protocol == "sciencemode4" || address.protocol == "sciencemode3") {
        const auto variant = address.protocol == "sciencemode4" ? proto::sm4::Variant::ScienceMode4
                                                                : proto::sm4::Variant::ScienceMode3;
        const std::string chosen
            = level.empty() ? (variant == proto::sm4::Variant::ScienceMode4 ? "low" : "mid") : level;
        if (chosen == "low") {
            return std::make_unique<Sm4LowLevelDriver>(variant);
        }
        if (chosen == "mid") {
            return std::make_unique<Sm4MidLevelDriver>(variant);
        }
        return fail(
            QStringLiteral("device URL option 'level' is '%1'; allowed: low, mid").arg(QString::fromStdString(level)));
    }
    return fail(QStringLiteral("device URL protocol '%1' has no driver").arg(QString::fromStdString(address.protocol)));
}

DeviceAddress withoutHostOptions(const DeviceAddress& address)
{
    DeviceAddress stripped = address;
    stripped.options.erase(std::string(kLevelOption));
    stripped.options.erase(std::string(kDeviceSerialOption));
    return stripped;
}

} // namespace galvani::device
