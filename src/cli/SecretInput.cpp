// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretInput.h"

#include <QByteArray>

#include <iostream>
#include <string>

#include <termios.h>
#include <unistd.h>

namespace galvani::cli {

namespace {

// Switches terminal echo off for its lifetime when standard input is a terminal.
class EchoOff {
public:
    EchoOff()
    {
        if (isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~EchoOff()
    {
        if (m_active) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
            std::cerr << '\n';
        }
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

} // namespace

std::optional<QString> SecretInput::read(const char* variable, const QString& prompt)
{
    if (qEnvironmentVariableIsSet(variable)) {
        return qEnvironmentVariable(variable);
    }
    if (isatty(STDIN_FILENO) == 1) {
        std::cerr << prompt.toStdString() << std::flush;
    }
    const EchoOff quiet;
    std::string line;
    if (!std::getline(std::cin, line)) {
        return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    QString secret = QString::fromStdString(line);
    // Overwrite the only other copy this function made.
    line.assign(line.size(), '\0');
    return secret;
}

} // namespace galvani::cli
