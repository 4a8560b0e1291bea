// SPDX-License-Identifier: GPL-3.0-or-later
// Any byte stream into the device-side decoder (ScienceMode4 or ScienceMode3, chosen by the first
// byte): no crash, no UB, no leak; the same events whatever the chunking; every accepted request is
// within the device limits, is one the host encoder would send, and survives a re-encode; every owed
// reply encodes and never reports success.
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

    DeviceCodec whole(variant);
    std::vector<DeviceInbound> expected;
    whole.feed(input, expected);
    whole.flush(expected);

    DeviceCodec chunked(variant);
    std::vector<DeviceInbound> got;
    fuzz::feedChunked(chunked, input, got);
    SM4_FUZZ_CHECK(got == expected);
    const ReceiveStats stats = whole.stats();
    SM4_FUZZ_CHECK(stats.messages + stats.rejectedTotal() == expected.size());
    SM4_FUZZ_CHECK(stats.garbageBytes <= input.size());
    SM4_FUZZ_CHECK(chunked.stats().garbageBytes == stats.garbageBytes);

    const HostCodec host(variant);
    for (const auto& event : expected) {
        if (const auto* received = std::get_if<Received<HostCommand>>(&event)) {
            SM4_FUZZ_CHECK(received->packetNumber <= kMaxPacketNumber);
            SM4_FUZZ_CHECK(fuzz::withinDeviceLimits(received->message));
            const auto wire = host.encode(received->message, received->packetNumber);
            SM4_FUZZ_CHECK(wire.hasValue());
            DeviceCodec again(variant);
            const auto back = again.feed(wire.value());
            SM4_FUZZ_CHECK(back.size() == 1);
            SM4_FUZZ_CHECK(std::get<Received<HostCommand>>(back[0]) == *received);
            continue;
        }
        const auto& rejected = std::get<RejectedRequest>(event);
        if (rejected.reply) {
            SM4_FUZZ_CHECK(resultOf(rejected.reply->message) != ResultCode::Ok);
            SM4_FUZZ_CHECK(whole.encode(*rejected.reply).hasValue());
        }
        const bool noReply
            = rejected.frame.reason == RejectReason::FrameRestart || rejected.frame.reason == RejectReason::NoStop;
        SM4_FUZZ_CHECK(noReply == !rejected.reply.has_value());
    }
    return 0;
}
