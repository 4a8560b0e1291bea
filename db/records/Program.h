// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

namespace galvani::db::records {

// A clinic-editable programme (preset) version. The columns hold what lists and reports need; parametersJson
// holds the full modality-specific values (ramps, on/off, bursts, carriers) as the app's domain layer serialises
// them, so this layer does not have to follow every change to the domain types.
// Units: frequency in millihertz, pulse width in µs, duration in s, amplitude ceiling in µA.
struct ProgramFields {
    QString name;
    QString modality; // e.g. "nmes-strengthening" (the domain preset id)
    QString waveform; // e.g. "symmetric-biphasic"
    qint64 frequencyMilliHz = 0; // 1 mHz – 10 kHz
    qint64 pulseWidthUs = 0; // 1–4000 µs
    qint64 durationS = 0; // 1 s – 99 min
    qint64 maxAmplitudeUa = 0; // 1 µA – 100 mA; the safety kernel still applies its own limits
    QString parametersJson = QStringLiteral("{}"); // a JSON object
};

// One stored version. (key, version) is unique; versions are immutable. Times in UTC ms.
struct Program {
    qint64 id = 0;
    QString key; // stable across versions
    int version = 1;
    ProgramFields fields;
    bool retired = false;
    qint64 createdBy = 0;
    qint64 createdUtcMs = 0;
};

} // namespace galvani::db::records
