// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/calibration/SelfTestRun.h"

#include "app/calibration/PointDriver.h"
#include "app/calibration/TestLoadProgram.h"
#include "core/Clock.h"
#include "core/calibration/Tolerance.h"
#include "device/worker/DeviceService.h"

#include <chrono>
#include <cmath>

namespace galvani::app::calibration {

namespace {

// A battery below this is worth a warning before a session (no clinical figure; a practical margin).
constexpr int kBatteryLowPercent = 20;
// Zero output: anything measured at 0 mA below half the finest ScienceMode4 amplitude step (0.5 mA) is noise; a
// real output is at least one step.
constexpr double kZeroOutputMaxUa = 250.0;
// Low-current check: 2 mA, judged with the calibration band (±1 mA at this level, CLINICAL.md §6).
constexpr core::Microamps kCheckCurrent{2000};
constexpr int kCheckPulses = 4;
constexpr core::Microseconds kCheckWidth{200};
constexpr core::Hertz kCheckRate{100.0};
constexpr std::chrono::milliseconds kCheckTimeout{4000};
// Below this at 2 mA nothing flows at all: an open load (pads not yet on), which is no hazard and not a failure.
// A current that flows but misses the band is a failure.
constexpr double kNoLoadUa = 500.0;

qint64 utcMs(const core::Clock& clock)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock.utcNow().time_since_epoch()).count();
}

QString ma(double ua)
{
    return QStringLiteral("%1 mA").arg(ua / 1000.0, 0, 'f', 2);
}

} // namespace

SelfTestRun::SelfTestRun(device::DeviceService& service, const core::Clock& clock, QObject* parent)
    : QObject(parent), m_service(service), m_clock(clock), m_driver(std::make_unique<PointDriver>(service))
{
    connect(m_driver.get(), &PointDriver::finished, this, &SelfTestRun::onDriven);
}

SelfTestRun::~SelfTestRun() = default;

void SelfTestRun::start(const device::DeviceIdentity& identity, const core::HardwareCaps& hardware, QList<int> channels,
    const QString& deviceUrl, SelfTestScope scope)
{
    m_hardware = hardware;
    m_channels = std::move(channels);
    if (m_channels.isEmpty()) {
        for (int ch = 1; ch <= hardware.channels; ++ch) {
            m_channels.append(ch);
        }
    }
    m_report = SelfTestReport{};
    m_report.deviceUrl = deviceUrl;
    m_report.deviceSerial = identity.deviceId;
    m_report.firmware = identity.firmware;
    m_report.protocol = identity.protocolId;
    m_report.atUtcMs = utcMs(m_clock);
    m_report.scope = scope;

    const bool connected = m_service.state() == device::DeviceState::Idle;
    SelfTestCheck handshake{QStringLiteral("handshake"), 0, CheckOutcome::Passed, QString()};
    if (!connected || identity.protocolId.isEmpty() || identity.channels <= 0) {
        handshake.outcome = CheckOutcome::Failed;
        handshake.detail = QStringLiteral("the device did not complete the handshake (state %1)")
                               .arg(QString::fromUtf8(device::toString(m_service.state()).data()));
    } else {
        handshake.detail = QStringLiteral("%1 %2, %3 channels, firmware %4, serial %5")
                               .arg(identity.protocolId, identity.level)
                               .arg(identity.channels)
                               .arg(identity.firmware.isEmpty() ? QStringLiteral("not reported") : identity.firmware,
                                   identity.deviceId.isEmpty() ? QStringLiteral("not reported") : identity.deviceId);
    }
    m_report.checks.append(handshake);

    SelfTestCheck battery{QStringLiteral("battery"), 0, CheckOutcome::NotAvailable,
        QStringLiteral("the device reports no battery level")};
    if (identity.batteryPercent) {
        const int level = *identity.batteryPercent;
        battery.outcome = level >= kBatteryLowPercent ? CheckOutcome::Passed : CheckOutcome::Warning;
        battery.detail = level >= kBatteryLowPercent
            ? QStringLiteral("%1 %").arg(level)
            : QStringLiteral("%1 %, below %2 %: charge before a session").arg(level).arg(kBatteryLowPercent);
    }
    m_report.checks.append(battery);

    if (!connected) {
        complete();
        return;
    }
    if (!identity.measuresDeliveredCurrent) {
        if (scope == SelfTestScope::Therapy) {
            complete(); // handshake and battery only: nothing to measure, and no current is driven at therapy time
            return;
        }
        const QString why = QStringLiteral(
            "the device does not measure delivered current; the handshake stopped any output left running");
        m_report.checks.append({QStringLiteral("zero output"), 0, CheckOutcome::NotAvailable, why});
        m_report.checks.append({QStringLiteral("low-current check"), 0, CheckOutcome::NotAvailable, why});
        complete();
        return;
    }
    driveZero();
}

