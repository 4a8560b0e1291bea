// SPDX-License-Identifier: GPL-3.0-or-later
// The technician panels' presenters without widgets. Records made by real calibration runs are driven through the
// records panel in ui/technician's wizard test; here: the wording of a record, an empty store and the device filter,
// the channel status of a device (read from the store and given), and the device tab's URL list, connect and
// power-on self-test against the in-process simulated stimulator.
#include "AdminWorld.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
#include "app/services/PresetService.h"
#include "app/session/SessionController.h"
#include "device/worker/DeviceService.h"
#include "support/WaitUntil.h"
#include "ui/presenters/CalibrationDriftPresenter.h"
#include "ui/presenters/CalibrationRecordsPresenter.h"
#include "ui/presenters/CalibrationStatusPresenter.h"
#include "ui/presenters/TechnicianDevicePresenter.h"
#include "ui/presenters/TechnicianText.h"

#include <catch2/catch.hpp>

#include <QSet>
#include <QSignalSpy>

#include <chrono>
#include <memory>

using namespace galvani;
using ui::presenters::CalibrationRecordsPresenter;
using ui::presenters::CalibrationStatusPresenter;
using ui::presenters::FeedbackKind;
using ui::presenters::TechnicianDevicePresenter;

namespace {

const QString kSerial = QStringLiteral("GSIM-0001"); // the simulator's default serial
constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

qint64 utcMs(const core::Clock& clock)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock.utcNow().time_since_epoch()).count();
}

QStringList urlsOf(const QList<app::DeviceChoice>& choices)
{
    QStringList out;
    for (const auto& c : choices) {
        out.append(c.url);
    }
    return out;
}

} // namespace

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

TEST_CASE("calibration status presenter: a missing serial is named, a device without records is on its factory "
          "calibration")
{
    test::AdminWorld w;
    CalibrationStatusPresenter p(w.context().calibration(), w.context().clock(), w.theo);
    QSignalSpy changed(&p, &CalibrationStatusPresenter::statusesChanged);
    CHECK(p.records().isEmpty());

    const auto missing = p.refresh(QStringLiteral("   "), 2);
    CHECK(missing.isError());
    CHECK(missing.focus == CalibrationStatusPresenter::Field::Serial);
    CHECK(missing.text == QStringLiteral("Device serial: connect a device on the Device tab, or type its serial."));
    CHECK(changed.count() == 0);
    CHECK(p.statuses().isEmpty());

    const qint64 before = utcMs(w.context().clock());
    const auto read = p.refresh(QStringLiteral(" %1 ").arg(kSerial), 2);
    CHECK(read.kind == FeedbackKind::None);
    CHECK(changed.count() == 1);
    REQUIRE(p.statuses().size() == 2);
    CHECK(p.nowUtcMs() >= before);
    CHECK(p.nowUtcMs() <= utcMs(w.context().clock()));
    const QString factory = QStringLiteral("no calibration on record: the device's factory calibration applies");
    CHECK(p.rowText(0)
        == QStringList{QStringLiteral("1"), QStringLiteral("No calibration (factory)"), QStringLiteral("Usable"),
            QStringLiteral("none (factory calibration)"), QStringLiteral("-"), QStringLiteral("-"), factory});
    CHECK(p.rowText(1).at(CalibrationStatusPresenter::ChannelColumn) == QStringLiteral("2"));
    CHECK(p.rowText(2).isEmpty());
    const auto reminders = p.reminders();
    REQUIRE(reminders.size() == 1);
    CHECK(reminders[0].state == app::CalibrationState::Valid);
    CHECK(reminders[0].text == QStringLiteral("No channel is due within 30 days."));
    CHECK(p.summaryText() == QStringLiteral("Device GSIM-0001: 2 channels, none locked."));

    // A channel count the service does not take: its refusal verbatim, the statuses shown stay.
    const auto nine = p.refresh(kSerial, 9);
    CHECK(nine.isError());
    CHECK(nine.focus == CalibrationStatusPresenter::Field::None);
    CHECK(nine.text == QStringLiteral("channel count 9 must be 1..8"));
    CHECK(changed.count() == 1);
    CHECK(p.statuses().size() == 2);
}

