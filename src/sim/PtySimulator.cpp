// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/PtySimulator.h"

#include "device/sim/SimulatedStimulator.h"

#include <QTimer>

#include <cstdio>

namespace galvani::sim {

PtySimulator::PtySimulator(const device::sim::SimulatorConfig& config, const QString& linkPath, QObject* parent)
    : QObject(parent), m_pty(linkPath)
{
    m_clock.start();
    m_stimulator = std::make_unique<device::sim::SimulatedStimulator>(m_pty, config);
    connect(m_stimulator.get(), &device::sim::SimulatedStimulator::logLine, this, &PtySimulator::log);
    connect(m_stimulator.get(), &device::sim::SimulatedStimulator::linkDropped, this, [this] {
        log(QStringLiteral("link dropped; a new pseudo-terminal appears at %1 in %2 ms")
                .arg(m_pty.linkPath())
                .arg(kReplugDelay.count()));
        QTimer::singleShot(kReplugDelay, this, &PtySimulator::replug);
    });
    connect(&m_pty, &device::PtyTransport::peerOpened, m_stimulator.get(),
        &device::sim::SimulatedStimulator::hostLinkOpened);
    connect(&m_pty, &device::PtyTransport::peerClosed, m_stimulator.get(),
        &device::sim::SimulatedStimulator::hostLinkClosed);
}

PtySimulator::~PtySimulator()
{
    m_stimulator.reset(); // before the transport it uses
    m_pty.close();
}

bool PtySimulator::start(QString* error)
{
    if (!m_stimulator->start(error)) {
        return false;
    }
    log(QStringLiteral("listening on %1 -> %2").arg(m_pty.linkPath(), m_pty.slavePath()));
    return true;
}

void PtySimulator::shutDown(int signalNumber)
{
    log(QStringLiteral("signal %1: shutting down").arg(signalNumber));
    m_stimulator->shutDown();
    m_pty.close();
}

void PtySimulator::replug()
{
    QString error;
    if (!m_pty.open(&error)) {
        log(QStringLiteral("cannot re-create the pseudo-terminal: %1").arg(error));
        return;
    }
    log(QStringLiteral("listening on %1 -> %2").arg(m_pty.linkPath(), m_pty.slavePath()));
}

void PtySimulator::log(const QString& line)
{
    const auto ms = m_clock.elapsed();
    const QByteArray text = QStringLiteral("galvani-sim %1.%2 %3\n")
                                .arg(ms / 1000)
                                .arg(ms % 1000, 3, 10, QLatin1Char('0'))
                                .arg(line)
                                .toLocal8Bit();
    std::fwrite(text.constData(), 1, static_cast<std::size_t>(text.size()), stderr);
    std::fflush(stderr);
}

} // namespace galvani::sim
