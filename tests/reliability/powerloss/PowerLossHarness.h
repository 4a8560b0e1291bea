// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PowerLossVfs.h"
#include "support/FakeClock.h"

#include "app/access/Access.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <cstdint>
#include <optional>

namespace galvani::test::powerloss {

// The synchronous setting the workload's connections run with. Full is what db::Database::open sets (and refuses
// to open without); the others are put on the app's connections after it opened them, to show what they lose.
enum class SyncMode { Full, Normal, Off };

// What the app does during a trial.
enum class WorkloadKind {
    // Three sessions with summaries, totals, outcomes and notes; the app exits after the second (the last
    // connection checkpoints and deletes the WAL) and starts again for the third.
    Clinic,
    // One long session of kLongSessionEvents events: the WAL passes SQLite's automatic checkpoint (1000 pages),
    // which copies it into the database file, and the next commits restart the WAL from its beginning.
    LongSession,
};

[[nodiscard]] QString syncModeName(SyncMode mode);

// One trial: the app's own workload on a copy of the base store through the power-loss VFS, the power cut at a
// counted I/O operation, the post-power-loss image opened as the next start of the app would open it, and every
// commit the app acknowledged before the cut looked for.
struct TrialResult {
    std::uint64_t cutAtOp = 0; // 0: no cut during the workload (the power goes after its last operation)
    std::uint64_t operations = 0; // counted I/O operations that succeeded before the cut
    bool cutDuringWorkload = false;
    QString phase; // where the workload was when the power went (see Workload::phase), or "after-end"
    QMap<QString, std::uint64_t> phaseStarts; // counted operations done before each phase the workload reached
    std::uint64_t firstDatabaseWriteOp = 0; // the counted operation that first wrote the database file (0: none)
    std::uint64_t walRestartOp = 0; // the first WAL header write after that (0: none)
    int acknowledged = 0; // commits the app acknowledged before the cut (the ledger)
    int lost = 0; // acknowledged commits missing from the image
    bool corrupt = false; // the app could not open the image, or integrity_check / foreign_key_check failed
    bool auditBroken = false; // opened, but the audit trail did not verify
    bool workloadError = false; // an operation failed while the power was still on (shim, workload or app bug)
    QString problem; // the first thing found wrong, for the failure message
    ImageStats image;
};

// Totals over a run of trials, and the summary lines the benchmark-report collector reads.
struct RunResult {
    SyncMode mode = SyncMode::Full;
    LossModel model = LossModel::Random;
    int trials = 0;
    int corrupt = 0;
    int auditBroken = 0;
    int workloadErrors = 0;
    int trialsWithLoss = 0;
    qint64 lostCommits = 0;
    qint64 acknowledged = 0;
    std::uint64_t workloadOps = 0; // counted operations of the whole workload without a cut
    qint64 unsynced = 0;
    qint64 dropped = 0;
    qint64 torn = 0;
    int reorderedTrials = 0;
    int vanishedFiles = 0;
    QMap<QString, int> cutsByPhase;
    double seconds = 0.0;
    std::uint64_t seed = 0;
    QStringList problems; // the first few, each with its trial seed

    // "powerloss synchronous=FULL trials=1000 corrupt=0 lost_commits=0 (acknowledged commits checked: N)"
    [[nodiscard]] QString summaryLine() const;
    // The shim's side: unsynced writes, dropped, torn, reordered, vanished files, time.
    [[nodiscard]] QString detailLine() const;
};

// A migrated store with a therapist, a patient, a screening and two placements, made once through the app's open
// path with the default VFS and closed (so it is a single checkpointed file), plus the audit key and the anchor
// file the app wrote. Every trial starts from a copy of it.
// Thread affinity: the test thread. Ownership: owns its temporary folder.
class PowerLossHarness {
public:
    // Commits the whole workload acknowledges: 3 sessions × (start, 12 events, 4 summary batches, 8 channel
    // totals, end, outcome) + 3 notes.
    static constexpr int kWorkloadCommits = 3 * (1 + 12 + 4 + 8 + 1 + 1) + 3;
    static constexpr int kLongSessionEvents = 360;

    PowerLossHarness(); // REQUIREs every step

    // One trial. cutAtOp: the counted operation at which the power goes (0 or past the end: after the workload);
    // seed: the randomness of the image (see LossModel).
    TrialResult runTrial(SyncMode mode, std::uint64_t cutAtOp, LossModel model, std::uint64_t seed,
        WorkloadKind kind = WorkloadKind::Clinic);

    // `trials` trials with cut points drawn uniformly over the workload's operations (plus one after its end).
    RunResult run(SyncMode mode, LossModel model, int trials, std::uint64_t seed);

    // The counted operations of the whole workload in `mode`, measured by one uncut trial (cached per mode).
    std::uint64_t workloadOperations(SyncMode mode);

    // The first disagreement between the shim's model and the files on disk, checked by every trial when the
    // power goes (the shim's self-check); empty while they agree.
    QString modelMismatch;

private:
    QTemporaryDir m_dir; // on tmpfs (/dev/shm) when there is one: see scratchTemplate()
    FakeClock m_clock;
    QString m_baseStore; // g.sqlite
    QString m_baseAnchor;
    QString m_keyPath;
    QString m_workstation = QStringLiteral("ws-powerloss");
    app::SignedInUser m_therapist;
    qint64 m_patientId = 0;
    QString m_mrn = QStringLiteral("MRN-PL-1");
    qint64 m_screeningId = 0;
    qint64 m_placement1 = 0;
    qint64 m_placement2 = 0;
    int m_trialCounter = 0;
    int m_kept = 0; // images kept for GALVANI_POWERLOSS_KEEP
    std::optional<std::uint64_t> m_opsFull;
    std::optional<std::uint64_t> m_opsNormal;
    std::optional<std::uint64_t> m_opsOff;

    friend class Workload;
    friend class Recovery;
};

// GALVANI_POWERLOSS_TRIALS (a positive integer) or `fallback`.
[[nodiscard]] int trialsFromEnvironment(int fallback);
// GALVANI_POWERLOSS_SEED or a fixed default, so a CI failure can be replayed.
[[nodiscard]] std::uint64_t seedFromEnvironment();

} // namespace galvani::test::powerloss