TEST_CASE("calibration status presenter: while the clinic requires a record, every channel without one is locked")
{
    test::AdminWorld w;
    REQUIRE(w.context()
                .calibration()
                .setRequiresCalibrationRecord(w.admin, true, QStringLiteral("clinic policy from today"))
                .ok());
    CalibrationStatusPresenter p(w.context().calibration(), w.context().clock(), w.theo);
    REQUIRE(p.refresh(kSerial, 3).kind == FeedbackKind::None);
    REQUIRE(p.statuses().size() == 3);
    for (int row = 0; row < 3; ++row) {
        const QStringList cells = p.rowText(row);
        INFO(cells.join(QStringLiteral(" | ")).toStdString());
        CHECK(p.statuses().at(row).locked);
        CHECK(cells.at(CalibrationStatusPresenter::UseColumn) == QStringLiteral("LOCKED"));
        CHECK(cells.at(CalibrationStatusPresenter::CorrectionColumn) == QStringLiteral("none (locked)"));
        CHECK(cells.at(CalibrationStatusPresenter::ReasonColumn)
            == QStringLiteral(
                "no calibration on record and the clinic requires one: a technician must calibrate channel %1")
                   .arg(row + 1));
    }
    CHECK(p.summaryText() == QStringLiteral("Device GSIM-0001: 3 of 3 channels LOCKED for therapy."));
}

TEST_CASE("calibration status presenter: due and overdue channels are reminders, a failed channel has no due date")
{
    test::AdminWorld w;
    CalibrationStatusPresenter p(w.context().calibration(), w.context().clock(), w.theo);
    const qint64 now = 1'800'000'000'000;
    app::ChannelCalibrationStatus valid;
    valid.deviceSerial = kSerial;
    valid.channel = 1;
    valid.state = app::CalibrationState::Valid;
    valid.factoryCalibration = false;
    valid.calibrationId = 7;
    valid.dueUtcMs = now + 200 * kDayMs;
    valid.gain = 1.08;
    valid.offsetUa = -130.0;
    valid.calibratedMinUa = 10'000;
    valid.calibratedMaxUa = 50'000;
    auto soon = valid;
    soon.channel = 2;
    soon.state = app::CalibrationState::DueSoon;
    soon.dueUtcMs = now + 12 * kDayMs - 1000;
    soon.reason = QStringLiteral("calibration due soon");
    auto overdue = valid;
    overdue.channel = 3;
    overdue.state = app::CalibrationState::Overdue;
    overdue.locked = true;
    overdue.dueUtcMs = now - 3 * kDayMs;
    auto failed = valid;
    failed.channel = 4;
    failed.state = app::CalibrationState::Failed;
    failed.locked = true;
    failed.dueUtcMs = now + 300 * kDayMs; // the failed record's date: means nothing
    QSignalSpy changed(&p, &CalibrationStatusPresenter::statusesChanged);
    p.showStatuses({valid, soon, overdue, failed}, now, QStringLiteral("ignored: the statuses name the device"));
    CHECK(changed.count() == 1);
    CHECK(p.nowUtcMs() == now);

    CHECK(p.rowText(0)
        == QStringList{QStringLiteral("1"), QStringLiteral("Valid"), QStringLiteral("Usable"),
            QStringLiteral("gain 1.0800, offset -0.13 mA (record #7)"), QStringLiteral("10.0-50.0 mA"),
            QStringLiteral("%1 (due in 200 days)").arg(ui::presenters::dateText(valid.dueUtcMs)), QString()});
    CHECK(p.rowText(1).at(CalibrationStatusPresenter::StateColumn) == QStringLiteral("Due soon: due in 12 days"));
    CHECK(p.rowText(2).at(CalibrationStatusPresenter::StateColumn) == QStringLiteral("Overdue: overdue by 3 days"));
    CHECK(p.rowText(2).at(CalibrationStatusPresenter::UseColumn) == QStringLiteral("LOCKED"));
    CHECK(p.rowText(2).at(CalibrationStatusPresenter::CorrectionColumn) == QStringLiteral("none (locked)"));
    CHECK(p.rowText(3).at(CalibrationStatusPresenter::StateColumn) == QStringLiteral("Failed"));
    CHECK(p.rowText(3).at(CalibrationStatusPresenter::DueColumn) == QStringLiteral("-"));

    const auto reminders = p.reminders();
    REQUIRE(reminders.size() == 2);
    CHECK(reminders[0].state == app::CalibrationState::DueSoon);
    CHECK(reminders[0].text
        == QStringLiteral("Channel 2: calibration due in 12 days (%1)").arg(ui::presenters::dateText(soon.dueUtcMs)));
    CHECK(reminders[1].state == app::CalibrationState::Overdue);
    CHECK(reminders[1].text
        == QStringLiteral("Channel 3: calibration overdue by 3 days (%1) - LOCKED until recalibrated")
               .arg(ui::presenters::dateText(overdue.dueUtcMs)));
    CHECK(p.summaryText() == QStringLiteral("Device GSIM-0001: 2 of 4 channels LOCKED for therapy."));
    CHECK(CalibrationStatusPresenter::columnTitles().size() == CalibrationStatusPresenter::ColumnCount);

    p.showStatuses({}, now, QStringLiteral("P24-0009"));
    CHECK(p.summaryText() == QStringLiteral("Device P24-0009: 0 channels, none locked."));
}

