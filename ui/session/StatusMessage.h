// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;

namespace galvani::ui::session {

// A framed one-message area of the setup page: a refusal (triangle icon, red frame), progress (empty circle,
// blue) or a result (tick, green), the text shown exactly as given (plain text, selectable). The frame is named
// `<name>Frame` and the text label `<name>` (e.g. "prepareMessageFrame" / "prepareMessage").
// Thread affinity: GUI thread. Ownership: a child widget.
class StatusMessage final : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Refusal, Progress, Info };

    StatusMessage(const QString& name, QWidget* parent = nullptr);

    void showMessage(Kind kind, const QString& text);
    void clearMessage();
    [[nodiscard]] QString text() const;

private:
    QLabel* m_icon = nullptr;
    QLabel* m_text = nullptr;
};

} // namespace galvani::ui::session
