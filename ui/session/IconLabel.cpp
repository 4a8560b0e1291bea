// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/IconLabel.h"

#include <QPainter>

namespace galvani::ui::session {

namespace {
constexpr int kGap = 8;
}

IconLabel::IconLabel(int iconSize, QWidget* parent) : QLabel(parent), m_iconSize(iconSize)
{
    setIndent(0);
    setMinimumHeight(iconSize + 4);
    setIcon(StatusIcon::NoOutput);
}

void IconLabel::setIcon(StatusIcon icon)
{
    if (icon == m_icon && !m_pixmap.isNull()) {
        return;
    }
    m_icon = icon;
    m_pixmap = statusPixmap(icon, m_iconSize);
    const QMargins m = contentsMargins();
    setContentsMargins(m_iconSize + kGap + 4, m.top(), m.right(), m.bottom());
    update();
}

void IconLabel::paintEvent(QPaintEvent* event)
{
    QLabel::paintEvent(event);
    QPainter p(this);
    p.drawPixmap(contentsRect().left() - m_iconSize - kGap, (height() - m_iconSize) / 2, m_pixmap);
}

} // namespace galvani::ui::session