TEST_CASE("technician device presenter: the URL list offers the context's device, the simulators and the ports found, "
          "each once")
{
    test::AdminWorld w;
    TechnicianDevicePresenter p(w.context(), w.theo);
    const QStringList urls = urlsOf(p.choices());
    REQUIRE_FALSE(urls.isEmpty());
    CHECK(urls.first() == w.context().deviceUrl());
    CHECK(QSet<QString>(urls.begin(), urls.end()).size() == urls.size());
    for (const QString& sim : TechnicianDevicePresenter::simulatorUrls()) {
        CHECK(urls.contains(sim));
    }
    CHECK(p.url() == w.context().deviceUrl());
    CHECK(p.portsText().isEmpty()); // nothing looked for yet
    // Before any connect: nothing known, Connect applies, Cancel does not.
    CHECK(p.stateText() == QStringLiteral("Not connected."));
    CHECK(p.feedback().kind == FeedbackKind::None);
    CHECK_FALSE(p.busy());
    CHECK(p.canConnect());
    CHECK_FALSE(p.canCancel());
    CHECK(p.connectToolTip() == QStringLiteral("Connect, run the power-on self-test and record it (Alt+C)"));
    CHECK_FALSE(p.selfTest());
    CHECK(p.identity().serial == QStringLiteral("-"));
    CHECK(p.identity().selfTest == QStringLiteral("-"));
    CHECK(p.historyRows().isEmpty());
    CHECK(p.historyNote() == QStringLiteral("Connect a device to see its past self-tests."));

    QSignalSpy choicesChanged(&p, &TechnicianDevicePresenter::choicesChanged);
    const app::DeviceChoice p24{QStringLiteral("serial:/dev/ttyUSB7?protocol=sciencemode4"),
        QStringLiteral("sciencemode4 on /dev/ttyUSB7 (Hasomed GmbH, P24, serial 4711)")};
    p.offerPorts({p24});
    CHECK(choicesChanged.count() == 1);
    REQUIRE(p.choices().size() == urls.size() + 1);
    CHECK(p.choices().last().url == p24.url);
    CHECK(p.choices().last().label == p24.label);
    CHECK(p.portsText() == QStringLiteral("Found on serial ports (in the list above): %1.").arg(p24.label));
    // Found again, described anew: listed once, with the new description.
    const app::DeviceChoice again{p24.url, QStringLiteral("sciencemode4 on /dev/ttyUSB7 (Hasomed GmbH, P24)")};
    p.offerPorts({again});
    CHECK(p.choices().size() == urls.size() + 1);
    CHECK(p.choices().last().label == again.label);
    p.offerPorts({});
    CHECK(p.choices().size() == urls.size() + 1);
    CHECK(p.portsText()
        == QStringLiteral("No stimulator found on a serial port (none has the USB IDs of a ScienceMode device)."));

    // The wizard holds the stimulator: no connect meanwhile, and the tooltip says why.
    QSignalSpy stateChanged(&p, &TechnicianDevicePresenter::stateChanged);
    QSignalSpy busyChanged(&p, &TechnicianDevicePresenter::busyChanged);
    p.setDeviceInUse(true);
    CHECK(stateChanged.count() == 1);
    CHECK_FALSE(p.canConnect());
    CHECK(p.connectToolTip() == QStringLiteral("The calibration wizard is using the stimulator"));
    CHECK(p.connectDevice().kind == FeedbackKind::None);
    CHECK_FALSE(p.busy());
    CHECK(busyChanged.count() == 0);
    p.setDeviceInUse(false);
    CHECK(p.canConnect());
}

