// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: what the SessionController hands to its SessionRecorder. Plain values; they cross
// from the main thread to the db thread by copy.

#include "app/access/Access.h"

#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::app {

// The programme version a session runs, as the clinic's programme catalogue stores it. Units: frequency in
// millihertz, pulse width in µs, duration in s, amplitude ceiling in µA.
struct ProgramVersionRecord {
    QString key; // the preset id
    QString name;
    QString modality;
    QString waveform;
    qint64 frequencyMilliHz = 0;
    qint64 pulseWidthUs = 0;
    qint64 durationS = 0;
    qint64 maxAmplitudeUa = 0;
    QString parametersJson; // compact JSON object, keys sorted (so equal programmes compare equal as text)
};

struct SessionChannelRecord {
    int channel = 1;
    qint64 placementId = 0;
    std::optional<qint64> referencePlacementId;
    std::optional<qint64> calibrationId;
};

struct SessionStartRecord {
    SignedInUser user;
    qint64 patientId = 0;
    std::optional<qint64> screeningId;
    QString workstation;
    QString deviceId;
    QString firmware;
    ProgramVersionRecord program;
    QList<SessionChannelRecord> channels;
};

// The events the controller appends while a session runs (start and end are written with the session itself).
enum class SessionEventKind { Amplitude, Pause, Resume, Stop, Fault, Electrode, LinkLost };

// Units: amplitudeUa in µA (the commanded setpoint after the change).
struct SessionEventRecord {
    SessionEventKind kind = SessionEventKind::Amplitude;
    std::optional<int> channel;
    std::optional<qint64> amplitudeUa;
    QString detail;
};

// Delivered current of one channel over one second of stimulation (secondIndex 0 = the first second), µA.
// commandedUa is the largest commanded peak in that second; the measured values are empty when the device does
// not measure. samples = pulses reported by the device.
struct SecondSummary {
    int channel = 1;
    qint64 secondIndex = 0;
    qint64 commandedUa = 0;
    std::optional<qint64> measuredMinUa;
    std::optional<qint64> measuredMeanUa;
    std::optional<qint64> measuredMaxUa;
    qint64 samples = 0;
};

// Running totals of one channel as stored: µA and whole µC (rounded down, so the stored value never runs ahead
// of what was delivered and only grows).
struct ChannelTotalsRecord {
    int channel = 1;
    qint64 maxAmplitudeUa = 0;
    qint64 chargeUc = 0;
};

} // namespace galvani::app
