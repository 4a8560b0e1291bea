// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/SessionFormat.h"

namespace galvani::ui::session {

QFont scaledFont(const QFont& base, double factor, bool bold)
{
    QFont f = base;
    const double size = base.pointSizeF() > 0 ? base.pointSizeF() : 10.0;
    f.setPointSizeF(size * factor);
    f.setBold(bold);
    return f;
}

} // namespace galvani::ui::session