TEST_CASE("technician device presenter: a URL the app cannot use is refused naming the URL field and nothing starts")
{
    test::AdminWorld w;
    TechnicianDevicePresenter p(w.context(), w.theo);
    QSignalSpy busyChanged(&p, &TechnicianDevicePresenter::busyChanged);
    p.setUrl(QStringLiteral("  sim:nosuchprotocol "));
    CHECK(p.url() == QStringLiteral("sim:nosuchprotocol"));
    const auto refused = p.connectDevice();
    const auto caps = app::PresetService::deviceCaps(QStringLiteral("sim:nosuchprotocol"));
    REQUIRE_FALSE(caps.ok());
    INFO(refused.text.toStdString());
    CHECK(refused.isError());
    CHECK(refused.focus == TechnicianDevicePresenter::Field::Url);
    CHECK(refused.text == caps.error().message);
    CHECK(refused.text.contains(QStringLiteral("nosuchprotocol")));
    CHECK(p.feedback().text == refused.text);
    CHECK_FALSE(p.busy());
    CHECK(busyChanged.count() == 0);
    CHECK(p.stateText() == QStringLiteral("Not connected."));
    CHECK(p.canConnect());
}

TEST_CASE("technician device presenter: connect self-tests the device, records the self-test and writes no "
          "calibration")
{
    test::AdminWorld w;
    TechnicianDevicePresenter p(w.context(), w.theo);
    QSignalSpy busyChanged(&p, &TechnicianDevicePresenter::busyChanged);
    QSignalSpy identified(&p, &TechnicianDevicePresenter::deviceIdentified);
    p.setUrl(QStringLiteral("sim:sciencemode4?channels=2&battery=15"));
    const auto begun = p.connectDevice();
    INFO(begun.text.toStdString());
    CHECK(begun.kind == FeedbackKind::None);
    CHECK(p.busy());
    CHECK_FALSE(p.canConnect());
    CHECK(p.canCancel());
    REQUIRE(busyChanged.count() == 1);
    CHECK(busyChanged.at(0).at(0).toBool());
    CHECK(p.stateText().startsWith(QStringLiteral("Connecting to sim:sciencemode4?channels=2&battery=15")));
    REQUIRE(test::waitUntil([&] { return !p.busy(); }, std::chrono::seconds(30)));
    INFO(p.feedback().text.toStdString());
    CHECK(p.feedback().kind == FeedbackKind::None);
    REQUIRE(identified.count() == 1);
    CHECK(identified.at(0).at(0).toString().startsWith(QStringLiteral("sim:sciencemode4")));
    CHECK(identified.at(0).at(1).toString() == kSerial);
    CHECK(identified.at(0).at(2).toInt() == 2);
    REQUIRE(busyChanged.count() == 2);
    CHECK_FALSE(busyChanged.at(1).at(0).toBool());
    CHECK(p.canConnect());
    CHECK_FALSE(p.canCancel());

    const auto& id = p.identity();
    CHECK(id.serial == kSerial);
    CHECK(id.channels == QStringLiteral("2"));
    CHECK(id.model.startsWith(QStringLiteral("sciencemode4")));
    CHECK(id.firmware != QStringLiteral("-"));
    CHECK(id.firmware != QStringLiteral("not reported"));
    // 15 %: a warning, not a failure.
    CHECK(id.battery.contains(QStringLiteral("15 %")));
    CHECK(id.battery.endsWith(QStringLiteral("(Warning)")));
    CHECK(id.selfTest == QStringLiteral("Passed"));
    CHECK(id.testedAt.endsWith(QStringLiteral(", recorded in the audit trail")));
    REQUIRE(p.selfTest());
    CHECK(p.selfTest()->passed());
    CHECK(p.selfTest()->deviceSerial == kSerial);
    CHECK(p.stateText().startsWith(QStringLiteral("Self-test of sim:sciencemode4")));
    CHECK(p.stateText().endsWith(
        QStringLiteral("done. The link is closed again; the calibration wizard connects on its own.")));
    // The device's past self-tests, read back from the audit trail: this one, run by theo at a connection.
    REQUIRE(p.historyRows().size() == 1);
    CHECK(p.historyRows()[0].size() == TechnicianDevicePresenter::historyColumnTitles().size());
    CHECK(p.historyRows()[0][1] == QStringLiteral("theo"));
    CHECK(p.historyRows()[0][2] == QStringLiteral("connection (full)"));
    CHECK(p.historyRows()[0][3] == QStringLiteral("Passed"));
    CHECK(p.historyNote() == QStringLiteral("GSIM-0001, newest first (at most 50), as recorded in the audit trail."));

    // Recorded through the service, and the aborted procedure left no calibration record of any kind.
    const auto selfTest = w.context().calibration().lastSelfTest(kSerial);
    REQUIRE(selfTest);
    CHECK(selfTest->passed());
    const auto all = w.context().calibration().allCalibrations(w.theo);
    REQUIRE(all.ok());
    CHECK(all->isEmpty());
}

