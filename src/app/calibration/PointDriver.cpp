// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/calibration/PointDriver.h"

#include "device/controller/TelemetrySample.h"
#include "device/worker/DeviceService.h"

#include <QMetaObject>

#include <algorithm>

namespace galvani::app::calibration {

namespace {

constexpr std::chrono::milliseconds kPollInterval{10};
// Pulses at the commanded value skipped before averaging: the first one can still carry the step's settling.
constexpr int kSettlePulses = 1;

QString stateName(device::DeviceState state)
{
    return QString::fromUtf8(device::toString(state).data());
}

} // namespace

PointDriver::PointDriver(device::DeviceService& service, QObject* parent) : QObject(parent), m_service(service)
{
    m_poll.setInterval(kPollInterval);
    connect(&m_poll, &QTimer::timeout, this, &PointDriver::drain);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        QStringList missing;
        for (const auto& [channel, amplitude] : m_commanded) {
            missing.append(QStringLiteral("channel %1: %2 of %3 pulses at %4 mA")
                               .arg(channel)
                               .arg(m_outcome.readings[channel].pulses)
                               .arg(m_pulses)
                               .arg(static_cast<double>(amplitude) / 1000.0));
        }
        stopWith(QStringLiteral("the point was not measured in time (%1)").arg(missing.join(QStringLiteral(", "))));
    });
    // A driver left over (deleted later) must not touch a service that is gone.
    connect(&service, &QObject::destroyed, this, [this] {
        m_poll.stop();
        m_deadline.stop();
        m_phase = Phase::Done;
    });
    connect(&service, &device::DeviceService::stateChanged, this, &PointDriver::onState);
    connect(&service, &device::DeviceService::faultRaised, this, &PointDriver::onFault);
    connect(&service, &device::DeviceService::amplitudeCommanded, this,
        [this](int channel, qint64 commandedUa, qint64) { onCommanded(channel, commandedUa); });
    connect(&service, &device::DeviceService::requestRefused, this, &PointDriver::onRefused);
}

PointDriver::~PointDriver() = default;

void PointDriver::run(const core::safety::ValidatedProgram& program, std::map<int, qint64> commandedUa, int pulses,
    std::chrono::milliseconds timeout)
{
    m_outcome = DriveOutcome{};
    m_commanded = std::move(commandedUa);
    m_reached.clear();
    m_seenAtValue.clear();
    m_pulses = std::max(0, pulses);
    m_program = program;
    // Whatever the ring still holds belongs to an earlier run.
    device::TelemetrySample stale;
    while (m_service.telemetry().tryPop(stale)) { }
    if (m_service.state() != device::DeviceState::Idle) {
        m_phase = Phase::Configuring;
        m_outcome.error = QStringLiteral("the stimulator is not ready for a programme (it is %1)")
                              .arg(stateName(m_service.state()));
        finish(false);
        return;
    }
    m_phase = Phase::Configuring;
    if (m_pulses > 0) {
        m_deadline.start(timeout);
    }
    m_service.configure(program);
}

void PointDriver::release()
{
    if (m_phase != Phase::Holding) {
        return;
    }
    m_phase = Phase::Stopping;
    m_service.stop();
}

void PointDriver::cancel(const QString& reason)
{
    if (m_phase != Phase::Done) {
        stopWith(reason);
    }
}

