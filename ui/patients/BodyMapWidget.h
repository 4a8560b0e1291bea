// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/services/PlacementService.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

namespace galvani::ui {

// A body chart of neck, shoulders, back and trunk, front view on the left and back view on the right, painted
// with QPainter. Every catalogue site is a marker the therapist can click; the patient's placements are drawn on
// their sites by channel (the number) and polarity (the shape: circle active/cathode, square reference, diamond
// symmetric), so colour is never the only signal. Each view says which side is the patient's left. The front of
// the neck is hatched: a forbidden site (CLINICAL §3).
// Keyboard: Left and Right step through the sites in reading order (front view, then back view, from the head
// down), Up and Down go to the nearest site above or below, Enter or Space picks; Home goes to the first site in
// reading order. (The placement form also offers every site in a combo box.) Thread affinity: GUI thread. Ownership:
// keeps copies of the sites and placements it shows.
class BodyMapWidget : public QWidget {
    Q_OBJECT
public:
    enum class View { Front, Back };

    explicit BodyMapWidget(QWidget* parent = nullptr);

    void setSites(const QList<app::PlacementSiteInfo>& sites);
    void setPlacements(const QList<app::PlacementView>& placements);
    // Highlights a site without emitting anything (empty: none).
    void setCurrentSite(const QString& siteId);
    [[nodiscard]] QString currentSite() const { return m_current; }
    // The sites shown, in catalogue order; and in reading order (front view, then back view, head down, left to
    // right), the order of the Left and Right keys.
    [[nodiscard]] QStringList siteIds() const;
    [[nodiscard]] QStringList readingOrder() const;
    // Which view a catalogue site is drawn on (the back for neck and back muscles, the front for the abdomen).
    [[nodiscard]] static View viewOf(const QString& siteId);
    // Where a site's marker is drawn, in widget coordinates; (-1, -1) for a site not shown.
    [[nodiscard]] QPointF markerCentre(const QString& siteId) const;
    // The site whose marker is under `pos` (widget coordinates), or "".
    [[nodiscard]] QString siteAt(const QPointF& pos) const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

Q_SIGNALS:
    // The therapist picked a site: a click, Enter or Space.
    void sitePicked(const QString& siteId);
    // The highlighted site moved (arrow keys).
    void currentSiteChanged(const QString& siteId);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Frame {
        QPointF centreTop; // the top of the head, centred
        double scale = 1; // pixels per unit of figure height
    };
    [[nodiscard]] QRectF viewRect(View view) const;
    [[nodiscard]] Frame frameOf(View view) const;
    [[nodiscard]] QPointF map(View view, double x, double y) const;
    [[nodiscard]] double markerRadius() const;
    [[nodiscard]] const app::PlacementSiteInfo* site(const QString& id) const;
    [[nodiscard]] QString tooltipFor(const QString& siteId) const;
    void moveCurrent(int dx, int dy);
    void paintFigure(QPainter& p, View view) const;
    void paintLandmarks(QPainter& p, View view) const;
    void paintMarkers(QPainter& p) const;
    void paintLegend(QPainter& p) const;

    QList<app::PlacementSiteInfo> m_sites;
    QList<app::PlacementView> m_placements;
    QString m_current;
    QString m_hover;
};

} // namespace galvani::ui
