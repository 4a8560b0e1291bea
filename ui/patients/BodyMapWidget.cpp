// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/BodyMapWidget.h"

#include "ui/patients/PatientText.h"

#include <QEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>

namespace galvani::ui {

namespace {

// Figure coordinates: y runs from the top of the head (0) to the upper thighs (1) in units of the figure height;
// x is in half-units of that height (0.5 = a quarter of the figure height), + towards the viewer's right.
struct SitePosition {
    const char* muscleId;
    BodyMapWidget::View view;
    double x; // distance from the midline; the side decides the sign
    double y;
};

// Where CLINICAL §4 puts each site, drawn on the view where it is treated.
constexpr std::array<SitePosition, 9> kPositions{{
    {"cervical-paraspinals", BodyMapWidget::View::Back, 0.08, 0.155}, // ~2 cm beside C4–C6
    {"upper-trapezius", BodyMapWidget::View::Back, 0.28, 0.215}, // halfway C7 → acromion
    {"middle-trapezius", BodyMapWidget::View::Back, 0.14, 0.30}, // halfway medial scapular border → T3
    {"lower-trapezius", BodyMapWidget::View::Back, 0.12, 0.40}, // two-thirds scapular spine root → T8
    {"latissimus-dorsi", BodyMapWidget::View::Back, 0.40, 0.47}, // below axillary fold, beside inferior angle
    {"lumbar-erector-spinae", BodyMapWidget::View::Back, 0.18, 0.66}, // beside L3
    {"lumbar-multifidus", BodyMapWidget::View::Back, 0.085, 0.77}, // beside L5
    {"rectus-abdominis", BodyMapWidget::View::Front, 0.11, 0.62}, // 2–3 cm beside the umbilicus
    {"transversus-abdominis", BodyMapWidget::View::Front, 0.34, 0.80}, // medial to and below ASIS
}};

const SitePosition* positionOf(const QString& siteId, bool* left)
{
    const qsizetype dash = siteId.indexOf(QLatin1Char('-'));
    if (dash < 0) {
        return nullptr;
    }
    const QString side = siteId.left(dash);
    const QString muscle = siteId.mid(dash + 1);
    if (side != QLatin1String("left") && side != QLatin1String("right")) {
        return nullptr;
    }
    for (const SitePosition& p : kPositions) {
        if (muscle == QLatin1String(p.muscleId)) {
            if (left != nullptr) {
                *left = side == QLatin1String("left");
            }
            return &p;
        }
    }
    return nullptr;
}

// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. The channel number is always
// drawn too.
QColor channelColour(int channel)
{
    static const std::array<QColor, 8> colours{QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
        QColor(0x00, 0x9E, 0x73), QColor(0xF0, 0xE4, 0x42), QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
        QColor(0xCC, 0x79, 0xA7), QColor(0x33, 0x33, 0x33)};
    return colours.at(static_cast<std::size_t>((channel - 1 + 8) % 8));
}

QColor textOn(const QColor& background)
{
    return background.lightnessF() > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

// A closed smooth outline through the points (Catmull–Rom as cubic Béziers).
QPainterPath smoothClosed(const QList<QPointF>& pts)
{
    QPainterPath path;
    const qsizetype n = pts.size();
    if (n < 3) {
        return path;
    }
    path.moveTo(pts.at(0));
    for (qsizetype i = 0; i < n; ++i) {
        const QPointF& p0 = pts.at((i - 1 + n) % n);
        const QPointF& p1 = pts.at(i);
        const QPointF& p2 = pts.at((i + 1) % n);
        const QPointF& p3 = pts.at((i + 2) % n);
        path.cubicTo(p1 + (p2 - p0) / 6.0, p2 - (p3 - p1) / 6.0, p2);
    }
    path.closeSubpath();
    return path;
}

void drawShape(QPainter& p, app::ElectrodePolarity polarity, const QPointF& c, double r)
{
    switch (polarity) {
    case app::ElectrodePolarity::ActiveCathode:
        p.drawEllipse(c, r, r);
        break;
    case app::ElectrodePolarity::Reference:
        p.drawRect(QRectF(c.x() - r * 0.9, c.y() - r * 0.9, r * 1.8, r * 1.8));
        break;
    case app::ElectrodePolarity::Symmetric: {
        const double d = r * 1.2;
        const QPolygonF diamond{
            QPointF(c.x(), c.y() - d), QPointF(c.x() + d, c.y()), QPointF(c.x(), c.y() + d), QPointF(c.x() - d, c.y())};
        p.drawPolygon(diamond);
        break;
    }
    }
}

constexpr double kTitleHeight = 28.0;
constexpr double kLegendHeight = 44.0;

} // namespace

BodyMapWidget::BodyMapWidget(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("bodyMap"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAccessibleName(QStringLiteral("Body map, front and back"));
    setAccessibleDescription(QStringLiteral("Arrow keys move between electrode sites; Enter picks the site."));
    setToolTip(QString());
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QSize BodyMapWidget::sizeHint() const
{
    return {560, 480};
}

QSize BodyMapWidget::minimumSizeHint() const
{
    return {380, 340};
}

void BodyMapWidget::setSites(const QList<app::PlacementSiteInfo>& sites)
{
    m_sites.clear();
    for (const auto& s : sites) {
        if (positionOf(s.id, nullptr) != nullptr) {
            m_sites.append(s);
        }
    }
    update();
}

void BodyMapWidget::setPlacements(const QList<app::PlacementView>& placements)
{
    m_placements = placements;
    update();
}

void BodyMapWidget::setCurrentSite(const QString& siteId)
{
    m_current = site(siteId) != nullptr ? siteId : QString();
    const auto* s = site(m_current);
    setAccessibleDescription(s != nullptr ? QStringLiteral("Selected: ") + patienttext::site(s->muscle, s->side)
                                          : QStringLiteral("No site selected"));
    update();
}

QStringList BodyMapWidget::siteIds() const
{
    QStringList ids;
    for (const auto& s : m_sites) {
        ids.append(s.id);
    }
    return ids;
}

BodyMapWidget::View BodyMapWidget::viewOf(const QString& siteId)
{
    const SitePosition* p = positionOf(siteId, nullptr);
    return p != nullptr ? p->view : View::Back;
}

const app::PlacementSiteInfo* BodyMapWidget::site(const QString& id) const
{
    for (const auto& s : m_sites) {
        if (s.id == id) {
            return &s;
        }
    }
    return nullptr;
}

QRectF BodyMapWidget::viewRect(View view) const
{
    const QRectF all = QRectF(rect()).adjusted(4, kTitleHeight, -4, -kLegendHeight);
    const double half = all.width() / 2.0;
    return view == View::Front ? QRectF(all.left(), all.top(), half, all.height())
                               : QRectF(all.left() + half, all.top(), half, all.height());
}

BodyMapWidget::Frame BodyMapWidget::frameOf(View view) const
{
    const QRectF r = viewRect(view);
    // The figure is 0.8 of its height wide (arms included), plus room for the side letters.
    const double scale = std::max(50.0, std::min(r.height() - 8.0, (r.width() - 44.0) / 0.8));
    return Frame{QPointF(r.center().x(), r.top() + (r.height() - scale) / 2.0), scale};
}

QPointF BodyMapWidget::map(View view, double x, double y) const
{
    const Frame f = frameOf(view);
    return {f.centreTop.x() + x * 0.5 * f.scale, f.centreTop.y() + y * f.scale};
}

double BodyMapWidget::markerRadius() const
{
    return std::clamp(frameOf(View::Back).scale * 0.022, 6.0, 11.0);
}

QPointF BodyMapWidget::markerCentre(const QString& siteId) const
{
    bool left = false;
    const SitePosition* p = positionOf(siteId, &left);
    if (p == nullptr || site(siteId) == nullptr) {
        return {-1, -1};
    }
    // Seen from behind, the patient's left is on the viewer's left; seen from the front, on the viewer's right.
    const bool onViewersLeft = p->view == View::Back ? left : !left;
    return map(p->view, onViewersLeft ? -p->x : p->x, p->y);
}

QString BodyMapWidget::siteAt(const QPointF& pos) const
{
    const double r = markerRadius();
    QString best;
    double bestDistance = std::numeric_limits<double>::max();
    for (const auto& s : m_sites) {
        const QPointF c = markerCentre(s.id);
        // The site's own marker, and the badges of its placements drawn beside it.
        int badges = 0;
        for (const auto& pl : m_placements) {
            badges += pl.siteId == s.id ? 1 : 0;
        }
        const double outward = c.x() < frameOf(viewOf(s.id)).centreTop.x() ? -1.0 : 1.0;
        for (int i = 0; i < std::max(1, badges); ++i) {
            const QPointF b = c + QPointF(outward * i * (2 * r + 3), 0);
            const double d = std::hypot(pos.x() - b.x(), pos.y() - b.y());
            if (d <= r + 5 && d < bestDistance) {
                bestDistance = d;
                best = s.id;
            }
        }
    }
    return best;
}

QString BodyMapWidget::tooltipFor(const QString& siteId) const
{
    const auto* s = site(siteId);
    if (s == nullptr) {
        return {};
    }
    QStringList lines{QStringLiteral("<b>%1</b>").arg(patienttext::site(s->muscle, s->side).toHtmlEscaped()),
        QStringLiteral("Landmark: %1").arg(s->landmark.toHtmlEscaped()),
        QStringLiteral("Placement: %1").arg(s->guidance.toHtmlEscaped())};
    if (!s->atlasMotorPoints.isEmpty()) {
        lines.append(QStringLiteral("Motor points (atlas): %1").arg(s->atlasMotorPoints.toHtmlEscaped()));
    }
    if (s->convention) {
        lines.append(QStringLiteral("Common convention, not atlas data"));
    }
    if (s->postureSensitive) {
        lines.append(QStringLiteral("Motor points move with posture: search again when it differs"));
    }
    for (const auto& p : m_placements) {
        if (p.siteId == siteId) {
            lines.append(
                QStringLiteral("Placed: channel %1, %2").arg(p.channel).arg(patienttext::polarity(p.polarity)));
        }
    }
    lines.append(QStringLiteral("<i>Click, or Enter, to pick this site</i>"));
    return lines.join(QStringLiteral("<br>"));
}

void BodyMapWidget::paintEvent(QPaintEvent* /*event*/)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    for (const View view : {View::Front, View::Back}) {
        const QRectF r = viewRect(view);
        QFont title = font();
        title.setBold(true);
        title.setPointSizeF(title.pointSizeF() * 1.1);
        p.setFont(title);
        p.setPen(palette().text().color());
        p.drawText(QRectF(r.left(), 2, r.width(), kTitleHeight - 4), Qt::AlignCenter,
            view == View::Front ? QStringLiteral("FRONT") : QStringLiteral("BACK"));
        paintFigure(p, view);
        paintLandmarks(p, view);
        // The patient's sides, in letters (never mirrored by guesswork).
        QFont sideFont = font();
        sideFont.setBold(true);
        sideFont.setPointSizeF(sideFont.pointSizeF() * 1.4);
        p.setFont(sideFont);
        p.setPen(palette().mid().color().darker(130));
        // Beside the hips, below the hands: clear of the figure and of the other view at any size.
        const QPointF west = map(view, -0.72, 0.93);
        const QPointF east = map(view, 0.72, 0.93);
        const QString westText = view == View::Back ? QStringLiteral("L") : QStringLiteral("R");
        const QString eastText = view == View::Back ? QStringLiteral("R") : QStringLiteral("L");
        p.drawText(QRectF(west.x() - 14, west.y() - 14, 28, 28), Qt::AlignCenter, westText);
        p.drawText(QRectF(east.x() - 14, east.y() - 14, 28, 28), Qt::AlignCenter, eastText);
    }
    // A line between the views.
    p.setPen(QPen(palette().mid().color(), 1, Qt::DotLine));
    const double middle = viewRect(View::Back).left();
    p.drawLine(QPointF(middle, kTitleHeight), QPointF(middle, height() - kLegendHeight));
    paintMarkers(p);
    paintLegend(p);
    if (hasFocus()) {
        p.setPen(QPen(palette().highlight().color(), 2, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
    }
}

void BodyMapWidget::paintFigure(QPainter& p, View view) const
{
    const auto mirror = [this, view](const QList<QPointF>& half) {
        // `half` runs down the viewer's right side; the left side is its mirror image, run back up.
        QList<QPointF> all;
        for (const QPointF& h : half) {
            all.append(map(view, h.x(), h.y()));
        }
        for (qsizetype i = half.size() - 1; i >= 0; --i) {
            all.append(map(view, -half.at(i).x(), half.at(i).y()));
        }
        return all;
    };
    const QColor skin(0xF3, 0xE3, 0xD3);
    const QColor outline(0x8A, 0x6F, 0x5A);
    p.setPen(QPen(outline, 1.5));
    // Arms first, behind the trunk.
    p.setBrush(skin.darker(106));
    for (const double sign : {1.0, -1.0}) {
        QList<QPointF> arm;
        for (const QPointF& a :
            {QPointF(0.54, 0.245), QPointF(0.66, 0.28), QPointF(0.73, 0.40), QPointF(0.77, 0.56), QPointF(0.77, 0.70),
                QPointF(0.67, 0.71), QPointF(0.63, 0.56), QPointF(0.58, 0.42), QPointF(0.52, 0.34)}) {
            arm.append(map(view, sign * a.x(), a.y()));
        }
        p.drawPath(smoothClosed(arm));
    }
    p.setBrush(skin);
    const QList<QPointF> trunk = mirror({QPointF(0.07, 0.125), QPointF(0.085, 0.19), QPointF(0.40, 0.215),
        QPointF(0.56, 0.245), QPointF(0.60, 0.29), QPointF(0.53, 0.36), QPointF(0.47, 0.50), QPointF(0.45, 0.60),
        QPointF(0.52, 0.76), QPointF(0.55, 0.90), QPointF(0.50, 1.0)});
    p.drawPath(smoothClosed(trunk));
    // Head.
    const QPointF head = map(view, 0, 0.068);
    const double scale = frameOf(view).scale;
    p.drawEllipse(head, 0.058 * scale, 0.068 * scale);
    if (view == View::Front) {
        // Eyes and mouth: this is the front at a glance.
        p.setBrush(outline);
        p.drawEllipse(map(view, -0.045, 0.058), 1.8, 1.8);
        p.drawEllipse(map(view, 0.045, 0.058), 1.8, 1.8);
        p.setBrush(Qt::NoBrush);
        const QPointF mouth = map(view, 0, 0.1);
        p.drawArc(QRectF(mouth.x() - 0.02 * scale, mouth.y() - 0.012 * scale, 0.04 * scale, 0.02 * scale), 200 * 16,
            140 * 16);
        // The front of the neck is a forbidden site (CLINICAL §3): hatched.
        QPainterPath neck;
        neck.moveTo(map(view, -0.07, 0.132));
        neck.lineTo(map(view, 0.07, 0.132));
        neck.lineTo(map(view, 0.085, 0.19));
        neck.lineTo(map(view, -0.085, 0.19));
        neck.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(QBrush(QColor(0xB0, 0x00, 0x20), Qt::BDiagPattern));
        p.drawPath(neck);
    } else {
        // Hair at the back of the head.
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0x6B, 0x55, 0x45, 90));
        p.drawChord(
            QRectF(head.x() - 0.058 * scale, head.y() - 0.068 * scale, 0.116 * scale, 0.136 * scale), 0, 180 * 16);
    }
}

void BodyMapWidget::paintLandmarks(QPainter& p, View view) const
{
    const QColor ink(0x7A, 0x6A, 0x60);
    p.setPen(QPen(ink, 1.0));
    p.setBrush(Qt::NoBrush);
    QFont small = font();
    small.setPointSizeF(std::max(6.5, small.pointSizeF() * 0.75));
    p.setFont(small);
    const auto label = [&p](const QPointF& at, const QString& text, Qt::Alignment align) {
        const QRectF box = align.testFlag(Qt::AlignLeft) ? QRectF(at.x() + 4, at.y() - 8, 60, 16)
            : align.testFlag(Qt::AlignRight)             ? QRectF(at.x() - 64, at.y() - 8, 60, 16)
                                                         : QRectF(at.x() - 30, at.y() + 3, 60, 14);
        p.drawText(box, static_cast<int>((align | Qt::AlignVCenter).toInt()), text);
    };
    if (view == View::Back) {
        p.setPen(QPen(ink, 1.0, Qt::DotLine));
        p.drawLine(map(view, 0, 0.19), map(view, 0, 0.84));
        p.setPen(QPen(ink, 1.0));
        p.setBrush(ink);
        const std::array<std::pair<double, const char*>, 5> spine{
            {{0.195, "C7"}, {0.28, "T3"}, {0.45, "T8"}, {0.66, "L3"}, {0.77, "L5"}}};
        for (const auto& [y, name] : spine) {
            const QPointF at = map(view, 0, y);
            p.drawEllipse(at, 2.2, 2.2);
            label(at, QLatin1String(name), Qt::AlignHCenter);
        }
        p.setBrush(Qt::NoBrush);
        for (const double sign : {1.0, -1.0}) {
            // Scapula: superior angle, acromial end, lateral angle, inferior angle; and its spine.
            QPolygonF scapula;
            for (const QPointF& s : {QPointF(0.17, 0.235), QPointF(0.42, 0.26), QPointF(0.36, 0.33),
                     QPointF(0.23, 0.45), QPointF(0.175, 0.32)}) {
                scapula.append(map(view, sign * s.x(), s.y()));
            }
            p.drawPolygon(scapula);
            p.drawLine(map(view, sign * 0.18, 0.28), map(view, sign * 0.54, 0.245));
            p.setBrush(ink);
            p.drawEllipse(map(view, sign * 0.13, 0.87), 2.2, 2.2);
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(map(view, sign * 0.56, 0.245), 2.2, 2.2); // acromion
        }
        label(map(view, -0.13, 0.87), QStringLiteral("PSIS"), Qt::AlignHCenter);
        label(map(view, 0.13, 0.87), QStringLiteral("PSIS"), Qt::AlignHCenter);
        label(map(view, 0.58, 0.225), QStringLiteral("acromion"), Qt::AlignLeft);
    } else {
        for (const double sign : {1.0, -1.0}) {
            QPainterPath clavicle;
            clavicle.moveTo(map(view, sign * 0.04, 0.205));
            clavicle.quadTo(map(view, sign * 0.28, 0.235), map(view, sign * 0.52, 0.235));
            p.drawPath(clavicle);
            p.setBrush(ink);
            p.drawEllipse(map(view, sign * 0.44, 0.76), 2.2, 2.2); // ASIS
            p.setBrush(Qt::NoBrush);
        }
        p.drawLine(map(view, 0, 0.215), map(view, 0, 0.42));
        const QPointF navel = map(view, 0, 0.62);
        p.drawEllipse(navel, 3.0, 3.0);
        label(navel, QStringLiteral("umbilicus"), Qt::AlignHCenter);
        label(map(view, -0.44, 0.76), QStringLiteral("ASIS"), Qt::AlignRight);
        label(map(view, 0.44, 0.76), QStringLiteral("ASIS"), Qt::AlignLeft);
    }
}

void BodyMapWidget::paintMarkers(QPainter& p) const
{
    const double r = markerRadius();
    QFont number = font();
    number.setBold(true);
    number.setPointSizeF(std::max(7.0, r * 0.95));
    for (const auto& s : m_sites) {
        const QPointF c = markerCentre(s.id);
        const bool current = s.id == m_current;
        const bool hover = s.id == m_hover;
        if (current || hover) {
            p.setPen(QPen(current ? palette().highlight().color() : palette().mid().color(), current ? 3.0 : 2.0));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(c, r + 5, r + 5);
        }
        QList<const app::PlacementView*> here;
        for (const auto& pl : m_placements) {
            if (pl.siteId == s.id) {
                here.append(&pl);
            }
        }
        if (here.isEmpty()) {
            p.setPen(QPen(QColor(0x55, 0x55, 0x55), 1.5));
            p.setBrush(QColor(255, 255, 255, 220));
            p.drawEllipse(c, r * 0.75, r * 0.75);
            continue;
        }
        const double outward = c.x() < frameOf(viewOf(s.id)).centreTop.x() ? -1.0 : 1.0;
        for (qsizetype i = 0; i < here.size(); ++i) {
            const app::PlacementView& pl = *here.at(i);
            const QPointF b = c + QPointF(outward * static_cast<double>(i) * (2 * r + 3), 0);
            const QColor fill = channelColour(pl.channel);
            p.setPen(QPen(Qt::black, 1.5));
            p.setBrush(fill);
            drawShape(p, pl.polarity, b, r);
            p.setFont(number);
            p.setPen(textOn(fill));
            p.drawText(QRectF(b.x() - r, b.y() - r, 2 * r, 2 * r), Qt::AlignCenter, QString::number(pl.channel));
        }
    }
    // The current site's name beside it, on top of everything.
    if (const auto* s = site(m_current)) {
        const QPointF c = markerCentre(s->id);
        const QString text = patienttext::site(s->muscle, s->side);
        QFont f = font();
        f.setBold(true);
        p.setFont(f);
        const QFontMetricsF fm(f);
        const double w = fm.horizontalAdvance(text) + 12;
        const double h = fm.height() + 6;
        const bool toLeft = c.x() + r + 10 + w > width() - 2;
        QRectF box(toLeft ? c.x() - r - 10 - w : c.x() + r + 10, c.y() - h - r, w, h);
        p.setPen(QPen(palette().highlight().color(), 1.5));
        p.setBrush(QColor(255, 255, 255, 235));
        p.drawRoundedRect(box, 4, 4);
        p.setPen(Qt::black);
        p.drawText(box, Qt::AlignCenter, text);
    }
}

void BodyMapWidget::paintLegend(QPainter& p) const
{
    const double r = 6.0;
    QFont f = font();
    f.setPointSizeF(std::max(7.0, f.pointSizeF() * 0.85));
    p.setFont(f);
    const QFontMetricsF fm(f);
    double x = 8;
    double y = height() - kLegendHeight + 12;
    const auto item = [&](const std::function<void(const QPointF&)>& icon, const QString& text) {
        const double w = 2 * r + 6 + fm.horizontalAdvance(text) + 14;
        if (x + w > width() - 4) {
            x = 8;
            y += 18;
        }
        icon(QPointF(x + r, y));
        p.setPen(palette().text().color());
        p.drawText(QRectF(x + 2 * r + 6, y - 9, w, 18), Qt::AlignVCenter | Qt::AlignLeft, text);
        x += w;
    };
    const auto shape = [&](app::ElectrodePolarity polarity) {
        return [&p, polarity, r](const QPointF& c) {
            p.setPen(QPen(Qt::black, 1.2));
            p.setBrush(QColor(0xBB, 0xBB, 0xBB));
            drawShape(p, polarity, c, r);
        };
    };
    item(
        [&p, r](const QPointF& c) {
            p.setPen(QPen(QColor(0x55, 0x55, 0x55), 1.5));
            p.setBrush(Qt::white);
            p.drawEllipse(c, r * 0.75, r * 0.75);
        },
        QStringLiteral("site"));
    item(shape(app::ElectrodePolarity::ActiveCathode), QStringLiteral("active (cathode)"));
    item(shape(app::ElectrodePolarity::Reference), QStringLiteral("reference"));
    item(shape(app::ElectrodePolarity::Symmetric), QStringLiteral("symmetric"));
    item([](const QPointF&) {}, QStringLiteral("number = channel"));
    item(
        [&p, r](const QPointF& c) {
            p.setPen(QPen(QColor(0xB0, 0x00, 0x20), 1));
            p.setBrush(QBrush(QColor(0xB0, 0x00, 0x20), Qt::BDiagPattern));
            p.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r));
        },
        QStringLiteral("no pads (front of neck)"));
    item([](const QPointF&) {}, QStringLiteral("R / L = patient's right / left"));
}

void BodyMapWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    const QString id = siteAt(event->position());
    if (id.isEmpty()) {
        return;
    }
    setCurrentSite(id);
    Q_EMIT currentSiteChanged(id);
    Q_EMIT sitePicked(id);
}

