// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace galvani::app {

// How each point's delivered current is read.
enum class MeasurementMode {
    Device, // the stimulator measures every pulse (ScienceMode4 low level); the procedure averages them
    Manual, // the technician reads an external meter across the precision load and types the value in
};

// A reference instrument (CLINICAL.md §6): what it is, its serial and the date its own calibration falls due.
// An instrument past its due date cannot support a calibration. Plain value.
struct ReferenceInstrument {
    QString name; // at most kMaxInstrumentNameChars
    QString serial; // at most kMaxInstrumentSerialChars
    QDate dueDate;

    // "NAME:SERIAL:DUE" with DUE exactly YYYY-MM-DD (the CLI's --instrument; not Qt's lenient ISO form, which also
    // takes '/', ',' or '.'). Returns nullopt and sets *error, naming the part at fault, when the text does not
    // have that form. The lengths are checked by CalibrationService::begin().
    [[nodiscard]] static std::optional<ReferenceInstrument> parse(const QString& text, QString* error);
    [[nodiscard]] QString toString() const; // the same form
};

// The reference loads a technician may connect (CLINICAL §6): 500 Ω (default) and 1 kΩ for amplitude,
// 2 kΩ and 10 kΩ (± 1 %) for waveform, width and rate.
inline constexpr std::array<int, 4> kReferenceLoadsOhms{500, 1000, 2000, 10000};

// The record store's limits on the texts of a calibration record, in characters (none may contain NUL).
// CalibrationService::begin() refuses a setup that breaks one before anything is connected or written. A record's
// notes hold the procedure's description of the run (every point) and then the technician's notes, together.
inline constexpr int kMaxInstrumentNameChars = 200;
inline constexpr int kMaxInstrumentSerialChars = 100;
inline constexpr int kMaxDeviceSerialChars = 100;
inline constexpr int kMaxCalibrationNotesChars = 4000;

// Everything a calibration run needs before it starts. Plain value.
// Units: currents in µA, width in µs, rate in Hz, load in Ω, interval in calendar months.
struct CalibrationSetup {
    QString deviceUrl; // e.g. sim:sciencemode4?channels=8, serial:/dev/ttyUSB0?protocol=sciencemode4
    QList<int> channels; // 1-based, each once, within the device's channel count
    int loadOhms = 500; // one of kReferenceLoadsOhms
    QList<ReferenceInstrument> instruments; // at least one, each within its own due date
    QList<qint64> pointsUa = defaultPointsUa(); // at least three distinct set values on the device's step
    qint64 pulseWidthUs = 200; // per phase, symmetric biphasic
    double frequencyHz = 100.0;
    MeasurementMode mode = MeasurementMode::Device;
    int intervalMonths = 12; // 1..12 (CLINICAL §6: at least yearly)
    // The device's serial when it reports none (ScienceMode2); if it reports one, this must match or be empty.
    QString deviceSerial; // at most kMaxDeviceSerialChars
    // At most kMaxCalibrationNotesChars, and what the run's own description of its points leaves of them in a
    // record (begin() states how much: about 2600 characters for three points).
    QString notes;

    // 10, 25 and 50 mA (CLINICAL §6 "e.g. 10, 25, 50 mA").
    [[nodiscard]] static QList<qint64> defaultPointsUa();
};

} // namespace galvani::app
