// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/calibration/CalibrationProcedure.h"
#include "app/calibration/CalibrationResults.h"
#include "app/calibration/CalibrationSetup.h"
#include "ui/presenters/Feedback.h"

#include <QDate>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace galvani::app {
class AppContext;
}

namespace galvani::ui::presenters {

// The technician's calibration wizard, for CalibrationWizard and its set-up, run and result pages. Set-up: the
// stimulator to calibrate and its channel count in words, the reference instruments (each refused by name when its
// own calibration has lapsed by the service clock's date, or listed twice), and the CalibrationSetup the form
// describes, or the first field that is wrong and what it accepts. Start begins a CalibrationProcedure through
// CalibrationService::begin() (the service's refusals verbatim; refused while a treatment session holds the
// stimulator) and follows it from its own signals: what the technician is to do now, which control the page asks
// for (Continue once the load is on the next channel, the meter reading in manual mode, or nothing while the
// procedure works), where the run is ("Channel 2 of 8 (output 3), point 2 of 3, as found") with the points done of
// all, every point and finished channel in words as they come, and at the end the outcome of the run and of each
// channel. Abort (and STOP) stop the output at once; the channel under way keeps only its "incomplete" record.
// Nothing here waits or polls.
// Thread affinity: the RecordStore's thread (the GUI thread, which runs the event loop). Ownership: borrows the
// AppContext, which must outlive it; owns the procedure, also once it has ended (then as a child deleted from the
// event loop, or with the presenter, whichever comes first, so no device thread outlives the context). Destroying the
// presenter mid-run stops the output and writes nothing more, like a crash. Units: µA in, mA in words; times UTC ms.
class CalibrationWizardPresenter : public QObject {
    Q_OBJECT
public:
    enum class Page { Setup, Run, Result };
    // The field a refusal names, for the pages to focus.
    enum class Field {
        None,
        Device,
        Channels,
        Points,
        Instruments,
        InstrumentName,
        InstrumentSerial,
        InstrumentDue,
        Current,
        Width,
        Rate
    };
    using Result = Feedback<Field>;
    // What the run page asks of the technician now.
    enum class Ask { Nothing, Continue, Reading };

    static constexpr double kMaxPointMa = 100.0;
    static constexpr double kMaxReadingMa = 200.0;
    static constexpr double kMaxWidthUs = 10'000.0;
    static constexpr double kMaxRateHz = 10'000.0;

    // The set-up form as entered: the ticked channels (1-based), the load, the test currents as typed ("10, 25,
    // 50" in mA), the interval, the reading mode, the serial when the device reports none, notes.
    struct SetupForm {
        QList<int> channels;
        int loadOhms = 500;
        QString points;
        int intervalMonths = 12;
        bool manual = false;
        QString deviceSerial;
        QString notes;
    };

    // One row of the run page's point table, in the columns of pointColumnTitles(); passed marks the last column.
    struct PointRow {
        QStringList cells;
        bool passed = false;
        QString failure; // why not, for the tooltip
    };

    // The run's outcome in words, once it has ended.
    struct Outcome {
        QString headline; // "3 of 3 channels passed", "Calibration stopped: <why>"
        QString detail; // what that means for the device, or what was and was not recorded
        QString signedBy; // "Records signed by Theo Tech (login theo)." or "No record was signed."
    };

    CalibrationWizardPresenter(app::AppContext& context, app::SignedInUser user, QObject* parent = nullptr);
    ~CalibrationWizardPresenter() override;
    CalibrationWizardPresenter(const CalibrationWizardPresenter&) = delete;
    CalibrationWizardPresenter& operator=(const CalibrationWizardPresenter&) = delete;

    // --- set-up
    // The stimulator to calibrate (the Device tab's URL): its channel count (at most 8; 8 when the URL cannot be
    // used, which deviceText() then says). Emits deviceChanged.
    void setDeviceUrl(const QString& url);
    [[nodiscard]] const QString& deviceUrl() const { return m_url; }
    [[nodiscard]] int deviceChannels() const { return m_deviceChannels; }
    // Rich text: "Stimulator: <b>url</b>, 8 channels (change it on the Device tab)." or what is wrong with it.
    [[nodiscard]] const QString& deviceText() const { return m_deviceText; }
    // The date instruments are judged against: the service clock's, UTC.
    [[nodiscard]] QDate today() const;

    // Adds a reference instrument (name and serial trimmed); refuses, naming the field, an empty name or serial,
    // one whose due date has passed (InstrumentDue), or one already listed. Emits instrumentsChanged when added.
    Result addInstrument(const QString& name, const QString& serial, const QDate& due);
    void removeInstrument(int row); // out of range: nothing
    [[nodiscard]] const QList<app::ReferenceInstrument>& instruments() const { return m_instruments; }
    [[nodiscard]] static QStringList instrumentColumnTitles(); // Instrument, Serial, Calibration due
    [[nodiscard]] static QStringList instrumentRow(const app::ReferenceInstrument& instrument);

    // The setup the form describes with the instruments listed (a channel ticked twice counted once), or nullopt
    // and *refusal naming the first field that is wrong and what it accepts (a channel the device lacks too).
    [[nodiscard]] std::optional<app::CalibrationSetup> setupOf(const SetupForm& form, Result* refusal) const;
    // Begins the run (page Run, busy until finished), or returns the refusal (also setupFeedback()); nothing is
    // done while a run is under way.
    Result start(const SetupForm& form);
    [[nodiscard]] const Result& setupFeedback() const { return m_setupFeedback; }

