// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/InProcessSimulator.h"

#include <QMetaObject>

#include <variant>

namespace galvani::device::sim {

std::unique_ptr<InProcessSimulator> InProcessSimulator::start(const DeviceAddress& address, QString* error)
{
    const auto fail = [error](const std::string& text) {
        if (error != nullptr) {
            *error = QString::fromStdString(text);
        }
        return std::unique_ptr<InProcessSimulator>();
    };
    if (address.kind != DeviceAddress::Kind::Simulated) {
        return fail("device URL '" + address.toUrl() + "' is not a sim: address");
    }
    const auto protocol = simProtocolFromId(address.protocol);
    if (!protocol) {
        return fail("device URL protocol '" + address.protocol
            + "' has no simulator; use sciencemode2, sciencemode3 or sciencemode4");
    }
    auto config = configFromOptions(*protocol, address.options);
    if (const auto* text = std::get_if<std::string>(&config)) {
        return fail(*text);
    }
    return start(std::get<SimulatorConfig>(config), error);
}

std::unique_ptr<InProcessSimulator> InProcessSimulator::start(const SimulatorConfig& config, QString* error)
{
    std::unique_ptr<InProcessSimulator> sim(new InProcessSimulator());
    auto [host, device] = LoopbackTransport::createPair();
    sim->m_host = std::move(host);
    sim->m_device = std::move(device);
    sim->m_stimulator = std::make_unique<SimulatedStimulator>(*sim->m_device, config);
    sim->m_thread.setObjectName(QStringLiteral("galvani-sim"));
    sim->m_device->moveToThread(&sim->m_thread);
    sim->m_stimulator->moveToThread(&sim->m_thread);
    sim->m_thread.start();

    bool started = false;
    QString startError;
    SimulatedStimulator* stimulator = sim->m_stimulator.get();
    QMetaObject::invokeMethod(
        stimulator, [&] { started = stimulator->start(&startError); }, Qt::BlockingQueuedConnection);
    if (!started) {
        if (error != nullptr) {
            *error = startError;
        }
        return nullptr;
    }
    sim->m_host->open(nullptr);
    return sim;
}

InProcessSimulator::~InProcessSimulator()
{
    if (m_thread.isRunning()) {
        // Timers and the link wrapper live in the simulator's thread: tear them down there.
        QMetaObject::invokeMethod(
            m_device.get(),
            [this] {
                m_stimulator.reset();
                m_device->close();
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    m_stimulator.reset();
    if (m_host) {
        m_host->close();
    }
}

} // namespace galvani::device::sim
