// SPDX-License-Identifier: GPL-3.0-or-later
// The real serial path: SerialTransport (QSerialPort in the device thread) against `galvani-sim --pty-link`
// in its own process, for every protocol; and link loss when that process dies mid-session.
#include "SessionHelpers.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

using namespace std::chrono_literals;
using galvani::device::DeviceState;
using galvani::device::FaultKind;

namespace galvani::test {

namespace {

// galvani-sim on a pseudo-terminal; the link path is unique to this test process.
class SimProcess {
public:
    explicit SimProcess(const QString& protocol)
        : m_link(QStringLiteral("/tmp/galvani-ctrl-%1-%2").arg(QCoreApplication::applicationPid()).arg(protocol))
    {
        m_process.setProgram(QStringLiteral(GALVANI_SIM_EXE));
        m_process.setArguments({QStringLiteral("--protocol"), protocol, QStringLiteral("--pty-link"), m_link});
        m_process.start();
        REQUIRE(m_process.waitForStarted(5000));
        REQUIRE(waitUntil([this] { return QFileInfo::exists(m_link); }, 5000ms));
    }
    ~SimProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(3000)) {
                m_process.kill();
                m_process.waitForFinished(3000);
            }
        }
        QFile::remove(m_link); // a killed galvani-sim cannot remove its link itself
    }
    [[nodiscard]] std::string url(const QString& protocol) const
    {
        return QStringLiteral("serial:%1?protocol=%2").arg(m_link, protocol).toStdString();
    }
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
    QString log()
    {
        m_log += QString::fromUtf8(m_process.readAllStandardError());
        return m_log;
    }

private:
    QString m_link;
    QProcess m_process;
    QString m_log;
};

} // namespace

TEST_CASE("Serial path: a session against galvani-sim on a pseudo-terminal", "[device][integration][serial]")
{
    const QString protocol
        = GENERATE(QStringLiteral("sciencemode4"), QStringLiteral("sciencemode3"), QStringLiteral("sciencemode2"));
    INFO(protocol.toStdString());
    SimProcess sim(protocol);
    ServiceSession s(sim.url(protocol));
    s.arm(validatedProgram(limitsFor(capabilitiesOf(s.address)), {1}, 6.0));
    REQUIRE(s.identity);
    CHECK(s.identity->protocolId == protocol);
    s.service.start();
    REQUIRE(s.waitFor(DeviceState::Stimulating));
    // Telemetry shows the ramp (0.5 s) reaching the programme's amplitude.
    std::vector<device::TelemetrySample> samples;
    REQUIRE(waitUntil(
        [&] {
            const auto more = s.drain();
            samples.insert(samples.end(), more.begin(), more.end());
            return !samples.empty() && samples.back().commandedUa == 6000;
        },
        3000ms));
    CHECK(samples.front().commandedUa < 6000); // from zero
    s.service.stop();
    REQUIRE(s.waitFor(DeviceState::Idle));
    s.service.disconnectDevice();
    REQUIRE(s.waitFor(DeviceState::Disconnected));
    CHECK(s.faults.empty());
    REQUIRE(waitUntil([&] { return sim.log().contains(QStringLiteral("output stopped (host stop")); }, 2000ms));
}

TEST_CASE("Serial path: the device process dying mid-session is one link-loss fault", "[device][integration][serial]")
{
    SimProcess sim(QStringLiteral("sciencemode4"));
    ServiceSession s(sim.url(QStringLiteral("sciencemode4")));
    s.arm(validatedProgram(limitsFor(capabilitiesOf(s.address)), {1}, 6.0));
    s.service.start();
    REQUIRE(s.waitFor(DeviceState::Stimulating));
    REQUIRE(waitUntil([&] { return !s.drain().empty(); }, 2000ms));
    sim.kill();
    REQUIRE(s.waitFor(DeviceState::Fault, 2000ms));
    REQUIRE(waitUntil([&] { return !s.faults.empty(); }, 1000ms));
    // A dead pty keeps reporting read errors: still exactly one fault.
    CHECK(!waitUntil([&] { return s.faults.size() > 1; }, 300ms));
    REQUIRE(s.faults.size() == 1);
    CHECK((s.faults.front().kind == FaultKind::LinkLost || s.faults.front().kind == FaultKind::DeviceSilent));
    CHECK(s.service.state() == DeviceState::Fault);
}

} // namespace galvani::test
