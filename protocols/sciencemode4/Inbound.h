// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/Reject.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

// What the ScienceMode4 codecs hand out for received bytes: a decoded message, or a rejection with
// its reason. Plain values, no thread affinity.
namespace galvani::proto::sm4 {

// A frame that decoded to a message, with the packet number it carried (0..63).
template <typename Message>
struct Received {
    std::uint8_t packetNumber = 0;
    Message message;
    friend bool operator==(const Received&, const Received&) = default;
};

// A frame or partial frame that did not decode. packetNumber and command are present when the body
// could still be read (a length or CRC error, an unknown command, bad data); then they may be corrupt.
struct Rejected {
    RejectReason reason = RejectReason::Header;
    std::optional<std::uint8_t> packetNumber;
    std::optional<std::uint16_t> command;
    std::size_t wireBytes = 0; // size of the frame, or of the dropped partial frame
    friend bool operator==(const Rejected&, const Rejected&) = default;
};

// Running totals of one codec's receive side (since construction or reset()).
struct ReceiveStats {
    std::uint64_t messages = 0; // frames decoded into messages
    std::uint64_t garbageBytes = 0; // bytes skipped outside any frame
    // Rejects by reason (index = RejectReason value). The last slot also collects any reason added to
    // the shared enum after this was written, so no reject goes uncounted.
    std::array<std::uint64_t, 16> rejects{};

    void countReject(RejectReason reason) { ++rejects[slot(reason)]; }
    [[nodiscard]] std::uint64_t rejected(RejectReason reason) const { return rejects[slot(reason)]; }
    [[nodiscard]] std::uint64_t rejectedTotal() const
    {
        std::uint64_t total = 0;
        for (const std::uint64_t n : rejects) {
            total += n;
        }
        return total;
    }

private:
    static std::size_t slot(RejectReason reason)
    {
        const auto i = static_cast<std::size_t>(reason);
        return i < 15 ? i : 15;
    }
};
static_assert(static_cast<std::size_t>(RejectReason::FieldRange) < 15, "ReceiveStats needs more slots");

} // namespace galvani::proto::sm4
