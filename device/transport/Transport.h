// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

namespace galvani::device {

// A byte pipe to a stimulator (or, on the simulator's side, to a host).
// Thread affinity: lives in and is used from one thread (the device worker's); all I/O is asynchronous,
// nothing blocks. Ownership: owned by whoever created it (the worker); not shared across threads.
// Link loss contract: any error ends the link. The transport closes itself, emits linkLost() once with a
// plain-words reason, and stays closed; reopening is an explicit open() by its owner.
class Transport : public QObject {
    Q_OBJECT
public:
    explicit Transport(QObject* parent = nullptr) : QObject(parent) { }

    // Opens the link. Returns false and sets *error (naming the port or peer) on failure.
    virtual bool open(QString* error) = 0;
    // Closes the link without emitting linkLost(). Safe to call when closed.
    virtual void close() = 0;
    [[nodiscard]] virtual bool isOpen() const = 0;
    // Queues bytes for sending. Returns false if the link is closed (nothing is queued).
    virtual bool write(const QByteArray& bytes) = 0;
    // What this transport is connected to, for messages ("/dev/ttyUSB0", "loopback").
    [[nodiscard]] virtual QString description() const = 0;

Q_SIGNALS:
    // Bytes arrived, in order, in chunks of any size.
    void bytesReceived(const QByteArray& bytes);
    // The link ended by itself (cable, peer, I/O error); the transport is already closed.
    void linkLost(const QString& reason);
};

} // namespace galvani::device
