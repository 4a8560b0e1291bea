// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

namespace galvani::proto {

// Value-or-error, a small stand-in for std::expected (C++23, not in GCC 12's library). Encoders
// return Result<std::vector<std::uint8_t>, EncodeError>. Construct implicitly from either a T or an
// E (they must be different types); check with hasValue()/operator bool before value()/error().
// Calling value() on an error (or error() on a value) is a programming error: std::get then throws
// std::bad_variant_access. Plain value type, no thread affinity.
template <typename T, typename E>
class Result {
    static_assert(!std::is_same_v<T, E>, "Result needs distinct value and error types");

public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) { } // NOLINT(google-explicit-constructor)
    Result(E error) : m_state(std::in_place_index<1>, std::move(error)) { } // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool hasValue() const { return m_state.index() == 0; }
    [[nodiscard]] explicit operator bool() const { return hasValue(); }

    [[nodiscard]] T& value() & { return std::get<0>(m_state); }
    [[nodiscard]] const T& value() const& { return std::get<0>(m_state); }
    [[nodiscard]] T&& value() && { return std::get<0>(std::move(m_state)); }
    [[nodiscard]] const E& error() const { return std::get<1>(m_state); }

    [[nodiscard]] const T* operator->() const { return &value(); }
    [[nodiscard]] const T& operator*() const& { return value(); }

private:
    std::variant<T, E> m_state;
};

} // namespace galvani::proto
