// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/transport/Transport.h"

#include <QPointer>
#include <QSerialPort>

#ifndef Q_MOC_RUN // moc cannot parse the C++20 headers the core unit types include
#include "protocols/common/DeviceCapabilities.h"
#endif

namespace galvani::device {

// A serial port (USB-serial bridge, CDC-ACM, or a pseudo-terminal) with the line settings of a protocol
// (from the registry: ScienceMode2 460800 8E1 no flow control; ScienceMode3/4 3 Mbaud 8N2 RTS/CTS).
// The QSerialPort is created by open(), so it lives in the thread that opens it (the device worker's).
// I/O is asynchronous (readyRead; writes are buffered by QSerialPort), nothing ever waits.
// Link loss: any QSerialPort error other than NoError (a dead pty far end reports ReadError over and
// over in Qt 6.4) closes the port and emits linkLost() once; the transport stays closed until open().
// For FTDI bridges open() also asks for a 1 ms latency timer (best effort, SCIENCEMODE2.md §1).
// Thread affinity: the thread that calls open(); all calls from that thread.
// Ownership: owns its QSerialPort. Units: baud in bit/s.
class SerialTransport final : public Transport {
    Q_OBJECT
public:
    SerialTransport(QString portName, proto::SerialSettings settings, QObject* parent = nullptr);
    ~SerialTransport() override;

    bool open(QString* error) override;
    void close() override;
    [[nodiscard]] bool isOpen() const override;
    bool write(const QByteArray& bytes) override;
    [[nodiscard]] QString description() const override { return m_portName; }

private:
    void readAvailable();
    void portError(QSerialPort::SerialPortError error);
    void fail(const QString& reason);
    void releasePort();
    bool applySettings(QString* error);
    void requestLowLatency() const;

    QString m_portName;
    proto::SerialSettings m_settings;
    QPointer<QSerialPort> m_port;
};

} // namespace galvani::device
