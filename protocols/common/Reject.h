// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace galvani::proto {

// Why a receiver refused a frame (or a partial frame). Shared by every protocol so the device layer
// can count and rate-limit protocol errors without knowing the protocol. The first check that fails
// names the reason, in the order the receivers apply them (framing, header, length, checksum, command,
// data length, field range).
enum class RejectReason : std::uint8_t {
    FrameRestart, // an unescaped start byte arrived before the stop byte: partial frame dropped
    NoStop, // the input ended (flush) inside a frame: no stop byte seen
    Overlong, // the frame grew beyond the protocol's largest possible frame before its stop byte
    Header, // header structure wrong (escape prefixes missing, impossible header values)
    Truncated, // frame too short to hold the header and the mandatory body bytes
    Escape, // an escape byte with nothing after it (dangling 81 before the stop byte)
    Length, // length field disagrees with the bytes received
    Crc, // checksum field disagrees with the computed checksum
    UnknownCommand, // checksum fine, but the command number is not one this side accepts
    DataLength, // known command, wrong number of data bytes for it
    FieldRange, // known command and length, a field value outside its documented range
    // Keep kRejectReasonCount below in step.
};

inline constexpr std::size_t kRejectReasonCount = 11;
static_assert(static_cast<std::size_t>(RejectReason::FieldRange) + 1 == kRejectReasonCount);

[[nodiscard]] std::string_view toString(RejectReason reason);

// Per-reason reject counts for a codec's statistics (the device layer rate-limits its error reports on
// them). Plain value, no thread affinity.
class RejectCounters {
public:
    void add(RejectReason reason) { ++m_counts[static_cast<std::size_t>(reason)]; }
    [[nodiscard]] std::uint64_t count(RejectReason reason) const { return m_counts[static_cast<std::size_t>(reason)]; }
    [[nodiscard]] std::uint64_t total() const
    {
        std::uint64_t sum = 0;
        for (const auto c : m_counts) {
            sum += c;
        }
        return sum;
    }
    void reset() { m_counts.fill(0); }

private:
    std::array<std::uint64_t, kRejectReasonCount> m_counts{};
};

// An encoder's refusal: which field, the offending value and the allowed range as text. Field and
// range texts are static strings owned by the encoder (string literals), so the error is a cheap value.
struct EncodeError {
    std::string_view field; // e.g. "pulseWidth"
    std::int64_t value = 0; // the refused value, in the field's wire unit (see the field's struct)
    std::string_view allowed; // e.g. "0 or 20..500 us"

    // "pulseWidth = 600 (allowed: 0 or 20..500 us)"
    [[nodiscard]] std::string message() const;
    friend bool operator==(const EncodeError&, const EncodeError&) = default;
};

// An enumeration's wire value as EncodeError::value, for refusals of enumerated fields.
template <typename Enum>
requires std::is_enum_v<Enum>
[[nodiscard]] constexpr std::int64_t encodeErrorValue(Enum value)
{
    return static_cast<std::int64_t>(value);
}

} // namespace galvani::proto
