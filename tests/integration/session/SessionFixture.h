// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/session/SessionController.h"
#include "app/session/SessionTypes.h"
#include "app/store/RecordStore.h"
#include "db/StoreContext.h"
#include "db/records/Outcome.h"
#include "db/records/RecordEnums.h"
#include "db/records/Session.h"
#include "device/sim/SimulatedStimulator.h"
#include "support/WaitUntil.h"

#include <QList>
#include <QString>
#include <QTemporaryDir>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

// Test thread only.
namespace galvani::test {

inline constexpr const char* kSimUrl = "sim:sciencemode4?channels=8";
inline constexpr const char* kSimSerial = "GSIM-0001"; // the simulator's default device id
inline constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// A record store in a temporary folder (its own key, anchor and session lock) with a therapist, an admin, a
// technician and one patient, plus helpers that record screenings, placements and calibrations directly through
// the repositories and read back what a session left.
class SessionFixture {
public:
    // primaryLockWaitMs: StoreConfig::primaryLockWaitMs of the store (0: the default; the GUI's value is
    // StoreConfig::kInteractiveLockWaitMs).
    explicit SessionFixture(const core::Clock& clock, int primaryLockWaitMs = 0);
    ~SessionFixture();

    [[nodiscard]] app::RecordStore& store() { return *m_store; }
    [[nodiscard]] db::StoreContext ctx();
    [[nodiscard]] const app::StoreConfig& config() const { return m_config; }

    // A screening signed now: all answers "no", or the pacemaker question answered "yes" (blocked).
    qint64 screen(bool blocked = false, qint64 expiresInMs = 365 * kDayMs);
    qint64 place(int channel, db::records::Side side, const QString& muscle, int areaMm2 = 4500);
    // Passed (≥ 3 points up to 50 mA) or failed, due dueInMs from now.
    qint64 calibrate(int channel, bool passed, qint64 dueInMs, const QString& serial = QString::fromLatin1(kSimSerial));
    // The usual preparation: a clear screening and placements on the given channels at right lumbar erector spinae.
    void readyFor(const QList<int>& channels);

    [[nodiscard]] app::SessionRequest request(const QList<app::ChannelRequest>& channels, qint64 seconds,
        const QString& url = QString::fromLatin1(kSimUrl)) const;
    [[nodiscard]] static app::ChannelRequest channel(int ch, qint64 targetUa);

    [[nodiscard]] db::records::Session session(qint64 id);
    [[nodiscard]] QList<db::records::SessionEvent> events(qint64 id);
    [[nodiscard]] QList<db::records::CurrentSummary> summaries(qint64 id);
    [[nodiscard]] QList<db::records::Outcome> outcomes();
    // Audit rows with action "refused" and this field (e.g. "run_session").
    [[nodiscard]] int refusals(const QString& field);
    // Runs SQL on the test's connection (e.g. a trigger that makes the store refuse a write); REQUIREs success.
    void exec(const QString& sql);

    const core::Clock& clock;
    app::SignedInUser therapist;
    app::SignedInUser admin;
    app::SignedInUser technician;
    qint64 patientId = 0;
    QString mrn = QStringLiteral("MRN-7001");

private:
    app::SignedInUser addUser(const QString& name, app::Role role);

    QTemporaryDir m_dir;
    app::StoreConfig m_config;
    std::unique_ptr<app::RecordStore> m_store;
};

// Everything a SessionController reports, kept in order.
struct SessionProbe {
    explicit SessionProbe(app::SessionController& controller);

    // prepare() and wait for prepared(); returns the error message ("" when ready).
    QString prepare(const app::SessionRequest& request);
    // start() and wait until output runs (state Running).
    void startAndWaitRunning();
    bool waitEnded(std::chrono::milliseconds timeout = std::chrono::milliseconds(15000));
    bool waitForEvent(const QString& kind, std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));
    [[nodiscard]] int count(const QString& kind) const;
    // The simulator behind the controller's device service (a child object), or nullptr.
    [[nodiscard]] device::sim::SimulatedStimulator* simulator() const;

    app::SessionController& controller;
    std::optional<app::AppResult<app::SessionPlan>> preparedResult;
    std::optional<app::AppResult<qint64>> startedResult;
    std::optional<app::SessionSummary> summary;
    std::optional<app::AppResult<qint64>> outcome;
    std::vector<app::SessionState> states;
    std::vector<std::pair<int, QString>> committed; // (seq, kind) in acknowledgement order
    std::vector<app::SessionFault> faults;
    std::vector<app::ChannelStatus> statuses;
    std::vector<app::SessionProgress> progress;
    std::vector<QString> recordingFailures;
};

} // namespace galvani::test
