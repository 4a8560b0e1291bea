// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plot/PlotStyle.h"

#include <QPainter>
#include <QPixmap>
#include <QtCharts/QValueAxis>

#include <array>
#include <cmath>

namespace galvani::ui::plot {

QColor channelColour(int channel)
{
    static constexpr std::array<QRgb, 8> kColours{
        0x0072B2, // blue
        0xD55E00, // vermillion
        0x009E73, // bluish green
        0xCC79A7, // reddish purple
        0xE69F00, // orange
        0x56B4E9, // sky blue
        0x000000, // black
        0x8C7A00, // dark yellow (Okabe–Ito yellow is too pale on white)
    };
    const auto index = static_cast<std::size_t>(((channel - 1) % 8 + 8) % 8);
    return QColor::fromRgb(kColours[index]);
}

QPen deliveredPen(const QColor& colour)
{
    QPen pen(colour);
    pen.setWidthF(2.0);
    pen.setStyle(Qt::SolidLine);
    return pen;
}

QPen commandedPen(const QColor& colour)
{
    QPen pen(colour);
    pen.setWidthF(2.0);
    pen.setStyle(Qt::DashLine);
    return pen;
}

QIcon channelSwatch(const QColor& colour)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawRoundedRect(QRectF(1, 4, 14, 8), 2, 2);
    return QIcon(pixmap);
}

double niceInterval(double span, int maxIntervals)
{
    if (!(span > 0.0) || maxIntervals < 1) {
        return 1.0;
    }
    const double raw = span / maxIntervals;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * magnitude >= raw * (1.0 - 1e-9)) {
            return factor * magnitude;
        }
    }
    return 10.0 * magnitude;
}

double currentAxisTopMa(double peakMa)
{
    const double wanted = peakMa * 1.1;
    if (wanted <= kMinCurrentAxisTopMa) {
        return kMinCurrentAxisTopMa;
    }
    const double step = wanted <= 50.0 ? 5.0 : 10.0;
    return std::ceil(wanted / step - 1e-9) * step; // 100 × 1.1 is 110.00000000000001
}

void setNiceRange(QValueAxis* axis, double min, double max)
{
    if (max <= min) {
        max = min + 1.0;
    }
    const double interval = niceInterval(max - min);
    axis->setRange(min, max);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(interval);
    const int decimals = interval >= 1.0 ? 0 : static_cast<int>(std::ceil(-std::log10(interval) - 1e-9));
    axis->setLabelFormat(QStringLiteral("%.%1f").arg(decimals));
}

} // namespace galvani::ui::plot
