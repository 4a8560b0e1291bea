// SPDX-License-Identifier: GPL-3.0-or-later
// The technician panels' presenters without widgets. Records made by real calibration runs are driven through the
// records panel in ui/technician's wizard test; here: the wording of a record, an empty store and the device filter.
#include "AdminWorld.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
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
