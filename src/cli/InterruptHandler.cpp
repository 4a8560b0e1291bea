// SPDX-License-Identifier: GPL-3.0-or-later
#include "InterruptHandler.h"

#include "device/worker/DeviceService.h"

#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace galvani::cli {

namespace {

int g_pipe[2] = {-1, -1};

} // namespace

void InterruptHandler::onSignal(int signal)
{
    (void)signal;
    device::globalStopSignal().request(); // async-signal-safe: one lock-free atomic increment
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_pipe[1], &byte, 1);
}

InterruptHandler::InterruptHandler()
{
    (void)device::globalStopSignal(); // initialised here, never for the first time inside the handler
    if (::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        return;
    }
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &InterruptHandler::readPipe);
    struct sigaction action = {};
    action.sa_handler = &InterruptHandler::onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

InterruptHandler::~InterruptHandler()
{
    struct sigaction action = {};
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    delete m_notifier;
    for (int& fd : g_pipe) {
        if (fd >= 0) {
            ::close(fd);
            fd = -1;
        }
    }
}

void InterruptHandler::readPipe()
{
    char buffer[16];
    while (::read(g_pipe[0], buffer, sizeof buffer) > 0) { }
    device::DeviceService::stopAll();
    m_interrupted = true;
    Q_EMIT interrupted();
}

} // namespace galvani::cli
