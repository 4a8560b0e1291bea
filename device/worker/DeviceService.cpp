// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/worker/DeviceService.h"

#include "core/safety/ValidatedAmplitude.h"
#include "core/safety/ValidatedProgram.h"
#include "device/controller/StimulationPlan.h"
#include "device/worker/DeviceWorker.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <algorithm>
#include <mutex>
#include <new>
#include <vector>

namespace galvani::device {

namespace {

// Every live service, for stopAll(). The mutex is held only to post events, never across a wait.
std::mutex& registryMutex()
{
    static std::mutex mutex;
    return mutex;
}

std::vector<DeviceService*>& registry()
{
    static std::vector<DeviceService*> services;
    return services;
}

const core::Clock& systemClock()
{
    static const core::SystemClock clock;
    return clock;
}

// How long the destructor waits for the device thread to stop output and close the link.
constexpr unsigned long kJoinTimeoutMs = 3000;

} // namespace

DeviceService::DeviceService(DeviceAddress address, QObject* parent)
    : DeviceService(std::move(address), systemClock(), ControllerSettings{}, parent)
{
}

DeviceService::DeviceService(
    DeviceAddress address, const core::Clock& clock, const ControllerSettings& settings, QObject* parent)
    : QObject(parent), m_address(std::move(address)), m_stop(std::make_shared<StopSignal>()),
      m_telemetry(std::make_shared<TelemetryRing>())
{
    m_thread.setObjectName(QStringLiteral("device %1").arg(QString::fromStdString(m_address.toUrl())));
    m_worker = new DeviceWorker(m_address, clock, m_stop, m_telemetry, settings);
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &DeviceWorker::stateChanged, this, [this](DeviceState state) {
        m_state.store(state);
        Q_EMIT stateChanged(state);
    });
    connect(m_worker, &DeviceWorker::faultRaised, this, &DeviceService::faultRaised);
    connect(m_worker, &DeviceWorker::identityChanged, this, &DeviceService::identityChanged);
    connect(m_worker, &DeviceWorker::countersChanged, this, &DeviceService::countersChanged);
    connect(m_worker, &DeviceWorker::amplitudeCommanded, this, &DeviceService::amplitudeCommanded);
    connect(m_worker, &DeviceWorker::stopSent, this, &DeviceService::stopSent);
    connect(m_worker, &DeviceWorker::requestRefused, this, &DeviceService::requestRefused);
    connect(m_worker, &DeviceWorker::connectFailed, this, &DeviceService::connectFailed);
    m_thread.start(QThread::TimeCriticalPriority);
    const std::lock_guard lock(registryMutex());
    registry().push_back(this);
}

DeviceService::~DeviceService()
{
    {
        const std::lock_guard lock(registryMutex());
        auto& services = registry();
        services.erase(std::remove(services.begin(), services.end(), this), services.end());
    }
    // App shutdown ends like every other session: stop first, then close the link.
    m_stop->request();
    // Nothing may throw out of the destructor: without memory for the event, the flag requested above still
    // stops output before the worker's next write.
    if (auto* stopEvent = new (std::nothrow) QEvent(DeviceWorker::stopEventType())) {
        QCoreApplication::postEvent(m_worker, stopEvent, Qt::HighEventPriority);
    }
    QMetaObject::invokeMethod(m_worker, &DeviceWorker::shutdown, Qt::QueuedConnection);
    if (!m_thread.wait(kJoinTimeoutMs)) {
        m_thread.quit();
        m_thread.wait();
    }
    delete m_worker;
}

void DeviceService::postStop()
{
    m_stop->request();
    QCoreApplication::postEvent(m_worker, new QEvent(DeviceWorker::stopEventType()), Qt::HighEventPriority);
}

void DeviceService::stop()
{
    postStop();
}

std::size_t DeviceService::liveCount()
{
    const std::lock_guard lock(registryMutex());
    return registry().size();
}

void DeviceService::stopAll()
{
    // The global flag first: every controller sees it at its next write or tick even if no event gets through.
    globalStopSignal().request();
    const std::lock_guard lock(registryMutex());
    for (DeviceService* service : registry()) {
        service->postStop();
    }
}

void DeviceService::connectDevice()
{
    QMetaObject::invokeMethod(m_worker, &DeviceWorker::connectDevice, Qt::QueuedConnection);
}

void DeviceService::configure(const core::safety::ValidatedProgram& program)
{
    StimulationPlan plan = StimulationPlan::fromValidated(program);
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, plan = std::move(plan)] { worker->configure(plan); }, Qt::QueuedConnection);
}

void DeviceService::start()
{
    QMetaObject::invokeMethod(m_worker, &DeviceWorker::startOutput, Qt::QueuedConnection);
}

void DeviceService::setAmplitude(const core::safety::ValidatedAmplitude& amplitude)
{
    const int channel = amplitude.channel();
    const qint64 target = amplitude.target().value();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, channel, target] { worker->setAmplitude(channel, target); },
        Qt::QueuedConnection);
}

void DeviceService::clearFault()
{
    QMetaObject::invokeMethod(m_worker, &DeviceWorker::clearFault, Qt::QueuedConnection);
}

void DeviceService::disconnectDevice()
{
    QMetaObject::invokeMethod(m_worker, &DeviceWorker::disconnectDevice, Qt::QueuedConnection);
}

sim::SimulatedStimulator* DeviceService::simulatedStimulator() const
{
    return m_worker->simulatedStimulator();
}

} // namespace galvani::device
