// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: the db objects behind a RecordStore. Only app .cpp files include this header.

#include "app/calibration/SelfTestReport.h"
#include "app/store/RecordStore.h"
#include "db/Database.h"
#include "db/StoreContext.h"
#include "db/audit/AuditKey.h"

#include <QLockFile>

#include <memory>
#include <optional>

namespace galvani::app {

struct RecordStore::Impl {
    Impl(db::Database database, db::audit::AuditKey key, const core::Clock& storeClock, StoreConfig storeConfig)
        : db(std::move(database)), auditKey(std::move(key)), clock(storeClock), config(std::move(storeConfig))
    {
    }

    [[nodiscard]] db::StoreContext context() { return db::StoreContext{db, clock, auditKey}; }

    db::Database db;
    db::audit::AuditKey auditKey;
    const core::Clock& clock;
    StoreConfig config;
    StoreOpenReport report;
    bool primary = false;
    std::optional<QLockFile> sessionLock;
    // Self-tests run by this process on this store's devices (kept across a restore's reopening).
    std::shared_ptr<SelfTestMemory> selfTests = std::make_shared<SelfTestMemory>();
};

} // namespace galvani::app
