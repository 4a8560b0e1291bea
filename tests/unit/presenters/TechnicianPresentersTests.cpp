// SPDX-License-Identifier: GPL-3.0-or-later
// The technician panels' presenters without widgets. Records made by real calibration runs are driven through the
// records panel in ui/technician's wizard test; here: the wording of a record, an empty store and the device filter.
#include "AdminWorld.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
#include "ui/presenters/CalibrationDriftPresenter.h"
#include "ui/presenters/CalibrationRecordsPresenter.h"
#include "ui/presenters/TechnicianText.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>

using namespace galvani;
using ui::presenters::CalibrationRecordsPresenter;

TEST_CASE("calibration records presenter: each point of a record's notes on a line of its own")
{
    const QString notes = QStringLiteral("meter: Fluke 87V s/n 123, due 2027-06-30\n"
                                         "as found: 10.0 mA -> 10.12 mA, 25.0 mA -> 25.31 mA\n"
                                         "as left: 10.0 mA -> 10.01 mA\n"
                                         "load 500 ohm");
    CHECK(CalibrationRecordsPresenter::pointsText(notes)
        == QStringLiteral("meter: Fluke 87V s/n 123, due 2027-06-30\n"
                          "as found:\n"
                          "    10.0 mA -> 10.12 mA\n"
                          "    25.0 mA -> 25.31 mA\n"
                          "as left:\n"
                          "    10.0 mA -> 10.01 mA\n"
                          "load 500 ohm"));
    CHECK(CalibrationRecordsPresenter::pointsText(QString()).isEmpty());
}

TEST_CASE("calibration records presenter: an empty store lists nothing and every device")
{
    test::AdminWorld w;
    CalibrationRecordsPresenter p(w.context().calibration(), w.theo);
    QSignalSpy changed(&p, &CalibrationRecordsPresenter::recordsChanged);
    p.reload();
    CHECK(changed.count() == 1);
    CHECK(p.error().isEmpty());
    CHECK(p.shown().isEmpty());
    CHECK(p.devices().isEmpty());
    CHECK(p.countText() == QStringLiteral("0 records"));
    CHECK(p.rowText(0).isEmpty());
    CHECK(p.detailsText(0).isEmpty());
    CHECK(CalibrationRecordsPresenter::columnTitles().size() == CalibrationRecordsPresenter::ColumnCount);
    // A device chosen that has no records shows none; "every device" again after a reload that does not list it.
    p.chooseDevice(QStringLiteral("P24-0001"));
    CHECK(p.device() == QStringLiteral("P24-0001"));
    p.reload();
    CHECK(p.device().isEmpty());
}

TEST_CASE("technician text: milliamps, dates and due days read the same on every panel")
{
    CHECK(ui::presenters::milliamps1(12'500.0) == QStringLiteral("12.5"));
    CHECK(ui::presenters::milliamps2(-4.0, true) == QStringLiteral("+0.00")); // never "-0.00"
    CHECK(ui::presenters::milliamps2(130.0, true) == QStringLiteral("+0.13"));
    CHECK(ui::presenters::dateText(0) == QStringLiteral("-"));
    const qint64 day = 24LL * 60 * 60 * 1000;
    const qint64 now = 1'790'000'000'000LL;
    CHECK(ui::presenters::dueInText(now + 12 * day, now) == QStringLiteral("due in 12 days"));
    CHECK(ui::presenters::dueInText(now - 3 * day, now) == QStringLiteral("overdue by 3 days"));
}

TEST_CASE("calibration drift presenter: a missing serial is named, a device without records has no trend")
{
    test::AdminWorld w;
    ui::presenters::CalibrationDriftPresenter p(w.context().calibration(), w.theo);
    CHECK(p.records().isEmpty());
    CHECK_FALSE(p.show(QStringLiteral("   "), 1));
    CHECK(p.error().startsWith(QStringLiteral("Device serial: ")));
    CHECK_FALSE(p.report());

    REQUIRE(p.show(QStringLiteral(" P24-0001 "), 2));
    CHECK(p.error().isEmpty());
    REQUIRE(p.report());
    CHECK(p.report()->deviceSerial == QStringLiteral("P24-0001"));
    CHECK(ui::presenters::CalibrationDriftPresenter::figuresText(*p.report())
        == QStringLiteral("Device P24-0001, channel 2: 0 calibration records, 0 passed. A trend needs two passing "
                          "calibrations on different days."));
}

TEST_CASE("calibration drift presenter: the trend in figures, with the warning when it leaves the limit")
{
    app::DriftReport r;
    r.deviceSerial = QStringLiteral("P24-0001");
    r.channel = 3;
    app::CalibrationHistoryEntry passed;
    passed.status = QStringLiteral("passed");
    app::CalibrationHistoryEntry failed;
    failed.status = QStringLiteral("failed");
    r.history = {passed, failed, passed};
    r.trendKnown = true;
    r.gainPerYear = 0.0125;
    r.offsetUaPerYear = -250.0;
    r.gainAtDue = 1.0312;
    r.offsetUaAtDue = 40.0;
    const QString figures = ui::presenters::CalibrationDriftPresenter::figuresText(r);
    CHECK(figures.startsWith(QStringLiteral("Device P24-0001, channel 3: 3 calibration records, 2 passed. Trend: gain "
                                            "0.0125 per year, offset -0.25 mA per year; at the due date (-) gain "
                                            "1.0312, offset +0.04 mA.")));
    CHECK_FALSE(figures.contains(QStringLiteral("WARNING")));
    r.leavesToleranceUtcMs = 1'790'000'000'000LL;
    CHECK(ui::presenters::CalibrationDriftPresenter::figuresText(r).contains(
        QStringLiteral(" WARNING: the trend leaves the correction limit on %1.")
            .arg(ui::presenters::dateText(1'790'000'000'000LL))));
}
