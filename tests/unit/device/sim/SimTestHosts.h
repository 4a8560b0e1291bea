// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Tiny scripted hosts for the simulator tests: each speaks one protocol through its HostCodec over a
// Transport, keeps every message it receives in order, and waits (pumping the event loop) for the
// next message of a given type. Test-only; main thread.

#include "device/transport/Transport.h"
#include "protocols/sciencemode2/HostCodec.h"
#include "protocols/sciencemode4/HostCodec.h"
#include "support/WaitUntil.h"

#include <QByteArray>
#include <QObject>

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <variant>
#include <vector>

namespace galvani::test {

inline std::chrono::nanoseconds steadyNow()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch());
}

inline QByteArray toBytes(const std::vector<std::uint8_t>& v)
{
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size()));
}

// Host state shared by both protocols: the received events with their arrival times and a read cursor.
template <typename Event>
class HostBase {
public:
    explicit HostBase(device::Transport& link) : m_link(link)
    {
        QObject::connect(
            &link, &device::Transport::bytesReceived, &m_context, [this](const QByteArray& bytes) { onBytes(bytes); });
    }
    virtual ~HostBase() = default;
    HostBase(const HostBase&) = delete;
    HostBase& operator=(const HostBase&) = delete;

    void writeRaw(const std::vector<std::uint8_t>& bytes)
    {
        m_lastSend = steadyNow();
        REQUIRE(m_link.write(toBytes(bytes)));
    }
    [[nodiscard]] std::chrono::nanoseconds lastSend() const { return m_lastSend; }
    [[nodiscard]] const std::vector<Event>& events() const { return m_events; }
    [[nodiscard]] std::chrono::nanoseconds arrival(std::size_t index) const { return m_arrivals.at(index); }
    [[nodiscard]] std::size_t cursor() const { return m_cursor; }
    void skipAll() { m_cursor = m_events.size(); }

    // The index of the next unread event matching pred, waiting up to timeout; consumes events up to it.
    template <typename Pred>
    std::optional<std::size_t> nextWhere(Pred pred, std::chrono::milliseconds timeout)
    {
        std::optional<std::size_t> found;
        waitUntil(
            [&] {
                for (std::size_t i = m_cursor; i < m_events.size(); ++i) {
                    if (pred(m_events[i])) {
                        found = i;
                        return true;
                    }
                }
                return false;
            },
            timeout);
        if (found) {
            m_cursor = *found + 1;
        }
        return found;
    }

protected:
    virtual void decode(const QByteArray& bytes, std::vector<Event>& out) = 0;

private:
    void onBytes(const QByteArray& bytes)
    {
        decode(bytes, m_events);
        m_arrivals.resize(m_events.size(), steadyNow());
    }

    device::Transport& m_link;
    QObject m_context;
    std::vector<Event> m_events;
    std::vector<std::chrono::nanoseconds> m_arrivals;
    std::size_t m_cursor = 0;
    std::chrono::nanoseconds m_lastSend{0};
};

// ScienceMode2 host.
class Sm2Host : public HostBase<proto::sm2::HostEvent> {
public:
    using HostBase::HostBase;

    std::uint8_t send(const proto::sm2::HostCommand& command)
    {
        auto encoded = m_codec.encodeNext(command);
        REQUIRE(encoded.hasValue());
        writeRaw(encoded.value().bytes);
        return encoded.value().packetNumber;
    }
    void send(const proto::sm2::HostCommand& command, std::uint8_t packetNumber)
    {
        auto encoded = m_codec.encode(command, packetNumber);
        REQUIRE(encoded.hasValue());
        writeRaw(encoded.value());
    }

    // The next unread message of type T (other messages before it are skipped).
    template <typename T>
    std::optional<proto::sm2::ReceivedMessage> next(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000))
    {
        const auto i = nextWhere(
            [](const proto::sm2::HostEvent& e) {
                const auto* m = std::get_if<proto::sm2::ReceivedMessage>(&e);
                return m != nullptr && std::holds_alternative<T>(m->message);
            },
            timeout);
        if (!i) {
            return std::nullopt;
        }
        return std::get<proto::sm2::ReceivedMessage>(events()[*i]);
    }
    template <typename T>
    std::optional<T> nextMessage(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000))
    {
        auto m = next<T>(timeout);
        return m ? std::optional<T>(std::get<T>(m->message)) : std::nullopt;
    }
    template <typename T>
    [[nodiscard]] std::size_t count() const
    {
        std::size_t n = 0;
        for (const auto& e : events()) {
            const auto* m = std::get_if<proto::sm2::ReceivedMessage>(&e);
            n += m != nullptr && std::holds_alternative<T>(m->message) ? 1U : 0U;
        }
        return n;
    }

    // Waits for an Init beacon and answers it.
    bool handshake()
    {
        const auto init = next<proto::sm2::Init>(std::chrono::milliseconds(2000));
        if (!init) {
            return false;
        }
        send(proto::sm2::InitAck{proto::sm2::ResultCode::Ok}, init->packetNumber);
        return true;
    }

protected:
    void decode(const QByteArray& bytes, std::vector<proto::sm2::HostEvent>& out) override
    {
        m_codec.feed(
            std::span(reinterpret_cast<const std::uint8_t*>(bytes.constData()), static_cast<std::size_t>(bytes.size())),
            out);
    }

private:
    proto::sm2::HostCodec m_codec;
};

// ScienceMode4 / ScienceMode3 host.
class Sm4Host : public HostBase<proto::sm4::HostInbound> {
public:
    Sm4Host(device::Transport& link, proto::sm4::Variant variant = proto::sm4::Variant::ScienceMode4)
        : HostBase(link), m_codec(variant)
    {
    }

    std::uint8_t send(const proto::sm4::HostCommand& command)
    {
        auto encoded = m_codec.encode(command);
        REQUIRE(encoded.hasValue());
        writeRaw(encoded.value());
        return m_codec.lastPacketNumber();
    }

    template <typename T>
    std::optional<T> next(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000))
    {
        const auto i = nextWhere(
            [](const proto::sm4::HostInbound& e) {
                const auto* m = std::get_if<proto::sm4::Received<proto::sm4::DeviceMessage>>(&e);
                return m != nullptr && std::holds_alternative<T>(m->message);
            },
            timeout);
        if (!i) {
            return std::nullopt;
        }
        return std::get<T>(std::get<proto::sm4::Received<proto::sm4::DeviceMessage>>(events()[*i]).message);
    }

    // Sends a request and waits for its ack.
    template <typename Ack>
    std::optional<Ack> request(
        const proto::sm4::HostCommand& command, std::chrono::milliseconds timeout = std::chrono::milliseconds(2000))
    {
        send(command);
        return next<Ack>(timeout);
    }

protected:
    void decode(const QByteArray& bytes, std::vector<proto::sm4::HostInbound>& out) override
    {
        m_codec.feed(
            std::span(reinterpret_cast<const std::uint8_t*>(bytes.constData()), static_cast<std::size_t>(bytes.size())),
            out);
    }

private:
    proto::sm4::HostCodec m_codec;
};

} // namespace galvani::test
