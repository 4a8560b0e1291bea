// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/session/SessionProgram.h"

#include "app/services/ClinicPresetService.h"
#include "core/safety/Caps.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace galvani::app {

namespace {

QString fromStd(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString seconds(core::Microseconds us)
{
    return QString::number(core::toSeconds(us), 'g', 3) + QStringLiteral(" s");
}

QString describeEnvelope(const core::Envelope& e)
{
    if (e.isContinuous()) {
        return QStringLiteral("continuous");
    }
    return QStringLiteral("cycles of %1 up, %2 on, %3 down, %4 off")
        .arg(seconds(e.rampUp()), seconds(e.on()), seconds(e.rampDown()), seconds(e.off()));
}

qint64 ms(core::Microseconds us)
{
    return us.value() / 1000;
}

// Every value the programme runs with beyond the columns of the catalogue, so two sessions name the same version
// only when they ran the same thing. QJsonObject keeps its keys sorted, so the compact text is canonical.
QString parametersJson(const core::Preset& preset, const core::PresetValues& v)
{
    QJsonObject o{{QStringLiteral("preset"), fromStd(preset.id)},
        {QStringLiteral("interphase_gap_us"), static_cast<qint64>(v.interphaseGap.value())},
        {QStringLiteral("start_ramp_ms"), ms(v.startRamp)}, {QStringLiteral("continuous"), preset.continuous}};
    if (!preset.continuous) {
        o.insert(QStringLiteral("ramp_up_ms"), ms(v.rampUp));
        o.insert(QStringLiteral("on_ms"), ms(v.on));
        o.insert(QStringLiteral("ramp_down_ms"), ms(v.rampDown));
        o.insert(QStringLiteral("off_ms"), ms(v.off));
    }
    if (preset.burst != core::BurstKind::None) {
        o.insert(QStringLiteral("burst_rate_millihz"), std::llround(v.burstRate.value() * 1000.0));
        o.insert(QStringLiteral("pulses_per_burst"), static_cast<qint64>(v.pulsesPerBurst));
        o.insert(QStringLiteral("burst_duty_permille"), static_cast<qint64>(v.burstDuty.value()));
    }
    if (preset.channelsPerProgram == 2) {
        o.insert(QStringLiteral("beat_millihz"), std::llround(v.beatFrequency.value() * 1000.0));
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

AppResult<SessionRequest> withClinicPreset(RecordStore& store, const SessionRequest& request, QString* clinicPresetName)
{
    clinicPresetName->clear();
    if (!ClinicPresetService::isClinicPresetId(request.presetId)) {
        return request;
    }
    const auto clinic = ClinicPresetService(store).resolve(request.presetId);
    if (!clinic.ok()) {
        return clinic.error();
    }
    SessionRequest out = request;
    out.presetId = clinic->basePresetId;
    out.settings.clear();
    for (const ClinicPresetValue& v : clinic->values) {
        const bool changed = std::any_of(request.settings.begin(), request.settings.end(),
            [&](const ProgramSetting& s) { return s.field == v.field; });
        if (!changed) {
            out.settings.append(ProgramSetting{v.field, v.value});
        }
    }
    out.settings += request.settings;
    *clinicPresetName = clinic->name;
    return out;
}

core::Microseconds deviceTimerFor(const core::Preset& preset, std::chrono::milliseconds remaining)
{
    const auto wanted = core::Microseconds(
        std::chrono::duration_cast<std::chrono::microseconds>(remaining + kDeviceTimerMargin).count());
    return std::clamp(wanted, preset.duration.min, preset.duration.max);
}

core::Program withTimer(core::Program program, core::Microseconds timer)
{
    for (core::ChannelProgram& c : program.channels) {
        c.duration = timer;
    }
    return program;
}

double phaseChargeTimeUs(const core::PulseTrain& train)
{
    const auto t1 = static_cast<double>(train.phaseWidth.value());
    switch (train.waveform.kind()) {
    case core::WaveformKind::Monophasic:
        return t1;
    case core::WaveformKind::SymmetricBiphasic:
        return 2.0 * t1;
    case core::WaveformKind::AsymmetricBiphasic: {
        const auto second = train.waveform.secondPhase();
        return t1 + core::toFraction(second.amplitudeRatio) * static_cast<double>(second.width.value());
    }
    case core::WaveformKind::SineCarrier:
        return 0.0;
    }
    return 0.0;
}

AppResult<SessionProgram> buildSessionProgram(const core::Preset& preset, const QList<ChannelRequest>& channels,
    qint64 durationS, const QList<ProgramSetting>& settings)
{
    core::PresetValues values = preset.defaults();
    values.duration = deviceTimerFor(preset, std::chrono::seconds(durationS));
    QStringList settingErrors;
    for (const ProgramSetting& setting : settings) {
        const std::string field = setting.field.toStdString();
        if (!preset.setField(values, field, setting.value)) {
            QStringList editable;
            const core::PresetFieldSpec* known = nullptr;
            const auto specs = preset.editableFields();
            for (const core::PresetFieldSpec& spec : specs) {
                editable.append(fromStd(spec.name));
                known = spec.name == field ? &spec : known;
            }
            if (!std::isfinite(setting.value)) {
                settingErrors.append(QStringLiteral("%1: not a number").arg(setting.field));
            } else if (known != nullptr) {
                // An editable value far beyond its range (setField refuses what it cannot convert).
                const QString unit = fromStd(known->unit);
                settingErrors.append(QStringLiteral("%1 %2 %3 is outside the preset range %4 %3–%5 %3")
                                         .arg(setting.field, QString::number(setting.value), unit,
                                             QString::number(known->min), QString::number(known->max)));
            } else {
                settingErrors.append(QStringLiteral("'%1' is not an editable value of this preset (editable: %2)")
                                         .arg(setting.field, editable.join(QStringLiteral(", "))));
            }
        }
    }
    for (const std::string& e : preset.outOfRange(values)) {
        settingErrors.append(QString::fromStdString(e));
    }
    if (!settingErrors.isEmpty()) {
        return AppError{AppError::Kind::Invalid,
            QStringLiteral("preset %1: %2").arg(fromStd(preset.id), settingErrors.join(QStringLiteral("; ")))};
    }
    SessionProgram out;
    QStringList errors;
    for (const ChannelRequest& request : channels) {
        const auto channel = core::Channel::make(request.channel, core::kMaxChannelCount);
        if (!channel) {
            errors.append(QStringLiteral("channel %1: not a channel number").arg(request.channel));
            continue;
        }
        values.amplitude = core::Microamps(request.targetUa);
        const std::array one{*channel};
        const core::PresetProgram made = preset.program(values, one);
        for (const std::string& e : made.errors) {
            errors.append(QStringLiteral("channel %1: %2").arg(request.channel).arg(QString::fromStdString(e)));
        }
        if (!made.program) {
            continue;
        }
        const core::ChannelProgram& cp = made.program->channels.front();
        out.phaseChargeTimeUs[request.channel] = phaseChargeTimeUs(cp.train);
        out.program.channels.push_back(cp);
        out.program.name = made.program->name;
        out.program.presetId = made.program->presetId;
    }
    if (!errors.isEmpty()) {
        return AppError{AppError::Kind::Invalid,
            QStringLiteral("preset %1: %2").arg(fromStd(preset.id), errors.join(QStringLiteral("; ")))};
    }
    const core::ChannelProgram& first = out.program.channels.front();
    out.summary = QStringLiteral("%1, %2, start ramp %3")
                      .arg(QString::fromStdString(first.train.describeTiming()), describeEnvelope(first.envelope),
                          seconds(first.startRamp));
    if (!preset.isDurationRecommended(core::seconds(durationS))) {
        out.notices.append(QStringLiteral("duration %1 min is outside the %2–%3 min advised for %4")
                               .arg(QString::number(static_cast<double>(durationS) / 60.0, 'g', 3))
                               .arg(preset.recommendedDurationMin.value() / 60'000'000)
                               .arg(preset.recommendedDurationMax.value() / 60'000'000)
                               .arg(fromStd(preset.name)));
    }
    ProgramVersionRecord& v = out.version;
    v.key = fromStd(preset.id);
    v.name = fromStd(preset.name);
    v.modality = fromStd(preset.id);
    v.waveform = fromStd(core::toString(preset.waveform.kind())).replace(QLatin1Char(' '), QLatin1Char('-'));
    v.frequencyMilliHz = std::llround(values.frequency.value() * 1000.0);
    v.pulseWidthUs = values.phaseWidth.value();
    v.durationS = durationS;
    v.maxAmplitudeUa = preset.amplitude.max.value();
    v.parametersJson = parametersJson(preset, values);
    return out;
}

core::safety::EffectiveLimits sessionLimits(const core::HardwareCaps& hardware, const QList<PlacedChannel>& placed,
    const QList<ChannelCalibration>& calibrations, const core::safety::Caps& clinic)
{
    auto limits = core::safety::EffectiveLimits::forDevice(hardware);
    limits.applyClinicPolicy(clinic);
    for (const PlacedChannel& p : placed) {
        limits.applyPlacement(p.channel, core::safety::PlacementCaps{core::squareCentimetres(p.padAreaCm2), {}});
    }
    for (const ChannelCalibration& c : calibrations) {
        if (c.calibratedMaxUa) {
            limits.applyCalibration(c.channel, core::safety::CalibrationCaps{core::Microamps(*c.calibratedMaxUa)});
        }
    }
    return limits;
}

QString presetDisplayName(const core::Preset& preset)
{
    return fromStd(preset.name);
}

QString milliampsText(qint64 ua)
{
    return QString::number(static_cast<double>(ua) / 1000.0, 'f', 1) + QStringLiteral(" mA");
}

QString violationsText(const std::vector<core::safety::Violation>& violations)
{
    QStringList lines;
    for (const auto& v : violations) {
        lines.append(QString::fromStdString(v.message));
    }
    return lines.join(QStringLiteral("; "));
}

} // namespace galvani::app
