// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/worker/DeviceWorker.h"

#include "device/controller/DeviceController.h"
#include "device/controller/DriverFactory.h"
#include "device/discovery/TransportFactory.h"
#include "device/sim/InProcessSimulator.h"
#include "device/transport/Transport.h"

#include <QThread>
#include <QTimer>

namespace galvani::device {

namespace {

constexpr std::chrono::milliseconds kTickInterval{2};
// Shutdown waits this long for the stop to be acknowledged (the controller itself gives up after its
// stop attempts, about 200 ms); afterwards the link is closed regardless.
constexpr std::chrono::milliseconds kShutdownDeadline{1500};

} // namespace

DeviceWorker::DeviceWorker(DeviceAddress address, const core::Clock& clock, std::shared_ptr<StopSignal> stop,
    std::shared_ptr<TelemetryRing> telemetry, const ControllerSettings& settings)
    : m_address(std::move(address)), m_clock(clock), m_stop(std::move(stop)), m_telemetry(std::move(telemetry)),
      m_settings(settings)
{
}

DeviceWorker::~DeviceWorker()
{
    tearDown();
}

QEvent::Type DeviceWorker::stopEventType()
{
    static const auto type = static_cast<QEvent::Type>(QEvent::registerEventType());
    return type;
}

bool DeviceWorker::event(QEvent* event)
{
    if (event->type() == stopEventType()) {
        // tick() looks at the StopSignal first and writes the stop frame before anything else.
        if (m_controller) {
            m_controller->tick();
        }
        return true;
    }
    return QObject::event(event);
}

void DeviceWorker::refuse(const std::optional<QString>& reason)
{
    if (reason) {
        Q_EMIT requestRefused(*reason);
    }
}

void DeviceWorker::connectDevice()
{
    if (m_shuttingDown) {
        return;
    }
    if (m_controller && m_controller->state() != DeviceState::Disconnected
        && m_controller->state() != DeviceState::Fault) {
        Q_EMIT requestRefused(QStringLiteral("the stimulator is already connected"));
        return;
    }
    tearDown();
    QString error;
    m_driver = createDriver(m_address, &error);
    if (m_driver) {
        m_link = DeviceLink::create(m_address, &error);
    }
    if (!m_driver || !m_link || !m_link->transport().open(&error)) {
        tearDown();
        Q_EMIT connectFailed(error);
        return;
    }
    if (auto* simulator = m_link->simulator()) {
        m_simulated.store(&simulator->stimulator());
    }
    m_controller = std::make_unique<DeviceController>(
        m_link->transport(), *m_driver, m_clock, m_stop, m_telemetry.get(), m_settings);
    DeviceController* controller = m_controller.get();
    // First: the tick follows the state before any other receiver could change it again.
    connect(controller, &DeviceController::stateChanged, this, [this] { followState(); });
    connect(controller, &DeviceController::stateChanged, this, &DeviceWorker::stateChanged);
    connect(controller, &DeviceController::faultRaised, this, &DeviceWorker::faultRaised);
    connect(controller, &DeviceController::identityChanged, this, &DeviceWorker::identityChanged);
    connect(controller, &DeviceController::countersChanged, this, &DeviceWorker::countersChanged);
    connect(controller, &DeviceController::amplitudeCommanded, this, &DeviceWorker::amplitudeCommanded);
    connect(controller, &DeviceController::stopSent, this, &DeviceWorker::stopSent);
    connect(controller, &DeviceController::stateChanged, this, [this](DeviceState state) {
        if (m_shuttingDown && (state == DeviceState::Disconnected || state == DeviceState::Fault)) {
            QMetaObject::invokeMethod(this, &DeviceWorker::finishShutdown, Qt::QueuedConnection);
        }
    });
    Transport& transport = m_link->transport();
    connect(&transport, &Transport::bytesReceived, controller, &DeviceController::bytesReceived);
    connect(&transport, &Transport::linkLost, controller, &DeviceController::linkLost);
    if (m_tick == nullptr) {
        m_tick = new QTimer(this); // created here: lives in the device thread
        m_tick->setTimerType(Qt::PreciseTimer);
        m_tick->setInterval(kTickInterval);
        connect(m_tick, &QTimer::timeout, this, [this] {
            if (m_controller) {
                m_controller->tick();
            }
        });
    }
    controller->linkOpened(); // → Handshaking: followState() starts the tick
}

void DeviceWorker::followState()
{
    if (m_tick == nullptr || !m_controller) {
        return;
    }
    // In Disconnected and Fault the controller ignores its tick (it only looks at the StopSignal, and every STOP
    // also arrives as an event that ticks it), so the timer stops rather than wake this thread 500 times a second.
    // Leaving them (a connect, or a fault cleared on a link that stayed open) needs the tick at once. The state is
    // read from the controller, not the signal: a nested change inside another receiver is then never undone.
    const auto state = m_controller->state();
    if (state == DeviceState::Disconnected || state == DeviceState::Fault) {
        m_tick->stop();
    } else if (!m_tick->isActive()) {
        m_tick->start();
    }
}

void DeviceWorker::configure(const StimulationPlan& plan)
{
    refuse(m_controller ? m_controller->configure(plan) : QStringLiteral("the stimulator is not connected"));
}

void DeviceWorker::startOutput()
{
    refuse(m_controller ? m_controller->start() : QStringLiteral("the stimulator is not connected"));
}

void DeviceWorker::setAmplitude(int channel, qint64 amplitudeUa)
{
    refuse(m_controller ? m_controller->setAmplitude(channel, core::Microamps(amplitudeUa))
                        : QStringLiteral("the stimulator is not connected"));
}

void DeviceWorker::stopOutput()
{
    if (m_controller) {
        m_controller->stop();
    }
}

void DeviceWorker::clearFault()
{
    if (m_controller) {
        m_controller->clearFault();
    }
}

void DeviceWorker::disconnectDevice()
{
    if (m_controller) {
        m_controller->disconnect();
    }
}

void DeviceWorker::shutdown()
{
    if (m_shuttingDown) {
        return;
    }
    m_shuttingDown = true;
    if (!m_controller || m_controller->state() == DeviceState::Disconnected) {
        finishShutdown();
        return;
    }
    m_shutdownDeadline = new QTimer(this);
    m_shutdownDeadline->setSingleShot(true);
    connect(m_shutdownDeadline, &QTimer::timeout, this, &DeviceWorker::finishShutdown);
    m_shutdownDeadline->start(kShutdownDeadline);
    m_controller->disconnect(); // stop first, then close; finishShutdown follows the state change
    if (m_controller->state() == DeviceState::Disconnected || m_controller->state() == DeviceState::Fault) {
        finishShutdown();
    }
}

void DeviceWorker::finishShutdown()
{
    if (!m_shuttingDown || m_shutdownFinished) {
        return;
    }
    m_shutdownFinished = true;
    tearDown();
    delete m_tick;
    m_tick = nullptr;
    delete m_shutdownDeadline;
    m_shutdownDeadline = nullptr;
    Q_EMIT shutdownComplete();
    QThread::currentThread()->quit();
}

void DeviceWorker::tearDown()
{
    if (m_tick != nullptr) {
        m_tick->stop();
    }
    m_simulated.store(nullptr);
    if (m_controller) {
        QObject::disconnect(m_controller.get(), nullptr, this, nullptr);
        if (m_link) {
            QObject::disconnect(&m_link->transport(), nullptr, m_controller.get(), nullptr);
            // Whatever state it was in, nothing may keep running: close the link under it.
            m_link->transport().close();
        }
    }
    m_controller.reset();
    m_link.reset();
    m_driver.reset();
}

} // namespace galvani::device
