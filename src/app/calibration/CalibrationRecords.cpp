// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/calibration/CalibrationRecords.h"

#include "app/calibration/CalibrationText.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "db/records/CalibrationRepository.h"
#include "db/records/RecordEnums.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace galvani::app::calibration {

namespace {

using db::records::CalibrationPoint;
using db::records::CalibrationStatus;
using db::records::NewCalibration;

constexpr qint64 kPpm = 1'000'000;

db::Actor actorOf(const SignedInUser& user)
{
    return db::Actor::user(user.id, user.username);
}

NewCalibration skeleton(const RunContext& run, int channel)
{
    NewCalibration c;
    c.deviceSerial = run.deviceSerial;
    c.firmware = run.firmware;
    c.channel = channel;
    c.dueUtcMs = run.dueUtcMs;
    for (const ReferenceInstrument& i : run.setup.instruments) {
        c.instruments.append(db::records::CalibrationInstrument{i.name, i.serial, i.dueDate.toString(Qt::ISODate)});
    }
    return c;
}

CalibrationPoint pointOf(const RunContext& run, const CalibrationPointResult& p)
{
    CalibrationPoint out;
    out.loadOhms = run.setup.loadOhms;
    out.pulseWidthUs = run.setup.pulseWidthUs;
    out.frequencyMilliHz = std::llround(run.setup.frequencyHz * 1000.0);
    // The record's "commanded" is the set value (what the operator asks for); as-left points reach it through
    // the correction, whose device commands the notes list.
    out.commandedUa = p.setUa;
    out.measuredUa = std::llround(p.measuredUa);
    out.passed = p.passed;
    return out;
}

// The procedure in words: what the points mean, the as-found data, the fit and the as-left commands. Part of the
// record (and so of its hash).
QString describe(const RunContext& run, const QList<CalibrationPointResult>& points, const std::optional<double>& gain,
    const std::optional<double>& offsetUa, const QString& reason)
{
    QStringList lines;
    const auto& s = run.setup;
    lines.append(QStringLiteral("load %1 ohm, symmetric biphasic %2 us, %3 Hz, %4; acceptance +-10 % or +-1 mA, "
                                "width and rate +-5 %")
                     .arg(s.loadOhms)
                     .arg(s.pulseWidthUs)
                     .arg(s.frequencyHz, 0, 'g', 6)
                     .arg(s.mode == MeasurementMode::Device ? QStringLiteral("measured by the device")
                                                            : QStringLiteral("read from the reference meter")));
    QStringList found;
    QStringList left;
    for (const CalibrationPointResult& p : points) {
        QString text = QStringLiteral("%1 -> %2")
                           .arg(calibration::milliampsText(static_cast<double>(p.setUa)),
                               calibration::milliampsText(p.measuredUa));
        if (p.phase == PointPhase::AsLeft) {
            text = QStringLiteral("%1 (command %2) -> %3")
                       .arg(calibration::milliampsText(static_cast<double>(p.setUa)),
                           calibration::milliampsText(static_cast<double>(p.commandedUa)),
                           calibration::milliampsText(p.measuredUa));
        }
        if (p.pulses > 0) {
            text += QStringLiteral(" [%1 pulses]").arg(p.pulses);
        }
        if (p.measuredWidthUs) {
            text += QStringLiteral(" width %1 us").arg(*p.measuredWidthUs, 0, 'f', 1);
        }
        if (p.measuredFrequencyHz) {
            text += QStringLiteral(" rate %1 Hz").arg(*p.measuredFrequencyHz, 0, 'f', 2);
        }
        (p.phase == PointPhase::AsFound ? found : left).append(text);
    }
    lines.append(QStringLiteral("points in order: %1 as found (uncorrected), then %2 as left (with the fitted "
                                "correction)")
                     .arg(found.size())
                     .arg(left.size()));
    if (!found.isEmpty()) {
        lines.append(QStringLiteral("as found: ") + found.join(QStringLiteral(", ")));
    }
    if (gain && offsetUa) {
        lines.append(
            QStringLiteral("fit: gain %1, offset %2").arg(*gain, 0, 'f', 5).arg(calibration::milliampsText(*offsetUa)));
    }
    if (!left.isEmpty()) {
        lines.append(QStringLiteral("as left: ") + left.join(QStringLiteral(", ")));
    }
    if (s.mode == MeasurementMode::Device) {
        const bool sampled = std::any_of(points.begin(), points.end(),
            [](const CalibrationPointResult& p) { return p.measuredWidthUs.has_value(); });
        lines.append(sampled ? QStringLiteral("pulse width: from the device's current samples of each pulse (to one "
                                              "sampling period); rate: timed by the host pulse by pulse, not "
                                              "measurable by the device")
                             : QStringLiteral("pulse width and rate: not measurable by the device"));
    }
    if (!reason.isEmpty()) {
        // Bounded, so that describedLengthBound() holds whatever a device reported.
        lines.append(QStringLiteral("result: ")
            + (reason.size() > kMaxRecordedReasonChars ? reason.left(kMaxRecordedReasonChars - 1) + QChar(0x2026)
                                                       : reason));
    }
    if (!s.notes.isEmpty()) {
        lines.append(QStringLiteral("notes: ") + s.notes);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

AppError fromDb(const db::DbError& error)
{
    return detail::fromDb(error); // one mapping for every service
}

qsizetype describedLengthBound(const CalibrationSetup& setup)
{
    RunContext run;
    run.setup = setup;
    run.setup.notes.clear();
    // Every point as found and as left, each figure at its longest: a measured current and a command as long as the
    // record's range for a measurement allows (-200 to 1000 mA), a hundred million pulses, a width and a rate read
    // from a meter (up to ten seconds and ten megahertz); a fit and a reason of the longest kept.
    QList<CalibrationPointResult> points;
    for (const PointPhase phase : {PointPhase::AsFound, PointPhase::AsLeft}) {
        for (const qint64 set : setup.pointsUa) {
            CalibrationPointResult p;
            p.phase = phase;
            p.setUa = set;
            p.commandedUa = 1'000'000;
            p.measuredUa = 1'000'000.0;
            p.pulses = 99'999'999;
            p.measuredWidthUs = -9'999'999.9;
            p.measuredFrequencyHz = -9'999'999.99;
            points.append(p);
        }
    }
    const QString reason(kMaxRecordedReasonChars, QLatin1Char('x'));
    return describe(run, points, -999.99999, 1'000'000.0, reason).size() + QStringLiteral("\nnotes: ").size();
}

std::optional<AppError> checkDeviceSerial(const QString& serial)
{
    return detail::checkText(serial, QStringLiteral("device serial"), kMaxDeviceSerialChars);
}

AppResult<std::optional<db::records::Calibration>> passedInForce(
    RecordStore& store, const QString& deviceSerial, int channel)
{
    auto inForce = db::records::CalibrationRepository(store.impl().context()).inForce(deviceSerial, channel);
    if (!inForce.ok()) {
        return fromDb(inForce.error());
    }
    std::optional<db::records::Calibration> out;
    if (inForce->latest && inForce->latest->record.status == CalibrationStatus::Passed) {
        out = inForce->latest;
    }
    return out;
}

AppResult<qint64> recordIncomplete(RecordStore& store, const SignedInUser& technician, const RunContext& run,
    int channel, const QList<CalibrationPointResult>& points, const QString& why)
{
    NewCalibration c = skeleton(run, channel);
    c.status = CalibrationStatus::Incomplete;
    for (const CalibrationPointResult& p : points) {
        c.points.append(pointOf(run, p));
    }
    c.notes = describe(run, points, std::nullopt, std::nullopt, QStringLiteral("incomplete: ") + why);
    auto written = db::records::CalibrationRepository(store.impl().context()).record(c, actorOf(technician));
    if (!written.ok()) {
        return fromDb(written.error());
    }
    return written->id;
}

AppStatus recordFinished(
    RecordStore& store, const SignedInUser& technician, const RunContext& run, ChannelCalibrationResult& result)
{
    NewCalibration c = skeleton(run, result.channel);
    c.status = result.passed ? CalibrationStatus::Passed : CalibrationStatus::Failed;
    const auto before = passedInForce(store, run.deviceSerial, result.channel);
    if (!before.ok()) {
        return before.error();
    }
    if (*before) {
        c.gainBeforePpm = (*before)->record.gainAfterPpm;
        c.offsetBeforeUa = (*before)->record.offsetAfterUa;
    }
    if (result.gain && result.offsetUa) {
        c.gainAfterPpm = std::llround(*result.gain * static_cast<double>(kPpm));
        c.offsetAfterUa = std::llround(*result.offsetUa);
    }
    for (const CalibrationPointResult& p : result.points) {
        c.points.append(pointOf(run, p));
    }
    c.notes = describe(run, result.points, result.gain, result.offsetUa, result.passed ? QString() : result.reason);
    auto written = db::records::CalibrationRepository(store.impl().context()).record(c, actorOf(technician));
    if (!written.ok()) {
        return fromDb(written.error());
    }
    result.calibrationId = written->id;
    result.recordHash = written->recordHash;
    result.dueUtcMs = written->record.dueUtcMs;
    return {};
}

CalibrationHistoryEntry historyEntry(const db::records::Calibration& c)
{
    CalibrationHistoryEntry e;
    e.calibrationId = c.id;
    e.deviceSerial = c.record.deviceSerial;
    e.firmware = c.record.firmware;
    e.channel = c.record.channel;
    e.status = db::records::toText(c.record.status);
    e.technicianId = c.technicianId;
    e.performedUtcMs = c.performedUtcMs;
    e.dueUtcMs = c.record.dueUtcMs;
    if (c.record.gainAfterPpm && c.record.offsetAfterUa) {
        e.gain = static_cast<double>(*c.record.gainAfterPpm) / static_cast<double>(kPpm);
        e.offsetUa = static_cast<double>(*c.record.offsetAfterUa);
    }
    e.points = static_cast<int>(c.record.points.size());
    e.recordHash = c.recordHash;
    e.notes = c.record.notes;
    return e;
}

std::pair<qint64, qint64> calibratedRange(const db::records::Calibration& c)
{
    if (c.record.points.isEmpty()) {
        return {0, 0};
    }
    qint64 low = c.record.points.front().commandedUa;
    qint64 high = low;
    for (const CalibrationPoint& p : c.record.points) {
        low = std::min(low, p.commandedUa);
        high = std::max(high, p.commandedUa);
    }
    return {low, high};
}

} // namespace galvani::app::calibration
