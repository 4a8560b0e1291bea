// SPDX-License-Identifier: GPL-3.0-or-later
// The calibration wizard's presenter without widgets, on a real AppContext with the in-process simulated
// stimulator: the set-up's refusals by field, a measured run followed through its words to the outcome, the
// manual reading's checks and an abort mid-channel, a treatment session holding the stimulator, and the ended
// procedure's device thread gone with the presenter. The wizard's widgets are driven in ui/technician's tests.
#include "AdminWorld.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
#include "app/session/SessionController.h"
#include "device/worker/DeviceService.h"
#include "support/WaitUntil.h"
#include "ui/presenters/CalibrationWizardPresenter.h"

#include <catch2/catch.hpp>

#include <QLocale>
#include <QSignalSpy>

#include <chrono>
#include <memory>

using namespace galvani;
using WizardPresenter = ui::presenters::CalibrationWizardPresenter;
using WizardField = WizardPresenter::Field;

namespace {

WizardPresenter::SetupForm formFor(const QList<int>& channels, bool manual)
{
    WizardPresenter::SetupForm form;
    form.channels = channels;
    form.points = QStringLiteral("10, 25, 50");
    form.manual = manual;
    return form;
}

void addMeter(WizardPresenter& p)
{
    REQUIRE(p.addInstrument(QStringLiteral("Fluke 87V"), QStringLiteral("FL-1"), p.today().addYears(1)).kind
        == ui::presenters::FeedbackKind::None);
}

// Starts a manual run of these channels on the simulator (ScienceMode4, mid level), continues at the first channel and
// waits for the first reading to be asked for; every point measured is appended to *points.
void startManualRun(WizardPresenter& p, const QList<int>& channels, QList<app::CalibrationPointResult>* points)
{
    p.setDeviceUrl(QStringLiteral("sim:sciencemode4?channels=2&level=mid"));
    addMeter(p);
    QObject::connect(&p, &WizardPresenter::pointMeasured, &p,
        [points](const app::CalibrationPointResult& point) { points->append(point); });
    REQUIRE(p.start(formFor(channels, true)).kind == ui::presenters::FeedbackKind::None);
    REQUIRE(test::waitUntil([&] { return p.ask() == WizardPresenter::Ask::Continue; }, std::chrono::seconds(30)));
    p.continueRun();
    REQUIRE(test::waitUntil([&] { return p.ask() == WizardPresenter::Ask::Reading; }, std::chrono::seconds(30)));
}

// Continues at every channel until the run ends (measured mode).
void runToEnd(WizardPresenter& p)
{
    while (p.running()) {
        REQUIRE(test::waitUntil(
            [&] { return !p.running() || p.ask() == WizardPresenter::Ask::Continue; }, std::chrono::seconds(60)));
        if (p.running()) {
            p.continueRun();
            REQUIRE(p.ask() == WizardPresenter::Ask::Nothing);
        }
    }
}

} // namespace

