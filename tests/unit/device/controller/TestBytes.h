// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/sciencemode4/DeviceCodec.h"
#include "protocols/sciencemode4/HostCodec.h"

#include <QByteArray>
#include <QList>

#include <optional>
#include <vector>

namespace galvani::test {

inline QByteArray toQBytes(const std::vector<std::uint8_t>& v)
{
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size()));
}

// The ScienceMode4 request a host frame carries, if it is one.
inline std::optional<proto::sm4::HostCommand> decodeSm4Request(const QByteArray& frame)
{
    proto::sm4::DeviceCodec codec;
    for (const auto& inbound : codec.feed(std::span(
             reinterpret_cast<const std::uint8_t*>(frame.constData()), static_cast<std::size_t>(frame.size())))) {
        if (const auto* r = std::get_if<proto::sm4::Received<proto::sm4::HostCommand>>(&inbound)) {
            return r->message;
        }
    }
    return std::nullopt;
}

inline bool isSm4(const QByteArray& frame, proto::sm4::CommandId id)
{
    const auto request = decodeSm4Request(frame);
    return request && proto::sm4::commandId(*request) == id;
}

} // namespace galvani::test
