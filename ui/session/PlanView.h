// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/session/SessionTypes.h"

#include <QGroupBox>

class QCheckBox;
class QLabel;
class QPushButton;

namespace galvani::ui::session {

// The prepared plan as the therapist must see it before starting (SessionController::prepared): patient, device,
// programme, duration and, per channel, the target, the cap the limits allow and the calibration note; then the
// notices. When there are notices, "Start" stays disabled until "I have read the notices" is ticked. Thread
// affinity: GUI thread. Ownership: a child widget. Units: the plan's µA shown in mA.
class PlanView final : public QGroupBox {
    Q_OBJECT
public:
    explicit PlanView(QWidget* parent = nullptr);

    void showPlan(const app::SessionPlan& plan);
    void clear(const QString& placeholder);
    // Start is offered only in the Ready state (and, with notices, once they are confirmed read).
    void setStartAllowed(bool allowed);
    // Cancel drops a plan (Ready) or stops a preparation in progress (Preparing).
    void setCancelAllowed(bool allowed);

Q_SIGNALS:
    void startRequested();
    void cancelRequested();

private:
    void updateStart();

    QLabel* m_body = nullptr;
    QLabel* m_noticeIcon = nullptr;
    QLabel* m_noticesTitle = nullptr;
    QLabel* m_notices = nullptr;
    QCheckBox* m_read = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_cancel = nullptr;
    bool m_startAllowed = false;
    bool m_hasPlan = false;
    bool m_hasNotices = false;
};

} // namespace galvani::ui::session
