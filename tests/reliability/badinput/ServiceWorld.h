// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BadValues.h"
#include "StoreSnapshot.h"
#include "Tally.h"

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "app/store/RecordStore.h"
#include "core/Clock.h"

#include <QSet>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <optional>

namespace galvani::badinput {

// What a service call that must refuse returned: the error, or nothing when it accepted the value.
using Refusal = std::optional<app::AppError>;

template <typename T>
[[nodiscard]] Refusal refusalOf(const app::AppResult<T>& result)
{
    return result.ok() ? Refusal() : Refusal(result.error());
}

// Processes the calling thread's events until done() holds or ms milliseconds pass; returns done().
bool waitFor(const std::function<bool()>& done, int ms);

// The services the GUI's forms submit to, on a private SQLite store opened as the application opens one (its own
// audit key, anchor and session lock in a temporary folder, the system clock). With users: the admin "root", the
// therapist "tina" and the technician "tex", signed in, and tina's patient kMrn with a clear screening and
// placements on channel 1 (right-lumbar-erector-spinae) and 2 (left-lumbar-erector-spinae).
// check() runs one call between two store snapshots (nothing set apart: a service refusal writes nothing, and an
// access refusal — audited by design — is not what this battery provokes) and adds its verdict to a tally.
// Thread affinity: the test thread. Ownership: owns the folder and the store.
class ServiceWorld {
public:
    static inline const QString kPassword = QStringLiteral("bad input battery 1");
    static inline const QString kMrn = QStringLiteral("BI-1001");

    explicit ServiceWorld(bool withUsers = true);
    ~ServiceWorld();
    ServiceWorld(const ServiceWorld&) = delete;
    ServiceWorld& operator=(const ServiceWorld&) = delete;

    [[nodiscard]] app::RecordStore& store() { return *m_store; }
    [[nodiscard]] QString storePath() const;
    [[nodiscard]] QString filePath(const QString& name) const { return m_dir.filePath(name); }

    // Runs `call`, which must refuse `bad` with an error of one of `kinds`, whose message names one of `names` and
    // satisfies the value's hint, leaving the store as it was.
    void check(Tally& tally, const QString& field, const BadValue& bad, const QStringList& names,
        const std::function<Refusal()>& call, const QSet<app::AppError::Kind>& kinds = {app::AppError::Kind::Invalid},
        const QString& knownGap = QString());
    // A fresh snapshot is taken before the next check (after a test wrote on purpose).
    void resnapshot() { m_last.reset(); }

    app::SignedInUser root;
    app::SignedInUser tina;
    app::SignedInUser tex;

private:
    QTemporaryDir m_dir;
    core::SystemClock m_clock;
    std::unique_ptr<app::RecordStore> m_store;
    std::optional<StoreSnapshot> m_last;
};

// "label (12 345 chars)" for values too long to show.
[[nodiscard]] QString shown(const QString& value);

} // namespace galvani::badinput
