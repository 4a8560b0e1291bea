// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/PresetSummary.h"

#include "core/domain/Preset.h"
#include "core/domain/PresetCatalogue.h"

#include <QStringList>

#include <algorithm>

namespace galvani::ui::presenters {

namespace {

const core::Preset* find(const QString& id)
{
    return core::PresetCatalogue::find(id.toStdString());
}

QString secondsText(core::Microseconds us)
{
    return QString::number(static_cast<double>(us.value()) / 1e6, 'g', 3) + QStringLiteral(" s");
}

QString hertzText(core::Hertz hz)
{
    return QString::number(hz.value(), 'g', 4) + QStringLiteral(" Hz");
}

qint64 toMs(core::Microseconds us)
{
    return us.value() / 1000;
}

} // namespace

QString programmeSummary(const QString& presetId)
{
    const core::Preset* preset = find(presetId);
    if (preset == nullptr) {
        return QString();
    }
    const core::PresetValues v = preset->defaults();
    QStringList parts;
    if (preset->waveform.kind() == core::WaveformKind::SineCarrier) {
        parts << QStringLiteral("%1 sine carrier").arg(hertzText(v.frequency));
    } else {
        parts << hertzText(v.frequency) << QStringLiteral("%1 µs per phase").arg(v.phaseWidth.value())
              << QString::fromUtf8(core::toString(preset->waveform.kind()).data(),
                     static_cast<qsizetype>(core::toString(preset->waveform.kind()).size()));
    }
    if (preset->burst != core::BurstKind::None) {
        parts << QStringLiteral("bursts at %1").arg(hertzText(v.burstRate));
    }
    if (preset->channelsPerProgram == 2) {
        parts << QStringLiteral("beat %1").arg(hertzText(v.beatFrequency));
    }
    if (preset->continuous) {
        parts << QStringLiteral("continuous");
    } else {
        parts << QStringLiteral("contractions: %1 up, %2 on, %3 down, %4 rest")
                     .arg(secondsText(v.rampUp), secondsText(v.on), secondsText(v.rampDown), secondsText(v.off));
    }
    parts << QStringLiteral("start ramp %1").arg(secondsText(v.startRamp));
    return parts.join(QStringLiteral(", "));
}

QString advisedDuration(const QString& presetId)
{
    const core::Preset* preset = find(presetId);
    if (preset == nullptr) {
        return QString();
    }
    return QStringLiteral("advised %1–%2 min")
        .arg(preset->recommendedDurationMin.value() / 60'000'000)
        .arg(preset->recommendedDurationMax.value() / 60'000'000);
}

int defaultDurationMinutes(const QString& presetId)
{
    const core::Preset* preset = find(presetId);
    if (preset == nullptr) {
        return 1;
    }
    return static_cast<int>(std::max<qint64>(preset->duration.defaultValue.value() / 60'000'000, 1));
}

qint64 presetAmplitudeMaxUa(const QString& presetId)
{
    const core::Preset* preset = find(presetId);
    return preset == nullptr ? 0 : preset->amplitude.max.value();
}

std::optional<ContractionCycle> contractionCycle(const QString& presetId)
{
    const core::Preset* preset = find(presetId);
    if (preset == nullptr || preset->continuous) {
        return std::nullopt;
    }
    const core::PresetValues v = preset->defaults();
    ContractionCycle c{toMs(v.rampUp), toMs(v.on), toMs(v.rampDown), toMs(v.off)};
    if (c.periodMs() <= 0) {
        return std::nullopt;
    }
    return c;
}

CyclePhase phaseAt(const ContractionCycle& cycle, qint64 sinceOutputStartMs)
{
    qint64 t = std::max<qint64>(sinceOutputStartMs, 0) % std::max<qint64>(cycle.periodMs(), 1);
    if (t < cycle.rampUpMs) {
        return {QStringLiteral("Contraction: ramp up"), cycle.rampUpMs - t};
    }
    t -= cycle.rampUpMs;
    if (t < cycle.onMs) {
        return {QStringLiteral("Contraction: on"), cycle.onMs - t};
    }
    t -= cycle.onMs;
    if (t < cycle.rampDownMs) {
        return {QStringLiteral("Contraction: ramp down"), cycle.rampDownMs - t};
    }
    t -= cycle.rampDownMs;
    return {QStringLiteral("Rest"), cycle.offMs - t};
}

} // namespace galvani::ui::presenters