void SelfTestRun::driveZero()
{
    m_zeroPhase = true;
    TestLoadRequest request;
    request.channels = m_channels;
    std::map<int, qint64> commanded;
    for (const int ch : m_channels) {
        request.amplitudes.append(core::Microamps(0));
        commanded[ch] = 0;
    }
    request.phaseWidth = kCheckWidth;
    request.frequency = kCheckRate;
    QString error;
    const auto program = testLoadProgram(m_hardware, request, &error);
    if (!program) {
        m_report.checks.append({QStringLiteral("zero output"), 0, CheckOutcome::Failed, error});
        complete();
        return;
    }
    m_driver->run(*program, commanded, kCheckPulses, kCheckTimeout);
}

void SelfTestRun::driveNextChannel()
{
    m_zeroPhase = false;
    if (m_next >= m_channels.size()) {
        complete();
        return;
    }
    const int ch = m_channels[m_next];
    TestLoadRequest request;
    request.channels = {ch};
    request.amplitudes = {kCheckCurrent};
    request.phaseWidth = kCheckWidth;
    request.frequency = kCheckRate;
    QString error;
    const auto program = testLoadProgram(m_hardware, request, &error);
    if (!program) {
        m_report.checks.append({QStringLiteral("low-current check"), ch, CheckOutcome::Failed, error});
        ++m_next;
        driveNextChannel();
        return;
    }
    m_driver->run(*program, {{ch, kCheckCurrent.value()}}, kCheckPulses, kCheckTimeout);
}

void SelfTestRun::onDriven(const DriveOutcome& outcome)
{
    if (m_zeroPhase) {
        for (const int ch : m_channels) {
            SelfTestCheck check{QStringLiteral("zero output"), ch, CheckOutcome::Passed, QString()};
            const auto it = outcome.readings.find(ch);
            if (!outcome.completed || it == outcome.readings.end() || it->second.pulses == 0) {
                check.outcome = CheckOutcome::Failed;
                check.detail = outcome.error.isEmpty() ? QStringLiteral("no measurement at 0 mA") : outcome.error;
            } else if (std::fabs(it->second.meanUa()) >= kZeroOutputMaxUa) {
                check.outcome = CheckOutcome::Failed;
                check.detail = QStringLiteral("measured %1 at 0 mA commanded (allowed below %2)")
                                   .arg(ma(it->second.meanUa()), ma(kZeroOutputMaxUa));
            } else {
                check.detail = QStringLiteral("%1 at 0 mA").arg(ma(it->second.meanUa()));
            }
            m_report.checks.append(check);
        }
        // A therapy self-test ends here: check 4 would drive current into the patient (see the header).
        if (m_report.scope == SelfTestScope::Therapy || m_service.state() != device::DeviceState::Idle) {
            complete();
            return;
        }
        m_next = 0;
        driveNextChannel();
        return;
    }
    const int ch = m_channels[m_next];
    SelfTestCheck check{QStringLiteral("low-current check"), ch, CheckOutcome::Passed, QString()};
    const auto it = outcome.readings.find(ch);
    const std::optional<double> last = it != outcome.readings.end() && it->second.lastMeasuredUa
        ? std::optional<double>(static_cast<double>(*it->second.lastMeasuredUa))
        : std::nullopt;
    const bool noCurrent = (outcome.completed && it != outcome.readings.end() && it->second.pulses > 0
                               && std::fabs(it->second.meanUa()) < kNoLoadUa)
        || (!outcome.completed && last && std::fabs(*last) < kNoLoadUa);
    if ((outcome.fault && outcome.fault->kind == device::FaultKind::ElectrodeError) || noCurrent) {
        check.outcome = CheckOutcome::Warning;
        check.detail = QStringLiteral("no current flowed at 2 mA: no load connected, or the output is dead; "
                                      "calibrate the channel before relying on it");
    } else if (!outcome.completed || it == outcome.readings.end() || it->second.pulses == 0) {
        check.outcome = CheckOutcome::Failed;
        check.detail = outcome.error.isEmpty() ? QStringLiteral("no measurement at 2 mA") : outcome.error;
    } else {
        const double mean = it->second.meanUa();
        const bool within = core::calibration::withinCurrentTolerance(kCheckCurrent, core::MicroampsReal(mean));
        check.outcome = within ? CheckOutcome::Passed : CheckOutcome::Failed;
        check.detail = QStringLiteral("%1 at %2 commanded%3")
                           .arg(ma(mean), ma(static_cast<double>(kCheckCurrent.value())),
                               within ? QString() : QStringLiteral(", outside ±1 mA"));
    }
    m_report.checks.append(check);
    ++m_next;
    if (m_service.state() != device::DeviceState::Idle) {
        for (; m_next < m_channels.size(); ++m_next) {
            m_report.checks.append({QStringLiteral("low-current check"), m_channels[m_next], CheckOutcome::Failed,
                QStringLiteral("not run: the device did not return to idle")});
        }
        complete();
        return;
    }
    driveNextChannel();
}

void SelfTestRun::complete()
{
    const SelfTestReport report = m_report;
    Q_EMIT finished(report);
}

} // namespace galvani::app::calibration
