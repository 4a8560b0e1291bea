// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/transport/SerialTransport.h"

#include <QFile>
#include <QFileInfo>

namespace galvani::device {

SerialTransport::SerialTransport(QString portName, proto::SerialSettings settings, QObject* parent)
    : Transport(parent), m_portName(std::move(portName)), m_settings(settings)
{
}

SerialTransport::~SerialTransport()
{
    if (m_port) {
        QObject::disconnect(m_port, nullptr, this, nullptr);
        m_port->close();
        delete m_port.data();
    }
}

bool SerialTransport::isOpen() const
{
    return m_port && m_port->isOpen();
}

bool SerialTransport::applySettings(QString* error)
{
    const auto parity = [this] {
        switch (m_settings.parity) {
        case proto::Parity::Even:
            return QSerialPort::EvenParity;
        case proto::Parity::Odd:
            return QSerialPort::OddParity;
        case proto::Parity::None:
            break;
        }
        return QSerialPort::NoParity;
    }();
    // A pseudo-terminal (galvani-sim, test rigs) has no wire: baud, parity and flow control mean nothing
    // there, and Linux refuses parity on it. Such refusals are ignored; on a real port they are errors.
    const bool pty = QFileInfo(m_portName).canonicalFilePath().startsWith(QStringLiteral("/dev/pts/"));
    const auto fail = [&](const QString& what) {
        if (pty) {
            return true;
        }
        if (error != nullptr) {
            *error = QStringLiteral("cannot set %1 on %2: %3").arg(what, m_portName, m_port->errorString());
        }
        return false;
    };
    if (!m_port->setBaudRate(static_cast<qint32>(m_settings.baud))
        && !fail(QStringLiteral("%1 baud").arg(m_settings.baud))) {
        return false;
    }
    if (!m_port->setDataBits(static_cast<QSerialPort::DataBits>(m_settings.dataBits))
        && !fail(QStringLiteral("%1 data bits").arg(m_settings.dataBits))) {
        return false;
    }
    if (!m_port->setParity(parity)
        && !fail(parity == QSerialPort::NoParity ? QStringLiteral("no parity") : QStringLiteral("parity"))) {
        return false;
    }
    if (!m_port->setStopBits(m_settings.stopBits == 2 ? QSerialPort::TwoStop : QSerialPort::OneStop)
        && !fail(QStringLiteral("%1 stop bits").arg(m_settings.stopBits))) {
        return false;
    }
    if (!m_port->setFlowControl(m_settings.rtsCts ? QSerialPort::HardwareControl : QSerialPort::NoFlowControl)
        && !fail(m_settings.rtsCts ? QStringLiteral("RTS/CTS flow control") : QStringLiteral("no flow control"))) {
        return false;
    }
    return true;
}

bool SerialTransport::open(QString* error)
{
    releasePort();
    // Created here, so the port belongs to the calling (device) thread.
    m_port = new QSerialPort();
    m_port->setPortName(m_portName);
    if (!m_port->open(QIODevice::ReadWrite)) {
        if (error != nullptr) {
            *error = QStringLiteral("cannot open serial port %1: %2").arg(m_portName, m_port->errorString());
        }
        delete m_port.data();
        return false;
    }
    if (!applySettings(error)) {
        m_port->close();
        delete m_port.data();
        return false;
    }
    m_port->clearError(); // a setting a pseudo-terminal refused is not a link error
    m_port->clear(QSerialPort::AllDirections); // nothing from before we were listening
    connect(m_port, &QSerialPort::readyRead, this, &SerialTransport::readAvailable);
    connect(m_port, &QSerialPort::errorOccurred, this, &SerialTransport::portError);
    requestLowLatency();
    return true;
}

void SerialTransport::releasePort()
{
    if (!m_port) {
        return;
    }
    QSerialPort* port = m_port.data();
    m_port.clear();
    QObject::disconnect(port, nullptr, this, nullptr);
    port->close();
    // This may run inside one of the port's own signals: let the event loop delete it afterwards.
    port->deleteLater();
}

void SerialTransport::close()
{
    releasePort();
}

bool SerialTransport::write(const QByteArray& bytes)
{
    if (!isOpen()) {
        return false;
    }
    if (m_port->write(bytes) != bytes.size()) {
        fail(QStringLiteral("write to %1 failed: %2").arg(m_portName, m_port->errorString()));
        return false;
    }
    // Hand the frame to the operating system now (flush() never blocks) rather than on the port's next write
    // notification: a frame the controller wrote before its process was stopped or suspended must not leave
    // after it wakes (a pulse of a session that was meanwhile interrupted). Whatever the OS does not take now
    // stays buffered and goes out as before.
    m_port->flush();
    return isOpen();
}

void SerialTransport::readAvailable()
{
    if (!isOpen()) {
        return;
    }
    const QByteArray bytes = m_port->readAll();
    if (!bytes.isEmpty()) {
        Q_EMIT bytesReceived(bytes);
    }
}

void SerialTransport::portError(QSerialPort::SerialPortError error)
{
    if (error == QSerialPort::NoError || !m_port) {
        return;
    }
    fail(QStringLiteral("%1: %2").arg(m_portName, m_port->errorString()));
}

void SerialTransport::fail(const QString& reason)
{
    if (!m_port) {
        return; // already reported: linkLost is emitted once per opened link
    }
    releasePort();
    Q_EMIT linkLost(reason);
}

void SerialTransport::requestLowLatency() const
{
    // FTDI bridges buffer up to 16 ms by default; ask for 1 ms if the kernel exposes the knob and we may write it.
    const QString tty = QFileInfo(m_portName).fileName();
    QFile latency(QStringLiteral("/sys/bus/usb-serial/devices/%1/latency_timer").arg(tty));
    if (latency.exists() && latency.open(QIODevice::WriteOnly)) {
        latency.write("1");
    }
}

} // namespace galvani::device