TEST_CASE("technician device presenter: Cancel and STOP end a connect with their reason and identify nothing")
{
    test::AdminWorld w;
    TechnicianDevicePresenter p(w.context(), w.theo);
    QSignalSpy identified(&p, &TechnicianDevicePresenter::deviceIdentified);
    p.setUrl(QStringLiteral("sim:sciencemode4?channels=2"));
    REQUIRE(p.connectDevice().kind == FeedbackKind::None);
    REQUIRE(p.busy());
    p.cancel();
    REQUIRE(test::waitUntil([&] { return !p.busy(); }, std::chrono::seconds(15)));
    CHECK(p.feedback().isError());
    CHECK(p.feedback().text == QStringLiteral("connection cancelled by the technician"));
    CHECK(p.stateText() == QStringLiteral("Not connected."));
    CHECK(p.canConnect());

    REQUIRE(p.connectDevice().kind == FeedbackKind::None);
    CHECK(p.feedback().kind == FeedbackKind::None); // a new connect clears the last outcome
    REQUIRE(p.busy());
    p.stopOutput();
    REQUIRE(test::waitUntil([&] { return !p.busy(); }, std::chrono::seconds(15)));
    CHECK(p.feedback().text == QStringLiteral("STOP pressed"));
    CHECK(identified.count() == 0);
    CHECK_FALSE(p.selfTest());
    CHECK(p.identity().serial == QStringLiteral("-"));
    const auto all = w.context().calibration().allCalibrations(w.theo);
    REQUIRE(all.ok());
    CHECK(all->isEmpty());
}

TEST_CASE("technician device presenter: a presenter destroyed right after a connect ends leaves no device thread "
          "behind")
{
    // Regression: the ended procedure (with its device thread, which reads the context's clock) was left to the
    // event loop to delete. A presenter and context destroyed before the loop ran again left that thread running
    // on a destroyed clock (AddressSanitizer: use after free in the worker's handshake).
    test::AdminWorld w;
    const std::size_t servicesBefore = device::DeviceService::liveCount();
    auto p = std::make_unique<TechnicianDevicePresenter>(w.context(), w.theo);
    p->setUrl(QStringLiteral("sim:sciencemode4?channels=2"));
    REQUIRE(p->connectDevice().kind == FeedbackKind::None);
    CHECK(device::DeviceService::liveCount() == servicesBefore + 1);
    p->stopOutput(); // ends the connect at once, inside the call
    REQUIRE_FALSE(p->busy());
    p.reset(); // no event loop in between
    CHECK(device::DeviceService::liveCount() == servicesBefore);
}

