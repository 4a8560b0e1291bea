// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/DeviceStep.h"

#include "app/services/PresetService.h"

namespace galvani::ui::presenters {

qint64 amplitudeStepUa(const QString& deviceUrl)
{
    constexpr qint64 kUnknownStepUa = 100;
    const auto caps = app::PresetService::deviceCaps(deviceUrl.trimmed());
    if (!caps.ok() || caps->currentStep.value() <= 0) {
        return kUnknownStepUa;
    }
    return caps->currentStep.value();
}

} // namespace galvani::ui::presenters
