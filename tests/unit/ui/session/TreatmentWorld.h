// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppContext.h"
#include "app/access/Access.h"
#include "app/session/SessionTypes.h"

#include <catch2/catch.hpp>

#include <QList>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <optional>

class QWidget;

// Test thread only.
namespace galvani::test {

// A real AppContext on a temporary SQLite store with the in-process 8-channel ScienceMode4 simulator, an admin, a
// therapist and one patient, set up through the services as the GUI would.
class TreatmentWorld {
public:
    static constexpr const char* kDeviceUrl = "sim:sciencemode4?channels=8";

    TreatmentWorld();
    ~TreatmentWorld();

    [[nodiscard]] app::AppContext& context() { return *m_context; }
    // ScreeningInput::noneApply(), signed by the therapist.
    void screen();
    // A placement at the right lumbar erector spinae; pad width × height in mm, area in mm² (default w × h).
    void place(int channel, int widthMm = 50, int heightMm = 90, std::optional<int> areaMm2 = std::nullopt);

    app::SignedInUser admin;
    app::SignedInUser therapist;
    QString mrn = QStringLiteral("MRN-4711");

private:
    QTemporaryDir m_dir;
    std::unique_ptr<app::AppContext> m_context;
};

// Saves widget.grab() as <GALVANI_SHOTS_DIR>/<name>.png when that variable names a folder; otherwise nothing.
void saveShot(QWidget& widget, const QString& name);

} // namespace galvani::test

namespace Catch {
// Readable QString in failure messages.
template <>
struct StringMaker<QString> {
    static std::string convert(const QString& value) { return '"' + value.toStdString() + '"'; }
};
} // namespace Catch
