// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/calibration/CalibrationService.h"

#include "app/DeviceUrlCheck.h"
#include "app/access/AccessGuard.h"
#include "app/calibration/CalibrationProcedureImpl.h"
#include "app/calibration/CalibrationRecords.h"
#include "app/calibration/CalibrationText.h"
#include "app/calibration/TestLoadProgram.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStore.h"
#include "core/Clock.h"
#include "core/calibration/CalibrationLimits.h"
#include "device/controller/DriverFactory.h"
#include "device/controller/StimulationPlan.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>
#include <chrono>

namespace galvani::app {

namespace {

namespace cal = core::calibration;

// What can be checked before the device is known.
std::optional<AppError> checkSetup(const CalibrationSetup& s, const QDate& today)
{
    if (s.deviceUrl.trimmed().isEmpty()) {
        return detail::invalidInput(QStringLiteral("device URL: none given"));
    }
    if (s.channels.isEmpty()) {
        return detail::invalidInput(QStringLiteral("channels: at least one channel (1..8) is needed"));
    }
    QSet<int> seen;
    for (const int ch : s.channels) {
        if (ch < 1 || ch > 8 || seen.contains(ch)) {
            return detail::invalidInput(QStringLiteral("channels: %1 is outside 1..8 or given twice").arg(ch));
        }
        seen.insert(ch);
    }
    if (std::find(kReferenceLoadsOhms.begin(), kReferenceLoadsOhms.end(), s.loadOhms) == kReferenceLoadsOhms.end()) {
        return detail::invalidInput(
            QStringLiteral("load: %1 ohm is not a reference load; use 500, 1000, 2000 or 10000").arg(s.loadOhms));
    }
    if (s.instruments.isEmpty()) {
        return detail::invalidInput(
            QStringLiteral("instruments: at least one reference instrument (NAME:SERIAL:DUE) is needed"));
    }
    for (const ReferenceInstrument& i : s.instruments) {
        // The record store's limits, here so that a run is never connected only to fail at its first record.
        if (auto bad = detail::checkText(i.name, QStringLiteral("instrument name"), kMaxInstrumentNameChars)) {
            return bad;
        }
        if (auto bad = detail::checkText(i.serial, QStringLiteral("instrument serial"), kMaxInstrumentSerialChars)) {
            return bad;
        }
        if (i.name.trimmed().isEmpty() || i.serial.trimmed().isEmpty() || !i.dueDate.isValid()) {
            return detail::invalidInput(
                QStringLiteral("instrument '%1': name, serial and a due date are needed").arg(i.toString()));
        }
        if (i.dueDate < today) {
            return detail::invalidInput(
                QStringLiteral("instrument %1 (serial %2) was due on %3: its own calibration has lapsed")
                    .arg(i.name, i.serial, i.dueDate.toString(Qt::ISODate)));
        }
    }
    if (static_cast<std::size_t>(s.pointsUa.size()) < cal::kMinPoints) {
        return detail::invalidInput(
            QStringLiteral("points: at least %1 test currents are needed (e.g. 10, 25, 50 mA)").arg(cal::kMinPoints));
    }
    QSet<qint64> points;
    for (const qint64 p : s.pointsUa) {
        if (p <= 0 || points.contains(p)) {
            return detail::invalidInput(
                QStringLiteral("points: %1 mA must be above 0 and given once").arg(static_cast<double>(p) / 1000.0));
        }
        points.insert(p);
    }
    if (s.pulseWidthUs <= 0) {
        return detail::invalidInput(QStringLiteral("pulse width: %1 µs must be above 0").arg(s.pulseWidthUs));
    }
    if (!(s.frequencyHz > 0.0) || !std::isfinite(s.frequencyHz)) {
        return detail::invalidInput(QStringLiteral("frequency: %1 Hz must be above 0").arg(s.frequencyHz));
    }
    if (s.intervalMonths < cal::kMinIntervalMonths || s.intervalMonths > cal::kMaxIntervalMonths) {
        return detail::invalidInput(QStringLiteral("interval: %1 months must be %2..%3 (CLINICAL §6: at least yearly)")
                                        .arg(s.intervalMonths)
                                        .arg(cal::kMinIntervalMonths)
                                        .arg(cal::kMaxIntervalMonths));
    }
    if (auto bad = calibration::checkDeviceSerial(s.deviceSerial)) {
        return bad;
    }
    if (auto bad = detail::checkText(s.notes, QStringLiteral("calibration notes"), kMaxCalibrationNotesChars)) {
        return bad;
    }
    // A record's notes are the procedure's own description of the run (every point) and then these notes, within
    // the same limit: both must fit now, or the run would connect only to fail at its first record.
    const qsizetype described = calibration::describedLengthBound(s);
    if (described > kMaxCalibrationNotesChars) {
        CalibrationSetup fewer = s;
        while (!fewer.pointsUa.isEmpty() && calibration::describedLengthBound(fewer) > kMaxCalibrationNotesChars) {
            fewer.pointsUa.removeLast();
        }
        return detail::invalidInput(
            QStringLiteral("points: %1 test currents are more than one record can describe (its notes "
                           "hold at most %2 characters); use at most %3")
                .arg(s.pointsUa.size())
                .arg(kMaxCalibrationNotesChars)
                .arg(fewer.pointsUa.size()));
    }
    if (const qsizetype room = kMaxCalibrationNotesChars - described; s.notes.size() > room) {
        return detail::invalidInput(
            QStringLiteral("calibration notes has %1 characters; a record's notes hold at most %2, of which "
                           "this run's own description of its points may take %3, so at most %4 are "
                           "allowed")
                .arg(s.notes.size())
                .arg(kMaxCalibrationNotesChars)
                .arg(described)
                .arg(room));
    }
    return std::nullopt;
}

} // namespace

CalibrationService::CalibrationService(RecordStore& store) : m_store(store)
{
}

AppResult<std::unique_ptr<CalibrationProcedure>> CalibrationService::begin(
    const SignedInUser& user, const CalibrationSetup& setup)
{
    if (auto denied = checkAccess(m_store, user, Action::Calibrate, setup.deviceUrl)) {
        return *denied;
    }
    const QDate today = QDateTime::fromMSecsSinceEpoch(calibration::utcNowMs(m_store.clock()), Qt::UTC).date();
    if (auto bad = checkSetup(setup, today)) {
        return *bad;
    }
    // Every option of the URL, a simulator's included, before anything is connected.
    auto checked = detail::checkDeviceUrl(setup.deviceUrl.trimmed());
    if (const auto* bad = std::get_if<QString>(&checked)) {
        return detail::invalidInput(*bad); // names the device URL and the part at fault
    }
    auto& [address, driver] = std::get<detail::CheckedDevice>(checked);
    // The serial typed in the setup and the one the URL names are one and the same option: the therapy session
    // reads a serial-less device's identity from the URL (detail::deviceSerialOf), so both must agree.
    const std::string serialOption(device::kDeviceSerialOption);
    if (const QString typed = setup.deviceSerial.trimmed(); !typed.isEmpty()) {
        if (const auto it = address.options.find(serialOption);
            it != address.options.end() && QString::fromStdString(it->second) != typed) {
            return detail::invalidInput(
                QStringLiteral("device serial: %1 differs from device-serial=%2 in the device URL")
                    .arg(typed, QString::fromStdString(it->second)));
        }
        address.options[serialOption] = typed.toStdString();
    }
    auto impl = std::make_unique<CalibrationProcedure::Impl>();
    impl->address = address;
    QString error;
    const auto& info = driver->info();
    impl->hardware = device::hardwareCaps(info.capabilities);
    impl->gridUa = std::max<qint64>(1, info.amplitudeGrid.value());
    impl->measures = info.measuresDeliveredCurrent;
    for (const int ch : setup.channels) {
        if (ch > impl->hardware.channels) {
            return detail::invalidInput(
                QStringLiteral("channels: %1 is outside 1..%2 on this device").arg(ch).arg(impl->hardware.channels));
        }
    }
    if (setup.mode == MeasurementMode::Device && !impl->measures) {
        return detail::invalidInput(
            QStringLiteral("this device (%1, %2) does not measure delivered current; calibrate it in "
                           "manual mode, reading an external meter across the load")
                .arg(QString::fromStdString(info.protocolId), info.level));
    }
    for (const qint64 p : setup.pointsUa) {
        if (p % impl->gridUa != 0 || p > info.capabilities.currentMax.value()) {
            return detail::invalidInput(
                QStringLiteral("points: %1 mA must be a multiple of %2 mA up to %3 mA on this device")
                    .arg(static_cast<double>(p) / 1000.0)
                    .arg(static_cast<double>(impl->gridUa) / 1000.0)
                    .arg(static_cast<double>(info.capabilities.currentMax.value()) / 1000.0));
        }
        // Every point through the safety kernel now, so a refused one stops the run before any output.
        calibration::TestLoadRequest request;
        request.channels = {setup.channels.front()};
        request.amplitudes = {core::Microamps(p)};
        request.phaseWidth = core::Microseconds(setup.pulseWidthUs);
        request.frequency = core::Hertz(setup.frequencyHz);
        request.load = core::Ohms(setup.loadOhms);
        if (!calibration::testLoadProgram(impl->hardware, request, &error)) {
            return detail::invalidInput(
                QStringLiteral("point %1 mA: %2").arg(static_cast<double>(p) / 1000.0).arg(error));
        }
    }
    impl->user = user;
    impl->setup = setup;
    impl->setup.deviceUrl = setup.deviceUrl.trimmed();
    return std::unique_ptr<CalibrationProcedure>(new CalibrationProcedure(*this, std::move(impl)));
}

} // namespace galvani::app
