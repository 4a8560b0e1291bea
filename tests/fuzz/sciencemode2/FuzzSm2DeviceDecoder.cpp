// SPDX-License-Identifier: GPL-3.0-or-later
// Any byte stream into the device-side decoder: no crash, no UB, no leak; the same events whatever the
// chunking; every reply owed for a refused frame can be encoded; every delivered command that our
// host encoder would also send decodes back unchanged; delivered fields are inside the device limits.
#include "FuzzCheck.h"

#include "protocols/sciencemode2/DeviceCodec.h"
#include "protocols/sciencemode2/HostCodec.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

using namespace galvani::proto;
using namespace galvani::proto::sm2;

namespace {

bool pulseInLimits(int pulseWidthUs, int currentMa)
{
    return pulseWidthUs >= 0 && pulseWidthUs <= kMaxPulseWidthUs && currentMa >= 0 && currentMa <= kMaxCurrentMa;
}

void checkLimits(const HostCommand& command)
{
    if (const auto* start = std::get_if<StartChannelListMode>(&command)) {
        GALVANI_FUZZ_CHECK(!start->entries.empty() && start->entries.size() <= 8);
        for (const auto& e : start->entries) {
            GALVANI_FUZZ_CHECK(pulseInLimits(e.pulseWidthUs, e.currentMa));
            GALVANI_FUZZ_CHECK(static_cast<int>(e.mode) <= 2);
        }
    } else if (const auto* pulse = std::get_if<SinglePulse>(&command)) {
        GALVANI_FUZZ_CHECK(pulse->channel >= 1 && pulse->channel <= 8);
        GALVANI_FUZZ_CHECK(pulseInLimits(pulse->pulseWidthUs, pulse->currentMa));
    } else if (const auto* init = std::get_if<InitChannelListMode>(&command)) {
        GALVANI_FUZZ_CHECK(init->lowFrequencyFactor >= 0 && init->lowFrequencyFactor <= 7);
        GALVANI_FUZZ_CHECK(
            init->mainIntervalCode == 0 || (init->mainIntervalCode >= 14 && init->mainIntervalCode <= 2048));
        GALVANI_FUZZ_CHECK(static_cast<int>(init->execution) <= 1);
    } else if (const auto* motomed = std::get_if<MotomedCommand>(&command)) {
        // Opaque, but a frame carries at most 60 data bytes (§2).
        GALVANI_FUZZ_CHECK(motomed->data.size() <= kMaxDataBytes);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::uint8_t> input(data, size);

    DeviceCodec whole;
    std::vector<DeviceEvent> expected;
    whole.feed(input, expected);
    whole.flush(expected);

    DeviceCodec chunked;
    std::vector<DeviceEvent> got;
    std::size_t pos = 0;
    std::size_t k = 0;
    while (pos < size) {
        const std::size_t n = std::min<std::size_t>(1 + data[(k++ * 7) % size] % 29, size - pos);
        chunked.feed(input.subspan(pos, n), got);
        pos += n;
    }
    chunked.flush(got);
    GALVANI_FUZZ_CHECK(got == expected);
    GALVANI_FUZZ_CHECK(whole.commandsReceived() + whole.rejects().total() == expected.size());

    for (const auto& event : expected) {
        if (const auto* rejected = std::get_if<RejectedCommand>(&event)) {
            if (rejected->reply) {
                GALVANI_FUZZ_CHECK(whole.encode(*rejected->reply).hasValue());
            }
            continue;
        }
        const auto& received = std::get<ReceivedCommand>(event);
        checkLimits(received.command);
        // Re-encode with a host codec given a matching channel list; if our stricter host accepts the
        // command, the device must read back exactly what it read first.
        HostCodec host;
        if (const auto* start = std::get_if<StartChannelListMode>(&received.command)) {
            InitChannelListMode context;
            context.activeChannels = static_cast<std::uint8_t>((1U << start->entries.size()) - 1U);
            context.interPulseIntervalCode = kMinDoubletInterPulseCode;
            context.mainIntervalCode = 0;
            GALVANI_FUZZ_CHECK(host.encode(context, 0).hasValue());
        }
        const auto wire = host.encode(received.command, received.packetNumber);
        if (!wire) {
            continue;
        }
        DeviceCodec again;
        std::vector<DeviceEvent> back;
        again.feed(wire.value(), back);
        GALVANI_FUZZ_CHECK(back.size() == 1);
        GALVANI_FUZZ_CHECK(std::get<ReceivedCommand>(back[0]) == received);
    }
    return 0;
}
