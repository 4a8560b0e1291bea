// SPDX-License-Identifier: GPL-3.0-or-later
#include "CalibrationFixture.h"

#include "app/store/RecordStoreImpl.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <QSqlError>
#include <QSqlQuery>

namespace galvani::test {

namespace {

app::SignedInUser signedIn(const db::Actor& actor, app::Role role)
{
    return app::SignedInUser{*actor.userId, actor.name, actor.name, role};
}

} // namespace

CalibrationFixture::CalibrationFixture() : files(testBackend())
{
    technician = signedIn(files.addUser(QStringLiteral("tech"), db::records::Role::Technician), app::Role::Technician);
    therapist = signedIn(files.addUser(QStringLiteral("thera"), db::records::Role::Therapist), app::Role::Therapist);
    admin = signedIn(files.addUser(QStringLiteral("boss"), db::records::Role::Admin), app::Role::Admin);
    files.db.reset();
    config.storeUrl = files.temp.url().toUrl();
    config.auditKeyPath = files.temp.filePath(QStringLiteral("keys/audit.key"));
    config.anchorPath = files.temp.filePath(QStringLiteral("anchor.txt"));
    config.sessionLockPath = files.temp.filePath(QStringLiteral("sessions.lock"));
    config.workstation = QStringLiteral("bench");
    QString error;
    store = app::RecordStore::open(config, files.clock, &error);
    INFO(error.toStdString());
    REQUIRE(store);
    service.emplace(*store);
}

CalibrationFixture::~CalibrationFixture()
{
    service.reset();
    store.reset();
}

app::CalibrationSetup CalibrationFixture::setup(const QString& url, QList<int> channels)
{
    app::CalibrationSetup s;
    s.deviceUrl = url;
    s.channels = std::move(channels);
    s.instruments
        = {app::ReferenceInstrument{QStringLiteral("Fluke 87V"), QStringLiteral("FL-1234"), QDate(2027, 6, 30)}};
    return s;
}

qint64 CalibrationFixture::auditRows(const QString& action)
{
    QSqlQuery q(store->impl().db.connection());
    REQUIRE(q.prepare(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = :a")));
    q.bindValue(QStringLiteral(":a"), action);
    REQUIRE(q.exec());
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}

qint64 CalibrationFixture::nowUtcMs() const
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(files.clock.utcNow().time_since_epoch()).count();
}

app::ChannelCalibrationStatus CalibrationFixture::statusOf(int channel)
{
    const auto st = service->status(therapist, kSimulatorSerial, channel);
    REQUIRE(st.ok());
    return *st;
}

void CalibrationFixture::allowUpdates(const QString& table)
{
    if (files.temp.backend() == StoreBackend::Sqlite) {
        exec(QStringLiteral("DROP TRIGGER %1_no_update").arg(table));
    } else {
        exec(QStringLiteral("ALTER TABLE %1 DISABLE TRIGGER USER").arg(table));
    }
}

void CalibrationFixture::exec(const QString& sql)
{
    QSqlQuery q(store->impl().db.connection());
    const bool ok = q.exec(sql);
    INFO(sql.toStdString() << ": " << q.lastError().text().toStdString());
    REQUIRE(ok);
}

void runToEnd(app::CalibrationProcedure& procedure, const ReadingFn& reading)
{
    using Step = app::CalibrationProcedure::Step;
    procedure.start();
    const auto ended = [&] { return procedure.step() == Step::Finished || procedure.step() == Step::Aborted; };
    while (!ended()) {
        REQUIRE(waitUntil(
            [&] {
                return ended() || procedure.step() == Step::ReadyForChannel
                    || procedure.step() == Step::AwaitingReading;
            },
            std::chrono::seconds(60)));
        if (procedure.step() == Step::ReadyForChannel) {
            procedure.runChannel();
        } else if (procedure.step() == Step::AwaitingReading) {
            REQUIRE(reading);
            const auto pending = procedure.pendingReading();
            REQUIRE(pending);
            const auto submitted = procedure.submitReading(reading(*pending));
            INFO((submitted.ok() ? QString() : submitted.error().message).toStdString());
            REQUIRE(submitted.ok());
        }
    }
}

const app::ChannelCalibrationResult& resultFor(const app::CalibrationSummary& s, int channel)
{
    for (const auto& r : s.channels) {
        if (r.channel == channel) {
            return r;
        }
    }
    FAIL("no result for channel " << channel);
    return s.channels.front();
}

} // namespace galvani::test
