// SPDX-License-Identifier: GPL-3.0-or-later
// The body map on its own: every catalogue site drawn on the right view and side, clickable and apart.
#include "app/services/PlacementService.h"
#include "core/domain/PlacementCatalogue.h"
#include "ui/patients/BodyMapWidget.h"

#include <catch2/catch.hpp>

#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace galvani;

namespace {

QList<app::PlacementSiteInfo> catalogue()
{
    QList<app::PlacementSiteInfo> out;
    for (const auto& s : core::PlacementCatalogue::all()) {
        app::PlacementSiteInfo info;
        info.id = QString::fromUtf8(s.id.data(), static_cast<qsizetype>(s.id.size()));
        info.muscle = QString::fromUtf8(s.muscle.data(), static_cast<qsizetype>(s.muscle.size()));
        info.side = s.side == core::BodySide::Left ? QStringLiteral("left") : QStringLiteral("right");
        out.append(info);
    }
    return out;
}

} // namespace

TEST_CASE("every catalogue site has a marker on its view and side, apart from the others", "[ui][patients][bodymap]")
{
    const auto sites = catalogue();
    REQUIRE(sites.size() == 18);
    for (const QSize size : {QSize(380, 340), QSize(560, 480), QSize(1100, 700)}) {
        INFO("size " << size.width() << "x" << size.height());
        ui::BodyMapWidget map;
        map.setSites(sites);
        map.resize(size);
        REQUIRE(map.siteIds().size() == 18);
        const double middle = size.width() / 2.0;
        for (const auto& s : sites) {
            INFO(s.id.toStdString());
            const QPointF c = map.markerCentre(s.id);
            REQUIRE(c.x() >= 0);
            CHECK(map.siteAt(c) == s.id);
            const bool back = ui::BodyMapWidget::viewOf(s.id) == ui::BodyMapWidget::View::Back;
            CHECK((c.x() > middle) == back); // front view on the left, back view on the right
            // Seen from behind the patient's left is on the viewer's left; from the front, on the right.
            const QString other
                = (s.side == QStringLiteral("left") ? QStringLiteral("right-") : QStringLiteral("left-"))
                + s.id.mid(s.id.indexOf(QLatin1Char('-')) + 1);
            const bool leftOfPartner = c.x() < map.markerCentre(other).x();
            CHECK(leftOfPartner == (back == (s.side == QStringLiteral("left"))));
            for (const auto& t : sites) {
                if (t.id != s.id) {
                    const QPointF d = map.markerCentre(t.id) - c;
                    CHECK(std::hypot(d.x(), d.y()) >= 12.0);
                }
            }
        }
        CHECK(map.siteAt(QPointF(2, 2)).isEmpty());
    }
    CHECK(ui::BodyMapWidget::viewOf(QStringLiteral("left-rectus-abdominis")) == ui::BodyMapWidget::View::Front);
    CHECK(ui::BodyMapWidget::viewOf(QStringLiteral("right-cervical-paraspinals")) == ui::BodyMapWidget::View::Back);
}

TEST_CASE("the body map picks sites by mouse and keyboard and reaches every site with the arrow keys",
    "[ui][patients][bodymap]")
{
    ui::BodyMapWidget map;
    map.setSites(catalogue());
    map.resize(600, 500);
    map.show();
    QSignalSpy picked(&map, &ui::BodyMapWidget::sitePicked);
    QTest::mouseClick(
        &map, Qt::LeftButton, Qt::NoModifier, map.markerCentre(QStringLiteral("left-transversus-abdominis")).toPoint());
    REQUIRE(picked.count() == 1);
    CHECK(picked.last().at(0).toString() == QStringLiteral("left-transversus-abdominis"));
    QTest::mouseClick(&map, Qt::LeftButton, Qt::NoModifier, QPoint(3, 3));
    CHECK(picked.count() == 1);

    // Right steps through every site in reading order (front view first); Left goes back; Up and Down move within a
    // view.
    QSet<QString> reached;
    QTest::keyClick(&map, Qt::Key_Home);
    reached.insert(map.currentSite());
    for (int i = 0; i < 20; ++i) {
        QTest::keyClick(&map, Qt::Key_Right);
        reached.insert(map.currentSite());
    }
    CHECK(reached.size() == 18);
    CHECK(ui::BodyMapWidget::viewOf(map.currentSite()) == ui::BodyMapWidget::View::Back);
    QTest::keyClick(&map, Qt::Key_Left);
    const QString beforeLast = map.currentSite();
    QTest::keyClick(&map, Qt::Key_Up);
    CHECK(map.markerCentre(map.currentSite()).y() < map.markerCentre(beforeLast).y());
    CHECK(ui::BodyMapWidget::viewOf(map.currentSite()) == ui::BodyMapWidget::View::Back);
    const QString upper = map.currentSite();
    QTest::keyClick(&map, Qt::Key_Down);
    CHECK(map.markerCentre(map.currentSite()).y() > map.markerCentre(upper).y());
    QTest::keyClick(&map, Qt::Key_Space);
    REQUIRE(picked.count() == 2);
    CHECK(picked.last().at(0).toString() == map.currentSite());

    // Placements are drawn without changing what a click picks.
    app::PlacementView p;
    p.siteId = QStringLiteral("right-upper-trapezius");
    p.channel = 3;
    app::PlacementView q = p;
    q.channel = 5;
    q.polarity = app::ElectrodePolarity::Reference;
    map.setPlacements({p, q});
    CHECK(map.siteAt(map.markerCentre(QStringLiteral("right-upper-trapezius")))
        == QStringLiteral("right-upper-trapezius"));
    CHECK_FALSE(map.grab().isNull());
}
