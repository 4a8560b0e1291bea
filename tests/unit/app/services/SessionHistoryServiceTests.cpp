// SPDX-License-Identifier: GPL-3.0-or-later
// SessionHistoryService against real sessions: the in-process simulator run by app::SessionController on the test
// store (SQLite and PostgreSQL), on fake-clock days two apart, then listed, filtered, paged and read in detail,
// and compared with what the store holds.
#include "ServiceStore.h"

#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "app/services/SessionHistoryService.h"
#include "app/session/SessionController.h"
#include "app/store/RecordStoreImpl.h"
#include "db/records/Calibration.h"
#include "db/records/CalibrationRepository.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <QDate>
#include <QDateTime>

#include <chrono>
#include <optional>

using namespace galvani;
using app::HistoryEndReason;
using test::ServiceStore;

namespace {

constexpr const char* kSimUrl = "sim:sciencemode4?channels=8";
constexpr const char* kSimSerial = "GSIM-0001";
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

void addPatient(ServiceStore& s, const app::SignedInUser& by, const QString& mrn, const QString& family)
{
    app::NewPatientInput p;
    p.mrn = mrn;
    p.familyName = family;
    p.givenNames = QStringLiteral("Ada");
    p.birthDate = QStringLiteral("1970-05-17");
    const auto added = app::PatientService(s.store()).add(by, p);
    INFO((added.ok() ? QString() : added.error().message).toStdString());
    REQUIRE(added.ok());
}

// A clear screening and placements at the right lumbar erector spinae on the given channels.
void readyFor(ServiceStore& s, const app::SignedInUser& by, const QString& mrn, const QList<int>& channels)
{
    REQUIRE(app::ScreeningService(s.store()).record(by, mrn, app::ScreeningInput::noneApply()).ok());
    for (const int ch : channels) {
        app::PlacementInput in;
        in.siteId = QStringLiteral("right-lumbar-erector-spinae");
        in.channel = ch;
        in.electrodeWidthMm = 50;
        in.electrodeHeightMm = 90;
        const auto placed = app::PlacementService(s.store()).record(by, mrn, in);
        INFO((placed.ok() ? QString() : placed.error().message).toStdString());
        REQUIRE(placed.ok());
    }
}

// A passed calibration of one simulator channel, written the way the calibration procedure writes one.
qint64 calibrate(ServiceStore& s, const app::SignedInUser& technician, int channel)
{
    const qint64 now
        = std::chrono::duration_cast<std::chrono::milliseconds>(s.clock.utcNow().time_since_epoch()).count();
    const QString instrumentDue = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).date().addYears(1).toString(Qt::ISODate);
    db::records::NewCalibration c;
    c.deviceSerial = QString::fromLatin1(kSimSerial);
    c.firmware = QStringLiteral("sim");
    c.channel = channel;
    c.dueUtcMs = now + 365 * kDayMs;
    c.status = db::records::CalibrationStatus::Passed;
    c.gainAfterPpm = 1'000'000;
    c.offsetAfterUa = 0;
    c.instruments = {db::records::CalibrationInstrument{
        QStringLiteral("Differential probe"), QStringLiteral("DP-1"), instrumentDue}};
    c.points = {db::records::CalibrationPoint{500, 200, 50'000, 10'000, 10'050, true},
        db::records::CalibrationPoint{500, 200, 50'000, 25'000, 24'900, true},
        db::records::CalibrationPoint{500, 200, 50'000, 50'000, 50'200, true}};
    const auto recorded = db::records::CalibrationRepository(s.store().impl().context())
                              .record(c, db::Actor::user(technician.id, technician.username));
    INFO((recorded.ok() ? QString() : recorded.error().message).toStdString());
    REQUIRE(recorded.ok());
    return recorded->id;
}

struct Run {
    qint64 id = 0;
    app::SessionSummary summary;
};

// One whole session through the controller: prepare, start, then either run to completion or STOP once running;
// the outcome (NPRS after) is recorded when given.
Run runSession(app::SessionController& controller, const app::SignedInUser& therapist, const QString& mrn,
    const QList<app::ChannelRequest>& channels, qint64 seconds, bool stopEarly, std::optional<int> nprsBefore,
    std::optional<app::OutcomeAnswer> outcome)
{
    std::optional<app::AppResult<app::SessionPlan>> prepared;
    std::optional<app::AppResult<qint64>> started;
    std::optional<app::SessionSummary> ended;
    std::optional<app::AppResult<qint64>> outcomeDone;
    QObject guard;
    QObject::connect(&controller, &app::SessionController::prepared, &guard,
        [&](const app::AppResult<app::SessionPlan>& r) { prepared = r; });
    QObject::connect(
        &controller, &app::SessionController::started, &guard, [&](const app::AppResult<qint64>& r) { started = r; });
    QObject::connect(
        &controller, &app::SessionController::ended, &guard, [&](const app::SessionSummary& s) { ended = s; });
    QObject::connect(&controller, &app::SessionController::outcomeRecorded, &guard,
        [&](const app::AppResult<qint64>& r) { outcomeDone = r; });

    app::SessionRequest request;
    request.user = therapist;
    request.patientMrn = mrn;
    request.deviceUrl = QString::fromLatin1(kSimUrl);
    request.presetId = QStringLiteral("conventional-tens");
    request.channels = channels;
    request.durationS = seconds;
    request.nprsBefore = nprsBefore;
    const auto status = controller.prepare(request);
    INFO((status.ok() ? QString() : status.error().message).toStdString());
    REQUIRE(status.ok());
    REQUIRE(test::waitUntil([&] { return prepared.has_value(); }, std::chrono::milliseconds(15000)));
    INFO((prepared->ok() ? QString() : prepared->error().message).toStdString());
    REQUIRE(prepared->ok());
    REQUIRE(controller.start().ok());
    REQUIRE(test::waitUntil([&] { return started.has_value(); }));
    REQUIRE(started->ok());
    REQUIRE(test::waitUntil([&] { return controller.state() == app::SessionState::Running; }));
    if (stopEarly) {
        controller.stop(QStringLiteral("patient asked to stop"));
    }
    REQUIRE(test::waitUntil([&] { return ended.has_value(); }, std::chrono::milliseconds(20000)));
    if (outcome) {
        REQUIRE(controller.recordOutcome(*outcome).ok());
        REQUIRE(test::waitUntil([&] { return outcomeDone.has_value(); }));
        REQUIRE(outcomeDone->ok());
    }
    return Run{started->value(), *ended};
}

app::ChannelRequest channel(int ch, qint64 targetUa)
{
    return app::ChannelRequest{ch, QStringLiteral("right-lumbar-erector-spinae"), targetUa, std::nullopt};
}

QDate localDay(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs).date(); // the workstation's zone, as the filter counts days
}

QList<qint64> idsOf(const app::SessionHistoryPage& page)
{
    QList<qint64> ids;
    for (const auto& r : page.rows) {
        ids.append(r.id);
    }
    return ids;
}

app::SessionHistoryPage listOk(
    app::SessionHistoryService& history, const app::SignedInUser& user, const app::SessionHistoryFilter& filter)
{
    auto page = history.list(user, filter);
    INFO((page.ok() ? QString() : page.error().message).toStdString());
    REQUIRE(page.ok());
    return page.value();
}

} // namespace

TEST_CASE("session history lists real sessions newest first, filters, pages and shows one in full", "[app][history]")
{
    ServiceStore s;
    const auto tess = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const auto tom = s.addUser(QStringLiteral("tom"), app::Role::Therapist);
    const auto theo = s.addUser(QStringLiteral("theo"), app::Role::Technician);
    const QString mrnA = QStringLiteral("MRN-HIST-A");
    const QString mrnB = QStringLiteral("MRN-HIST-B");
    addPatient(s, tess, mrnA, QStringLiteral("Lindqvist"));
    addPatient(s, tess, mrnB, QStringLiteral("Okafor"));
    readyFor(s, tess, mrnA, {1, 2});
    readyFor(s, tess, mrnB, {1});
    const qint64 calibrationId = calibrate(s, theo, 1);
    s.clock.advance(std::chrono::hours(12)); // noon UTC: each session's day is unambiguous in nearby zones

    app::SessionController controller(s.store());
    // Day 0: tess treats A on channels 1 and 2 to completion; NPRS 6 → 3.
    const Run first = runSession(controller, tess, mrnA, {channel(1, 10'000), channel(2, 8'000)}, 3, false, 6,
        app::OutcomeAnswer{3, QStringLiteral("felt looser")});
    REQUIRE(first.summary.reason == app::SessionEndReason::Completed);
    // Day 2: tom treats B, stopped early.
    s.clock.advance(std::chrono::hours(48));
    const Run second = runSession(controller, tom, mrnB, {channel(1, 6'000)}, 30, true, std::nullopt, std::nullopt);
    REQUIRE(second.summary.reason == app::SessionEndReason::StoppedByTherapist);
    // Day 4: tess treats B to completion.
    s.clock.advance(std::chrono::hours(48));
    const Run third = runSession(controller, tess, mrnB, {channel(1, 7'000)}, 1, false, std::nullopt, std::nullopt);
    REQUIRE(third.summary.reason == app::SessionEndReason::Completed);

    app::SessionHistoryService history(s.store());
    const qint64 refusedBefore = s.refusedRows();

    // Everything, newest first, with identity and the run's facts.
    app::SessionHistoryFilter all;
    const auto everything = listOk(history, tess, all);
    REQUIRE(idsOf(everything) == QList<qint64>{third.id, second.id, first.id});
    CHECK(everything.total == 3);
    CHECK_FALSE(everything.hasMore());
    const app::SessionHistoryRow& row = everything.rows.at(2);
    CHECK(row.patientVisible);
    CHECK(row.patientMrn == mrnA);
    CHECK(row.patientName == QStringLiteral("Lindqvist, Ada"));
    CHECK(row.therapistUsername == QStringLiteral("tess"));
    CHECK(row.deviceId == QString::fromLatin1(kSimSerial));
    CHECK(row.endReason == HistoryEndReason::Completed);
    CHECK(row.channels == QList<int>{1, 2});
    REQUIRE(row.endedUtcMs.has_value());
    CHECK(row.durationMs == *row.endedUtcMs - row.startedUtcMs);
    CHECK(everything.rows.at(1).endReason == HistoryEndReason::StoppedByTherapist);
    CHECK(everything.rows.at(1).therapistUsername == QStringLiteral("tom"));

    // A therapist sees the sessions others ran too: the grant has no "own" limit (unlike exports).
    app::SessionHistoryFilter byPatient;
    byPatient.patientMrn = mrnB;
    CHECK(idsOf(listOk(history, tess, byPatient)) == QList<qint64>{third.id, second.id});
    app::SessionHistoryFilter byTherapist;
    byTherapist.therapistUsername = QStringLiteral("tess");
    CHECK(idsOf(listOk(history, tom, byTherapist)) == QList<qint64>{third.id, first.id});
    app::SessionHistoryFilter stopped;
    stopped.endReason = HistoryEndReason::StoppedByTherapist;
    CHECK(idsOf(listOk(history, tess, stopped)) == QList<qint64>{second.id});
    app::SessionHistoryFilter crashed;
    crashed.endReason = HistoryEndReason::AppCrash;
    CHECK(listOk(history, tess, crashed).rows.isEmpty());

    // Calendar days in the workstation's zone, both ends included.
    const QDate day0 = localDay(everything.rows.at(2).startedUtcMs);
    const QDate day2 = localDay(everything.rows.at(1).startedUtcMs);
    const QDate day4 = localDay(everything.rows.at(0).startedUtcMs);
    REQUIRE(day0.daysTo(day2) == 2);
    REQUIRE(day2.daysTo(day4) == 2);
    app::SessionHistoryFilter days;
    days.from = day2;
    days.to = day2;
    CHECK(idsOf(listOk(history, tess, days)) == QList<qint64>{second.id});
    days.from = day0.addDays(1);
    days.to = QDate();
    CHECK(idsOf(listOk(history, tess, days)) == QList<qint64>{third.id, second.id});
    days.from = QDate();
    days.to = day2.addDays(-1);
    CHECK(idsOf(listOk(history, tess, days)) == QList<qint64>{first.id});
    app::SessionHistoryFilter combined;
    combined.patientMrn = mrnB;
    combined.therapistUsername = QStringLiteral("tess");
    combined.from = day0;
    combined.to = day4;
    combined.endReason = HistoryEndReason::Completed;
    CHECK(idsOf(listOk(history, tess, combined)) == QList<qint64>{third.id});

    // Paging: the second newest alone, and the total of the whole filter.
    app::SessionHistoryFilter paged;
    paged.offset = 1;
    paged.limit = 1;
    const auto page2 = listOk(history, tess, paged);
    CHECK(idsOf(page2) == QList<qint64>{second.id});
    CHECK(page2.total == 3);
    CHECK(page2.hasMore());
    paged.offset = 3;
    CHECK(listOk(history, tess, paged).rows.isEmpty());

    // The detail of the first session matches what was recorded.
    const auto detail = history.detail(tess, first.id);
    INFO((detail.ok() ? QString() : detail.error().message).toStdString());
    REQUIRE(detail.ok());
    CHECK(detail->session.id == first.id);
    CHECK(detail->session.patientMrn == mrnA);
    CHECK(detail->workstation == QStringLiteral("test-workstation"));
    REQUIRE(detail->channels.size() == 2);
    const auto& ch1 = detail->channels.at(0);
    const auto& ch2 = detail->channels.at(1);
    CHECK(ch1.channel == 1);
    CHECK(ch2.channel == 2);
    CHECK(ch1.programKey == QStringLiteral("conventional-tens"));
    CHECK_FALSE(ch1.programName.isEmpty());
    CHECK(ch1.placementSite == QStringLiteral("right lumbar erector spinae"));
    CHECK(ch1.maxAmplitudeUa == 10'000);
    CHECK(ch2.maxAmplitudeUa == 8'000);
    for (const auto& total : first.summary.channels) {
        const auto& view = total.channel == 1 ? ch1 : ch2;
        CHECK(view.totalChargeUc == static_cast<qint64>(total.chargeUc));
        CHECK(view.totalChargeUc > 0);
    }
    REQUIRE(ch1.calibration.has_value());
    CHECK(ch1.calibration->id == calibrationId);
    CHECK(ch1.calibration->status == QStringLiteral("passed"));
    CHECK(ch1.calibration->deviceSerial == QString::fromLatin1(kSimSerial));
    CHECK_FALSE(ch2.calibration.has_value()); // none on record: the session ran with a notice
    // Events and per-second summaries: all of them, as the store holds them.
    REQUIRE_FALSE(detail->events.isEmpty());
    CHECK(detail->events.size()
        == s.scalar(QStringLiteral("SELECT COUNT(*) FROM session_events WHERE session_id = %1").arg(first.id)).toInt());
    CHECK(detail->events.first().kind == QStringLiteral("start"));
    CHECK(detail->events.last().kind == QStringLiteral("end"));
    CHECK(detail->events.last().note == QStringLiteral("completed"));
    for (int i = 1; i < detail->events.size(); ++i) {
        CHECK(detail->events.at(i).seq == detail->events.at(i - 1).seq + 1);
    }
    bool rampOnOne = false;
    for (const auto& e : detail->events) {
        rampOnOne = rampOnOne || (e.kind == QStringLiteral("amplitude") && e.channel == 1 && e.amplitudeUa == 10'000);
    }
    CHECK(rampOnOne);
    CHECK(detail->seconds.size()
        == s.scalar(QStringLiteral("SELECT COUNT(*) FROM current_summaries WHERE session_id = %1").arg(first.id))
               .toInt());
    bool secondOneAtTarget = false;
    for (const auto& sec : detail->seconds) {
        CHECK((sec.channel == 1 || sec.channel == 2));
        secondOneAtTarget = secondOneAtTarget || (sec.channel == 1 && sec.second == 2 && sec.commandedUa == 10'000);
    }
    CHECK(secondOneAtTarget);
    CHECK_FALSE(detail->outcomesWithheld);
    REQUIRE(detail->outcomes.size() == 1);
    CHECK(detail->outcomes.first().nprsBefore == 6);
    CHECK(detail->outcomes.first().nprsAfter == 3);
    CHECK(detail->outcomes.first().notes == QStringLiteral("felt looser"));
    // The stopped session: its stop event and no outcome.
    const auto stoppedDetail = history.detail(tom, second.id);
    REQUIRE(stoppedDetail.ok());
    CHECK(stoppedDetail->session.endReason == HistoryEndReason::StoppedByTherapist);
    CHECK(stoppedDetail->outcomes.isEmpty());
    bool stopEvent = false;
    for (const auto& e : stoppedDetail->events) {
        stopEvent = stopEvent || e.kind == QStringLiteral("stop");
    }
    CHECK(stopEvent);

    // An admin finds every session with the patient's identity (a demographics view), the run's facts and its
    // events, but not the outcome: clinical content stays with the therapists (CLINICAL §7).
    const auto admin = s.admin();
    const auto adminList = listOk(history, admin, all);
    CHECK(idsOf(adminList) == QList<qint64>{third.id, second.id, first.id});
    CHECK(adminList.rows.at(2).patientVisible);
    CHECK(adminList.rows.at(2).patientName == QStringLiteral("Lindqvist, Ada"));
    CHECK(idsOf(listOk(history, admin, byTherapist)) == QList<qint64>{third.id, first.id});
    const auto adminDetail = history.detail(admin, first.id);
    REQUIRE(adminDetail.ok());
    CHECK(adminDetail->session.patientMrn == mrnA);
    CHECK(adminDetail->channels.size() == 2);
    CHECK_FALSE(adminDetail->events.isEmpty());
    CHECK(adminDetail->outcomesWithheld);
    CHECK(adminDetail->outcomes.isEmpty());

    // Reading the history wrote no refusal.
    CHECK(s.refusedRows() == refusedBefore);
}

TEST_CASE("session history is refused to technicians, and each refusal is audited", "[app][history]")
{
    ServiceStore s;
    const auto tess = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    const auto theo = s.addUser(QStringLiteral("theo"), app::Role::Technician);
    app::SessionHistoryService history(s.store());
    // The grant table (CLINICAL §7 and its documented deviation): therapists and admins; technicians calibrate.
    REQUIRE(app::isAllowed(app::Role::Therapist, app::Action::ViewSessionHistory));
    REQUIRE(app::isAllowed(app::Role::Admin, app::Action::ViewSessionHistory));
    REQUIRE_FALSE(app::isAllowed(app::Role::Technician, app::Action::ViewSessionHistory));

    CHECK(history.list(tess, {}).ok());
    const qint64 before = s.refusedRows();
    const auto listed = history.list(theo, {});
    REQUIRE_FALSE(listed.ok());
    CHECK(listed.error().kind == app::AppError::Kind::Denied);
    CHECK(listed.error().message.contains(theo.username));
    const auto detail = history.detail(theo, 1);
    REQUIRE_FALSE(detail.ok());
    CHECK(detail.error().kind == app::AppError::Kind::Denied);
    CHECK(s.refusedRows() == before + 2);
    CHECK(s.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'refused' AND actor_id = %1 "
                                  "AND field = 'view_session_history'")
                       .arg(theo.id))
              .toInt()
        == 2);
}

TEST_CASE("session history refuses bad filters with a message naming the field", "[app][history]")
{
    ServiceStore s;
    const auto tess = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    app::SessionHistoryService history(s.store());
    const auto refused = [&](const app::SessionHistoryFilter& f) {
        const auto r = history.list(tess, f);
        REQUIRE_FALSE(r.ok());
        return r.error();
    };
    app::SessionHistoryFilter f;
    f.from = QDate(2026, 3, 2);
    f.to = QDate(2026, 3, 1);
    CHECK(refused(f).message.contains(QStringLiteral("from date")));
    f = {};
    f.limit = 0;
    CHECK(refused(f).message.contains(QStringLiteral("limit")));
    f.limit = app::SessionHistoryService::kMaxLimit + 1;
    CHECK(refused(f).message.contains(QStringLiteral("1–1000")));
    f = {};
    f.offset = -1;
    CHECK(refused(f).message.contains(QStringLiteral("offset")));
    f = {};
    f.patientMrn = QStringLiteral("NO-SUCH-MRN");
    CHECK(refused(f).kind == app::AppError::Kind::NotFound);
    CHECK(refused(f).message.startsWith(QStringLiteral("patient MRN")));
    f = {};
    f.therapistUsername = QStringLiteral("nobody-here");
    CHECK(refused(f).kind == app::AppError::Kind::NotFound);
    CHECK(refused(f).message.contains(QStringLiteral("therapist")));
    f = {};
    f.patientMrn = QString(65, QLatin1Char('x'));
    CHECK(refused(f).kind == app::AppError::Kind::Invalid);
    f = {};
    f.therapistUsername = QStringLiteral("a") + QChar(u'\0');
    CHECK(refused(f).message.contains(QStringLiteral("NUL")));
    const auto missing = history.detail(tess, 987654);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == app::AppError::Kind::NotFound);

    app::HistoryEndReason parsed{};
    for (const auto r : app::kAllHistoryEndReasons) {
        REQUIRE(app::parseHistoryEndReason(app::toString(r), &parsed));
        CHECK(parsed == r);
        CHECK_FALSE(app::describe(r).isEmpty());
    }
    CHECK_FALSE(app::parseHistoryEndReason(QStringLiteral("exploded"), &parsed));
}
