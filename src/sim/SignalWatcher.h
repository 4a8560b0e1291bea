// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace galvani::sim {

// Turns SIGTERM and SIGINT into a Qt signal: the handler only writes the signal number to a socket
// pair (async-signal-safe); a QSocketNotifier reads it in the event loop.
// Thread affinity: the main thread. One instance per process (the handler uses a static socket).
class SignalWatcher final : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

    // Installs the handlers; false if the socket pair or sigaction failed.
    bool install();

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void onReadable();

    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace galvani::sim
