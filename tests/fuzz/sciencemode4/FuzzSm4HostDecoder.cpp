// SPDX-License-Identifier: GPL-3.0-or-later
// Any byte stream into the host-side decoder (ScienceMode4 or ScienceMode3, chosen by the first byte):
// no crash, no UB, no leak; the same events whatever the chunking; every delivered reply re-encodes
// with the device encoder and decodes to the same reply; measured samples never decode beyond
// +-150 mA.
#include "Sm4FuzzCheck.h"

#include "protocols/sciencemode4/DeviceCodec.h"
#include "protocols/sciencemode4/HostCodec.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

using namespace galvani::proto;
using namespace galvani::proto::sm4;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) {
        return 0;
    }
    const Variant variant = (data[0] & 1U) != 0 ? Variant::ScienceMode3 : Variant::ScienceMode4;
    const std::span<const std::uint8_t> input(data + 1, size - 1);

    HostCodec whole(variant);
    std::vector<HostInbound> expected;
    whole.feed(input, expected);
    whole.flush(expected);

    HostCodec chunked(variant);
    std::vector<HostInbound> got;
    fuzz::feedChunked(chunked, input, got);
    SM4_FUZZ_CHECK(got == expected);
    const ReceiveStats stats = whole.stats();
    SM4_FUZZ_CHECK(stats.messages + stats.rejectedTotal() == expected.size());
    SM4_FUZZ_CHECK(chunked.stats().garbageBytes == stats.garbageBytes);

    const DeviceCodec device(variant);
    for (const auto& event : expected) {
        const auto* received = std::get_if<Received<DeviceMessage>>(&event);
        if (received == nullptr) {
            continue;
        }
        if (const auto* ack = std::get_if<LlChannelConfigAck>(&received->message)) {
            SM4_FUZZ_CHECK(ack->samples.empty() || ack->samples.size() == kSampleCount);
            for (const std::uint16_t raw : ack->samples) {
                const auto current = sampleCurrent(raw);
                SM4_FUZZ_CHECK(!current
                    || (current->value() <= kMaxDecodableSampleUa && current->value() >= -kMaxDecodableSampleUa));
            }
        }
        const auto wire = device.encode(received->packetNumber, received->message);
        SM4_FUZZ_CHECK(wire.hasValue());
        HostCodec again(variant);
        const auto back = again.feed(wire.value());
        SM4_FUZZ_CHECK(back.size() == 1);
        SM4_FUZZ_CHECK(std::get<Received<DeviceMessage>>(back[0]) == *received);
    }
    return 0;
}
