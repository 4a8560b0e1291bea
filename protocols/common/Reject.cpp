// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/common/Reject.h"

namespace galvani::proto {

std::string_view toString(RejectReason reason)
{
    switch (reason) {
    case RejectReason::FrameRestart:
        return "frame_restart";
    case RejectReason::NoStop:
        return "no_stop";
    case RejectReason::Overlong:
        return "overlong";
    case RejectReason::Header:
        return "header";
    case RejectReason::Truncated:
        return "truncated";
    case RejectReason::Escape:
        return "escape";
    case RejectReason::Length:
        return "length";
    case RejectReason::Crc:
        return "crc";
    case RejectReason::UnknownCommand:
        return "unknown_command";
    case RejectReason::DataLength:
        return "data_length";
    case RejectReason::FieldRange:
        return "field_range";
    }
    return "unknown";
}

std::string EncodeError::message() const
{
    std::string text(field);
    text += " = ";
    text += std::to_string(value);
    text += " (allowed: ";
    text += allowed;
    text += ')';
    return text;
}

} // namespace galvani::proto
