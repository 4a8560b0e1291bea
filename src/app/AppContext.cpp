// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/AppContext.h"

#include "app/DeviceUrlCheck.h"
#include "app/calibration/CalibrationService.h"
#include "app/export/ExportService.h"
#include "app/services/AuditService.h"
#include "app/services/AuthService.h"
#include "app/services/BackupService.h"
#include "app/services/ClinicLimitsService.h"
#include "app/services/ClinicPresetService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/PresetService.h"
#include "app/services/ScreeningService.h"
#include "app/services/SessionHistoryService.h"
#include "app/services/UserService.h"
#include "app/session/SessionController.h"
#include "app/store/RecordStore.h"

#include <optional>
#include <variant>

namespace galvani::app {

// Members in dependency order: destroyed bottom-up, so the session controller (which stops output and records the
// end of a running session) goes first and the store last.
struct AppContext::Impl {
    core::SystemClock clock;
    device::DeviceAddress device;
    std::unique_ptr<RecordStore> store;
    std::optional<AuthService> auth;
    std::optional<UserService> users;
    std::optional<PatientService> patients;
    std::optional<ScreeningService> screenings;
    std::optional<PlacementService> placements;
    std::optional<PresetService> presets;
    std::optional<ExportService> exports;
    std::optional<BackupService> backups;
    std::optional<AuditService> audit;
    std::optional<SessionHistoryService> history;
    std::unique_ptr<CalibrationService> calibration;
    std::optional<ClinicLimitsService> clinicLimits;
    std::optional<ClinicPresetService> clinicPresets;
    std::unique_ptr<SessionController> sessions;
};

AppContext::AppContext(std::unique_ptr<Impl> impl) : m_impl(std::move(impl))
{
}

AppContext::~AppContext() = default;

std::unique_ptr<AppContext> AppContext::create(const AppOptions& options, QString* error)
{
    auto impl = std::make_unique<Impl>();

    // Every option of the URL, the simulator's included, so a bad one is refused now with its name and range rather
    // than when the first session connects.
    auto checked = detail::checkDeviceUrl(options.deviceUrl);
    if (const auto* bad = std::get_if<QString>(&checked)) {
        *error = QStringLiteral("--device: ") + *bad;
        return nullptr;
    }
    impl->device = std::get<detail::CheckedDevice>(checked).address;

    QString storeError;
    // The GUI's main thread takes STOP as well as the record services' calls: its writes wait for another writer
    // only briefly and fail with "the record store is busy" instead of holding STOP back (RecordStore.h).
    StoreConfig storeConfig = StoreConfig::defaults(options.storeUrl);
    storeConfig.primaryLockWaitMs = StoreConfig::kInteractiveLockWaitMs;
    impl->store = RecordStore::open(storeConfig, impl->clock, &storeError);
    if (!impl->store) {
        *error = QStringLiteral("--db: ") + storeError;
        return nullptr;
    }
    RecordStore& store = *impl->store;
    impl->auth.emplace(store);
    impl->users.emplace(store);
    impl->patients.emplace(store);
    impl->screenings.emplace(store);
    impl->placements.emplace(store);
    impl->presets.emplace(store);
    impl->exports.emplace(store);
    impl->backups.emplace(store);
    impl->audit.emplace(store);
    impl->history.emplace(store);
    impl->calibration = std::make_unique<CalibrationService>(store);
    impl->clinicLimits.emplace(store);
    impl->clinicPresets.emplace(store);
    impl->sessions = std::make_unique<SessionController>(store);
    return std::unique_ptr<AppContext>(new AppContext(std::move(impl)));
}

const core::Clock& AppContext::clock() const
{
    return m_impl->clock;
}

QString AppContext::deviceUrl() const
{
    return QString::fromStdString(m_impl->device.toUrl());
}

QString AppContext::storeUrl() const
{
    return m_impl->store->url();
}

const StoreOpenReport& AppContext::storeReport() const
{
    return m_impl->store->openReport();
}

RecordStore& AppContext::store()
{
    return *m_impl->store;
}

AuthService& AppContext::auth()
{
    return *m_impl->auth;
}

UserService& AppContext::users()
{
    return *m_impl->users;
}

PatientService& AppContext::patients()
{
    return *m_impl->patients;
}

ScreeningService& AppContext::screenings()
{
    return *m_impl->screenings;
}

PlacementService& AppContext::placements()
{
    return *m_impl->placements;
}

PresetService& AppContext::presets()
{
    return *m_impl->presets;
}

ExportService& AppContext::exports()
{
    return *m_impl->exports;
}

BackupService& AppContext::backups()
{
    return *m_impl->backups;
}

AuditService& AppContext::audit()
{
    return *m_impl->audit;
}

SessionHistoryService& AppContext::history()
{
    return *m_impl->history;
}

CalibrationService& AppContext::calibration()
{
    return *m_impl->calibration;
}

ClinicLimitsService& AppContext::clinicLimits()
{
    return *m_impl->clinicLimits;
}

ClinicPresetService& AppContext::clinicPresets()
{
    return *m_impl->clinicPresets;
}

SessionController& AppContext::sessions()
{
    return *m_impl->sessions;
}

} // namespace galvani::app
