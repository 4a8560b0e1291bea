// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPixmap>

// Small icons the treatment panel pairs with its status texts, so that no state is shown by colour alone: each
// has its own shape. Painted in code (the resources folder has no artwork yet). GUI thread. Sizes in device
// independent pixels.
namespace galvani::ui::session {

enum class StatusIcon {
    Output, // a lightning bolt in a circle: output is being delivered
    NoOutput, // an empty circle: no output
    Ok, // a tick: electrodes / contact fine
    Warning, // a triangle with "!": an electrode problem, a deviation, a notice
    Fault, // an octagon with "!": output stopped by a fault
    Pause, // two bars
};

[[nodiscard]] QPixmap statusPixmap(StatusIcon icon, int size);

} // namespace galvani::ui::session
