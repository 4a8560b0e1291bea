// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/SignalWatcher.h"

#include <csignal>

#include <sys/socket.h>
#include <unistd.h>

namespace galvani::sim {
namespace {

int g_sockets[2] = {-1, -1}; // [0] written by the handler, [1] read by the notifier

void onTerminationSignal(int number)
{
    const auto byte = static_cast<unsigned char>(number);
    [[maybe_unused]] const auto written = ::write(g_sockets[0], &byte, 1);
}

} // namespace

SignalWatcher::SignalWatcher(QObject* parent) : QObject(parent)
{
}

SignalWatcher::~SignalWatcher()
{
    m_notifier.reset();
    for (int& fd : g_sockets) {
        if (fd >= 0) {
            ::close(fd);
            fd = -1;
        }
    }
}

bool SignalWatcher::install()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_sockets) != 0) {
        return false;
    }
    m_notifier = std::make_unique<QSocketNotifier>(g_sockets[1], QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &SignalWatcher::onReadable);
    struct sigaction action { };
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0 && ::sigaction(SIGINT, &action, nullptr) == 0;
}

void SignalWatcher::onReadable()
{
    unsigned char byte = 0;
    if (::read(g_sockets[1], &byte, 1) == 1) {
        Q_EMIT terminationRequested(byte);
    }
}

} // namespace galvani::sim
