// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/PresetService.h"

#include "app/DeviceUrlCheck.h"
#include "app/access/AccessGuard.h"
#include "app/services/ClinicLimitsService.h"
#include "app/services/ClinicPresetService.h"
#include "app/services/ServiceSupport.h"
#include "core/domain/PresetCatalogue.h"
#include "core/safety/EffectiveLimits.h"
#include "core/safety/SafetyGuard.h"
#include "device/controller/StimulationPlan.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

namespace galvani::app {

namespace {

static_assert(device::kDefaultDeviceUrl == std::string_view(PresetService::kDefaultDeviceUrl),
    "the preset listing assumes the application's default device");

// A pad area for the deliverability check only: the kernel needs one for its density limits (CLINICAL §1.1:
// 50 mA rms needs at least 25 cm²). Defaults are 0 mA, so no density limit can bind here.
constexpr double kNominalPadCm2 = 25.0;

QStringList kernelReasons(
    const core::Preset& preset, const core::PresetValues& values, const core::HardwareCaps& device)
{
    QStringList reasons;
    std::vector<core::Channel> channels;
    for (int i = 1; i <= preset.channelsPerProgram; ++i) {
        if (auto c = core::Channel::make(i, device.channels)) {
            channels.push_back(*c);
        }
    }
    const core::PresetProgram made = preset.program(values, channels);
    for (const std::string& e : made.errors) {
        reasons.append(QString::fromStdString(e));
    }
    if (!made.program) {
        return reasons;
    }
    auto limits = core::safety::EffectiveLimits::forDevice(device);
    for (const core::Channel& c : channels) {
        limits.applyPlacement(
            c.index(), core::safety::PlacementCaps{core::SquareCentimetres(kNominalPadCm2), std::nullopt});
    }
    const auto verdict = core::safety::SafetyGuard::validate(*made.program, limits);
    for (const auto& v : verdict.violations()) {
        reasons.append(QString::fromStdString(v.message));
    }
    return reasons;
}

} // namespace

PresetService::PresetService(RecordStore& store) : m_store(store)
{
}

AppResult<QList<PresetAvailability>> PresetService::list(const SignedInUser& user, const core::HardwareCaps& device)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewPresets)) {
        return *denied;
    }
    const auto availability = [&](const core::Preset& p, const core::PresetValues& values) {
        PresetAvailability a;
        a.id = detail::fromUtf8(p.id);
        a.name = detail::fromUtf8(p.name);
        a.modality = detail::fromUtf8(core::toString(p.modality));
        a.source = detail::fromUtf8(p.source);
        a.channelsPerProgram = p.channelsPerProgram;
        for (const std::string& r : p.unsupportedBy(device)) {
            a.reasons.append(QString::fromStdString(r));
        }
        // The kernel check needs a device that can at least carry the preset's channels and output mode.
        if (a.reasons.isEmpty()) {
            a.reasons = kernelReasons(p, values, device);
        }
        a.deliverable = a.reasons.isEmpty();
        return a;
    };
    QList<PresetAvailability> out;
    for (const core::Preset& p : core::PresetCatalogue::all()) {
        out.append(availability(p, p.defaults()));
    }
    // The clinic's own presets after the built-in ones, each judged with its own values.
    const auto clinic = ClinicPresetService(m_store).list(user);
    if (!clinic.ok()) {
        return clinic.error();
    }
    for (const ClinicPreset& c : *clinic) {
        const core::Preset* base = core::PresetCatalogue::find(c.basePresetId.toStdString());
        if (base == nullptr) {
            continue; // ClinicPresetService reads only presets of the catalogue
        }
        core::PresetValues values = base->defaults();
        for (const ClinicPresetValue& v : c.values) {
            (void)base->setField(values, v.field.toStdString(), v.value); // checked when it was saved
        }
        PresetAvailability a = availability(*base, values);
        a.id = c.id;
        a.name = c.name;
        a.source = QStringLiteral("clinic preset on %1, version %2").arg(c.baseName).arg(c.version);
        a.basePresetId = c.basePresetId;
        a.sessionMinutes = c.sessionMinutes;
        out.append(a);
    }
    return out;
}

AppResult<QList<PresetField>> PresetService::fields(const SignedInUser& user, const QString& presetId)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewPresets)) {
        return *denied;
    }
    // A clinic preset offers its built-in preset's fields, starting at the clinic's values.
    std::optional<ClinicPreset> clinicPreset;
    if (ClinicPresetService::isClinicPresetId(presetId)) {
        auto found = ClinicPresetService(m_store).resolve(presetId);
        if (!found.ok()) {
            return found.error();
        }
        clinicPreset = *found;
    }
    const core::Preset* preset
        = core::PresetCatalogue::find((clinicPreset ? clinicPreset->basePresetId : presetId).toStdString());
    if (preset == nullptr) {
        return AppError{AppError::Kind::NotFound, QStringLiteral("preset: no preset with id '%1'").arg(presetId)};
    }
    // The clinic's limits narrow the ranges an editor offers (the preset's default stays as it is: an editor that
    // cannot show it starts at the clinic's limit, and that value is then sent as a change).
    const auto clinic = ClinicLimitsService(m_store).limitsUnchecked();
    if (!clinic.ok()) {
        return clinic.error();
    }
    QList<PresetField> out;
    for (const core::PresetFieldSpec& spec : preset->editableFields()) {
        PresetField field{
            detail::fromUtf8(spec.name), detail::fromUtf8(spec.unit), spec.min, spec.defaultValue, spec.max, spec.step};
        std::optional<double> clinicMax;
        if (field.name == QLatin1String("pulse rate") && clinic->pulseRateMaxHz) {
            clinicMax = *clinic->pulseRateMaxHz;
        } else if (field.name == QLatin1String("phase width") && clinic->phaseWidthMaxUs) {
            clinicMax = static_cast<double>(*clinic->phaseWidthMaxUs);
        }
        if (clinicMax) {
            field.max = std::max(field.min, std::min(field.max, *clinicMax));
        }
        if (clinicPreset) {
            for (const ClinicPresetValue& v : clinicPreset->values) {
                if (v.field == field.name) {
                    field.defaultValue = v.value;
                }
            }
        }
        out.append(field);
    }
    return out;
}

AppResult<core::HardwareCaps> PresetService::deviceCaps(const QString& deviceUrl)
{
    // Every option, the simulator's included, so that a bad one is refused with its name and range, not ignored.
    const auto checked = detail::checkDeviceUrl(deviceUrl);
    if (const auto* bad = std::get_if<QString>(&checked)) {
        return detail::invalidInput(*bad); // names the device URL and the part at fault
    }
    const auto& [address, driver] = std::get<detail::CheckedDevice>(checked);
    core::HardwareCaps caps = device::hardwareCaps(driver->info().capabilities);
    // A simulator may be told to offer fewer channels than its protocol allows.
    if (address.kind == device::DeviceAddress::Kind::Simulated) {
        if (const auto it = address.options.find("channels"); it != address.options.end()) {
            bool ok = false;
            const int n = QString::fromStdString(it->second).toInt(&ok);
            if (!ok || n < 1 || n > caps.channels) {
                return detail::invalidInput(QStringLiteral("device URL option 'channels' is '%1'; allowed: 1–%2")
                                                .arg(QString::fromStdString(it->second))
                                                .arg(caps.channels));
            }
            caps.channels = n;
        }
    }
    return caps;
}

} // namespace galvani::app
