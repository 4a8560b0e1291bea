// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/controller/DeviceFault.h"

namespace galvani::device {

std::string_view toString(FaultKind kind)
{
    switch (kind) {
    case FaultKind::LinkLost:
        return "link lost";
    case FaultKind::DeviceSilent:
        return "device silent";
    case FaultKind::HandshakeFailed:
        return "handshake failed";
    case FaultKind::NoAcknowledgement:
        return "no acknowledgement";
    case FaultKind::CommandRefused:
        return "command refused";
    case FaultKind::StopNotAcknowledged:
        return "stop not acknowledged";
    case FaultKind::ElectrodeError:
        return "electrode error";
    case FaultKind::DeliveryDeviation:
        return "delivery deviation";
    case FaultKind::LowCurrent:
        return "low current";
    case FaultKind::DeviceStopped:
        return "device stopped";
    case FaultKind::DeviceError:
        return "device error";
    case FaultKind::ProtocolError:
        return "protocol error";
    }
    return "unknown";
}

} // namespace galvani::device
