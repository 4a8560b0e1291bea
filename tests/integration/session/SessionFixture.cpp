// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionFixture.h"

#include "app/store/RecordStoreImpl.h"
#include "db/PasswordHasher.h"
#include "db/TimeStamp.h"
#include "db/records/CalibrationRepository.h"
#include "db/records/ContraindicationChecklist.h"
#include "db/records/OutcomeRepository.h"
#include "db/records/PatientRepository.h"
#include "db/records/PlacementRepository.h"
#include "db/records/ScreeningRepository.h"
#include "db/records/SessionLog.h"
#include "db/records/SessionRepository.h"
#include "device/worker/DeviceService.h"

#include <catch2/catch.hpp>

#include <QDate>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace galvani::test {

using namespace db::records;

SessionFixture::SessionFixture(const core::Clock& c, int primaryLockWaitMs) : clock(c)
{
    m_config.primaryLockWaitMs = primaryLockWaitMs;
    REQUIRE(m_dir.isValid());
    m_config.storeUrl = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("galvani.sqlite"));
    m_config.auditKeyPath = m_dir.filePath(QStringLiteral("keys/audit.key"));
    m_config.anchorPath = m_dir.filePath(QStringLiteral("anchor.txt"));
    m_config.sessionLockPath = m_dir.filePath(QStringLiteral("sessions.lock"));
    m_config.workstation = QStringLiteral("test-workstation");
    QString error;
    m_store = app::RecordStore::open(m_config, clock, &error);
    INFO(error.toStdString());
    REQUIRE(m_store);
    therapist = addUser(QStringLiteral("tina"), app::Role::Therapist);
    admin = addUser(QStringLiteral("adam"), app::Role::Admin);
    technician = addUser(QStringLiteral("theo"), app::Role::Technician);
    PatientFields p{mrn, QStringLiteral("Okafor"), QStringLiteral("Ada"), QStringLiteral("1971-04-23"), {}, {}, {}};
    const auto patient = PatientRepository(ctx()).create(p, db::Actor::user(therapist.id, therapist.username));
    INFO((patient.ok() ? QString() : patient.error().message).toStdString());
    REQUIRE(patient.ok());
    patientId = patient->id;
}

SessionFixture::~SessionFixture() = default;

db::StoreContext SessionFixture::ctx()
{
    return m_store->impl().context();
}

app::SignedInUser SessionFixture::addUser(const QString& name, app::Role role)
{
    // One Argon2id hash for every user: hashing per user would make each test slower for nothing.
    static const QString kHash = db::PasswordHasher::hash(QStringLiteral("correct horse battery")).value();
    QSqlQuery q(m_store->impl().db.connection());
    REQUIRE(q.prepare(QStringLiteral("INSERT INTO users (username, display_name, role, password_hash, created_utc_ms, "
                                     "updated_utc_ms) VALUES (:u, :d, :r, :h, 0, 0) RETURNING id")));
    q.bindValue(QStringLiteral(":u"), name);
    q.bindValue(QStringLiteral(":d"), name);
    q.bindValue(QStringLiteral(":r"), app::toString(role));
    q.bindValue(QStringLiteral(":h"), kHash);
    INFO(q.lastError().text().toStdString());
    REQUIRE(q.exec());
    REQUIRE(q.next());
    return app::SignedInUser{q.value(0).toLongLong(), name, name, role};
}

qint64 SessionFixture::screen(bool blocked, qint64 expiresInMs)
{
    NewScreening s;
    s.patientId = patientId;
    s.expiresUtcMs = db::utcMs(clock) + expiresInMs;
    for (const auto& item : ContraindicationChecklist::items()) {
        const bool yes = blocked && QLatin1String(item.code) == QLatin1String("implanted_device");
        s.items.append(ScreeningItem{QString::fromLatin1(item.code), item.severity, yes ? Answer::Yes : Answer::No,
            false, yes ? QStringLiteral("demand pacemaker") : QString()});
    }
    const auto recorded = ScreeningRepository(ctx()).record(s, db::Actor::user(therapist.id, therapist.username));
    INFO((recorded.ok() ? QString() : recorded.error().message).toStdString());
    REQUIRE(recorded.ok());
    REQUIRE((recorded->outcome == ScreeningOutcome::Blocked) == blocked);
    return recorded->id;
}

