// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppContext.h"
#include "app/access/Access.h"
#include "app/session/SessionTypes.h"

#include <QList>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <optional>

class QWidget;

namespace galvani::test {

// A whole application for the admin panels' tests: an AppContext on a temporary SQLite store with the in-process
// simulated stimulator, an admin, two therapists (tess, tom) and a technician, and helpers that add patients and
// run real sessions through the context's SessionController. Test thread only.
class AdminWorld {
public:
    static constexpr const char* kPassword = "correct-horse-battery-9";

    AdminWorld();
    ~AdminWorld();

    [[nodiscard]] app::AppContext& context() { return *m_context; }
    [[nodiscard]] QString path(const QString& name) const { return m_dir.filePath(name); }

    // A patient with a clear screening and placements at the right lumbar erector spinae on these channels.
    void addPatient(const QString& mrn, const QString& family, const QList<int>& channels);
    // A session of `therapist` prepared (Ready) on these channels: it holds the stimulator until it is stopped.
    void prepareSession(const app::SignedInUser& therapist, const QString& mrn, const QList<int>& channels,
        qint64 durationS, std::optional<int> nprsBefore = std::nullopt);
    // One session run to completion (durationS of stimulation) by `therapist`; NPRS before/after when given.
    // Returns the session id.
    qint64 runSession(const app::SignedInUser& therapist, const QString& mrn, const QList<int>& channels,
        qint64 durationS, std::optional<int> nprsBefore = std::nullopt, std::optional<int> nprsAfter = std::nullopt,
        const QString& notes = QString());

    app::SignedInUser admin;
    app::SignedInUser tess;
    app::SignedInUser tom;
    app::SignedInUser theo;

private:
    app::SignedInUser addUser(const QString& name, const QString& display, app::Role role);

    QTemporaryDir m_dir;
    std::unique_ptr<app::AppContext> m_context;
};

// Saves the widget as admin-<name>.png in the folder GALVANI_SHOTS_DIR names, when it is set (AdminShots.cpp,
// GUI tests only).
void saveShot(QWidget& widget, const QString& name);

} // namespace galvani::test
