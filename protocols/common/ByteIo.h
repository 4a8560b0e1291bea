// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace galvani::proto {

// Big-endian (MSB first) writer into an owned byte vector. All ScienceMode multi-byte fields are
// big-endian. Value type, no thread affinity.
class ByteWriter {
public:
    ByteWriter() = default;
    explicit ByteWriter(std::size_t reserve) { m_bytes.reserve(reserve); }

    void u8(std::uint8_t v) { m_bytes.push_back(v); }
    void i8(std::int8_t v) { m_bytes.push_back(static_cast<std::uint8_t>(v)); }
    void u16(std::uint16_t v)
    {
        u8(static_cast<std::uint8_t>(v >> 8U));
        u8(static_cast<std::uint8_t>(v & 0xFFU));
    }
    void i16(std::int16_t v) { u16(static_cast<std::uint16_t>(v)); }
    void u32(std::uint32_t v)
    {
        u16(static_cast<std::uint16_t>(v >> 16U));
        u16(static_cast<std::uint16_t>(v & 0xFFFFU));
    }
    void i32(std::int32_t v) { u32(static_cast<std::uint32_t>(v)); }
    void bytes(std::span<const std::uint8_t> b) { m_bytes.insert(m_bytes.end(), b.begin(), b.end()); }

    [[nodiscard]] std::size_t size() const { return m_bytes.size(); }
    [[nodiscard]] std::span<const std::uint8_t> view() const { return m_bytes; }
    [[nodiscard]] std::vector<std::uint8_t> take() { return std::move(m_bytes); }

private:
    std::vector<std::uint8_t> m_bytes;
};

// Bounds-checked big-endian reader over a borrowed span (the caller keeps the bytes alive). Every read
// returns nullopt instead of reading past the end; the first failed read also sets a sticky failed()
// flag so a decoder can read a whole record and check once. A failed read consumes nothing.
// Value type, no thread affinity.
class ByteReader {
public:
    explicit ByteReader(std::span<const std::uint8_t> data) : m_data(data) { }

    [[nodiscard]] std::optional<std::uint8_t> u8()
    {
        if (!need(1)) {
            return std::nullopt;
        }
        return m_data[m_pos++];
    }
    [[nodiscard]] std::optional<std::int8_t> i8()
    {
        const auto v = u8();
        if (!v) {
            return std::nullopt;
        }
        return static_cast<std::int8_t>(*v);
    }
    [[nodiscard]] std::optional<std::uint16_t> u16()
    {
        if (!need(2)) {
            return std::nullopt;
        }
        const auto v = static_cast<std::uint16_t>((m_data[m_pos] << 8U) | m_data[m_pos + 1]);
        m_pos += 2;
        return v;
    }
    [[nodiscard]] std::optional<std::int16_t> i16()
    {
        const auto v = u16();
        if (!v) {
            return std::nullopt;
        }
        return static_cast<std::int16_t>(*v);
    }
    [[nodiscard]] std::optional<std::uint32_t> u32()
    {
        if (!need(4)) {
            return std::nullopt;
        }
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            v = (v << 8U) | m_data[m_pos++];
        }
        return v;
    }
    [[nodiscard]] std::optional<std::int32_t> i32()
    {
        const auto v = u32();
        if (!v) {
            return std::nullopt;
        }
        return static_cast<std::int32_t>(*v);
    }
    // The next n bytes as a sub-span of the borrowed data.
    [[nodiscard]] std::optional<std::span<const std::uint8_t>> bytes(std::size_t n)
    {
        if (!need(n)) {
            return std::nullopt;
        }
        const auto out = m_data.subspan(m_pos, n);
        m_pos += n;
        return out;
    }
    [[nodiscard]] bool skip(std::size_t n)
    {
        if (!need(n)) {
            return false;
        }
        m_pos += n;
        return true;
    }

    [[nodiscard]] std::size_t position() const { return m_pos; }
    [[nodiscard]] std::size_t remaining() const { return m_data.size() - m_pos; }
    [[nodiscard]] bool atEnd() const { return m_pos == m_data.size(); }
    [[nodiscard]] bool failed() const { return m_failed; }

private:
    bool need(std::size_t n)
    {
        if (n > m_data.size() - m_pos) {
            m_failed = true;
            return false;
        }
        return true;
    }

    std::span<const std::uint8_t> m_data;
    std::size_t m_pos = 0;
    bool m_failed = false;
};

} // namespace galvani::proto