void PointDriver::onState(device::DeviceState state)
{
    using device::DeviceState;
    if (m_phase == Phase::Done) {
        return;
    }
    if (state == DeviceState::Fault) {
        drain();
        m_poll.stop();
        m_deadline.stop();
        m_phase = Phase::Recovering;
        m_service.clearFault();
        return;
    }
    if (state == DeviceState::Disconnected) {
        if (m_outcome.error.isEmpty()) {
            m_outcome.error = QStringLiteral("the stimulator disconnected");
        }
        finish(false);
        return;
    }
    switch (m_phase) {
    case Phase::Configuring:
        if (state == DeviceState::Armed) {
            m_phase = Phase::Starting;
            m_service.start();
        }
        return;
    case Phase::Starting:
        if (state == DeviceState::Stimulating) {
            m_phase = Phase::Ramping;
            for (const auto& [channel, amplitude] : m_commanded) {
                m_reached[channel] = amplitude == 0;
            }
            m_poll.start();
            onCommanded(0, 0); // a programme at zero is "reached" at once
        }
        return;
    case Phase::Ramping:
    case Phase::Holding:
        if (state == DeviceState::Idle) {
            drain();
            m_outcome.error = QStringLiteral("the output stopped before the point was measured (channel timer or "
                                             "a stop from elsewhere)");
            finish(false);
        }
        return;
    case Phase::Stopping:
        if (state == DeviceState::Idle) {
            drain();
            finish(m_outcome.error.isEmpty());
        }
        return;
    case Phase::Recovering:
        if (state == DeviceState::Idle) {
            if (m_outcome.error.isEmpty() && m_outcome.fault) {
                m_outcome.error = m_outcome.fault->message;
            }
            finish(false);
        }
        return;
    case Phase::Done:
        return;
    }
}

void PointDriver::onFault(const device::DeviceFault& fault)
{
    if (m_phase == Phase::Done) {
        return;
    }
    if (!m_outcome.fault) {
        m_outcome.fault = fault;
    }
}

void PointDriver::onCommanded(int channel, qint64 commandedUa)
{
    if (m_phase != Phase::Ramping || m_pulses > 0) {
        return;
    }
    if (auto it = m_commanded.find(channel); it != m_commanded.end() && it->second == commandedUa) {
        m_reached[channel] = true;
    }
    if (std::all_of(m_reached.begin(), m_reached.end(), [](const auto& r) { return r.second; })) {
        m_phase = Phase::Holding;
        Q_EMIT holding();
    }
}

void PointDriver::onRefused(const QString& reason)
{
    if (m_phase == Phase::Done) {
        return;
    }
    stopWith(QStringLiteral("the stimulator refused the request: ") + reason);
}

void PointDriver::drain()
{
    device::TelemetrySample sample;
    while (m_service.telemetry().tryPop(sample)) {
        const auto it = m_commanded.find(sample.channel);
        if (it == m_commanded.end() || (sample.flags & device::kTelemetryMeasured) == 0
            || (sample.flags & device::kTelemetryUndecodable) != 0) {
            continue;
        }
        ChannelReading& reading = m_outcome.readings[sample.channel];
        reading.lastCommandedUa = sample.commandedUa;
        reading.lastMeasuredUa = sample.measuredUa;
        if (sample.commandedUa != it->second || (sample.flags & device::kTelemetryRamping) != 0) {
            continue;
        }
        if (++m_seenAtValue[sample.channel] <= kSettlePulses) {
            continue;
        }
        ++reading.pulses;
        reading.sumUa += sample.measuredUa;
        if (sample.widthUs > 0) {
            ++reading.widths;
            reading.widthSumUs += sample.widthUs;
        }
    }
    if (m_phase != Phase::Ramping || m_pulses == 0) {
        return;
    }
    const bool done = std::all_of(m_commanded.begin(), m_commanded.end(),
        [this](const auto& c) { return m_outcome.readings[c.first].pulses >= m_pulses; });
    if (done) {
        m_deadline.stop();
        m_phase = Phase::Stopping;
        m_service.stop();
    }
}

void PointDriver::stopWith(const QString& error)
{
    if (m_outcome.error.isEmpty()) {
        m_outcome.error = error;
    }
    m_deadline.stop();
    const auto state = m_service.state();
    if (state == device::DeviceState::Idle || state == device::DeviceState::Disconnected) {
        finish(false);
        return;
    }
    if (m_phase != Phase::Recovering) {
        m_phase = Phase::Stopping;
    }
    m_service.stop();
}

void PointDriver::finish(bool completed)
{
    m_poll.stop();
    m_deadline.stop();
    m_phase = Phase::Done;
    m_outcome.completed = completed && m_outcome.error.isEmpty();
    // Reported from the event loop, so a caller may start the next run from its handler.
    QMetaObject::invokeMethod(
        this, [this, outcome = m_outcome] { Q_EMIT finished(outcome); }, Qt::QueuedConnection);
}

} // namespace galvani::app::calibration
