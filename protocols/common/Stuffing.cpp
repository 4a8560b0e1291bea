// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/common/Stuffing.h"

namespace galvani::proto {

void appendStuffed(std::vector<std::uint8_t>& out, std::uint8_t b)
{
    if (needsEscape(b)) {
        appendEscapedHeader(out, b);
    } else {
        out.push_back(b);
    }
}

void appendEscapedHeader(std::vector<std::uint8_t>& out, std::uint8_t b)
{
    out.push_back(kEscapeByte);
    out.push_back(static_cast<std::uint8_t>(b ^ kEscapeXor));
}

bool unstuffInto(std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out)
{
    out.clear();
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != kEscapeByte) {
            out.push_back(in[i]);
            continue;
        }
        if (i + 1 >= in.size()) {
            return false;
        }
        ++i;
        out.push_back(static_cast<std::uint8_t>(in[i] ^ kEscapeXor));
    }
    return true;
}

std::optional<std::vector<std::uint8_t>> unstuff(std::span<const std::uint8_t> in)
{
    std::vector<std::uint8_t> out;
    if (!unstuffInto(in, out)) {
        return std::nullopt;
    }
    return out;
}

} // namespace galvani::proto
