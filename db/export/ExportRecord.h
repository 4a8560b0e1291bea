// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::db::exp {

// One session as the exporters see it: the session row joined with its patient, therapist, channels
// (programme version and placement of each), per-channel delivered-current aggregates, outcomes and, when asked
// for, events. Units follow the store: currents µA, charge µC, widths µs, frequencies mHz, areas mm², times UTC ms.
// Plain values, built by SessionPager one page at a time.

struct ExportPatient {
    qint64 id = 0;
    QString pseudonym;
    QString mrn;
    QString familyName;
    QString givenNames;
    QString birthDate; // "YYYY-MM-DD"
};

struct ExportTherapist {
    qint64 id = 0;
    QString username;
    QString displayName;
};

// Aggregate of a channel's per-second summaries (table current_summaries). The measured values are empty when
// the device never reported a measurement for the channel.
struct ExportCurrent {
    qint64 seconds = 0; // number of one-second summaries
    qint64 meanCommandedUa = 0; // mean of the commanded current over those seconds, rounded
    qint64 maxCommandedUa = 0;
    std::optional<qint64> measuredMinUa; // lowest per-second minimum
    std::optional<qint64> measuredMeanUa; // mean of the per-second means over the measured seconds, rounded
    std::optional<qint64> measuredMaxUa; // highest per-second maximum
    qint64 samples = 0; // measurement samples behind the summaries
};

struct ExportChannel {
    int channel = 1; // 1–8
    qint64 programId = 0;
    QString programKey;
    qint64 programVersion = 0;
    QString programName;
    QString modality;
    QString waveform;
    qint64 frequencyMilliHz = 0;
    qint64 pulseWidthUs = 0;
    qint64 plannedDurationS = 0;
    qint64 placementId = 0;
    std::optional<qint64> referencePlacementId;
    std::optional<qint64> calibrationId;
    QString muscle;
    QString side; // left, right, midline, bilateral
    QString landmark;
    QString leadLabel;
    qint64 electrodeAreaMm2 = 0;
    qint64 maxAmplitudeUa = 0; // highest amplitude reached
    qint64 totalChargeUc = 0; // charge delivered
    std::optional<ExportCurrent> current; // empty when no summary was written for the channel
};

struct ExportOutcome {
    qint64 id = 0;
    std::optional<qint64> nprsBefore; // 0–10
    std::optional<qint64> nprsAfter; // 0–10
    std::optional<qint64> ndiRaw; // 0–50
    std::optional<qint64> odiPercent; // 0–100
    qint64 recordedUtcMs = 0;
    QString notes;
};

struct ExportEvent {
    qint64 seq = 0;
    QString kind;
    std::optional<qint64> channel;
    std::optional<qint64> amplitudeUa;
    QString detail;
    qint64 atUtcMs = 0;
};

struct ExportSession {
    qint64 id = 0;
    ExportPatient patient;
    ExportTherapist therapist;
    QString workstation;
    QString deviceId; // device serial
    QString firmware;
    qint64 startedUtcMs = 0;
    std::optional<qint64> endedUtcMs; // empty while the session is open
    std::optional<QString> endReason;
    QList<ExportChannel> channels; // by channel number
    QList<ExportOutcome> outcomes; // by id (normally one)
    QList<ExportEvent> events; // by seq; filled only for JSON exports with events

    // The latest recorded value of an outcome field over the session's outcome records.
    [[nodiscard]] std::optional<qint64> latest(std::optional<qint64> ExportOutcome::*field) const
    {
        for (auto it = outcomes.crbegin(); it != outcomes.crend(); ++it) {
            if ((*it).*field) {
                return (*it).*field;
            }
        }
        return std::nullopt;
    }
};

} // namespace galvani::db::exp
