// SPDX-License-Identifier: GPL-3.0-or-later
#include "Sm4Generators.h"

#include "protocols/sciencemode4/DutyCycle.h"
#include "protocols/sciencemode4/PointCodec.h"
#include "protocols/sciencemode4/Sm4Limits.h"

#include <type_traits>

namespace galvani::proto::sm4::test {
namespace {

template <typename T>
T uniform(Rng& rng, T lo, T hi)
{
    using Wide = std::conditional_t<std::is_signed_v<T>, std::int64_t, std::uint64_t>;
    return static_cast<T>(std::uniform_int_distribution<Wide>(static_cast<Wide>(lo), static_cast<Wide>(hi))(rng));
}

bool coin(Rng& rng)
{
    return uniform<int>(rng, 0, 1) == 1;
}

ResultCode anyResult(Rng& rng)
{
    return static_cast<ResultCode>(uniform<int>(rng, 0, 255));
}

std::vector<Point> randomPoints(Rng& rng)
{
    std::vector<Point> points(uniform<std::size_t>(rng, kMinPoints, kMaxPoints));
    for (Point& p : points) {
        p = randomPoint(rng);
    }
    return points;
}

std::int64_t stepUs(PeriodResolution r)
{
    return r == PeriodResolution::QuarterMillisecond ? kQuarterMsStepUs : kHalfMsStepUs;
}

MlChannel randomMlChannel(Rng& rng, Variant v)
{
    MlChannel ch;
    ch.ramp = uniform<std::uint8_t>(rng, 0, kMaxRamp);
    ch.resolution = v == Variant::ScienceMode4 && coin(rng) ? PeriodResolution::QuarterMillisecond
                                                            : PeriodResolution::HalfMillisecond;
    ch.period = core::Microseconds{uniform<std::int64_t>(rng, kMinPeriodCode, kMaxPeriodCode) * stepUs(ch.resolution)};
    ch.points = randomPoints(rng);
    return ch;
}

MlUpdate randomMlUpdate(Rng& rng, Variant v)
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        MlUpdate update;
        for (int i = 0; i < channelCount(v); ++i) {
            if (coin(rng)) {
                update.channels[static_cast<std::size_t>(i)] = randomMlChannel(rng, v);
            }
        }
        if (satisfiesDutyRule(update)) {
            return update;
        }
    }
    // Long periods always satisfy the duty rule (8 x 65 580 µs is far below 8.19 s).
    MlUpdate update;
    MlChannel ch = randomMlChannel(rng, v);
    ch.period = core::Microseconds{kMaxPeriodCode * stepUs(ch.resolution)};
    update.channels[0] = ch;
    return update;
}

LlChannelConfig randomLlChannelConfig(Rng& rng, Variant v)
{
    LlChannelConfig c;
    c.enable = uniform<int>(rng, 0, 7) != 0;
    c.channel = uniform<std::uint8_t>(rng, 0, 3);
    c.connector = v == Variant::ScienceMode4 && coin(rng) ? Connector::Green : Connector::Yellow;
    if (c.enable) {
        c.points = randomPoints(rng);
    }
    return c;
}

Version randomVersion(Rng& rng)
{
    return Version{
        uniform<std::uint8_t>(rng, 0, 255), uniform<std::uint8_t>(rng, 0, 255), uniform<std::uint8_t>(rng, 0, 255)};
}

LlChannelConfigAck randomLlAck(Rng& rng, Variant v)
{
    LlChannelConfigAck ack;
    ack.result = anyResult(rng);
    ack.channel = uniform<std::uint8_t>(rng, 0, 3);
    ack.connector = v == Variant::ScienceMode4 && coin(rng) ? Connector::Green : Connector::Yellow;
    if (v == Variant::ScienceMode4) {
        ack.measurement = static_cast<LlMeasurement>(uniform<int>(rng, 0, 3));
    }
    if (ack.measurement != LlMeasurement::None) {
        ack.samplingPeriod = core::Microseconds{uniform<std::int64_t>(rng, 0, 0xFFFF)};
        ack.samples.resize(kSampleCount);
        for (auto& s : ack.samples) {
            s = uniform<std::uint16_t>(rng, 0, 0xFFFF);
        }
    }
    return ack;
}

