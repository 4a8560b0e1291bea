// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <array>

class QSocketNotifier;

namespace galvani::cli {

// Ctrl-C (SIGINT) and SIGTERM while a command runs. The signal handler itself only requests the global
// device STOP (a lock-free atomic the device threads check before every write and every 2 ms) and writes
// one byte to a pipe; interrupted() is then emitted in the main thread, where the command stops every device
// through DeviceService::stopAll() and winds down.
// Thread affinity: the main thread. Ownership: owns the pipe; one instance at a time.
class InterruptHandler final : public QObject {
    Q_OBJECT
public:
    InterruptHandler();
    ~InterruptHandler() override;

    [[nodiscard]] bool wasInterrupted() const { return m_interrupted; }

Q_SIGNALS:
    void interrupted();

private:
    void readPipe();
    static void onSignal(int signal);

    QSocketNotifier* m_notifier = nullptr;
    bool m_interrupted = false;
};

} // namespace galvani::cli