qint64 SessionFixture::place(int channel, Side side, const QString& muscle, int areaMm2)
{
    PlacementFields f;
    f.channel = channel;
    f.leadLabel = QStringLiteral("A%1").arg(channel);
    f.muscle = muscle;
    f.side = side;
    f.landmark = QStringLiteral("L3 spinous process");
    f.electrodeWidthMm = 50;
    f.electrodeHeightMm = 90;
    f.electrodeAreaMm2 = areaMm2;
    f.polarity = Polarity::ActiveCathode;
    const auto placed
        = PlacementRepository(ctx()).record(patientId, f, db::Actor::user(therapist.id, therapist.username));
    INFO((placed.ok() ? QString() : placed.error().message).toStdString());
    REQUIRE(placed.ok());
    return placed->id;
}

qint64 SessionFixture::calibrate(int channel, bool passed, qint64 dueInMs, const QString& serial)
{
    const qint64 now = db::utcMs(clock);
    const QString instrumentDue = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).date().addYears(1).toString(Qt::ISODate);
    NewCalibration c;
    c.deviceSerial = serial;
    c.firmware = QStringLiteral("sim");
    c.channel = channel;
    c.dueUtcMs = now + dueInMs;
    c.status = passed ? CalibrationStatus::Passed : CalibrationStatus::Failed;
    c.gainAfterPpm = 1'000'000;
    c.offsetAfterUa = 0;
    c.instruments
        = {CalibrationInstrument{QStringLiteral("Differential probe"), QStringLiteral("DP-1"), instrumentDue}};
    c.points = {CalibrationPoint{500, 200, 50'000, 10'000, 10'050, true},
        CalibrationPoint{500, 200, 50'000, 25'000, passed ? 24'900 : 20'000, passed},
        CalibrationPoint{500, 200, 50'000, 50'000, 50'200, true}};
    const auto recorded = CalibrationRepository(ctx()).record(c, db::Actor::user(technician.id, technician.username));
    INFO((recorded.ok() ? QString() : recorded.error().message).toStdString());
    REQUIRE(recorded.ok());
    return recorded->id;
}

void SessionFixture::readyFor(const QList<int>& channels)
{
    screen();
    for (const int ch : channels) {
        place(ch, Side::Right, QStringLiteral("lumbar erector spinae"));
    }
}

app::SessionRequest SessionFixture::request(
    const QList<app::ChannelRequest>& channels, qint64 seconds, const QString& url) const
{
    app::SessionRequest r;
    r.user = therapist;
    r.patientMrn = mrn;
    r.deviceUrl = url;
    r.presetId = QStringLiteral("conventional-tens");
    r.channels = channels;
    r.durationS = seconds;
    return r;
}

app::ChannelRequest SessionFixture::channel(int ch, qint64 targetUa)
{
    return app::ChannelRequest{ch, QStringLiteral("right-lumbar-erector-spinae"), targetUa, std::nullopt};
}

Session SessionFixture::session(qint64 id)
{
    const auto s = SessionRepository(ctx()).byId(id);
    REQUIRE(s.ok());
    return *s;
}

QList<SessionEvent> SessionFixture::events(qint64 id)
{
    const auto e = SessionLog(ctx()).events(id);
    REQUIRE(e.ok());
    return *e;
}

QList<CurrentSummary> SessionFixture::summaries(qint64 id)
{
    const auto s = SessionLog(ctx()).currentSummaries(id);
    REQUIRE(s.ok());
    return *s;
}

QList<Outcome> SessionFixture::outcomes()
{
    const auto o = OutcomeRepository(ctx()).forPatient(patientId);
    REQUIRE(o.ok());
    return *o;
}

int SessionFixture::refusals(const QString& field)
{
    QSqlQuery q(m_store->impl().db.connection());
    REQUIRE(q.prepare(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'refused' AND field = :f")));
    q.bindValue(QStringLiteral(":f"), field);
    REQUIRE(q.exec());
    REQUIRE(q.next());
    return q.value(0).toInt();
}

void SessionFixture::exec(const QString& sql)
{
    QSqlQuery q(m_store->impl().db.connection());
    INFO(sql.toStdString());
    REQUIRE(q.exec(sql));
}

SessionProbe::SessionProbe(app::SessionController& c) : controller(c)
{
    using app::SessionController;
    QObject::connect(&c, &SessionController::stateChanged, &c, [this](app::SessionState s) { states.push_back(s); });
    QObject::connect(&c, &SessionController::prepared, &c,
        [this](const app::AppResult<app::SessionPlan>& r) { preparedResult = r; });
    QObject::connect(
        &c, &SessionController::started, &c, [this](const app::AppResult<qint64>& r) { startedResult = r; });
    QObject::connect(&c, &SessionController::ended, &c, [this](const app::SessionSummary& s) { summary = s; });
    QObject::connect(
        &c, &SessionController::outcomeRecorded, &c, [this](const app::AppResult<qint64>& r) { outcome = r; });
    QObject::connect(&c, &SessionController::eventCommitted, &c,
        [this](int seq, const QString& kind) { committed.emplace_back(seq, kind); });
    QObject::connect(
        &c, &SessionController::faultRaised, &c, [this](const app::SessionFault& f) { faults.push_back(f); });
    QObject::connect(&c, &SessionController::channelStatusChanged, &c,
        [this](const app::ChannelStatus& s) { statuses.push_back(s); });
    QObject::connect(
        &c, &SessionController::progressChanged, &c, [this](const app::SessionProgress& p) { progress.push_back(p); });
    QObject::connect(
        &c, &SessionController::recordingFailed, &c, [this](const QString& m) { recordingFailures.push_back(m); });
}

QString SessionProbe::prepare(const app::SessionRequest& request)
{
    preparedResult.reset();
    const auto status = controller.prepare(request);
    if (!status.ok()) {
        return status.error().message;
    }
    REQUIRE(waitUntil([&] { return preparedResult.has_value(); }, std::chrono::milliseconds(15000)));
    return preparedResult->ok() ? QString() : preparedResult->error().message;
}

void SessionProbe::startAndWaitRunning()
{
    const auto status = controller.start();
    INFO((status.ok() ? QString() : status.error().message).toStdString());
    REQUIRE(status.ok());
    REQUIRE(waitUntil([&] { return startedResult.has_value(); }));
    INFO((startedResult->ok() ? QString() : startedResult->error().message).toStdString());
    REQUIRE(startedResult->ok());
    REQUIRE(waitUntil([&] { return controller.state() == app::SessionState::Running; }));
}

bool SessionProbe::waitEnded(std::chrono::milliseconds timeout)
{
    return waitUntil([&] { return summary.has_value(); }, timeout);
}

bool SessionProbe::waitForEvent(const QString& kind, std::chrono::milliseconds timeout)
{
    return waitUntil([&] { return count(kind) > 0; }, timeout);
}

int SessionProbe::count(const QString& kind) const
{
    int n = 0;
    for (const auto& [seq, k] : committed) {
        n += k == kind ? 1 : 0;
    }
    return n;
}

device::sim::SimulatedStimulator* SessionProbe::simulator() const
{
    // The newest service: one torn down by an earlier prepare may still wait for its deferred deletion.
    const auto services = controller.findChildren<device::DeviceService*>();
    return services.isEmpty() ? nullptr : services.last()->simulatedStimulator();
}

} // namespace galvani::test
