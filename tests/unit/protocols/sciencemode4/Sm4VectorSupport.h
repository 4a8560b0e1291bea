// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/sciencemode4/Commands.h"
#include "protocols/sciencemode4/DeviceCodec.h"
#include "protocols/sciencemode4/Frame.h"
#include "protocols/sciencemode4/HostCodec.h"
#include "protocols/sciencemode4/Messages.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// Test helpers: the shared protocol vectors (tests/data/protocol-vectors.json, "sciencemode4"), their
// conversion into typed values, hex and event helpers. Test-only code.
namespace galvani::proto::sm4::test {

using Bytes = std::vector<std::uint8_t>;

// "F0 81 55" -> bytes.
[[nodiscard]] Bytes fromHex(const std::string& hex);
[[nodiscard]] std::string toHex(const Bytes& bytes);

// The "sciencemode4" array of the vectors file (loaded once).
[[nodiscard]] const nlohmann::json& sm4Vectors();
[[nodiscard]] const nlohmann::json& vectorNamed(const std::string& name);

// The typed request or reply a vector's "fields" describe; nullopt for a command that has no typed
// form (the unknown-command vector).
[[nodiscard]] std::optional<HostCommand> hostCommandFrom(const nlohmann::json& fields);
[[nodiscard]] std::optional<DeviceMessage> deviceMessageFrom(const nlohmann::json& fields);
[[nodiscard]] WireOptions wireOptionsFrom(const nlohmann::json& vector);

// Maps a vector's detected_by text to the reject reason.
[[nodiscard]] RejectReason reasonFrom(const std::string& detectedBy);

// Event helpers.
[[nodiscard]] std::vector<Received<HostCommand>> commandsIn(const std::vector<DeviceInbound>& events);
[[nodiscard]] std::vector<RejectedRequest> rejectsIn(const std::vector<DeviceInbound>& events);
[[nodiscard]] std::vector<Received<DeviceMessage>> messagesIn(const std::vector<HostInbound>& events);
[[nodiscard]] std::vector<Rejected> rejectsIn(const std::vector<HostInbound>& events);

// Encodes or fails the test.
[[nodiscard]] Bytes encodeOrFail(const HostCodec& codec, const HostCommand& command, std::uint8_t pn);
[[nodiscard]] Bytes encodeOrFail(const DeviceCodec& codec, const DeviceMessage& message, std::uint8_t pn);

// Feeds bytes and flushes (a frame without stop byte then shows as NoStop).
[[nodiscard]] std::vector<DeviceInbound> feedAll(DeviceCodec& codec, const Bytes& bytes);
[[nodiscard]] std::vector<HostInbound> feedAll(HostCodec& codec, const Bytes& bytes);

} // namespace galvani::proto::sm4::test