MlGetCurrentDataAck randomCurrentDataAck(Rng& rng, Variant v)
{
    MlGetCurrentDataAck ack;
    ack.result = anyResult(rng);
    const int kind = v == Variant::ScienceMode4 ? uniform<int>(rng, 1, 4) : (coin(rng) ? 1 : 4);
    auto status = [&rng] { return ElectrodeStatus{coin(rng), uniform<std::uint8_t>(rng, 0, 15)}; };
    switch (kind) {
    case 1:
        ack.selection = 2;
        ack.body = FourChannelStatus{status()};
        break;
    case 2:
        ack.selection = 3;
        ack.body = EightChannelStatus{status(), status()};
        break;
    case 3: {
        ack.selection = 4;
        ChannelStatesReport report;
        report.runningMask = uniform<std::uint8_t>(rng, 0, 255);
        for (auto& s : report.states) {
            s = static_cast<ChannelState>(uniform<int>(rng, 0, 3));
        }
        ack.body = report;
        break;
    }
    default:
        // A selection the device does not know: failure result, selection echoed, no body.
        ack.result = ResultCode::ParameterError;
        do {
            ack.selection = uniform<std::uint8_t>(rng, 0, 255);
        } while (ack.selection == 2 || (v == Variant::ScienceMode4 && (ack.selection == 3 || ack.selection == 4)));
        break;
    }
    return ack;
}

} // namespace

Point randomPoint(Rng& rng)
{
    const auto code = uniform<std::uint16_t>(rng, kMinAcceptedCurrentCode, kMaxAcceptedCurrentCode);
    return Point{core::Microseconds{uniform<std::int64_t>(rng, 0, kMaxPointDurationUs)}, currentFromCode(code),
        Interpolation::Jump};
}

std::optional<HostCommand> randomCommandOfKind(Rng& rng, std::size_t kind, Variant v)
{
    switch (kind) {
    case 0:
        return LlInit{static_cast<LlMeasurement>(v == Variant::ScienceMode4 ? uniform<int>(rng, 0, 3) : 0),
            static_cast<HighVoltageSetting>(uniform<int>(rng, 0, 6))};
    case 1:
        return randomLlChannelConfig(rng, v);
    case 2:
        return LlStop{};
    case 3:
        return MlInit{coin(rng)};
    case 4:
        return randomMlUpdate(rng, v);
    case 5:
        return MlStop{};
    case 6:
        return MlGetCurrentData{
            static_cast<CurrentDataSelection>(v == Variant::ScienceMode4 ? uniform<int>(rng, 2, 4) : 2)};
    case 7:
        return GetVersionMain{};
    case 8:
        return GetDeviceId{};
    case 9:
        return GetBatteryStatus{};
    case 10:
        return SetPower{uniform<std::uint64_t>(rng, 0, 0x1F)};
    case 11:
        return Reset{};
    case 12:
        return GetVersionStim{};
    case 13:
        return GetStimStatus{};
    case 14:
        return GetMainStatus{};
    case 15:
        if (v == Variant::ScienceMode3) {
            return std::nullopt;
        }
        return GetExtendedVersion{};
    default:
        return std::nullopt;
    }
}

