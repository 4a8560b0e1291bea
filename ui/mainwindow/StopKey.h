// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace galvani::ui {

// F12 as STOP from anywhere in the application: an application-wide event filter that sees the key press before
// any widget does, so it works in every window, over a modal dialog (which blocks ordinary application shortcuts),
// on the lock screen and while a text field has the focus. Emits pressed() and swallows the key; auto-repeat
// presses are swallowed too but do not emit again.
// Thread affinity: GUI thread. Ownership: a QObject child of whoever creates it; removes its filter on destruction.
class StopKey final : public QObject {
    Q_OBJECT
public:
    explicit StopKey(QObject* parent = nullptr);
    ~StopKey() override;
    StopKey(const StopKey&) = delete;
    StopKey& operator=(const StopKey&) = delete;

Q_SIGNALS:
    void pressed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace galvani::ui
