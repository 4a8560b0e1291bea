// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/controller/ProtocolDriver.h"
#include "protocols/sciencemode4/HostCodec.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>

namespace galvani::device {

// How long a ScienceMode4 / ScienceMode3 request waits for its acknowledgement (SCIENCEMODE4.md §3 "Timing").
inline constexpr std::chrono::milliseconds kSm4AckTimeout{200};

// What is common to both ScienceMode4 / ScienceMode3 drivers (SCIENCEMODE4.md §3, §4.1):
//   handshake: Get_device_id, Get_extended_version (ScienceMode3: Get_version_main), Get_battery_status,
//   Get_stim_status; stop: Ml_stop or Ll_stop for the level the device is in (as last reported or set
//   by us); general replies decoded into identity, status and error events.
// The level-specific parts (configure, amplitudes, pulses, keep-alive, level replies) are in
// Sm4MidLevelDriver and Sm4LowLevelDriver.
// Thread affinity: the device thread. Ownership: owns its HostCodec. Units: µA, µs, Hz.
class Sm4Driver : public ProtocolDriver {
public:
    [[nodiscard]] const DriverInfo& info() const override { return m_info; }
    void reset() override;
    [[nodiscard]] EncodeOutcome encode(const Operation& operation) override;
    void feed(std::span<const std::uint8_t> bytes, std::vector<DriverEvent>& out) override;

    [[nodiscard]] proto::sm4::Variant variant() const { return m_codec.variant(); }

protected:
    enum class Level : std::uint8_t { None, Low, Mid };

    Sm4Driver(proto::sm4::Variant variant, QString level, bool measures, bool streams);

    // Level-specific encoding; return nullopt for operations the base handles.
    virtual std::optional<EncodeOutcome> encodeLevel(const Operation& operation) = 0;
    // Level-specific replies; return false if the message is not one of them.
    virtual bool decodeLevel(
        std::uint8_t packetNumber, const proto::sm4::DeviceMessage& message, std::vector<DriverEvent>& out)
        = 0;
    virtual void resetLevel() = 0;

    EncodeOutcome send(const proto::sm4::HostCommand& command, std::chrono::milliseconds timeout);
    [[nodiscard]] static std::uint32_t keyFor(proto::sm4::CommandId ack, std::uint8_t packetNumber);
    [[nodiscard]] static AckStatus statusOf(proto::sm4::ResultCode result);
    [[nodiscard]] static QString resultText(proto::sm4::ResultCode result);
    void ack(proto::sm4::CommandId ackId, std::uint8_t packetNumber, proto::sm4::ResultCode result,
        std::vector<DriverEvent>& out) const;

    [[nodiscard]] Level deviceLevel() const { return m_deviceLevel; }
    void setDeviceLevel(Level level) { m_deviceLevel = level; }
    [[nodiscard]] Level ownLevel() const { return m_info.streamsPulses ? Level::Low : Level::Mid; }
    // The plain-words event for a per-channel condition the device reports.
    [[nodiscard]] static ev::ChannelIssue channelIssue(int channel, FaultKind kind);

    DriverInfo m_info;

private:
    void decodeGeneral(
        std::uint8_t packetNumber, const proto::sm4::DeviceMessage& message, std::vector<DriverEvent>& out);

    proto::sm4::HostCodec m_codec;
    Level m_deviceLevel = Level::None;
    std::array<std::uint16_t, 64> m_expectedAck{}; // per packet number, to answer Unknown_cmd
};

// Output number 1..8 as the (connector, channel) pair of the P24's sockets.
struct Sm4Output {
    proto::sm4::Connector connector = proto::sm4::Connector::Yellow;
    std::uint8_t channel = 0;
};
[[nodiscard]] Sm4Output sm4Output(int output);
// The points of one pulse of a channel programme at the given amplitude (µA, multiple of 500 µA):
// monophasic {+I, w}; biphasic {+I, w}, {0, gap} (if any), {-I2, w2} with I2 = I for symmetric and
// I × ratio rounded to the nearest 500 µA for asymmetric.
[[nodiscard]] std::vector<proto::sm4::Point> sm4PulsePoints(
    const core::ChannelProgram& program, core::Microamps amplitude);

} // namespace galvani::device
