// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/session/SessionIcons.h"

#include <QLabel>

namespace galvani::ui::session {

// A label that draws a status icon to the left of its text, so that text() stays the words (for tests and screen
// readers) while the icon gives the state a shape as well as a colour. Thread affinity: GUI thread. Ownership:
// a child widget. Sizes in device-independent pixels.
class IconLabel final : public QLabel {
    Q_OBJECT
public:
    explicit IconLabel(int iconSize, QWidget* parent = nullptr);

    void setIcon(StatusIcon icon);
    [[nodiscard]] StatusIcon icon() const { return m_icon; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int m_iconSize;
    StatusIcon m_icon = StatusIcon::NoOutput;
    QPixmap m_pixmap;
};

} // namespace galvani::ui::session
