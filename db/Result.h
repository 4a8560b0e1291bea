// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace galvani::db {

// Why a record-store call failed. Kinds are stable so callers (app services) can map them to user messages
// without parsing text; the message names the record or field at fault and is safe to show or log.
struct DbError {
    enum class Kind {
        Invalid, // the input breaks a rule (range, length, missing field, inconsistent record)
        NotFound, // no record with that key
        Conflict, // unique key taken, or the record is still referenced
        Refused, // append-only or locked record, locked account, wrong password, store in use
        Storage, // the SQL engine or the file system failed
        Schema, // store schema newer than this program, or a migration failed
        Unsupported, // not possible on this backend (e.g. file backup of PostgreSQL)
    };
    Kind kind = Kind::Storage;
    QString message;
};

// Value-or-error returned by every repository call. Plain value type; copy across threads freely.
template <typename T>
class Result {
public:
    Result(T value) : m_v(std::move(value)) { } // NOLINT(google-explicit-constructor): ergonomic returns
    Result(DbError error) : m_v(std::move(error)) { } // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T& value() const& { return std::get<0>(m_v); }
    [[nodiscard]] T& value() & { return std::get<0>(m_v); }
    [[nodiscard]] T&& value() && { return std::get<0>(std::move(m_v)); }
    [[nodiscard]] const T* operator->() const { return &std::get<0>(m_v); }
    [[nodiscard]] T* operator->() { return &std::get<0>(m_v); }
    [[nodiscard]] const T& operator*() const& { return std::get<0>(m_v); }

    [[nodiscard]] const DbError& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, DbError> m_v;
};

// Result of a call that yields nothing but success.
template <>
class Result<void> {
public:
    Result() = default;
    Result(DbError error) : m_error(std::move(error)), m_ok(false) { } // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    [[nodiscard]] const DbError& error() const { return m_error; }

private:
    DbError m_error;
    bool m_ok = true;
};

using Status = Result<void>;

[[nodiscard]] inline DbError invalid(QString message)
{
    return DbError{DbError::Kind::Invalid, std::move(message)};
}
[[nodiscard]] inline DbError notFound(QString message)
{
    return DbError{DbError::Kind::NotFound, std::move(message)};
}
[[nodiscard]] inline DbError refused(QString message)
{
    return DbError{DbError::Kind::Refused, std::move(message)};
}
[[nodiscard]] inline DbError storageError(QString message)
{
    return DbError{DbError::Kind::Storage, std::move(message)};
}

} // namespace galvani::db
