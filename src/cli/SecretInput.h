// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace galvani::cli {

// Passwords for a command: from an environment variable when it is set, else the next line of standard input
// (echo switched off while a terminal is read, with a prompt on standard error). Lines are taken in the order the
// command asks: its own password first, then a new user's password, so a script pipes them in that order.
// The text is never logged or echoed. Thread affinity: the main thread.
class SecretInput {
public:
    static constexpr const char* kPasswordVariable = "GALVANI_PASSWORD";
    static constexpr const char* kNewPasswordVariable = "GALVANI_NEW_PASSWORD";

    // The value of `variable` if set (even if empty), else one line of standard input without its line end;
    // nullopt when standard input is at its end.
    [[nodiscard]] static std::optional<QString> read(const char* variable, const QString& prompt);
};

} // namespace galvani::cli
