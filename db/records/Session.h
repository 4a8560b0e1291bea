// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/records/RecordEnums.h"

#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::db::records {

// What a channel of a session runs: programme version, electrodes, and the calibration in force when it started
// (calibrations are per channel, so the "calibration record in force" of a session is one per channel).
struct SessionChannelSpec {
    int channel = 1; // 1–8
    qint64 programId = 0;
    qint64 placementId = 0; // the active (or first symmetric) electrode
    std::optional<qint64> referencePlacementId; // the other electrode of the pair, if recorded
    std::optional<qint64> calibrationId;
};

struct NewSession {
    qint64 patientId = 0;
    std::optional<qint64> screeningId; // the screening in force
    QString workstation; // host that runs the session; interrupted sessions are found per workstation
    QString deviceId; // device serial (or address when the device reports none)
    QString firmware;
    QList<SessionChannelSpec> channels; // at least one, channel numbers unique
};

// Totals per channel while the session runs: maximum amplitude reached (µA) and delivered charge (µC).
struct SessionChannel {
    qint64 id = 0;
    qint64 sessionId = 0;
    SessionChannelSpec spec;
    qint64 maxAmplitudeUa = 0;
    qint64 totalChargeUc = 0;
};

// A treatment session. Open while endedUtcMs is empty; once closed, nothing about it changes.
// Times: UTC ms and monotonic ns. An interrupted session (the app died) has end reason AppCrash and ends at the
// time of its last recorded event.
struct Session {
    qint64 id = 0;
    qint64 patientId = 0;
    qint64 therapistId = 0;
    std::optional<qint64> screeningId;
    QString workstation;
    QString deviceId;
    QString firmware;
    qint64 startedUtcMs = 0;
    qint64 startedMonoNs = 0;
    std::optional<qint64> endedUtcMs;
    std::optional<qint64> endedMonoNs;
    std::optional<EndReason> endReason;
    QList<SessionChannel> channels;

    [[nodiscard]] bool isOpen() const { return !endedUtcMs.has_value(); }
};

// An event the caller appends while a session runs. Start, End and Interrupted are written by SessionRepository.
struct NewEvent {
    EventKind kind = EventKind::Amplitude;
    std::optional<int> channel; // 1–8, when the event concerns one channel
    std::optional<qint64> amplitudeUa; // the commanded amplitude after an amplitude change, µA
    QString detail; // free text or JSON (fault code, electrode status), up to 2000 characters
};

struct SessionEvent {
    qint64 id = 0;
    qint64 sessionId = 0;
    int seq = 0; // 1, 2, 3 … within the session
    EventKind kind = EventKind::Amplitude;
    std::optional<int> channel;
    std::optional<qint64> amplitudeUa;
    QString detail;
    qint64 atUtcMs = 0;
    qint64 atMonoNs = 0;
};

// Delivered current of one channel over one second of a session (secondIndex 0 = the first second), in µA.
// The measured values are empty when the device does not measure delivered current.
struct CurrentSummary {
    int channel = 1;
    qint64 secondIndex = 0;
    qint64 commandedUa = 0;
    std::optional<qint64> measuredMinUa;
    std::optional<qint64> measuredMeanUa;
    std::optional<qint64> measuredMaxUa;
    qint64 samples = 0;
};

} // namespace galvani::db::records
