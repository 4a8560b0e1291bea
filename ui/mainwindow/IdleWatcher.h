// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace galvani::ui {

// Emits idle() once after `timeout` without keyboard, mouse, wheel or touch input anywhere in the application.
// Installed as an application-wide event filter; any such input restarts the countdown.
// Thread affinity: GUI thread. Ownership: a QObject child of whoever creates it; removes its filter on destruction.
class IdleWatcher final : public QObject {
    Q_OBJECT
public:
    explicit IdleWatcher(std::chrono::milliseconds timeout, QObject* parent = nullptr);
    ~IdleWatcher() override;
    IdleWatcher(const IdleWatcher&) = delete;
    IdleWatcher& operator=(const IdleWatcher&) = delete;

    void setTimeout(std::chrono::milliseconds timeout);
    [[nodiscard]] std::chrono::milliseconds timeout() const;
    void setEnabled(bool enabled); // disabled: never emits; enabling starts a fresh countdown
    void restart();

Q_SIGNALS:
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QTimer m_timer;
    bool m_enabled = false;
};

} // namespace galvani::ui