void BodyMapWidget::mouseMoveEvent(QMouseEvent* event)
{
    const QString id = siteAt(event->position());
    if (id != m_hover) {
        m_hover = id;
        setCursor(id.isEmpty() ? Qt::ArrowCursor : Qt::PointingHandCursor);
        update();
    }
}

void BodyMapWidget::leaveEvent(QEvent* event)
{
    m_hover.clear();
    update();
    QWidget::leaveEvent(event);
}

bool BodyMapWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const QString id = siteAt(help->pos());
        if (id.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(help->globalPos(), tooltipFor(id), this);
        }
        return true;
    }
    return QWidget::event(event);
}

void BodyMapWidget::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        moveCurrent(-1, 0);
        return;
    case Qt::Key_Right:
        moveCurrent(1, 0);
        return;
    case Qt::Key_Up:
        moveCurrent(0, -1);
        return;
    case Qt::Key_Down:
        moveCurrent(0, 1);
        return;
    case Qt::Key_Home:
        if (!m_sites.isEmpty()) {
            setCurrentSite(readingOrder().first());
            Q_EMIT currentSiteChanged(m_current);
        }
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (!m_current.isEmpty()) {
            Q_EMIT sitePicked(m_current);
        }
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

QStringList BodyMapWidget::readingOrder() const
{
    QStringList order = siteIds();
    std::stable_sort(order.begin(), order.end(), [this](const QString& a, const QString& b) {
        if (viewOf(a) != viewOf(b)) {
            return viewOf(a) == View::Front;
        }
        const QPointF pa = markerCentre(a);
        const QPointF pb = markerCentre(b);
        if (std::abs(pa.y() - pb.y()) > 0.5) {
            return pa.y() < pb.y();
        }
        return pa.x() < pb.x();
    });
    return order;
}

