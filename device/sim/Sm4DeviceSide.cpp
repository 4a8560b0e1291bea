// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/Sm4DeviceSide.h"

#include "device/sim/CommandLog.h"
#include "device/sim/OutgoingQueue.h"
#include "device/sim/SimulatorConfig.h"
#include "device/sim/Sm4Text.h"
#include "device/sim/StimulatorModel.h"
#include "protocols/sciencemode4/Acks.h"

#include <algorithm>

namespace galvani::device::sim {

namespace sm4 = proto::sm4;

namespace {

constexpr sm4::Version kFirmware{1, 2, 0};
constexpr std::uint32_t kFirmwareHash = 0x6A11'5EEDU;
constexpr std::int64_t kEmptyBatteryMv = 3300; // Li-ion cell: 3.3 V empty ... 4.2 V full
constexpr std::int64_t kBatteryMvPerPercent = 9;

template <typename T>
bool holds(const sm4::HostCommand& command)
{
    return std::holds_alternative<T>(command);
}

} // namespace

Sm4DeviceSide::Sm4DeviceSide(SimContext& context, sm4::Variant variant)
    : m_ctx(context), m_codec(variant),
      m_mid(context, [this](std::chrono::milliseconds silent) { watchdogExpired(silent); }), m_low(context)
{
}

void Sm4DeviceSide::linkUp()
{
    // ScienceMode4 devices speak only when asked (§3).
}

void Sm4DeviceSide::receive(std::span<const std::uint8_t> bytes)
{
    m_inbound.clear();
    m_codec.feed(bytes, m_inbound);
    for (const auto& item : m_inbound) {
        if (const auto* received = std::get_if<sm4::Received<sm4::HostCommand>>(&item)) {
            handle(*received);
        } else {
            handleReject(std::get<sm4::RejectedRequest>(item));
        }
    }
}

void Sm4DeviceSide::handleReject(const sm4::RejectedRequest& rejected)
{
    const auto& frame = rejected.frame;
    if (frame.reason == proto::RejectReason::FrameRestart || frame.reason == proto::RejectReason::NoStop) {
        return;
    }
    const std::string name = frame.command ? sm4CommandName(*frame.command) : std::string("frame");
    const bool contentError
        = frame.reason == proto::RejectReason::DataLength || frame.reason == proto::RejectReason::FieldRange;
    m_ctx.commands.command(
        "reject", "rx " + name + " refused: " + std::string(proto::toString(frame.reason)), !contentError);
    if (contentError) {
        m_ctx.model.recordViolation(name, std::string(proto::toString(frame.reason)));
    }
    if (rejected.reply) {
        send(rejected.reply->packetNumber, rejected.reply->message);
    }
}

void Sm4DeviceSide::handle(const sm4::Received<sm4::HostCommand>& received)
{
    m_hostSeen = true;
    const auto& command = received.message;
    const auto number = sm4::toWire(sm4::commandId(command));
    const bool unchangedUpdate = holds<sm4::MlUpdate>(command) && m_mid.sameAsLast(std::get<sm4::MlUpdate>(command));
    const bool routine = unchangedUpdate || holds<sm4::MlGetCurrentData>(command)
        || holds<sm4::LlChannelConfig>(command) || holds<sm4::GetStimStatus>(command)
        || holds<sm4::GetMainStatus>(command) || holds<sm4::GetBatteryStatus>(command);
    const auto details = describeSm4(command);
    const auto key = sm4CommandName(number) + (unchangedUpdate ? " unchanged" : "");
    m_ctx.commands.command(key,
        "rx " + sm4CommandName(number) + " pn " + std::to_string(received.packetNumber)
            + (details.empty() ? "" : ": " + details),
        routine);

    std::chrono::nanoseconds notBefore{0};
    m_lowTrip = 0;
    if (auto reply = dispatch(command, notBefore)) {
        send(received.packetNumber, *reply, notBefore);
    }
    // After the ack: the effects the host learns about from later traffic.
    if (m_lowTrip != 0) {
        overCurrentTrip(m_lowTrip, false); // the pulse's ack already carried result 8
    } else if (holds<sm4::MlUpdate>(command) && m_level == Level::Mid) {
        if (const int channel = m_mid.checkFaults()) {
            overCurrentTrip(channel, true);
        }
    } else if (holds<sm4::Reset>(command)) {
        leaveLevel(StopCause::HostStop, "Reset", SimState::Idle);
    }
}

std::optional<Sm4DeviceSide::Reply> Sm4DeviceSide::dispatch(
    const sm4::HostCommand& command, std::chrono::nanoseconds& notBefore)
{
    if (const auto* c = std::get_if<sm4::LlInit>(&command)) {
        if (m_level == Level::Mid) {
            return levelError(command, true);
        }
        if (m_level == Level::Low) {
            leaveLevel(StopCause::HostStop, "Ll_init while low level active", SimState::Armed);
        }
        m_low.init(c->measurement, c->highVoltage);
        enterLevel(Level::Low);
        return sm4::LlInitAck{ResultCode::Ok};
    }
    if (const auto* c = std::get_if<sm4::LlChannelConfig>(&command)) {
        if (m_level != Level::Low) {
            return levelError(command, true);
        }
        auto outcome = m_low.config(*c);
        notBefore = outcome.notBefore;
        m_lowTrip = outcome.overCurrentChannel;
        return std::move(outcome.ack);
    }
    if (holds<sm4::LlStop>(command)) {
        if (m_level == Level::Mid) {
            return levelError(command, false);
        }
        if (m_level == Level::Low) {
            leaveLevel(StopCause::HostStop, "Ll_stop", SimState::Idle);
        }
        return sm4::LlStopAck{ResultCode::Ok};
    }
    if (const auto* c = std::get_if<sm4::MlInit>(&command)) {
        if (m_level == Level::Low) {
            return levelError(command, true);
        }
        if (m_level == Level::Mid) {
            leaveLevel(StopCause::HostStop, "Ml_init while mid level active", SimState::Armed);
        }
        m_mid.init(c->stopAllChannelsOnError);
        enterLevel(Level::Mid);
        return sm4::MlInitAck{ResultCode::Ok};
    }
    if (const auto* c = std::get_if<sm4::MlUpdate>(&command)) {
        if (m_level != Level::Mid) {
            return levelError(command, true);
        }
        return sm4::MlUpdateAck{m_mid.update(*c)};
    }
    if (holds<sm4::MlStop>(command)) {
        if (m_level == Level::Low) {
            return levelError(command, false);
        }
        if (m_level == Level::Mid) {
            leaveLevel(StopCause::HostStop, "Ml_stop", SimState::Idle);
        }
        return sm4::MlStopAck{ResultCode::Ok};
    }
    if (const auto* c = std::get_if<sm4::MlGetCurrentData>(&command)) {
        if (m_level != Level::Mid) {
            return levelError(command, false); // a status poll: answered, not a violation
        }
        m_mid.keepAlive();
        return m_mid.currentData(c->selection);
    }
    return general(command);
}

Sm4DeviceSide::Reply Sm4DeviceSide::general(const sm4::HostCommand& command)
{
    const sm4::Version scienceMode{static_cast<std::uint8_t>(variant() == sm4::Variant::ScienceMode4 ? 4 : 3), 0, 0};
    if (holds<sm4::GetVersionMain>(command)) {
        return sm4::GetVersionMainAck{ResultCode::Ok, kFirmware, scienceMode};
    }
    if (holds<sm4::GetVersionStim>(command)) {
        return sm4::GetVersionStimAck{ResultCode::Ok, kFirmware, scienceMode};
    }
    if (holds<sm4::GetExtendedVersion>(command)) {
        return sm4::GetExtendedVersionAck{
            ResultCode::Ok, kFirmware, scienceMode, kFirmwareHash, sm4::HashType::Git, true};
    }
    if (holds<sm4::GetDeviceId>(command)) {
        sm4::GetDeviceIdAck ack;
        // Shorter serial numbers are padded with NUL bytes (the field has no terminator).
        std::copy_n(m_ctx.config.serial.begin(), std::min(m_ctx.config.serial.size(), ack.deviceId.size()),
            ack.deviceId.begin());
        return ack;
    }
    if (holds<sm4::GetBatteryStatus>(command)) {
        const int level = std::clamp(m_ctx.config.batteryPercent, 0, 100);
        return sm4::GetBatteryStatusAck{ResultCode::Ok, static_cast<std::uint8_t>(level),
            core::Millivolts(kEmptyBatteryMv + kBatteryMvPerPercent * level)};
    }
    if (holds<sm4::GetStimStatus>(command)) {
        sm4::GetStimStatusAck ack;
        switch (m_level) {
        case Level::None:
            ack.status = sm4::StimStatus::None;
            break;
        case Level::Low:
            ack.status = sm4::StimStatus::LowLevelInitialized;
            break;
        case Level::Mid:
            ack.status = m_mid.anyRunning() ? sm4::StimStatus::MidLevelRunning : sm4::StimStatus::MidLevelInitialized;
            break;
        }
        ack.highVoltage = m_level == Level::None ? sm4::HighVoltageLevel::Off
            : m_level == Level::Low              ? m_low.highVoltageLevel()
                                                 : sm4::HighVoltageLevel::V150;
        return ack;
    }
    if (holds<sm4::GetMainStatus>(command)) {
        return sm4::GetMainStatusAck{ResultCode::Ok, 0};
    }
    if (holds<sm4::SetPower>(command)) {
        return sm4::SetPowerAck{ResultCode::Ok};
    }
    // Reset: ack first, then back to level none (handle()).
    return sm4::ResetAck{ResultCode::Ok};
}

Sm4DeviceSide::Reply Sm4DeviceSide::levelError(const sm4::HostCommand& command, bool record)
{
    if (record) {
        const auto level = m_level == Level::None ? "no level initialized"
            : m_level == Level::Low               ? "low level active"
                                                  : "mid level active";
        m_ctx.model.recordViolation(
            sm4CommandName(sm4::toWire(sm4::commandId(command))), std::string("wrong level: ") + level);
    }
    return sm4::zeroFilledAck(command, ResultCode::NotInitialized, variant());
}

void Sm4DeviceSide::send(std::uint8_t packetNumber, const Reply& message, std::chrono::nanoseconds notBefore)
{
    auto bytes = m_codec.encode(packetNumber, message);
    if (!bytes) {
        m_ctx.model.log("internal: reply not encodable: " + bytes.error().message());
        return;
    }
    const auto kind = std::holds_alternative<sm4::GeneralError>(message) && packetNumber == 0
        ? OutgoingQueue::Kind::Unsolicited
        : OutgoingQueue::Kind::Reply;
    m_ctx.out.send(std::move(bytes).value(), kind, OutgoingQueue::Tag::None, notBefore);
}

void Sm4DeviceSide::enterLevel(Level level)
{
    m_level = level;
    m_ctx.model.setBaseState(SimState::Armed);
    m_ctx.model.log(level == Level::Low ? "low level initialized, high voltage on"
                                        : "mid level initialized, high voltage on (watchdog "
                + std::to_string(m_ctx.config.effectiveWatchdog().count()) + " ms)");
}

void Sm4DeviceSide::leaveLevel(StopCause cause, std::string_view detail, SimState next)
{
    m_ctx.model.stopAll(cause, detail, next);
    m_mid.leave();
    m_low.leave();
    m_level = Level::None;
}

void Sm4DeviceSide::overCurrentTrip(int channel, bool sendGeneralError)
{
    const std::string detail = "over-current on channel " + std::to_string(channel);
    m_ctx.model.log("fault: " + detail + "; output and high voltage off, level reset");
    leaveLevel(StopCause::Fault, detail, SimState::Idle);
    if (sendGeneralError) {
        send(0, sm4::GeneralError{ResultCode::HighVoltageError});
    }
}

void Sm4DeviceSide::watchdogExpired(std::chrono::milliseconds silent)
{
    m_ctx.model.log("watchdog expired: host silent for " + std::to_string(silent.count()) + " ms (limit "
        + std::to_string(m_mid.watchdogPeriod().count())
        + " ms); output latched off, level reset until the host initializes again");
    leaveLevel(
        StopCause::Watchdog, "host silent for " + std::to_string(silent.count()) + " ms", SimState::LatchedWatchdog);
}

void Sm4DeviceSide::linkDown(StopCause cause, std::string_view detail)
{
    const bool latch = m_hostSeen && (m_level != Level::None || m_ctx.model.anyOutput());
    const SimState current = m_ctx.model.state();
    leaveLevel(cause, detail,
        latch ? SimState::LatchedWatchdog : (current == SimState::LatchedWatchdog ? current : SimState::Idle));
    m_codec.reset();
    m_ctx.out.clear();
    m_hostSeen = false;
}

void Sm4DeviceSide::channelFaultChanged(int channel)
{
    if (m_level == Level::Mid) {
        if (const int tripped = m_mid.checkFaults()) {
            overCurrentTrip(tripped, true);
        }
    } else if (m_level == Level::Low) {
        m_low.channelFaultChanged(channel);
    }
}

} // namespace galvani::device::sim
