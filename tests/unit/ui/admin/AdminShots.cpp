// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminWorld.h"

#include "support/WaitUntil.h"

#include <QDir>
#include <QPixmap>
#include <QWidget>

#include <chrono>

namespace galvani::test {

void saveShot(QWidget& widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("GALVANI_SHOTS_DIR");
    if (dir.isEmpty()) {
        return;
    }
    QDir().mkpath(dir);
    // Screenshots only: let a newly shown page lay itself out (charts re-lay out in posted events) before the grab.
    waitUntil([] { return false; }, std::chrono::milliseconds(200));
    widget.grab().save(QDir(dir).filePath(QStringLiteral("admin-%1.png").arg(name)));
}

} // namespace galvani::test
