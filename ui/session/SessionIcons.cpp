// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/SessionIcons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>

#include <cmath>
#include <numbers>

namespace galvani::ui::session {

namespace {

const QColor kInk(0x20, 0x20, 0x20);
const QColor kAmber(0xff, 0xb0, 0x00);
const QColor kGreen(0x1b, 0x7f, 0x3a);
const QColor kRed(0xc6, 0x28, 0x28);
const QColor kGrey(0x75, 0x75, 0x75);

void drawExclamation(QPainter& p, double s, const QColor& colour, double top, double bottom)
{
    p.setPen(QPen(colour, s * 0.11, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(s / 2, s * top), QPointF(s / 2, s * bottom));
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawEllipse(QPointF(s / 2, s * (bottom + 0.14)), s * 0.065, s * 0.065);
}

} // namespace

QPixmap statusPixmap(StatusIcon icon, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const double s = size;
    switch (icon) {
    case StatusIcon::Output: {
        p.setPen(QPen(kInk, s * 0.06));
        p.setBrush(kAmber);
        p.drawEllipse(QRectF(s * 0.05, s * 0.05, s * 0.9, s * 0.9));
        const QPolygonF bolt{QPointF(s * 0.56, s * 0.14), QPointF(s * 0.28, s * 0.56), QPointF(s * 0.48, s * 0.56),
            QPointF(s * 0.42, s * 0.86), QPointF(s * 0.72, s * 0.42), QPointF(s * 0.52, s * 0.42)};
        p.setPen(Qt::NoPen);
        p.setBrush(kInk);
        p.drawPolygon(bolt);
        break;
    }
    case StatusIcon::NoOutput:
        p.setPen(QPen(kGrey, s * 0.08));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QRectF(s * 0.1, s * 0.1, s * 0.8, s * 0.8));
        break;
    case StatusIcon::Ok: {
        p.setPen(QPen(kGreen, s * 0.14, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        QPainterPath tick;
        tick.moveTo(s * 0.16, s * 0.54);
        tick.lineTo(s * 0.4, s * 0.78);
        tick.lineTo(s * 0.86, s * 0.24);
        p.drawPath(tick);
        break;
    }
    case StatusIcon::Warning: {
        const QPolygonF triangle{QPointF(s * 0.5, s * 0.06), QPointF(s * 0.96, s * 0.92), QPointF(s * 0.04, s * 0.92)};
        p.setPen(QPen(kInk, s * 0.05, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(kAmber);
        p.drawPolygon(triangle);
        drawExclamation(p, s, kInk, 0.34, 0.64);
        break;
    }
    case StatusIcon::Fault: {
        QPolygonF octagon;
        for (int i = 0; i < 8; ++i) {
            const double a = (22.5 + 45.0 * i) * std::numbers::pi / 180.0;
            octagon << QPointF(s * 0.5 + s * 0.46 * std::cos(a), s * 0.5 + s * 0.46 * std::sin(a));
        }
        p.setPen(Qt::NoPen);
        p.setBrush(kRed);
        p.drawPolygon(octagon);
        drawExclamation(p, s, Qt::white, 0.2, 0.6);
        break;
    }
    case StatusIcon::Pause:
        p.setPen(Qt::NoPen);
        p.setBrush(kInk);
        p.drawRect(QRectF(s * 0.22, s * 0.15, s * 0.2, s * 0.7));
        p.drawRect(QRectF(s * 0.58, s * 0.15, s * 0.2, s * 0.7));
        break;
    }
    return pixmap;
}

} // namespace galvani::ui::session