    [[nodiscard]] Page page() const { return m_page; }
    // "<b>1 Set up</b> › 2 Run › 3 Result" with the page in bold.
    [[nodiscard]] static QString stepsText(Page page);
    [[nodiscard]] bool running() const { return m_procedure != nullptr; }
    // From the result back to the set-up, which keeps what was entered; nothing while a run is under way.
    void showSetup();

    // --- run
    [[nodiscard]] const QString& prompt() const { return m_prompt; }
    [[nodiscard]] Ask ask() const { return m_ask; }
    // Ask::Continue: "&Continue: the 500 Ω load is on channel 3" and its tooltip.
    [[nodiscard]] QString continueText() const;
    [[nodiscard]] QString continueToolTip() const;
    // Ask::Reading: what is commanded now and what to read.
    [[nodiscard]] QString readingPrompt() const;
    [[nodiscard]] const QString& progressText() const { return m_progressText; }
    [[nodiscard]] int progressDone() const { return m_progressDone; }
    [[nodiscard]] int progressTotal() const { return m_progressTotal; } // at least 1
    // "Device GSIM-0001, firmware 1.2. Power-on self-test: passed."; empty before the self-test of this run.
    [[nodiscard]] const QString& selfTestText() const { return m_selfTestText; }
    [[nodiscard]] bool abortEnabled() const { return running() && !m_aborting; }
    // The reading's refusal, naming the field (Current, Width, Rate) and its range; kind None when none.
    [[nodiscard]] const Result& readingFeedback() const { return m_readingFeedback; }

    // ReadyForChannel: the load is on the channel; measure it.
    void continueRun();
    // AwaitingReading: the meter's current in mA (0-200), and optionally the width (µs) and rate (Hz) read,
    // each in the workstation's locale ("12,5") or with a point, never with thousands separators. Returns the
    // refusal (also readingFeedback()): a field out of range, or no reading asked for now; or kind None when the
    // procedure took it.
    Result submitReading(const QString& currentMa, const QString& widthUs, const QString& rateHz);
    // Abort and STOP: the output stops at once. Empty reason: "aborted by the technician (<login>)".
    void abort(const QString& reason = QString());

    [[nodiscard]] static QStringList pointColumnTitles();
    [[nodiscard]] static PointRow pointRow(const app::CalibrationPointResult& point);
    // "Channel 3: PASSED, gain 1.0012, offset +0.04 mA" or "Channel 3: FAILED - <reason>".
    [[nodiscard]] static QString channelResultText(const app::ChannelCalibrationResult& result);

    // --- result
    // The last run's outcome (empty before the first run ends).
    [[nodiscard]] const app::CalibrationSummary& lastSummary() const { return m_summary; }
    [[nodiscard]] Outcome outcome() const;
    [[nodiscard]] static QStringList resultColumnTitles();
    // One row per calibrated channel, in the columns of resultColumnTitles().
    [[nodiscard]] static QStringList resultRow(const app::ChannelCalibrationResult& result);

Q_SIGNALS:
    void deviceChanged();
    void instrumentsChanged();
    void setupFeedbackChanged();
    void pageChanged(galvani::ui::presenters::CalibrationWizardPresenter::Page page);
    void runningChanged(bool running);
    // A run began: the page clears its table (channels × points × 2 measurements to come).
    void runBegun(int channels, int pointsPerPhase);
    // prompt(), ask(), progress, abortEnabled() or readingFeedback() changed.
    void runStateChanged();
    void selfTestFinished(const galvani::app::SelfTestReport& report);
    void pointMeasured(const galvani::app::CalibrationPointResult& point);
    void channelFinished(const galvani::app::ChannelCalibrationResult& result);
    void runFinished(const galvani::app::CalibrationSummary& summary);

private:
    void setPage(Page page);
    void setSetupFeedback(Result feedback);
    void onStep(app::CalibrationProcedure::Step step);
    void onPoint(const app::CalibrationPointResult& point);
    void onChannel(const app::ChannelCalibrationResult& result);
    void onFinished(const app::CalibrationSummary& summary);
    void updateProgress();
    void retireProcedure();

    app::AppContext& m_context;
    app::SignedInUser m_user;
    std::unique_ptr<app::CalibrationProcedure> m_procedure;

    QString m_url;
    int m_deviceChannels = 8;
    QString m_deviceText;
    QList<app::ReferenceInstrument> m_instruments;
    Result m_setupFeedback;
    Page m_page = Page::Setup;

    app::CalibrationSetup m_setup;
    app::CalibrationSummary m_summary;
    bool m_aborting = false;
    QString m_prompt;
    Ask m_ask = Ask::Nothing;
    std::optional<app::PendingReading> m_pending;
    int m_continueChannel = 0;
    QString m_progressText;
    int m_progressDone = 0;
    int m_progressTotal = 1;
    QString m_selfTestText;
    Result m_readingFeedback;
    // Where the run is, for "channel 2 of 8, point 2 of 3".
    int m_channelIndex = 0;
    app::PointPhase m_phase = app::PointPhase::AsFound;
    int m_pointsInPhase = 0;
    int m_channelUnderWay = 0; // begun (its incomplete record written) and not finished; 0 when none
};

} // namespace galvani::ui::presenters