TEST_CASE("technician device presenter: a treatment session holding the stimulator refuses a connect")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-7001"), QStringLiteral("Lindqvist"), {1});
    w.prepareSession(w.tess, QStringLiteral("MRN-7001"), {1}, 60);
    app::SessionController& sessions = w.context().sessions();

    TechnicianDevicePresenter p(w.context(), w.theo);
    const auto refused = p.connectDevice();
    CHECK(refused.isError());
    CHECK(refused.focus == TechnicianDevicePresenter::Field::None);
    CHECK(refused.text == QStringLiteral("A treatment session is using the stimulator; connect when it has ended."));
    CHECK_FALSE(p.busy());

    // Once the prepared session is dropped, the connect begins.
    sessions.stop(QStringLiteral("test over"));
    REQUIRE(sessions.state() == app::SessionState::Idle);
    CHECK(p.connectDevice().kind == FeedbackKind::None);
    CHECK(p.busy());
    p.cancel();
    REQUIRE(test::waitUntil([&] { return !p.busy(); }, std::chrono::seconds(15)));
}

TEST_CASE("technician device presenter: a self-test another panel ran is shown in words, each failed check with what "
          "was found")
{
    test::AdminWorld w;
    TechnicianDevicePresenter p(w.context(), w.theo);
    QSignalSpy selfTestChanged(&p, &TechnicianDevicePresenter::selfTestChanged);
    app::SelfTestReport failing;
    failing.deviceUrl = QStringLiteral("sim:sciencemode4?channels=4");
    failing.protocol = QStringLiteral("sciencemode4");
    failing.atUtcMs = 1'800'000'000'000;
    failing.checks = {
        {QStringLiteral("handshake"), 0, app::CheckOutcome::Passed,
            QStringLiteral("sciencemode4 low, 4 channels, firmware 1.2, serial not reported")},
        {QStringLiteral("battery"), 0, app::CheckOutcome::Passed, QStringLiteral("85 %")},
        {QStringLiteral("low-current check"), 1, app::CheckOutcome::Failed, QStringLiteral("0.00 mA of 2.00 mA")},
        {QStringLiteral("low-current check"), 3, app::CheckOutcome::Failed, QStringLiteral("0.00 mA of 2.00 mA")},
    };
    p.showSelfTest(failing);
    CHECK(selfTestChanged.count() == 1);
    const auto& id = p.identity();
    CHECK(id.model == QStringLiteral("sciencemode4 low"));
    CHECK(id.channels == QStringLiteral("4"));
    CHECK(id.serial == QStringLiteral("not reported"));
    CHECK(id.firmware == QStringLiteral("not reported"));
    CHECK(id.battery == QStringLiteral("85 % (Passed)"));
    CHECK(id.selfTest
        == QStringLiteral("FAILED: low-current check on channel 1: 0.00 mA of 2.00 mA; low-current check on channel 3: "
                          "0.00 mA of 2.00 mA"));
    CHECK(id.testedAt
        == QStringLiteral("%1, recorded in the audit trail").arg(ui::presenters::dateTimeText(failing.atUtcMs)));
    CHECK(p.historyRows().isEmpty());
    CHECK(p.historyNote()
        == QStringLiteral("The device reports no serial number, so its self-tests cannot be told from another "
                          "device's."));
    CHECK(p.stateText()
        == QStringLiteral("Self-test of sim:sciencemode4?channels=4 done. The link is closed again; the calibration "
                          "wizard connects on its own."));

    // The next report stands on its own: what it does not report is not carried over from the last one.
    app::SelfTestReport bare;
    bare.deviceSerial = kSerial;
    bare.firmware = QStringLiteral("2.0");
    bare.checks = {{QStringLiteral("handshake"), 0, app::CheckOutcome::Failed,
        QStringLiteral("the device did not complete the handshake (state disconnected)")}};
    p.showSelfTest(bare);
    CHECK(p.identity().model == QStringLiteral("not reported"));
    CHECK(p.identity().battery == QStringLiteral("-"));
    CHECK(p.identity().serial == kSerial);
    CHECK(p.identity().selfTest
        == QStringLiteral("FAILED: handshake: the device did not complete the handshake (state disconnected)"));
    CHECK(p.historyRows().isEmpty()); // nothing recorded for it yet
    CHECK(p.historyNote().startsWith(kSerial));
}
