// SPDX-License-Identifier: GPL-3.0-or-later
// Any byte stream into the host-side decoder: no crash, no UB, no leak; the same events whatever the
// chunking; every delivered message re-encodes (when the device encoder accepts it) to a frame that
// decodes to the same message.
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

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::uint8_t> input(data, size);

    HostCodec whole;
    std::vector<HostEvent> expected;
    whole.feed(input, expected);
    whole.flush(expected);

    // Chunk sizes taken from the input itself so the fuzzer explores chunk boundaries too.
    HostCodec chunked;
    std::vector<HostEvent> got;
    std::size_t pos = 0;
    std::size_t k = 0;
    while (pos < size) {
        const std::size_t n = std::min<std::size_t>(1 + data[k++ % size] % 23, size - pos);
        chunked.feed(input.subspan(pos, n), got);
        pos += n;
    }
    chunked.flush(got);
    GALVANI_FUZZ_CHECK(got == expected);
    GALVANI_FUZZ_CHECK(chunked.rejects().total() == whole.rejects().total());
    GALVANI_FUZZ_CHECK(whole.messagesReceived() + whole.rejects().total() == expected.size());

    const DeviceCodec device;
    for (const auto& event : expected) {
        const auto* received = std::get_if<ReceivedMessage>(&event);
        if (received == nullptr) {
            continue;
        }
        const auto wire = device.encode(received->message, received->packetNumber);
        if (!wire) {
            // The only message the host accepts but our device never sends: an undocumented error code.
            GALVANI_FUZZ_CHECK(std::holds_alternative<StimulationError>(received->message));
            continue;
        }
        HostCodec again;
        std::vector<HostEvent> back;
        again.feed(wire.value(), back);
        GALVANI_FUZZ_CHECK(back.size() == 1);
        GALVANI_FUZZ_CHECK(std::get<ReceivedMessage>(back[0]) == *received);
    }
    return 0;
}
