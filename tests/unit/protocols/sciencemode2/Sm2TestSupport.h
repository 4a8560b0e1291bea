// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/sciencemode2/DeviceCodec.h"
#include "protocols/sciencemode2/HostCodec.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

// Helpers shared by the ScienceMode2 tests: hex, the copied vectors, value generators and feeding.
namespace sm2test {

using Bytes = std::vector<std::uint8_t>;
namespace sm2 = galvani::proto::sm2;

Bytes fromHex(const std::string& hex);
std::string toHex(const Bytes& bytes);

// tests/data/protocol-vectors.json → "sciencemode2" (read from GALVANI_TEST_DATA_DIR only).
const nlohmann::json& vectors();

// Typed value a vector's "fields" describe, built from the JSON alone (independent of the codecs).
sm2::HostCommand hostCommandFromFields(const nlohmann::json& fields);
sm2::DeviceMessage deviceMessageFromFields(const nlohmann::json& fields);
// InitChannelListMode giving fields.context.active_channels_from_init, t1/t2 allowing any mode.
sm2::InitChannelListMode contextInit(const nlohmann::json& fields);

// A frame as a lenient host builds it (§9): pn/cmd equal to F0 0F 81 55 0A sent as b ^ 55 without
// prefix, and extra data values escaped. LEN and CRC cover the bytes as sent.
Bytes lenientFrame(std::uint8_t pn, std::uint8_t command, const Bytes& data, bool unprefixedXorPnCmd,
    const std::vector<std::uint8_t>& extraEscapes);

// Feeding helpers: every event of one stream, then flush.
std::vector<sm2::DeviceEvent> feedDevice(const Bytes& wire);
std::vector<sm2::HostEvent> feedHost(const Bytes& wire);

// Random valid values (what our host/device encoders accept).
sm2::InitChannelListMode randomInit(std::mt19937& rng, int activeCount);
sm2::StartChannelListMode randomStart(std::mt19937& rng, int entries);
// An init for which start passes checkHostChannelList.
sm2::InitChannelListMode initFor(std::mt19937& rng, const sm2::StartChannelListMode& start);
sm2::HostCommand randomHostCommand(std::mt19937& rng, sm2::InitChannelListMode& context);
sm2::DeviceMessage randomDeviceMessage(std::mt19937& rng);

int uniform(std::mt19937& rng, int lo, int hi);

} // namespace sm2test
