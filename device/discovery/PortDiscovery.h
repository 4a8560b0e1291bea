// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace galvani::device {

// One serial port as the system lists it, with the protocols whose USB IDs match it.
// Plain value; safe to copy across threads.
struct SerialPortEntry {
    QString systemLocation; // "/dev/ttyUSB0": what goes after serial: in a device URL
    QString description; // from the USB descriptor, may be empty
    QString manufacturer;
    QString serialNumber;
    std::optional<std::uint16_t> vendorId;
    std::optional<std::uint16_t> productId;
    QStringList protocolGuesses; // registry ids whose vendor (and product, if listed) match; may be several

    // "serial:/dev/ttyUSB0?protocol=sciencemode4" for the first guess, empty if there is none.
    [[nodiscard]] QString suggestedUrl() const;
};

// Protocols whose registered USB IDs match a vendor/product pair (vendor must match; a protocol that lists
// product IDs must list this one). Pure function over the registry.
[[nodiscard]] QStringList guessProtocols(std::optional<std::uint16_t> vendorId, std::optional<std::uint16_t> productId);

// Lists the system's serial ports (QSerialPortInfo), sorted by location. Callable from any thread.
[[nodiscard]] std::vector<SerialPortEntry> listSerialPorts();

} // namespace galvani::device
