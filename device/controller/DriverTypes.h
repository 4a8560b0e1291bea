// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"
#include "device/controller/DeviceFault.h"
#include "device/controller/StimulationPlan.h"
#include "protocols/common/Reject.h"

#include <QString>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

// The vocabulary between DeviceController (protocol-agnostic) and a ProtocolDriver (one per protocol).
// Plain values; used on the device thread only.
namespace galvani::device {

inline constexpr int kMaxOutputs = 8; // largest channel count of the supported devices
// Absolute amplitude per output (index 0 = channel 1), in µA; 0 for channels not in the programme.
using AmplitudeSet = std::array<core::Microamps, kMaxOutputs>;

// Things the controller can ask the device during the handshake.
enum class Query : std::uint8_t { DeviceId, Firmware, Battery, DeviceState };

// Generic operations the controller asks a driver to put on the wire.
namespace op {
struct AcceptBeacon { // answer a connection beacon (ScienceMode2 Init) carrying its packet number
    std::uint8_t packetNumber = 0;
};
struct Ask {
    Query query = Query::DeviceState;
};
struct Configure { // load the programme, output stays off; the driver keeps the plan for later operations
    StimulationPlan plan;
};
struct ApplyAmplitudes { // set every programmed channel to these absolute amplitudes (starts output if off)
    AmplitudeSet amplitudes{};
};
struct Pulse { // low level only: one pulse on one channel now
    int channel = 1;
    core::Microamps amplitude{0};
};
struct KeepAlive { };
struct Stop { }; // all outputs off, now
} // namespace op
using Operation
    = std::variant<op::AcceptBeacon, op::Ask, op::Configure, op::ApplyAmplitudes, op::Pulse, op::KeepAlive, op::Stop>;

// A frame ready for the transport. replyKey identifies the reply that acknowledges it (nullopt: the
// protocol never answers this frame). timeout: how long to wait for that reply.
struct Outgoing {
    std::vector<std::uint8_t> bytes;
    std::optional<std::uint32_t> replyKey;
    std::chrono::milliseconds timeout{200};
};

// A driver's refusal to encode (the encoder's message names the field and the allowed range).
struct DriverError {
    QString message;
};

// What encode() produced: a frame, nothing to send (the operation needs no frame in this protocol),
// or an error.
struct NothingToSend { };
using EncodeOutcome = std::variant<Outgoing, NothingToSend, DriverError>;

// How a device answered a request.
enum class AckStatus : std::uint8_t {
    Accepted, // done
    Retry, // transfer error or busy: the same request may be sent again
    Refused, // parameter / mode / level error: sending it again will not help
};

// Events decoded from the device's byte stream.
namespace ev {
struct Ack {
    std::uint32_t key = 0;
    AckStatus status = AckStatus::Accepted;
    QString detail; // result code in words when not accepted
};
struct Beacon { // the device is waiting for a host (ScienceMode2 Init)
    std::uint8_t packetNumber = 0;
};
struct Identity { // a part of the identity; unset fields are unchanged
    std::optional<QString> deviceId;
    std::optional<QString> firmware;
    std::optional<int> batteryPercent;
    std::optional<core::Millivolts> batteryVoltage;
};
struct Status { // the device's own view of its output
    std::uint32_t key = 0; // the poll it answers (0 if unsolicited)
    std::optional<bool> configured; // a programme / level is loaded
    std::optional<bool> running; // output is running
    std::optional<std::uint8_t> runningMask; // bit i = channel i+1 running, if the protocol reports it
};
struct ChannelIssue { // per-channel condition reported by the device
    int channel = 0;
    FaultKind kind = FaultKind::ElectrodeError;
    QString text;
};
struct Measurement { // low level: delivered current of one pulse
    std::uint32_t key = 0; // the pulse frame it belongs to
    int channel = 0;
    std::optional<core::Microamps> plateau; // peak plateau; nullopt: samples undecodable
    // Delivered charge over the phases divided by the phases' commanded duration: equals the amplitude for a
    // pulse that held its current, less when the current sagged (compliance). nullopt when not computable.
    std::optional<core::Microamps> phaseMean;
    std::optional<core::Microseconds> width; // of the first phase; nullopt when not measurable
};
struct DeviceError { // the device reports an error and has stopped (or must be treated as stopped)
    int channel = 0;
    FaultKind kind = FaultKind::DeviceError;
    QString message;
    QString whatToCheck;
};
struct Rejected { // a frame the codec refused
    proto::RejectReason reason = proto::RejectReason::Crc;
};
struct TransferErrorReport { // the device says a frame from us arrived damaged (it is re-sent on its timeout)
};
} // namespace ev
using DriverEvent = std::variant<ev::Ack, ev::Beacon, ev::Identity, ev::Status, ev::ChannelIssue, ev::Measurement,
    ev::DeviceError, ev::Rejected, ev::TransferErrorReport>;

} // namespace galvani::device
