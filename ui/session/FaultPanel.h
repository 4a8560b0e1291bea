// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/session/SessionTypes.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace galvani::ui::session {

// The prominent notice of a device fault (SessionController::faultRaised) or of a session record that could not be
// written (recordingFailed): what happened and on which channel, what to check, in plain words, and that nothing
// restarts by itself. It stays visible through the end of the session and the next setup until the therapist
// dismisses it or prepares a new session. Thread affinity: GUI thread. Ownership: a child widget.
class FaultPanel final : public QFrame {
    Q_OBJECT
public:
    explicit FaultPanel(QWidget* parent = nullptr);

    // siteText: the placement of the channel (empty when unknown or for the whole device).
    void showFault(const app::SessionFault& fault, const QString& siteText);
    void showRecordingFailure(const QString& message);
    void dismiss();

Q_SIGNALS:
    void dismissed();

private:
    QLabel* m_icon = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_check = nullptr;
    QLabel* m_recording = nullptr;
    QLabel* m_footer = nullptr;
    QPushButton* m_dismiss = nullptr;
};

} // namespace galvani::ui::session
