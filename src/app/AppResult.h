// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace galvani::app {

// Why an app service refused or failed. message is for people: it names the field or argument and the allowed
// range, or the interlock that is not met. Plain value.
struct AppError {
    enum class Kind {
        Denied, // the signed-in role may not do this (audited)
        Invalid, // an input breaks a rule; the message names the field and the allowed range
        NotFound,
        Conflict, // unique key taken, record changed meanwhile
        Refused, // a rule of the record store (append-only, locked account, store in use)
        Interlock, // a session precondition is not met (screening, placement, calibration, device state)
        Device, // the stimulator refused, faulted or cannot be reached
        Storage, // the record store failed
    };
    Kind kind = Kind::Storage;
    QString message;
};

// Value or AppError. Plain value.
template <typename T>
class AppResult {
public:
    AppResult(T value) : m_v(std::move(value)) { } // NOLINT(google-explicit-constructor): ergonomic returns
    AppResult(AppError error) : m_v(std::move(error)) { } // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return m_v.index() == 0; }
    [[nodiscard]] const T& value() const& { return std::get<0>(m_v); }
    [[nodiscard]] T& value() & { return std::get<0>(m_v); }
    [[nodiscard]] T&& value() && { return std::get<0>(std::move(m_v)); }
    [[nodiscard]] const T* operator->() const { return &std::get<0>(m_v); }
    [[nodiscard]] const T& operator*() const& { return std::get<0>(m_v); }
    [[nodiscard]] const AppError& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, AppError> m_v;
};

template <>
class AppResult<void> {
public:
    AppResult() = default;
    AppResult(AppError error) : m_error(std::move(error)), m_ok(false) { } // NOLINT(google-explicit-constructor)
    [[nodiscard]] bool ok() const { return m_ok; }
    [[nodiscard]] const AppError& error() const { return m_error; }

private:
    AppError m_error;
    bool m_ok = true;
};

using AppStatus = AppResult<void>;

} // namespace galvani::app
