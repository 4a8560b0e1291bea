// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/presenters/PatientText.h"

namespace galvani::ui {

// Plain-words text for the patient workspace: names, dates, sites and units as the therapist reads them
// (ui/presenters/PatientText.h, shared with the patient panels' presenters). Pure functions; any thread.
namespace patienttext = presenters::patienttext;

} // namespace galvani::ui