TEST_CASE("calibration wizard presenter: the set-up refuses by field and describes the run the form asks for")
{
    test::AdminWorld w;
    WizardPresenter p(w.context(), w.theo);
    p.setDeviceUrl(QStringLiteral(" sim:sciencemode4?channels=4 "));
    CHECK(p.deviceUrl() == QStringLiteral("sim:sciencemode4?channels=4"));
    CHECK(p.deviceChannels() == 4);
    CHECK(p.deviceText()
        == QStringLiteral("Stimulator: <b>sim:sciencemode4?channels=4</b>, 4 channels (change it on the Device tab)."));
    CHECK(p.page() == WizardPresenter::Page::Setup);
    CHECK(WizardPresenter::stepsText(WizardPresenter::Page::Run)
        == QStringLiteral("1 Set up &rsaquo; <b>2 Run</b> &rsaquo; 3 Result"));

    // Instruments: the name, the serial, a lapsed calibration and a second entry are each refused.
    QSignalSpy instrumentsChanged(&p, &WizardPresenter::instrumentsChanged);
    const QDate today = p.today();
    CHECK(p.addInstrument(QStringLiteral("  "), QStringLiteral("FL-1"), today).focus == WizardField::InstrumentName);
    const auto noSerial = p.addInstrument(QStringLiteral("Fluke 87V"), QString(), today);
    CHECK(noSerial.text == QStringLiteral("Instrument serial: type the serial number of Fluke 87V."));
    CHECK(noSerial.focus == WizardField::InstrumentSerial);
    const auto lapsed = p.addInstrument(QStringLiteral("Fluke 87V"), QStringLiteral("FL-1"), today.addDays(-1));
    CHECK(lapsed.focus == WizardField::InstrumentDue);
    CHECK(lapsed.text.startsWith(QStringLiteral("Instrument Fluke 87V (serial FL-1) was due on %1")
                                     .arg(today.addDays(-1).toString(Qt::ISODate))));
    CHECK(instrumentsChanged.count() == 0);

    // Without an instrument the form is refused at that field, and the refusal clears once one is added.
    const auto noInstrument = p.start(formFor({1}, false));
    CHECK(noInstrument.focus == WizardField::Instruments);
    CHECK(p.setupFeedback().text
        == QStringLiteral("Reference instruments: add at least one (name, serial and its calibration due date)."));
    CHECK_FALSE(p.running());
    CHECK(p.addInstrument(QStringLiteral(" Fluke 87V "), QStringLiteral("FL-1"), today).kind
        == ui::presenters::FeedbackKind::None); // due today is still within its calibration
    CHECK(p.setupFeedback().kind == ui::presenters::FeedbackKind::None);
    CHECK(p.addInstrument(QStringLiteral("Fluke 87V"), QStringLiteral("FL-1"), today.addYears(1)).text
        == QStringLiteral("Instrument Fluke 87V (serial FL-1) is already in the list."));
    REQUIRE(p.instruments().size() == 1);
    CHECK(WizardPresenter::instrumentRow(p.instruments()[0])
        == QStringList{QStringLiteral("Fluke 87V"), QStringLiteral("FL-1"), today.toString(Qt::ISODate)});
    CHECK(instrumentsChanged.count() == 1);

    // The form's own fields.
    WizardPresenter::Result refusal;
    CHECK_FALSE(p.setupOf(formFor({}, false), &refusal));
    CHECK(refusal.focus == WizardField::Channels);
    CHECK(refusal.text == QStringLiteral("Channels: tick at least one channel (1-4)."));
    CHECK_FALSE(p.setupOf(formFor({1, 5}, false), &refusal)); // a channel the device does not have
    CHECK(refusal.focus == WizardField::Channels);
    CHECK(refusal.text == QStringLiteral("Channels: channel 5 is not on this stimulator; tick channels 1-4."));
    auto form = formFor({2, 1, 2}, true);
    form.points = QStringLiteral("10, 25, 120");
    CHECK_FALSE(p.setupOf(form, &refusal));
    CHECK(refusal.text == QStringLiteral("Test currents: '120' is not a current above 0 and at most 100 mA."));
    CHECK(refusal.focus == WizardField::Points);
    form.points = QStringLiteral("10, nan, 50");
    CHECK_FALSE(p.setupOf(form, &refusal));
    CHECK(refusal.text.startsWith(QStringLiteral("Test currents: 'nan'")));
    form.points = QStringLiteral("10, 25");
    CHECK_FALSE(p.setupOf(form, &refusal));
    CHECK(refusal.text.startsWith(QStringLiteral("Test currents: give at least 3")));
    form.points = QStringLiteral(" 5, 12.5 ,40 ");
    form.deviceSerial = QStringLiteral(" GSIM-0001 ");
    form.intervalMonths = 6;
    const auto setup = p.setupOf(form, &refusal);
    REQUIRE(setup);
    CHECK(refusal.kind == ui::presenters::FeedbackKind::None);
    CHECK(setup->deviceUrl == QStringLiteral("sim:sciencemode4?channels=4"));
    CHECK(setup->channels == QList<int>{2, 1}); // each once, in the order ticked
    CHECK(setup->pointsUa == QList<qint64>{5'000, 12'500, 40'000});
    CHECK(setup->mode == app::MeasurementMode::Manual);
    CHECK(setup->intervalMonths == 6);
    CHECK(setup->deviceSerial == QStringLiteral("GSIM-0001"));
    REQUIRE(setup->instruments.size() == 1);
    CHECK(setup->instruments[0].serial == QStringLiteral("FL-1"));

    // No device chosen.
    p.setDeviceUrl(QString());
    CHECK_FALSE(p.setupOf(form, &refusal));
    CHECK(refusal.focus == WizardField::Device);
}

TEST_CASE("calibration wizard presenter: a measured run in words, from the load to the outcome")
{
    test::AdminWorld w;
    WizardPresenter p(w.context(), w.theo);
    p.setDeviceUrl(QStringLiteral("sim:sciencemode4?channels=2"));
    addMeter(p);
    QSignalSpy begun(&p, &WizardPresenter::runBegun);
    QList<app::CalibrationPointResult> points;
    QObject::connect(&p, &WizardPresenter::pointMeasured, &p,
        [&points](const app::CalibrationPointResult& point) { points.append(point); });
    QSignalSpy channels(&p, &WizardPresenter::channelFinished);
    QSignalSpy finished(&p, &WizardPresenter::runFinished);
    REQUIRE(p.start(formFor({2}, false)).kind == ui::presenters::FeedbackKind::None);
    CHECK(p.running());
    CHECK(p.page() == WizardPresenter::Page::Run);
    CHECK(p.abortEnabled());
    REQUIRE(begun.count() == 1);
    CHECK(begun.at(0).at(0).toInt() == 1);
    CHECK(begun.at(0).at(1).toInt() == 3);
    CHECK(p.progressText() == QStringLiteral("Connecting and self-testing"));
    CHECK(p.progressTotal() == 6);

    REQUIRE(test::waitUntil([&] { return p.ask() == WizardPresenter::Ask::Continue; }, std::chrono::seconds(30)));
    CHECK(p.selfTestText().startsWith(QStringLiteral("Device GSIM-0001, firmware ")));
    CHECK(p.selfTestText().endsWith(QStringLiteral("Power-on self-test: passed.")));
    CHECK(p.prompt() == QStringLiteral("Connect the 500 ohm reference load to channel 2, then continue."));
    CHECK(p.continueText() == QStringLiteral("&Continue: the 500 Ω load is on channel 2"));
    CHECK(p.progressText() == QStringLiteral("Channel 1 of 1 (output 2): waiting for the load"));
    CHECK(p.progressDone() == 0);
    // A reading is not asked for in measured mode: it is refused and nothing is taken.
    const auto unasked = p.submitReading(QStringLiteral("10"), QString(), QString());
    CHECK(unasked.isError());
    CHECK(unasked.text == QStringLiteral("No reading is expected now: the stimulator measures each point."));

    runToEnd(p);
    CHECK(p.page() == WizardPresenter::Page::Result);
    CHECK_FALSE(p.abortEnabled());
    CHECK(points.size() == 6);
    REQUIRE(channels.count() == 1);
    REQUIRE(finished.count() == 1);
    CHECK(p.progressText() == QStringLiteral("All 1 channels measured"));
    CHECK(p.progressDone() == p.progressTotal());

    const auto firstPoint = WizardPresenter::pointRow(points.at(0));
    REQUIRE(firstPoint.cells.size() == WizardPresenter::pointColumnTitles().size());
    CHECK(firstPoint.cells[0] == QStringLiteral("2"));
    CHECK(firstPoint.cells[1] == QStringLiteral("as found"));
    CHECK(firstPoint.cells[2] == QStringLiteral("10.0"));
    CHECK(firstPoint.cells.last() == QStringLiteral("Yes"));
    CHECK(firstPoint.passed);

    const auto& summary = p.lastSummary();
    INFO(summary.abortReason.toStdString());
    REQUIRE(summary.completed);
    REQUIRE(summary.channels.size() == 1);
    CHECK(
        WizardPresenter::channelResultText(summary.channels[0]).startsWith(QStringLiteral("Channel 2: PASSED, gain ")));
    const auto outcome = p.outcome();
    CHECK(outcome.headline == QStringLiteral("1 of 1 channels passed"));
    CHECK(outcome.detail
        == QStringLiteral("Device GSIM-0001: every calibrated channel is usable with its new correction."));
    CHECK(outcome.signedBy.endsWith(QStringLiteral("(login theo).")));
    const QStringList row = WizardPresenter::resultRow(summary.channels[0]);
    REQUIRE(row.size() == WizardPresenter::resultColumnTitles().size());
    CHECK(row[1] == QStringLiteral("PASSED"));
    CHECK(row[5].size() == 10); // the due date, yyyy-MM-dd
    CHECK(row[6].startsWith(QStringLiteral("#%1 (").arg(summary.channels[0].calibrationId)));
    CHECK(row.last().isEmpty());

    // Back to the set-up, which keeps the instrument.
    p.showSetup();
    CHECK(p.page() == WizardPresenter::Page::Setup);
    CHECK(p.instruments().size() == 1);
}

TEST_CASE("calibration wizard presenter: manual readings are checked by field, and an abort names what was not "
          "recorded")
{
    test::AdminWorld w;
    WizardPresenter p(w.context(), w.theo);
    QList<app::CalibrationPointResult> points;
    startManualRun(p, {1, 2}, &points);
    CHECK(p.prompt() == QStringLiteral("Channel 1: type the meter reading below."));
    CHECK(p.readingPrompt()
        == QStringLiteral("Channel 1, as found: set 10.0 mA. The stimulator is commanded 10.0 mA now. Read the meter "
                          "and type its reading."));
    CHECK(p.progressText() == QStringLiteral("Channel 1 of 2 (output 1), point 1 of 3, as found"));

    const auto notANumber = p.submitReading(QStringLiteral("ten"), QString(), QString());
    CHECK(notANumber.focus == WizardField::Current);
    CHECK(notANumber.text
        == QStringLiteral("Current: 'ten' is not a reading; type the meter's current in mA, 0-200 mA."));
    CHECK(p.readingFeedback().text == notANumber.text);
    for (const QString& outOfRange : {QStringLiteral("200.5"), QStringLiteral("-0.1"), QStringLiteral("inf")}) {
        const auto refused = p.submitReading(outOfRange, QString(), QString());
        CHECK(refused.focus == WizardField::Current);
        CHECK(refused.text
            == QStringLiteral("Current: '%1' is not a reading; type the meter's current in mA, 0-200 mA.")
                   .arg(outOfRange));
    }
    const auto badWidth = p.submitReading(QStringLiteral("10"), QStringLiteral("0"), QString());
    CHECK(badWidth.focus == WizardField::Width);
    CHECK(badWidth.text.startsWith(QStringLiteral("Width: '0' is not a pulse width")));
    const auto badRate = p.submitReading(QStringLiteral("10"), QStringLiteral("200"), QStringLiteral("10001"));
    CHECK(badRate.focus == WizardField::Rate);
    CHECK(badRate.text.startsWith(QStringLiteral("Rate: '10001' is not a pulse rate")));
    CHECK(points.size() == 0);
    CHECK(p.ask() == WizardPresenter::Ask::Reading);

    // A reading with width and rate is taken; the refusal clears.
    CHECK(p.submitReading(QStringLiteral(" 10.2 "), QStringLiteral("201"), QStringLiteral("100")).kind
        == ui::presenters::FeedbackKind::None);
    CHECK(p.readingFeedback().kind == ui::presenters::FeedbackKind::None);
    REQUIRE(test::waitUntil([&] { return points.size() == 1; }, std::chrono::seconds(30)));
    const auto row = WizardPresenter::pointRow(points.at(0));
    CHECK(row.cells[4] == QStringLiteral("10.20"));
    CHECK(row.cells[7] == QStringLiteral("201.0"));
    CHECK(row.cells[8] == QStringLiteral("100.00"));

    // Abort while channel 1 is under way: its attempt stays incomplete and channel 2 was never reached.
    REQUIRE(test::waitUntil([&] { return p.ask() == WizardPresenter::Ask::Reading; }, std::chrono::seconds(30)));
    p.abort();
    CHECK(p.prompt() == QStringLiteral("Stopping the output ..."));
    CHECK(p.ask() == WizardPresenter::Ask::Nothing);
    CHECK_FALSE(p.abortEnabled()); // once: the output is being stopped
    REQUIRE(test::waitUntil([&] { return !p.running(); }, std::chrono::seconds(15)));
    CHECK(p.page() == WizardPresenter::Page::Result);
    const auto outcome = p.outcome();
    CHECK(outcome.headline == QStringLiteral("Calibration stopped: aborted by the technician (theo)"));
    CHECK(outcome.detail
        == QStringLiteral("No channel was finished. Channel 1 was under way: it is recorded only as incomplete, which "
                          "never changes its state (its previous calibration, if any, still applies). Not calibrated "
                          "in this run: channel 2."));
    CHECK(outcome.signedBy == QStringLiteral("No record was signed."));
    const auto status = w.context().calibration().history(w.theo, QStringLiteral("GSIM-0001"), 1);
    REQUIRE(status.ok());
    REQUIRE_FALSE(status->isEmpty());
    for (const auto& entry : *status) {
        CHECK(entry.status == QStringLiteral("incomplete")); // the attempt, then its points: never passed or failed
    }
    CHECK(w.context().calibration().history(w.theo, QStringLiteral("GSIM-0001"), 2)->isEmpty());
}

TEST_CASE("calibration wizard presenter: a reading typed with a decimal point is not read as thousands in a "
          "German locale")
{
    // Regression: a reading was read in the workstation's locale first, group separators allowed, so "0.050" on a
    // German workstation became 50 mA (the point taken as a thousands separator). A decimal comma is still taken.
    struct DefaultLocale {
        QLocale saved;
        DefaultLocale() { QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); }
        ~DefaultLocale() { QLocale::setDefault(saved); }
        DefaultLocale(const DefaultLocale&) = delete;
        DefaultLocale& operator=(const DefaultLocale&) = delete;
    } german;
    test::AdminWorld w;
    WizardPresenter p(w.context(), w.theo);
    QList<app::CalibrationPointResult> points;
    startManualRun(p, {1}, &points);
    CHECK(p.submitReading(QStringLiteral("0.050"), QString(), QString()).kind == ui::presenters::FeedbackKind::None);
    REQUIRE(test::waitUntil([&] { return points.size() == 1; }, std::chrono::seconds(30)));
    CHECK(points[0].measuredUa == Approx(50.0));
    REQUIRE(test::waitUntil([&] { return p.ask() == WizardPresenter::Ask::Reading; }, std::chrono::seconds(30)));
    CHECK(p.submitReading(QStringLiteral("25,3"), QStringLiteral("1.000"), QString()).kind
        == ui::presenters::FeedbackKind::None);
    REQUIRE(test::waitUntil([&] { return points.size() == 2; }, std::chrono::seconds(30)));
    CHECK(points[1].measuredUa == Approx(25'300.0));
    REQUIRE(points[1].measuredWidthUs);
    CHECK(*points[1].measuredWidthUs == Approx(1.0));
    p.abort(QStringLiteral("test over"));
    REQUIRE(test::waitUntil([&] { return !p.running(); }, std::chrono::seconds(15)));
}

TEST_CASE("calibration wizard presenter: a treatment session holding the stimulator refuses a start")
{
    test::AdminWorld w;
    w.addPatient(QStringLiteral("MRN-7002"), QStringLiteral("Lindqvist"), {1});
    w.prepareSession(w.tess, QStringLiteral("MRN-7002"), {1}, 60);
    app::SessionController& sessions = w.context().sessions();

    WizardPresenter p(w.context(), w.theo);
    addMeter(p);
    const auto refused = p.start(formFor({1}, false));
    CHECK(refused.text == QStringLiteral("A treatment session is using the stimulator; calibrate when it has ended."));
    CHECK_FALSE(p.running());
    CHECK(p.page() == WizardPresenter::Page::Setup);
    sessions.stop(QStringLiteral("test over"));
}

TEST_CASE("calibration wizard presenter: a presenter destroyed right after its run ends leaves no device thread "
          "behind")
{
    // Regression (as for the device tab's presenter): the ended procedure, with its device thread reading the
    // context's clock, was left to the event loop to delete and outlived a presenter and context destroyed first.
    test::AdminWorld w;
    const std::size_t servicesBefore = device::DeviceService::liveCount();
    auto p = std::make_unique<WizardPresenter>(w.context(), w.theo);
    addMeter(*p);
    REQUIRE(p->start(formFor({1}, false)).kind == ui::presenters::FeedbackKind::None);
    CHECK(device::DeviceService::liveCount() == servicesBefore + 1);
    p->abort(QStringLiteral("STOP pressed")); // ends the run at once while connecting, inside the call
    REQUIRE_FALSE(p->running());
    CHECK(p->lastSummary().abortReason == QStringLiteral("STOP pressed"));
    p.reset(); // no event loop in between
    CHECK(device::DeviceService::liveCount() == servicesBefore);
}
