// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/DeviceChoices.h"
#include "app/access/Access.h"
#include "app/calibration/CalibrationProcedure.h"
#include "app/calibration/SelfTestReport.h"
#include "ui/presenters/Feedback.h"

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

// The technician's device tab, for TechnicianDevicePanel: the device URLs to offer (the context's device, the
// in-process simulators, then the serial-port stimulators found, each URL once, a port with what it is), the URL
// typed or chosen, whether Connect, the URL list and Cancel apply, the connection's progress in words, and what the
// power-on self-test found: the device in words (model as the handshake reports it, channels, serial, firmware,
// battery, result, when), the report itself (whose checks the panel's SelfTestView lists) and the device's past
// self-tests from the audit trail (CalibrationService::selfTestHistory, newest first, at most kHistoryShown).
// The app offers no self-test on its own, so connectDevice() begins a CalibrationProcedure for every channel of the
// device (the only public path that connects and self-tests a device for a technician), lets it connect and
// self-test — the service records the self-test as an audit row and keeps it for the channel status — and aborts
// it the moment the self-test is in, before any channel is begun, so no calibration record of any kind is written.
// The link is then closed again; the calibration wizard opens its own. A connect is refused while a treatment
// session holds the stimulator and for a URL the app cannot use (naming Field::Url); the service's refusals and
// the reason a connection ended without a self-test come back verbatim.
// Thread affinity: the RecordStore's thread (the GUI thread, which runs the event loop); it never blocks it (the
// procedure reports through its signals). Ownership: borrows the AppContext, which must outlive it; owns the
// procedure while it runs (destroying the presenter then stops the output and closes the link, writing nothing
// more) and once it has ended, as a child the event loop deletes, or the presenter if that goes first.
class TechnicianDevicePresenter : public QObject {
    Q_OBJECT
public:
    enum class Field { None, Url };
    using Result = Feedback<Field>;

    // What the device box shows, each "-" until a self-test is in.
    struct Identity {
        QString model = QStringLiteral("-"); // "sciencemode4 low", or the protocol, or "not reported"
        QString channels = QStringLiteral("-"); // of the driver, for the report's URL
        QString serial = QStringLiteral("-");
        QString firmware = QStringLiteral("-");
        QString battery = QStringLiteral("-"); // the battery check's finding and outcome: "85 % (Passed)"
        QString selfTest = QStringLiteral("-"); // "Passed" or "FAILED: <each failed check: what was found>"
        QString testedAt = QStringLiteral("-"); // "2027-01-31 14:05, recorded in the audit trail"
    };

    static constexpr int kHistoryShown = 50;

    TechnicianDevicePresenter(app::AppContext& context, app::SignedInUser user, QObject* parent = nullptr);
    ~TechnicianDevicePresenter() override;
    TechnicianDevicePresenter(const TechnicianDevicePresenter&) = delete;
    TechnicianDevicePresenter& operator=(const TechnicianDevicePresenter&) = delete;

    // The in-process simulators a bench can always reach, no hardware needed.
    [[nodiscard]] static QStringList simulatorUrls();
    // The URLs to offer, in order, each once; label: what a serial-port stimulator is (empty for the others).
    [[nodiscard]] const QList<app::DeviceChoice>& choices() const { return m_choices; }
    // Adds these serial-port stimulators (each URL once, its label replaced) and words which were found, or that
    // none was. Emits choicesChanged.
    void offerPorts(const QList<app::DeviceChoice>& ports);
    // offerPorts(app::availableStimulatorPorts()): the serial ports the system lists now.
    void findPorts();
    // "Found on serial ports (in the list above): …." or "No stimulator found on a serial port (…)."; empty until
    // ports are offered.
    [[nodiscard]] const QString& portsText() const { return m_portsText; }

    // The URL typed or chosen, kept trimmed (at first the context's device); connectDevice() connects to it.
    void setUrl(const QString& url);
    [[nodiscard]] const QString& url() const { return m_url; }

    [[nodiscard]] bool busy() const { return m_procedure != nullptr; } // connecting or self-testing
    // Another panel holds the device (the calibration wizard): no connect meanwhile. Emits stateChanged.
    void setDeviceInUse(bool inUse);
    [[nodiscard]] bool deviceInUse() const { return m_inUseElsewhere; }
    // Connect and the URL list apply when neither busy nor the device in use elsewhere; Cancel while busy.
    [[nodiscard]] bool canConnect() const { return !busy() && !m_inUseElsewhere; }
    [[nodiscard]] bool canCancel() const { return busy(); }
    [[nodiscard]] QString connectToolTip() const;

    // Connects to url() and self-tests. Returns the refusal (also feedback()), or kind None: begun (busy until
    // finished, then deviceIdentified or feedback() says why not), or nothing done while busy or in use elsewhere.
    Result connectDevice();
    // Abandons a connect / self-test under way: "connection cancelled by the technician", or "STOP pressed".
    void cancel();
    void stopOutput();

    // "Not connected.", "Connecting to <url> ...", "Running the power-on self-test ...", "Self-test of <url> done. …".
    [[nodiscard]] const QString& stateText() const { return m_stateText; }
    // The last connect's outcome to show: an error (a refusal, or why the connection ended without a self-test),
    // or kind None.
    [[nodiscard]] const Result& feedback() const { return m_feedback; }

    // A self-test becomes the one shown (this presenter's own, or one another panel ran: the wizard's connect
    // step), and the device's past self-tests are read again. Emits selfTestChanged and stateChanged.
    void showSelfTest(const app::SelfTestReport& report);
    // Empty while a connect is under way and before the first self-test.
    [[nodiscard]] const std::optional<app::SelfTestReport>& selfTest() const { return m_selfTest; }
    [[nodiscard]] const Identity& identity() const { return m_identity; }
    [[nodiscard]] static QStringList historyColumnTitles(); // When, Run by, Run at, Result
    // One row per past self-test, newest first, in the columns of historyColumnTitles().
    [[nodiscard]] const QList<QStringList>& historyRows() const { return m_historyRows; }
    // Whose self-tests the rows are, or why there are none.
    [[nodiscard]] const QString& historyNote() const { return m_historyNote; }

Q_SIGNALS:
    void choicesChanged();
    // busy(), deviceInUse(), stateText() or feedback() changed.
    void stateChanged();
    void selfTestChanged();
    void busyChanged(bool busy);
    // The device answered and was self-tested: its URL, serial and channel count (from the driver's capabilities).
    void deviceIdentified(const QString& url, const QString& serial, int channels);

private:
    Result refuse(Result result);
    void onStep(app::CalibrationProcedure::Step step);
    void onSelfTest(const app::SelfTestReport& report);
    void onFinished(const app::CalibrationSummary& summary);
    void readHistory(const QString& deviceSerial);
    [[nodiscard]] QString reportUrl(const app::SelfTestReport& report) const;

    app::AppContext& m_context;
    app::SignedInUser m_user;
    std::unique_ptr<app::CalibrationProcedure> m_procedure;
    bool m_selfTestSeen = false;
    bool m_inUseElsewhere = false;
    int m_channels = 0;

    QList<app::DeviceChoice> m_choices;
    QString m_portsText;
    QString m_url;
    QString m_stateText;
    Result m_feedback;
    std::optional<app::SelfTestReport> m_selfTest;
    Identity m_identity;
    QList<QStringList> m_historyRows;
    QString m_historyNote;
};

} // namespace galvani::ui::presenters
