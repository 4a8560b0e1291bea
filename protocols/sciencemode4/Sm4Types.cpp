// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode4/Sm4Types.h"

namespace galvani::proto::sm4 {

std::string_view toString(ResultCode code)
{
    switch (code) {
    case ResultCode::Ok:
        return "ok";
    case ResultCode::TransferError:
        return "transfer error";
    case ResultCode::ParameterError:
        return "parameter error";
    case ResultCode::ProtocolVersion:
        return "protocol version";
    case ResultCode::StimControllerTimeout:
        return "stimulation controller timeout";
    case ResultCode::EmgTimeout:
        return "EMG timeout";
    case ResultCode::EmgRegister:
        return "EMG register";
    case ResultCode::NotInitialized:
        return "not initialized";
    case ResultCode::HighVoltageError:
        return "high voltage";
    case ResultCode::DemuxTimeout:
        return "demux timeout";
    case ResultCode::ElectrodeError:
        return "electrode error";
    case ResultCode::UnknownCommand:
        return "unknown command";
    case ResultCode::DemuxParameter:
        return "demux parameter";
    case ResultCode::DemuxNotInitialized:
        return "demux not initialized";
    case ResultCode::DemuxTransfer:
        return "demux transfer";
    case ResultCode::DemuxUnknownAck:
        return "demux unknown ack";
    case ResultCode::PulseTimeout:
        return "pulse timeout";
    case ResultCode::FuelGauge:
        return "fuel gauge";
    case ResultCode::LiveSignal:
        return "live signal";
    case ResultCode::FileTimeout:
        return "file timeout";
    case ResultCode::FileNotFound:
        return "file not found";
    case ResultCode::Busy:
        return "busy";
    case ResultCode::FileError:
        return "file error";
    case ResultCode::FlashErase:
        return "flash erase";
    case ResultCode::FlashWrite:
        return "flash write";
    case ResultCode::UnknownController:
        return "unknown controller";
    case ResultCode::FirmwareTooLarge:
        return "firmware too large";
    case ResultCode::FuelGaugeNotProgrammed:
        return "fuel gauge not programmed";
    case ResultCode::PulseLowCurrent:
        return "pulse low current";
    }
    return "undocumented result";
}

} // namespace galvani::proto::sm4