void BodyMapWidget::moveCurrent(int dx, int dy)
{
    if (m_sites.isEmpty()) {
        return;
    }
    if (m_current.isEmpty()) {
        setCurrentSite(m_sites.first().id);
        Q_EMIT currentSiteChanged(m_current);
        return;
    }
    QString best;
    if (dx != 0) {
        // Left and right read the sites like text: front view then back view, row by row from the head down,
        // left to right within a row; so every site is reached with one key.
        const QStringList order = readingOrder();
        const qsizetype at = order.indexOf(m_current);
        const qsizetype next = at + dx;
        if (at >= 0 && next >= 0 && next < order.size()) {
            best = order.at(next);
        }
    } else {
        // Up and down go to the nearest site above or below in the same view.
        const QPointF from = markerCentre(m_current);
        double bestScore = std::numeric_limits<double>::max();
        for (const auto& s : m_sites) {
            if (s.id == m_current || viewOf(s.id) != viewOf(m_current)) {
                continue;
            }
            const QPointF d = markerCentre(s.id) - from;
            const double along = d.y() * dy;
            if (along <= 0.5) {
                continue;
            }
            const double score = along + 2.0 * std::abs(d.x());
            if (score < bestScore) {
                bestScore = score;
                best = s.id;
            }
        }
    }
    if (!best.isEmpty()) {
        setCurrentSite(best);
        Q_EMIT currentSiteChanged(best);
    }
}

} // namespace galvani::ui
