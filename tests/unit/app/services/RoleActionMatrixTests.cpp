// SPDX-License-Identifier: GPL-3.0-or-later
// Every (role, action) pair through a real service call against a real store: allowed exactly when isAllowed()
// says so, and every refusal audited by exactly one `refused` row.
#include "ServiceStore.h"

#include "app/access/AccessGuard.h"
#include "app/services/AuditService.h"
#include "app/services/BackupService.h"
#include "app/services/ClinicPresetService.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/PresetService.h"
#include "app/services/ScreeningService.h"
#include "app/services/UserService.h"
#include "app/store/RecordStoreImpl.h"

#include <catch2/catch.hpp>

#include <QSqlQuery>

#include <functional>
#include <map>
#include <optional>
#include <set>

using namespace galvani;
using app::Action;
using app::Role;
using test::ServiceStore;

namespace {

constexpr const char* kPatientMrn = "MRN-MATRIX";

// What a call returned, reduced to what the matrix needs: nullopt on success.
using Outcome = std::optional<app::AppError>;

template <typename T>
Outcome outcomeOf(const app::AppResult<T>& r)
{
    return r.ok() ? Outcome() : Outcome(r.error());
}

struct Context {
    ServiceStore& s;
    QString backupFile; // a verified backup of the fixture, for the restore call
    int serial = 0; // makes every created name unique
};

struct Call {
    QString via; // the service method that performs the action
    bool direct = false; // the action's service does not exist yet: checkAccess is called directly
    std::function<Outcome(Context&, const app::SignedInUser&)> run;
};

core::HardwareCaps simulatorCaps()
{
    const auto caps = app::PresetService::deviceCaps(QString::fromLatin1(app::PresetService::kDefaultDeviceUrl));
    REQUIRE(caps.ok());
    return caps.value();
}

Call direct(const QString& owner)
{
    // These actions belong to services written elsewhere (session controller, calibration, exporters, clinic
    // policy, programme editor). The gate they will call is checkAccess, so that is what is exercised; a grant
    // shows up as "no error", which is checkAccess's own result, not an invented success.
    return Call{QStringLiteral("checkAccess directly (owner: %1)").arg(owner), true, {}};
}

// One call per action. Every entry touches the store only through the service named in `via`.
std::map<Action, Call> callTable()
{
    std::map<Action, Call> t;
    t[Action::ViewPatients] = {QStringLiteral("PatientService::list"), false,
        [](Context& c, const auto& u) { return outcomeOf(app::PatientService(c.s.store()).list(u)); }};
    t[Action::EditPatients] = {QStringLiteral("PatientService::add"), false, [](Context& c, const auto& u) {
                                   app::NewPatientInput p;
                                   p.mrn = QStringLiteral("MRN-%1").arg(++c.serial);
                                   p.familyName = QStringLiteral("Lindqvist");
                                   p.givenNames = QStringLiteral("Maja");
                                   p.birthDate = QStringLiteral("1984-02-29");
                                   return outcomeOf(app::PatientService(c.s.store()).add(u, p));
                               }};
    t[Action::ViewScreening]
        = {QStringLiteral("ScreeningService::latest"), false, [](Context& c, const auto& u) {
               return outcomeOf(app::ScreeningService(c.s.store()).latest(u, QString::fromLatin1(kPatientMrn)));
           }};
    t[Action::RecordScreening]
        = {QStringLiteral("ScreeningService::record"), false, [](Context& c, const auto& u) {
               return outcomeOf(app::ScreeningService(c.s.store())
                                    .record(u, QString::fromLatin1(kPatientMrn), app::ScreeningInput::noneApply()));
           }};
    t[Action::EditPlacements]
        = {QStringLiteral("PlacementService::record"), false, [](Context& c, const auto& u) {
               app::PlacementInput in;
               in.siteId = QStringLiteral("left-lumbar-multifidus");
               in.channel = 1 + (++c.serial % 8);
               return outcomeOf(app::PlacementService(c.s.store()).record(u, QString::fromLatin1(kPatientMrn), in));
           }};
    t[Action::ViewPresets] = {QStringLiteral("PresetService::list"), false,
        [](Context& c, const auto& u) { return outcomeOf(app::PresetService(c.s.store()).list(u, simulatorCaps())); }};
    t[Action::ViewUsers] = {QStringLiteral("UserService::list"), false,
        [](Context& c, const auto& u) { return outcomeOf(app::UserService(c.s.store()).list(u)); }};
    t[Action::ManageUsers]
        = {QStringLiteral("UserService::add"), false, [](Context& c, const auto& u) {
               return outcomeOf(app::UserService(c.s.store())
                                    .add(u,
                                        app::NewUserInput{QStringLiteral("made-%1").arg(++c.serial), QString(),
                                            Role::Therapist, QString::fromLatin1(ServiceStore::kPassword)}));
           }};
    t[Action::BackupStore]
        = {QStringLiteral("BackupService::backup"), false, [](Context& c, const auto& u) {
               return outcomeOf(app::BackupService(c.s.store())
                                    .backup(u, c.s.temp.filePath(QStringLiteral("matrix-%1.sqlite").arg(++c.serial))));
           }};
    t[Action::RestoreStore] = {QStringLiteral("BackupService::restore"), false,
        [](Context& c, const auto& u) { return outcomeOf(app::BackupService(c.s.store()).restore(u, c.backupFile)); }};
    t[Action::VerifyAudit] = {QStringLiteral("AuditService::verify"), false, [](Context& c, const auto& u) -> Outcome {
                                  const auto check = app::AuditService(c.s.store()).verify(u);
                                  if (check.ok() && !check->ok) {
                                      return app::AppError{app::AppError::Kind::Storage, check->summary};
                                  }
                                  return outcomeOf(check);
                              }};
    t[Action::RunSession] = direct(QStringLiteral("SessionController"));
    t[Action::ViewSessionHistory] = direct(QStringLiteral("session history"));
    t[Action::EditPresets]
        = {QStringLiteral("ClinicPresetService::save"), false, [](Context& c, const auto& u) {
               app::ClinicPresetDraft d;
               d.name = QStringLiteral("matrix preset %1").arg(++c.serial);
               d.basePresetId = QStringLiteral("conventional-tens");
               return outcomeOf(app::ClinicPresetService(c.s.store()).save(u, QString(), d, QStringLiteral("matrix")));
           }};
    t[Action::ExportRecords] = direct(QStringLiteral("exporter"));
    t[Action::ExportOwnRecords] = direct(QStringLiteral("exporter"));
    t[Action::SetClinicPolicy] = direct(QStringLiteral("clinic policy"));
    t[Action::Calibrate] = direct(QStringLiteral("calibration"));
    t[Action::ViewCalibrations] = direct(QStringLiteral("calibration"));
    return t;
}

Outcome run(const Call& call, Action action, Context& c, const app::SignedInUser& user)
{
    if (call.direct) {
        return app::checkAccess(c.s.store(), user, action);
    }
    return call.run(c, user);
}

struct LastRefusal {
    qint64 actorId = 0;
    QString field;
};

LastRefusal lastRefusal(ServiceStore& s)
{
    QSqlQuery q(s.store().impl().db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT actor_id, field FROM audit_log WHERE action = 'refused' ORDER BY id DESC")));
    REQUIRE(q.next());
    return LastRefusal{q.value(0).toLongLong(), q.value(1).toString()};
}

} // namespace

TEST_CASE("every action has exactly one call in the role-action matrix", "[app][access]")
{
    const auto table = callTable();
    CHECK(table.size() == app::kAllActions.size());
    for (Action a : app::kAllActions) {
        INFO(app::toString(a).toStdString());
        REQUIRE(table.count(a) == 1);
        const Call& call = table.at(a);
        CHECK((call.direct || call.run));
    }
    // The actions whose services are written elsewhere; every other action must go through a service of ours.
    const std::set<Action> directOnes{Action::RunSession, Action::ViewSessionHistory, Action::ExportRecords,
        Action::ExportOwnRecords, Action::SetClinicPolicy, Action::Calibrate, Action::ViewCalibrations};
    for (const auto& [action, call] : table) {
        CHECK(call.direct == (directOnes.count(action) == 1));
    }
}

TEST_CASE("every role and action through the services is allowed exactly when the table grants it", "[app][access]")
{
    ServiceStore s;
    std::map<Role, app::SignedInUser> users{{Role::Admin, s.admin()},
        {Role::Therapist, s.addUser(QStringLiteral("tess"), Role::Therapist)},
        {Role::Technician, s.addUser(QStringLiteral("theo"), Role::Technician)}};
    // Fixture: a patient with a screening, so reading calls have something to find.
    test::addPatient(s, users.at(Role::Therapist), QString::fromLatin1(kPatientMrn));
    REQUIRE(app::ScreeningService(s.store())
                .record(users.at(Role::Therapist), QString::fromLatin1(kPatientMrn), app::ScreeningInput::noneApply())
                .ok());
    Context c{s, s.temp.filePath(QStringLiteral("fixture-backup.sqlite"))};
    const qint64 refusedInBackup = s.refusedRows();
    if (s.isSqlite()) {
        REQUIRE(app::BackupService(s.store()).backup(users.at(Role::Admin), c.backupFile).ok());
    }

    const auto table = callTable();
    int allowedCalls = 0;
    int refusedCalls = 0;
    for (Role role : app::kAllRoles) {
        for (Action action : app::kAllActions) {
            const Call& call = table.at(action);
            const app::SignedInUser& user = users.at(role);
            INFO("role " << app::toString(role).toStdString() << ", action " << app::toString(action).toStdString()
                         << " via " << call.via.toStdString());
            const qint64 refusedBefore = s.refusedRows();
            const Outcome outcome = run(call, action, c, user);
            const qint64 refusedAfter = s.refusedRows();
            if (outcome) {
                INFO("error: " << outcome->message.toStdString());
            }
            if (app::isAllowed(role, action)) {
                ++allowedCalls;
                if (action == Action::RestoreStore && !outcome) {
                    // The store is now the backup: its refusals, and none of the patients added since.
                    CHECK(refusedAfter == refusedInBackup);
                    CHECK(s.scalar(QStringLiteral("SELECT COUNT(*) FROM patients")).toInt() == 1);
                } else {
                    CHECK(refusedAfter == refusedBefore);
                }
                if (outcome) {
                    // Only a reason other than access may stop an allowed call: on PostgreSQL, file backup and
                    // restore are the server's job. On SQLite every allowed call must succeed.
                    CHECK(outcome->kind != app::AppError::Kind::Denied);
                    CHECK_FALSE(s.isSqlite());
                    CHECK((action == Action::BackupStore || action == Action::RestoreStore));
                }
            } else {
                ++refusedCalls;
                REQUIRE(outcome.has_value());
                CHECK(outcome->kind == app::AppError::Kind::Denied);
                CHECK(outcome->message.contains(user.username));
                CHECK(refusedAfter == refusedBefore + 1);
                const LastRefusal row = lastRefusal(s);
                CHECK(row.actorId == user.id);
                CHECK(row.field == app::toString(action));
            }
        }
    }
    CHECK(allowedCalls + refusedCalls == static_cast<int>(app::kAllRoles.size() * app::kAllActions.size()));
    CHECK(allowedCalls > 0);
    CHECK(refusedCalls > 0);
}
