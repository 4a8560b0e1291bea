// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <array>
#include <optional>

namespace galvani::app {

class RecordStore;

// Why a recorded session ended, as the record store keeps it. AppCrash: the application died while the session ran
// and the next start closed it at its last recorded event (never resumed). Plain value.
enum class HistoryEndReason { Completed, StoppedByTherapist, Fault, LinkLost, AppCrash };
inline constexpr std::array kAllHistoryEndReasons{HistoryEndReason::Completed, HistoryEndReason::StoppedByTherapist,
    HistoryEndReason::Fault, HistoryEndReason::LinkLost, HistoryEndReason::AppCrash};

[[nodiscard]] QString toString(HistoryEndReason reason); // as stored: "completed", "stopped_by_therapist", …
// Plain words for people: "completed", "stopped by the therapist", "device fault", "connection to the stimulator
// lost", "interrupted (the application closed unexpectedly)".
[[nodiscard]] QString describe(HistoryEndReason reason);
[[nodiscard]] bool parseHistoryEndReason(const QString& text, HistoryEndReason* reason);

// Which sessions to list. Conditions combine with AND; an empty one is no condition. Plain value.
struct SessionHistoryFilter {
    QString patientMrn; // 1–64 characters, a patient on record; empty: every patient
    QString therapistUsername; // 1–64 characters, an account on record; empty: every therapist
    QDate from; // first calendar day of the session's start in the workstation's time zone; null: open
    QDate to; // last calendar day (included); null: open
    std::optional<HistoryEndReason> endReason; // empty: any, sessions still running included
    int offset = 0; // rows of the newest-first result to skip (paging), 0 or more
    int limit = 200; // rows to return, 1–SessionHistoryService::kMaxLimit
};

// One session as the history list shows it. Times in UTC ms; durationMs is wall-clock time from start to end
// (pauses included), empty while the session is still running. Plain value.
struct SessionHistoryRow {
    qint64 id = 0;
    // False when the reader's role may not see patient data (CLINICAL §7): MRN and name are then empty.
    bool patientVisible = false;
    QString patientMrn;
    QString patientName; // "Family, Given"
    QString therapistUsername;
    QString therapistName; // display name
    QString deviceId; // stimulator serial
    qint64 startedUtcMs = 0;
    std::optional<qint64> endedUtcMs;
    std::optional<HistoryEndReason> endReason; // empty while the session is still running
    std::optional<qint64> durationMs;
    QList<int> channels; // 1–8, ascending
};

// One newest-first page of the history. Plain value.
struct SessionHistoryPage {
    QList<SessionHistoryRow> rows; // newest start first (ties: higher id first)
    qint64 total = 0; // sessions the filter matches
    int offset = 0; // the filter's offset
    [[nodiscard]] bool hasMore() const { return offset + rows.size() < total; }
};

// The calibration record a channel ran under (the one in force when the session started). Units: UTC ms,
// gain in ppm (1 000 000 = 1.0), offset in µA. Plain value.
struct SessionCalibrationView {
    qint64 id = 0;
    QString status; // "passed", "failed" (as recorded)
    QString deviceSerial;
    qint64 performedUtcMs = 0;
    qint64 dueUtcMs = 0;
    std::optional<qint64> gainPpm;
    std::optional<qint64> offsetUa;
};

// What one channel of a session ran and delivered. Units: frequency in mHz, pulse width in µs, planned duration in
// s, electrode area in mm², amplitude in µA, charge in µC. Plain value.
struct SessionChannelView {
    int channel = 1; // 1–8
    QString programName;
    QString programKey;
    qint64 programVersion = 0;
    QString modality;
    QString waveform;
    qint64 frequencyMilliHz = 0;
    qint64 pulseWidthUs = 0;
    qint64 plannedDurationS = 0;
    QString placementSite; // side and muscle, e.g. "right lumbar erector spinae"
    QString landmark;
    QString leadLabel;
    qint64 electrodeAreaMm2 = 0;
    qint64 maxAmplitudeUa = 0; // highest amplitude reached
    qint64 totalChargeUc = 0; // charge delivered
    std::optional<SessionCalibrationView> calibration; // empty: no calibration record was in force
};

// One recorded event. kind as stored: start, amplitude, pause, resume, stop, fault, electrode, link_lost, end,
// interrupted. Times: UTC ms and the recording host's monotonic ns. Plain value.
struct SessionEventView {
    int seq = 0; // 1, 2, 3 … within the session
    QString kind;
    std::optional<int> channel; // when the event concerns one channel
    std::optional<qint64> amplitudeUa; // the commanded amplitude after an amplitude change, µA
    QString note; // the recorded detail (reason, fault code, electrode status)
    qint64 atUtcMs = 0;
    qint64 atMonoNs = 0;
};

// Delivered current of one channel over one second of the session (second 0 = the first), in µA. The measured
// values are empty when the device did not measure delivered current. Plain value.
struct SessionSecondView {
    int channel = 1;
    qint64 second = 0;
    qint64 commandedUa = 0; // the largest commanded amplitude of that second
    std::optional<qint64> measuredMinUa;
    std::optional<qint64> measuredMeanUa;
    std::optional<qint64> measuredMaxUa;
    qint64 samples = 0;
};

// An outcome recorded for the session (normally one: NPRS before and after). Plain value.
struct SessionOutcomeView {
    qint64 id = 0;
    std::optional<int> nprsBefore; // 0–10
    std::optional<int> nprsAfter; // 0–10
    std::optional<int> ndiRaw; // 0–50
    std::optional<int> odiPercent; // 0–100
    QString notes;
    qint64 recordedUtcMs = 0;
};

// Everything on record about one session. Plain value.
struct SessionHistoryDetail {
    SessionHistoryRow session;
    QString workstation;
    QString firmware;
    QList<SessionChannelView> channels; // by channel number
    QList<SessionEventView> events; // by seq
    QList<SessionSecondView> seconds; // by channel, then second
    // Clinical content (outcomes) is withheld from a role that sees demographics only (CLINICAL §7).
    bool outcomesWithheld = false;
    QList<SessionOutcomeView> outcomes; // by id; empty when withheld
};

// The history of recorded sessions (CLINICAL §7): list with filters, newest first, in pages; and one session in
// full. Both calls check Action::ViewSessionHistory first (refusals are audited) and follow the grant table
// exactly: therapists and admins hold it, and they see every session of the clinic (the table does not narrow
// history to one's own, unlike exports); technicians do not. Patient identity is shown only to a role that may view
// patients, and outcomes only to a role that keeps patient records; a role that may not see patient data gets the
// sessions without MRN and name. Both read inside one read snapshot, so a session recording elsewhere does not tear a
// page. The list walks the sessions the filter's days, patient and therapist select (db::exp::SessionPager, the
// exporters' reader) and keeps only the newest offset + limit, so memory is bounded by the page, and its cost
// grows with the sessions in the date range: narrow it for a large store.
// Thread affinity: the RecordStore's thread. Ownership: borrows the store.
class SessionHistoryService {
public:
    static constexpr int kMaxLimit = 1000; // rows per page
    static constexpr int kMaxOffset = 100'000; // bounds the rows kept while listing
    static constexpr int kMaxNameChars = 64; // the longest MRN and user name a record holds

    explicit SessionHistoryService(RecordStore& store);

    [[nodiscard]] AppResult<SessionHistoryPage> list(const SignedInUser& user, const SessionHistoryFilter& filter);
    [[nodiscard]] AppResult<SessionHistoryDetail> detail(const SignedInUser& user, qint64 sessionId);

private:
    RecordStore& m_store;
};

} // namespace galvani::app
