// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/discovery/PortDiscovery.h"

#include "protocols/ProtocolRegistry.h"

#include <QSerialPortInfo>

#include <algorithm>

namespace galvani::device {

QString SerialPortEntry::suggestedUrl() const
{
    if (protocolGuesses.isEmpty()) {
        return QString();
    }
    return QStringLiteral("serial:%1?protocol=%2").arg(systemLocation, protocolGuesses.first());
}

QStringList guessProtocols(std::optional<std::uint16_t> vendorId, std::optional<std::uint16_t> productId)
{
    QStringList guesses;
    if (!vendorId) {
        return guesses;
    }
    for (const auto& protocol : proto::ProtocolRegistry::all()) {
        const auto& vendors = protocol.usbVendorIds;
        if (std::find(vendors.begin(), vendors.end(), *vendorId) == vendors.end()) {
            continue;
        }
        const auto& products = protocol.usbProductIds;
        if (!products.empty()
            && (!productId || std::find(products.begin(), products.end(), *productId) == products.end())) {
            continue;
        }
        guesses << QString::fromUtf8(protocol.id.data(), static_cast<qsizetype>(protocol.id.size()));
    }
    // A product-specific match is a better guess than a vendor-wide one (a generic FTDI bridge).
    std::stable_sort(guesses.begin(), guesses.end(), [](const QString& a, const QString& b) {
        const auto specific = [](const QString& id) {
            const auto* p = proto::ProtocolRegistry::find(id.toStdString());
            return p != nullptr && !p->usbProductIds.empty();
        };
        return specific(a) && !specific(b);
    });
    return guesses;
}

std::vector<SerialPortEntry> listSerialPorts()
{
    std::vector<SerialPortEntry> ports;
    for (const QSerialPortInfo& info : QSerialPortInfo::availablePorts()) {
        SerialPortEntry entry;
        entry.systemLocation = info.systemLocation();
        entry.description = info.description();
        entry.manufacturer = info.manufacturer();
        entry.serialNumber = info.serialNumber();
        if (info.hasVendorIdentifier()) {
            entry.vendorId = info.vendorIdentifier();
        }
        if (info.hasProductIdentifier()) {
            entry.productId = info.productIdentifier();
        }
        entry.protocolGuesses = guessProtocols(entry.vendorId, entry.productId);
        ports.push_back(std::move(entry));
    }
    std::sort(ports.begin(), ports.end(),
        [](const SerialPortEntry& a, const SerialPortEntry& b) { return a.systemLocation < b.systemLocation; });
    return ports;
}

} // namespace galvani::device
