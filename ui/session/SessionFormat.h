// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/session/SessionTypes.h"
#include "ui/presenters/SessionText.h"

#include <QFont>

// Text and fonts shared by the treatment panel's pages: the words come from ui/presenters/SessionText.h (shared with
// the treatment presenters), the fonts are the pages' own. Plain functions, no state; GUI thread (fonts) or any
// thread (text).
namespace galvani::ui::session {

using presenters::sessiontext::charge;
using presenters::sessiontext::dateText;
using presenters::sessiontext::endReasonText;
using presenters::sessiontext::faultKindText;
using presenters::sessiontext::microampsFromMilliamps;
using presenters::sessiontext::milliamps;
using presenters::sessiontext::milliampsNumber;
using presenters::sessiontext::minutesSeconds;
using presenters::sessiontext::placementText;
using presenters::sessiontext::screeningText;
using presenters::sessiontext::siteId;
using presenters::sessiontext::siteText;
using presenters::sessiontext::stateText;
// True for preparing, ready, starting, running, paused and stopping (the app layer's).
using app::isActive;
// base scaled by factor, optionally bold.
[[nodiscard]] QFont scaledFont(const QFont& base, double factor, bool bold = false);

} // namespace galvani::ui::session
