// SPDX-License-Identifier: GPL-3.0-or-later
// Typed values built from the fuzz input, in and out of range, through the encoders: a value the
// encoder accepts decodes on the other side to exactly the same value and packet number (and is
// within the device limits); a refused value produces no bytes at all.
#include "Sm4FuzzCheck.h"

#include "protocols/sciencemode4/DeviceCodec.h"
#include "protocols/sciencemode4/HostCodec.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace galvani;
using namespace galvani::proto;
using namespace galvani::proto::sm4;

namespace {

// Values slightly beyond each documented range so refusals are exercised as well as acceptance.
template <typename E>
E anyEnum(FuzzedDataProvider& in, int maxValid)
{
    return static_cast<E>(in.ConsumeIntegralInRange<int>(0, maxValid + 2));
}

Point anyPoint(FuzzedDataProvider& in)
{
    Point p;
    p.duration = core::Microseconds{in.ConsumeIntegralInRange<std::int64_t>(-2, 4100)};
    // Mostly on the 0.5 mA grid, sometimes off it.
    const auto steps = in.ConsumeIntegralInRange<std::int64_t>(-310, 310);
    p.current = core::Microamps{
        steps * kCurrentStepUa + (in.ConsumeBool() ? 0 : in.ConsumeIntegralInRange<std::int64_t>(-499, 499))};
    p.interpolation = in.ConsumeProbability<float>() < 0.95F ? Interpolation::Jump : anyEnum<Interpolation>(in, 1);
    return p;
}

std::vector<Point> anyPoints(FuzzedDataProvider& in)
{
    std::vector<Point> points(in.ConsumeIntegralInRange<std::size_t>(0, 18));
    for (Point& p : points) {
        p = anyPoint(in);
    }
    return points;
}

HostCommand anyCommand(FuzzedDataProvider& in)
{
    switch (in.ConsumeIntegralInRange<int>(0, 15)) {
    case 0:
        return LlInit{anyEnum<LlMeasurement>(in, 3), anyEnum<HighVoltageSetting>(in, 6)};
    case 1:
        return LlChannelConfig{
            in.ConsumeBool(), in.ConsumeIntegralInRange<std::uint8_t>(0, 5), anyEnum<Connector>(in, 1), anyPoints(in)};
    case 2:
        return LlStop{};
    case 3:
        return MlInit{in.ConsumeBool()};
    case 4: {
        MlUpdate u;
        for (auto& ch : u.channels) {
            if (in.ConsumeBool()) {
                MlChannel c;
                c.ramp = in.ConsumeIntegralInRange<std::uint8_t>(0, 17);
                c.resolution = anyEnum<PeriodResolution>(in, 1);
                const std::int64_t step = in.ConsumeBool() ? kQuarterMsStepUs : kHalfMsStepUs;
                c.period = core::Microseconds{
                    in.ConsumeIntegralInRange<std::int64_t>(-1, 32770) * step + (in.ConsumeBool() ? 0 : 1)};
                c.points = anyPoints(in);
                ch = std::move(c);
            }
        }
        return u;
    }
    case 5:
        return MlStop{};
    case 6:
        return MlGetCurrentData{anyEnum<CurrentDataSelection>(in, 4)};
    case 7:
        return GetVersionMain{};
    case 8:
        return GetDeviceId{};
    case 9:
        return GetBatteryStatus{};
    case 10:
        return SetPower{in.ConsumeIntegral<std::uint64_t>() >> in.ConsumeIntegralInRange<int>(0, 63)};
    case 11:
        return Reset{};
    case 12:
        return GetVersionStim{};
    case 13:
        return GetStimStatus{};
    case 14:
        return GetMainStatus{};
    default:
        return GetExtendedVersion{};
    }
}

Version anyVersion(FuzzedDataProvider& in)
{
    return Version{
        in.ConsumeIntegral<std::uint8_t>(), in.ConsumeIntegral<std::uint8_t>(), in.ConsumeIntegral<std::uint8_t>()};
}

DeviceMessage anyMessage(FuzzedDataProvider& in)
{
    const auto result = static_cast<ResultCode>(in.ConsumeIntegral<std::uint8_t>());
    switch (in.ConsumeIntegralInRange<int>(0, 17)) {
    case 0:
        return LlInitAck{result};
    case 1: {
        LlChannelConfigAck ack{result, in.ConsumeIntegralInRange<std::uint8_t>(0, 5), anyEnum<Connector>(in, 1),
            anyEnum<LlMeasurement>(in, 3), core::Microseconds{in.ConsumeIntegralInRange<std::int64_t>(-1, 70'000)}, {}};
        const std::size_t counts[] = {0, kSampleCount - 1, kSampleCount, kSampleCount, kSampleCount + 1};
        ack.samples.resize(counts[in.ConsumeIntegralInRange<std::size_t>(0, 4)]);
        for (auto& s : ack.samples) {
            s = in.ConsumeIntegral<std::uint16_t>();
        }
        if (in.ConsumeBool()) {
            ack.samplingPeriod = core::Microseconds{0};
        }
        return ack;
    }
    case 2:
        return LlStopAck{result};
    case 3:
        return MlInitAck{result};
    case 4:
        return MlUpdateAck{result};
    case 5:
        return MlStopAck{result};
    case 6: {
        MlGetCurrentDataAck ack{result, in.ConsumeIntegralInRange<std::uint8_t>(0, 6), {}};
        auto status = [&in] {
            return ElectrodeStatus{in.ConsumeBool(), in.ConsumeIntegralInRange<std::uint8_t>(0, 17)};
        };
        switch (in.ConsumeIntegralInRange<int>(0, 3)) {
        case 1:
            ack.body = FourChannelStatus{status()};
            break;
        case 2:
            ack.body = EightChannelStatus{status(), status()};
            break;
        case 3: {
            ChannelStatesReport report;
            report.runningMask = in.ConsumeIntegral<std::uint8_t>();
            for (auto& s : report.states) {
                s = anyEnum<ChannelState>(in, 3);
            }
            ack.body = report;
            break;
        }
        default:
            break;
        }
        return ack;
    }
    case 7:
        return GetVersionMainAck{result, anyVersion(in), anyVersion(in)};
    case 8: {
        GetDeviceIdAck ack{result, {}};
        for (char& c : ack.deviceId) {
            c = static_cast<char>(in.ConsumeIntegral<std::uint8_t>());
        }
        return ack;
    }
    case 9:
        return GetBatteryStatusAck{result, in.ConsumeIntegralInRange<std::uint8_t>(0, 105),
            core::Millivolts{in.ConsumeIntegralInRange<std::int64_t>(-1, 70'000)}};
    case 10:
        return SetPowerAck{result};
    case 11:
        return ResetAck{result};
    case 12:
        return GetVersionStimAck{result, anyVersion(in), anyVersion(in)};
    case 13:
        return GetStimStatusAck{result, anyEnum<StimStatus>(in, 3), anyEnum<HighVoltageLevel>(in, 6)};
    case 14:
        return GetMainStatusAck{result, in.ConsumeIntegral<std::uint8_t>()};
    case 15:
        return GeneralError{result};
    case 16:
        return UnknownCmd{result};
    default:
        return GetExtendedVersionAck{result, anyVersion(in), anyVersion(in), in.ConsumeIntegral<std::uint32_t>(),
            anyEnum<HashType>(in, 3), in.ConsumeBool()};
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider in(data, size);
    const Variant variant = in.ConsumeBool() ? Variant::ScienceMode3 : Variant::ScienceMode4;
    const auto pn = in.ConsumeIntegralInRange<std::uint8_t>(0, 65);
    WireOptions options;
    if (in.ConsumeBool()) {
        options.extraEscapes.set(in.ConsumeIntegral<std::uint8_t>());
    }

    if (in.ConsumeBool()) {
        const HostCommand command = anyCommand(in);
        const HostCodec host(variant, options);
        const auto wire = host.encode(command, pn);
        if (!wire) {
            return 0;
        }
        SM4_FUZZ_CHECK(pn <= kMaxPacketNumber);
        SM4_FUZZ_CHECK(fuzz::withinDeviceLimits(command));
        DeviceCodec device(variant);
        const auto events = device.feed(wire.value());
        SM4_FUZZ_CHECK(events.size() == 1);
        const auto* received = std::get_if<Received<HostCommand>>(&events[0]);
        SM4_FUZZ_CHECK(received != nullptr);
        SM4_FUZZ_CHECK(received->packetNumber == pn);
        SM4_FUZZ_CHECK(received->message == command);
    } else {
        const DeviceMessage message = anyMessage(in);
        const DeviceCodec device(variant, options);
        const auto wire = device.encode(pn, message);
        if (!wire) {
            return 0;
        }
        SM4_FUZZ_CHECK(pn <= kMaxPacketNumber);
        HostCodec host(variant);
        const auto events = host.feed(wire.value());
        SM4_FUZZ_CHECK(events.size() == 1);
        const auto* received = std::get_if<Received<DeviceMessage>>(&events[0]);
        SM4_FUZZ_CHECK(received != nullptr);
        SM4_FUZZ_CHECK(received->packetNumber == pn);
        SM4_FUZZ_CHECK(received->message == message);
    }
    return 0;
}
