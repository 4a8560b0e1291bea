// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppContext.h"
#include "app/access/Access.h"
#include "app/services/PlacementService.h"
#include "support/ChildWidget.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace galvani::ui {
class PatientWorkspace;
}

namespace galvani::test {

// A real AppContext on a temporary SQLite store with the simulated stimulator, an admin ("admin") and a
// therapist ("tess"), both signed in. Helpers add records through the app services (REQUIRE success).
class PatientWorld {
public:
    static constexpr const char* kPassword = "correct-horse-battery-9";

    PatientWorld();
    ~PatientWorld();
    PatientWorld(const PatientWorld&) = delete;
    PatientWorld& operator=(const PatientWorld&) = delete;

    [[nodiscard]] app::AppContext& context() { return *m_context; }

    void addPatient(const QString& mrn, const QString& family, const QString& given, const QString& birthDate);
    app::PlacementView addPlacement(const QString& mrn, const QString& siteId, int channel,
        app::ElectrodePolarity polarity = app::ElectrodePolarity::ActiveCathode);
    void screenNoneApply(const QString& mrn);

    app::SignedInUser admin;
    app::SignedInUser therapist;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<app::AppContext> m_context;
};

// A workspace shown at a size where every part is laid out.
std::unique_ptr<ui::PatientWorkspace> showWorkspace(PatientWorld& world, const app::SignedInUser& user);

// Every text a user could read in the widget tree (labels, buttons, list and table items, line edits).
QString visibleText(const QWidget& root);

} // namespace galvani::test
