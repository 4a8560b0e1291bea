// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppOptions.h"
#include "core/Clock.h"

#include <QString>

#include <memory>

namespace galvani::app {

// The composition root: builds and owns every service the executables use, in dependency order, and
// tears them down in reverse. Holds the device address and the open record store.
// Thread affinity: created, used and destroyed on the main (GUI) thread.
class AppContext {
public:
    // Checks the device URL and opens the store. On failure returns nullptr and sets *error to a message
    // that names the option (--device / --db) and what is wrong.
    [[nodiscard]] static std::unique_ptr<AppContext> create(const AppOptions& options, QString* error);
    ~AppContext();
    AppContext(const AppContext&) = delete;
    AppContext& operator=(const AppContext&) = delete;

    [[nodiscard]] const core::Clock& clock() const;
    [[nodiscard]] QString deviceUrl() const; // canonical form
    [[nodiscard]] QString storeUrl() const; // canonical form

private:
    struct Impl;
    explicit AppContext(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace galvani::app