std::optional<DeviceMessage> randomMessageOfKind(Rng& rng, std::size_t kind, Variant v)
{
    switch (kind) {
    case 0:
        return LlInitAck{anyResult(rng)};
    case 1:
        return randomLlAck(rng, v);
    case 2:
        return LlStopAck{anyResult(rng)};
    case 3:
        return MlInitAck{anyResult(rng)};
    case 4:
        return MlUpdateAck{anyResult(rng)};
    case 5:
        return MlStopAck{anyResult(rng)};
    case 6:
        return randomCurrentDataAck(rng, v);
    case 7:
        return GetVersionMainAck{anyResult(rng), randomVersion(rng), randomVersion(rng)};
    case 8: {
        GetDeviceIdAck ack{anyResult(rng), {}};
        for (char& c : ack.deviceId) {
            c = static_cast<char>(uniform<int>(rng, 0, 127));
        }
        return ack;
    }
    case 9:
        return GetBatteryStatusAck{anyResult(rng), uniform<std::uint8_t>(rng, 0, 100),
            core::Millivolts{uniform<std::int64_t>(rng, 0, 0xFFFF)}};
    case 10:
        return SetPowerAck{anyResult(rng)};
    case 11:
        return ResetAck{anyResult(rng)};
    case 12:
        return GetVersionStimAck{anyResult(rng), randomVersion(rng), randomVersion(rng)};
    case 13:
        return GetStimStatusAck{anyResult(rng), static_cast<StimStatus>(uniform<int>(rng, 0, 3)),
            static_cast<HighVoltageLevel>(uniform<int>(rng, 0, 6))};
    case 14:
        return GetMainStatusAck{anyResult(rng), uniform<std::uint8_t>(rng, 0, 255)};
    case 15:
        return GeneralError{anyResult(rng)};
    case 16:
        return UnknownCmd{anyResult(rng)};
    case 17:
        if (v == Variant::ScienceMode3) {
            return std::nullopt;
        }
        return GetExtendedVersionAck{anyResult(rng), randomVersion(rng), randomVersion(rng),
            uniform<std::uint32_t>(rng, 0, 0xFFFF'FFFF), static_cast<HashType>(uniform<int>(rng, 0, 3)), coin(rng)};
    default:
        return std::nullopt;
    }
}

HostCommand randomCommand(Rng& rng, Variant v)
{
    for (;;) {
        if (auto c = randomCommandOfKind(rng, uniform<std::size_t>(rng, 0, std::variant_size_v<HostCommand> - 1), v)) {
            return std::move(*c);
        }
    }
}

DeviceMessage randomMessage(Rng& rng, Variant v)
{
    for (;;) {
        if (auto m
            = randomMessageOfKind(rng, uniform<std::size_t>(rng, 0, std::variant_size_v<DeviceMessage> - 1), v)) {
            return std::move(*m);
        }
    }
}

std::vector<HostCommand> boundaryCommands(Variant v)
{
    const bool sm4 = v == Variant::ScienceMode4;
    std::vector<HostCommand> out;
    for (int m = 0; m <= (sm4 ? 3 : 0); ++m) {
        for (int hv = 0; hv <= 6; ++hv) {
            out.emplace_back(LlInit{static_cast<LlMeasurement>(m), static_cast<HighVoltageSetting>(hv)});
        }
    }
    const Point longest{core::Microseconds{kMaxPointDurationUs}, core::Microamps{kMaxCurrentUa}, Interpolation::Jump};
    const Point negative{core::Microseconds{kMaxPointDurationUs}, core::Microamps{-kMaxCurrentUa}, Interpolation::Jump};
    const Point shortest{core::Microseconds{0}, core::Microamps{0}, Interpolation::Jump};
    for (std::uint8_t ch = 0; ch < 4; ++ch) {
        for (int conn = 0; conn <= (sm4 ? 1 : 0); ++conn) {
            out.emplace_back(LlChannelConfig{true, ch, static_cast<Connector>(conn), {shortest}});
            out.emplace_back(LlChannelConfig{false, ch, static_cast<Connector>(conn), {}});
        }
    }
    std::vector<Point> sixteen(kMaxPoints, longest);
    sixteen[1] = negative;
    out.emplace_back(LlChannelConfig{true, 3, sm4 ? Connector::Green : Connector::Yellow, sixteen});
    out.emplace_back(LlStop{});
    out.emplace_back(MlInit{false});
    out.emplace_back(MlInit{true});

    out.emplace_back(MlUpdate{}); // empty mask: every channel stops
    MlUpdate fullest;
    MlUpdate fastest;
    for (int i = 0; i < channelCount(v); ++i) {
        const auto resolution
            = sm4 && i % 2 == 1 ? PeriodResolution::QuarterMillisecond : PeriodResolution::HalfMillisecond;
        fullest.channels[static_cast<std::size_t>(i)]
            = MlChannel{kMaxRamp, core::Microseconds{kMaxPeriodCode * stepUs(resolution)}, resolution, sixteen};
    }
    const auto fine = sm4 ? PeriodResolution::QuarterMillisecond : PeriodResolution::HalfMillisecond;
    fastest.channels[0] = MlChannel{0, core::Microseconds{kMinPeriodCode * stepUs(fine)}, fine, {shortest}};
    out.emplace_back(fullest);
    out.emplace_back(fastest);
    out.emplace_back(MlStop{});
    out.emplace_back(MlGetCurrentData{CurrentDataSelection::FourChannelStatus});
    if (sm4) {
        out.emplace_back(MlGetCurrentData{CurrentDataSelection::EightChannelStatus});
        out.emplace_back(MlGetCurrentData{CurrentDataSelection::ChannelStates});
    }
    out.emplace_back(GetVersionMain{});
    out.emplace_back(GetDeviceId{});
    out.emplace_back(GetBatteryStatus{});
    out.emplace_back(SetPower{0});
    out.emplace_back(SetPower{0x1F});
    out.emplace_back(Reset{});
    out.emplace_back(GetVersionStim{});
    out.emplace_back(GetStimStatus{});
    out.emplace_back(GetMainStatus{});
    if (sm4) {
        out.emplace_back(GetExtendedVersion{});
    }
    return out;
}

std::vector<DeviceMessage> boundaryMessages(Variant v)
{
    const bool sm4 = v == Variant::ScienceMode4;
    std::vector<DeviceMessage> out;
    for (const ResultCode r : {ResultCode::Ok, ResultCode::PulseLowCurrent, static_cast<ResultCode>(255)}) {
        out.emplace_back(LlInitAck{r});
        out.emplace_back(LlStopAck{r});
        out.emplace_back(MlInitAck{r});
        out.emplace_back(MlUpdateAck{r});
        out.emplace_back(MlStopAck{r});
        out.emplace_back(SetPowerAck{r});
        out.emplace_back(ResetAck{r});
        out.emplace_back(GeneralError{r});
        out.emplace_back(UnknownCmd{r});
    }
    out.emplace_back(GetVersionMainAck{ResultCode::Ok, {0, 0, 0}, {255, 255, 255}});
    out.emplace_back(GetVersionStimAck{ResultCode::Ok, {255, 255, 255}, {0, 0, 0}});
    GetDeviceIdAck id{ResultCode::Ok, {}};
    id.deviceId.fill(0x7F);
    out.emplace_back(id);
    out.emplace_back(GetDeviceIdAck{ResultCode::TransferError, {}});
    out.emplace_back(GetBatteryStatusAck{ResultCode::Ok, 100, core::Millivolts{0xFFFF}});
    out.emplace_back(GetBatteryStatusAck{ResultCode::Ok, 0, core::Millivolts{0}});
    for (int s = 0; s <= 3; ++s) {
        for (int hv = 0; hv <= 6; ++hv) {
            out.emplace_back(
                GetStimStatusAck{ResultCode::Ok, static_cast<StimStatus>(s), static_cast<HighVoltageLevel>(hv)});
        }
    }
    out.emplace_back(GetMainStatusAck{ResultCode::Ok, 255});
    for (std::uint8_t ch = 0; ch < 4; ++ch) {
        out.emplace_back(LlChannelConfigAck{
            ResultCode::ElectrodeError, ch, sm4 ? Connector::Green : Connector::Yellow, LlMeasurement::None, {}, {}});
    }
    if (sm4) {
        for (int m = 1; m <= 3; ++m) {
            out.emplace_back(LlChannelConfigAck{ResultCode::Ok, 0, Connector::Yellow, static_cast<LlMeasurement>(m),
                core::Microseconds{0xFFFF}, std::vector<std::uint16_t>(kSampleCount, 0xFFFF)});
        }
        out.emplace_back(GetExtendedVersionAck{
            ResultCode::Ok, {255, 255, 255}, {255, 255, 255}, 0xFFFF'FFFF, HashType::ElfSha256, true});
        out.emplace_back(MlGetCurrentDataAck{ResultCode::Ok, 3, EightChannelStatus{{true, 15}, {true, 15}}});
        ChannelStatesReport report;
        report.runningMask = 0xFF;
        report.states.fill(ChannelState::LowCurrent);
        out.emplace_back(MlGetCurrentDataAck{ResultCode::Ok, 4, report});
    }
    out.emplace_back(MlGetCurrentDataAck{ResultCode::Ok, 2, FourChannelStatus{{true, 15}}});
    out.emplace_back(MlGetCurrentDataAck{ResultCode::ParameterError, 0, std::monostate{}});
    out.emplace_back(MlGetCurrentDataAck{ResultCode::ParameterError, 255, std::monostate{}});
    return out;
}

} // namespace galvani::proto::sm4::test
