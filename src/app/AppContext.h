// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppOptions.h"
#include "core/Clock.h"

#include <QString>

#include <memory>

namespace galvani::app {

class AuditService;
class AuthService;
class BackupService;
class CalibrationService;
class ClinicLimitsService;
class ClinicPresetService;
class ExportService;
class PatientService;
class PlacementService;
class PresetService;
class RecordStore;
class ScreeningService;
class SessionController;
class SessionHistoryService;
class UserService;
struct StoreOpenReport;

// The composition root: builds and owns every service the executables use, in dependency order, and
// tears them down in reverse (the session controller first, so output stops and a running session is recorded
// before the store closes). Holds the device address and the open record store.
// Thread affinity: created, used and destroyed on the main (GUI) thread; so is every service it hands out.
class AppContext {
public:
    // Checks the device URL — its form and every option, a simulator's included — and opens the store (migration,
    // audit verification, interrupted sessions). On failure returns nullptr and sets *error to a message that names
    // the option (--device / --db), the part or URL option at fault and what is allowed.
    [[nodiscard]] static std::unique_ptr<AppContext> create(const AppOptions& options, QString* error);
    ~AppContext();
    AppContext(const AppContext&) = delete;
    AppContext& operator=(const AppContext&) = delete;

    [[nodiscard]] const core::Clock& clock() const;
    [[nodiscard]] QString deviceUrl() const; // canonical form
    [[nodiscard]] QString storeUrl() const; // canonical form
    [[nodiscard]] const StoreOpenReport& storeReport() const; // what opening the store found

    [[nodiscard]] RecordStore& store();
    [[nodiscard]] AuthService& auth();
    [[nodiscard]] UserService& users();
    [[nodiscard]] PatientService& patients();
    [[nodiscard]] ScreeningService& screenings();
    [[nodiscard]] PlacementService& placements();
    [[nodiscard]] PresetService& presets();
    [[nodiscard]] ExportService& exports();
    [[nodiscard]] BackupService& backups();
    [[nodiscard]] AuditService& audit();
    [[nodiscard]] SessionHistoryService& history();
    [[nodiscard]] CalibrationService& calibration();
    [[nodiscard]] ClinicLimitsService& clinicLimits();
    [[nodiscard]] ClinicPresetService& clinicPresets();
    [[nodiscard]] SessionController& sessions();

private:
    struct Impl;
    explicit AppContext(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace galvani::app
