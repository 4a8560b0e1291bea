// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/UserRepository.h"

#include "db/PasswordHasher.h"
#include "db/ScopedTransaction.h"
#include "db/TimeStamp.h"
#include "db/audit/AuditTrail.h"
#include "db/records/RecordSupport.h"
#include "db/sql/Query.h"

namespace galvani::db::records {

namespace {

const QString kUserTable = QStringLiteral("users");
const QString kUserColumns = QStringLiteral(
    "id, username, display_name, role, failed_logins, locked_utc_ms, active, created_utc_ms, updated_utc_ms");

User readUser(const sql::Query& q)
{
    User u;
    u.id = q.int64(0);
    u.username = q.text(1);
    u.displayName = q.text(2);
    u.role = fromText<Role>(q.text(3)).value_or(Role::Therapist);
    u.failedLogins = q.int32(4);
    u.lockedUtcMs = q.optInt64(5);
    u.active = q.int64(6) != 0;
    u.createdUtcMs = q.int64(7);
    u.updatedUtcMs = q.int64(8);
    return u;
}

Result<User> fetchOne(Database& db, const QString& where, const QString& name, const QVariant& value)
{
    sql::Query q(db, QStringLiteral("SELECT %1 FROM users WHERE %2").arg(kUserColumns, where));
    q.bind(name, value);
    if (Status s = q.exec(QStringLiteral("read user")); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return notFound(QStringLiteral("no user with %1 = %2").arg(name.mid(1), value.toString()));
    }
    return readUser(q);
}

} // namespace

UserRepository::UserRepository(const StoreContext& ctx) : m_ctx(ctx)
{
}

Result<User> UserRepository::create(const NewUser& nu, const Actor& actor)
{
    if (Status s = support::checkText(nu.username, QStringLiteral("username"), 64, true); !s.ok()) {
        return s.error();
    }
    if (nu.username != nu.username.trimmed()) {
        return invalid(QStringLiteral("username must not start or end with spaces"));
    }
    if (Status s = support::checkText(nu.displayName, QStringLiteral("display name"), 200, true); !s.ok()) {
        return s.error();
    }
    const Result<QString> hash = PasswordHasher::hash(nu.password);
    if (!hash.ok()) {
        return hash.error();
    }
    const qint64 now = utcMs(m_ctx.clock);
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    sql::Query q(m_ctx.db,
        QStringLiteral(
            "INSERT INTO users (username, display_name, role, password_hash, created_utc_ms, updated_utc_ms) "
            "VALUES (:u, :d, :r, :h, :c, :m) RETURNING id"));
    q.bind(QStringLiteral(":u"), nu.username)
        .bind(QStringLiteral(":d"), nu.displayName)
        .bind(QStringLiteral(":r"), toText(nu.role))
        .bind(QStringLiteral(":h"), hash.value())
        .bind(QStringLiteral(":c"), now)
        .bind(QStringLiteral(":m"), now);
    if (Status s = q.exec(QStringLiteral("create user '%1'").arg(nu.username)); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return storageError(QStringLiteral("create user returned no id"));
    }
    const qint64 id = q.int64(0);
    q.finish();
    audit::AuditTrail trail(m_ctx);
    const QJsonObject json{{QStringLiteral("username"), nu.username}, {QStringLiteral("display_name"), nu.displayName},
        {QStringLiteral("role"), toText(nu.role)}};
    if (Status s = support::auditCreate(trail, actor, kUserTable, id, json); !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return byId(id);
}

Result<User> UserRepository::byId(qint64 id)
{
    return fetchOne(m_ctx.db, QStringLiteral("id = :id"), QStringLiteral(":id"), QVariant::fromValue<qlonglong>(id));
}

Result<User> UserRepository::byUsername(const QString& username)
{
    return fetchOne(m_ctx.db, QStringLiteral("username = :username"), QStringLiteral(":username"), username);
}

Result<QList<User>> UserRepository::list()
{
    sql::Query q(m_ctx.db, QStringLiteral("SELECT %1 FROM users ORDER BY username").arg(kUserColumns));
    if (Status s = q.exec(QStringLiteral("list users")); !s.ok()) {
        return s.error();
    }
    QList<User> out;
    while (q.next()) {
        out.append(readUser(q));
    }
    return out;
}

Result<LoginOutcome> UserRepository::authenticate(
    const QString& username, const QString& password, const std::optional<QString>& unlocking)
{
    QString storedHash;
    std::optional<User> user;
    {
        sql::Query q(
            m_ctx.db, QStringLiteral("SELECT %1, password_hash FROM users WHERE username = :u").arg(kUserColumns));
        q.bind(QStringLiteral(":u"), username);
        if (Status s = q.exec(QStringLiteral("read user for sign-in")); !s.ok()) {
            return s.error();
        }
        if (q.next()) {
            user = readUser(q);
            storedHash = q.text(9);
        }
    }
    if (!user) {
        PasswordHasher::burnVerification(password);
        audit::AuditTrail trail(m_ctx);
        // The attempted name goes into new_value so repeated guessing shows up in the audit view.
        if (Status s = support::auditAction(trail, Actor::system(), QString::fromLatin1(audit::action::kLoginFailed),
                kUserTable, std::nullopt, username, QStringLiteral("unknown user"));
            !s.ok()) {
            return s.error();
        }
        LoginOutcome out;
        out.failure = LoginFailure::UnknownUser;
        return out;
    }
    const bool passwordOk = PasswordHasher::verify(storedHash, password);
    if (user->locked()) {
        return recordFailure(*user, LoginFailure::Locked);
    }
    if (!user->active) {
        return recordFailure(*user, LoginFailure::Inactive);
    }
    if (!passwordOk) {
        return recordFailure(*user, LoginFailure::WrongPassword);
    }

    const Actor actor = Actor::user(user->id, user->username);
    const qint64 now = utcMs(m_ctx.clock);
    std::optional<QString> newHash;
    if (PasswordHasher::needsRehash(storedHash)) {
        const auto rehashed = PasswordHasher::hash(password);
        if (rehashed.ok()) {
            newHash = rehashed.value();
        }
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    // Re-check the lock inside the transaction: another workstation may have locked the account meanwhile.
    sql::Query q(m_ctx.db,
        QStringLiteral("UPDATE users SET failed_logins = 0, password_hash = COALESCE(:h, password_hash), "
                       "updated_utc_ms = :m WHERE id = :id AND locked_utc_ms IS NULL AND active = 1"));
    q.bind(QStringLiteral(":h"), newHash).bind(QStringLiteral(":m"), now).bind(QStringLiteral(":id"), user->id);
    if (Status s = q.exec(QStringLiteral("record sign-in")); !s.ok()) {
        return s.error();
    }
    if (q.rowsAffected() != 1) {
        tx.rollback();
        return recordFailure(*user, LoginFailure::Locked);
    }
    audit::AuditTrail trail(m_ctx);
    std::optional<QString> reason;
    if (unlocking) {
        reason = *unlocking == user->username
            ? QStringLiteral("unlocked the screen")
            : QStringLiteral("hand-over: unlocked the screen locked by %1").arg(*unlocking);
    }
    if (Status s = support::auditAction(
            trail, actor, QString::fromLatin1(audit::action::kLogin), kUserTable, user->id, std::nullopt, reason);
        !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    LoginOutcome out;
    const auto fresh = byId(user->id);
    if (!fresh.ok()) {
        return fresh.error();
    }
    out.user = fresh.value();
    return out;
}

Result<LoginOutcome> UserRepository::recordFailure(const User& user, LoginFailure failure)
{
    const qint64 now = utcMs(m_ctx.clock);
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    // Atomic increment, and the lock set in the same statement, so parallel attempts cannot slip past the limit.
    sql::Query q(m_ctx.db,
        QStringLiteral("UPDATE users SET failed_logins = failed_logins + 1, locked_utc_ms = CASE WHEN locked_utc_ms IS "
                       "NULL AND failed_logins + 1 >= :max THEN :now1 ELSE locked_utc_ms END, updated_utc_ms = :now2 "
                       "WHERE id = :id RETURNING failed_logins, locked_utc_ms"));
    q.bind(QStringLiteral(":max"), kMaxFailedLogins)
        .bind(QStringLiteral(":now1"), now)
        .bind(QStringLiteral(":now2"), now)
        .bind(QStringLiteral(":id"), user.id);
    if (Status s = q.exec(QStringLiteral("record failed sign-in")); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return notFound(QStringLiteral("user %1 vanished during sign-in").arg(user.id));
    }
    const int failures = q.int32(0);
    const bool lockedAfter = !q.isNull(1);
    q.finish();
    LoginOutcome out;
    out.failure = failure;
    out.lockedNow = lockedAfter && !user.locked();
    out.attemptsLeft = lockedAfter ? 0 : kMaxFailedLogins - failures;

    const Actor actor = Actor::user(user.id, user.username);
    static const QString kReasons[] = {QString(), QStringLiteral("unknown user"), QStringLiteral("wrong password"),
        QStringLiteral("account locked"), QStringLiteral("account inactive")};
    audit::AuditTrail trail(m_ctx);
    if (Status s = support::auditAction(trail, actor, QString::fromLatin1(audit::action::kLoginFailed), kUserTable,
            user.id, QString::number(failures), kReasons[static_cast<int>(failure)]);
        !s.ok()) {
        return s.error();
    }
    if (out.lockedNow) {
        if (Status s = support::auditAction(trail, actor, QString::fromLatin1(audit::action::kAccountLocked),
                kUserTable, user.id, QString::number(failures),
                QStringLiteral("%1 failed sign-ins in a row").arg(kMaxFailedLogins));
            !s.ok()) {
            return s.error();
        }
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return out;
}

Result<User> UserRepository::updateColumn(qint64 userId, const QString& column, const QVariant& value,
    const QString& oldText, const QString& newText, const Actor& actor, const std::optional<QString>& reason)
{
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    // `column` is one of a fixed set chosen by this class, never caller text.
    sql::Query q(m_ctx.db, QStringLiteral("UPDATE users SET %1 = :v, updated_utc_ms = :m WHERE id = :id").arg(column));
    q.bind(QStringLiteral(":v"), value)
        .bind(QStringLiteral(":m"), utcMs(m_ctx.clock))
        .bind(QStringLiteral(":id"), userId);
    if (Status s = q.exec(QStringLiteral("update user %1").arg(userId)); !s.ok()) {
        return s.error();
    }
    audit::AuditTrail trail(m_ctx);
    if (Status s = support::auditChanges(
            trail, actor, kUserTable, userId, {support::FieldChange{column, oldText, newText}}, reason);
        !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return byId(userId);
}

Result<User> UserRepository::unlock(qint64 userId, const Actor& actor, const std::optional<QString>& reason)
{
    if (Status s = support::checkReason(reason); !s.ok()) {
        return s.error();
    }
    const auto user = byId(userId);
    if (!user.ok()) {
        return user.error();
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    sql::Query q(m_ctx.db,
        QStringLiteral("UPDATE users SET locked_utc_ms = NULL, failed_logins = 0, updated_utc_ms = :m WHERE id = :id"));
    q.bind(QStringLiteral(":m"), utcMs(m_ctx.clock)).bind(QStringLiteral(":id"), userId);
    if (Status s = q.exec(QStringLiteral("unlock user %1").arg(userId)); !s.ok()) {
        return s.error();
    }
    audit::AuditTrail trail(m_ctx);
    if (Status s = support::auditAction(trail, actor, QString::fromLatin1(audit::action::kAccountUnlocked), kUserTable,
            userId, std::nullopt, reason);
        !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return byId(userId);
}

Result<User> UserRepository::setRole(qint64 userId, Role role, const Actor& actor, const std::optional<QString>& reason)
{
    if (Status s = support::checkReason(reason); !s.ok()) {
        return s.error();
    }
    const auto user = byId(userId);
    if (!user.ok()) {
        return user.error();
    }
    return updateColumn(userId, QStringLiteral("role"), toText(role), toText(user->role), toText(role), actor, reason);
}

Result<User> UserRepository::setActive(
    qint64 userId, bool active, const Actor& actor, const std::optional<QString>& reason)
{
    if (Status s = support::checkReason(reason); !s.ok()) {
        return s.error();
    }
    const auto user = byId(userId);
    if (!user.ok()) {
        return user.error();
    }
    return updateColumn(userId, QStringLiteral("active"), QVariant::fromValue<qlonglong>(active ? 1 : 0),
        QString::number(user->active ? 1 : 0), QString::number(active ? 1 : 0), actor, reason);
}

Result<User> UserRepository::setDisplayName(qint64 userId, const QString& displayName, const Actor& actor)
{
    if (Status s = support::checkText(displayName, QStringLiteral("display name"), 200, true); !s.ok()) {
        return s.error();
    }
    const auto user = byId(userId);
    if (!user.ok()) {
        return user.error();
    }
    return updateColumn(
        userId, QStringLiteral("display_name"), displayName, user->displayName, displayName, actor, std::nullopt);
}

Status UserRepository::changePassword(qint64 userId, const QString& newPassword, const Actor& actor)
{
    const Result<QString> hash = PasswordHasher::hash(newPassword);
    if (!hash.ok()) {
        return hash.error();
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status();
    }
    sql::Query q(m_ctx.db, QStringLiteral("UPDATE users SET password_hash = :h, updated_utc_ms = :m WHERE id = :id"));
    q.bind(QStringLiteral(":h"), hash.value())
        .bind(QStringLiteral(":m"), utcMs(m_ctx.clock))
        .bind(QStringLiteral(":id"), userId);
    if (Status s = q.exec(QStringLiteral("change password of user %1").arg(userId)); !s.ok()) {
        return s;
    }
    if (q.rowsAffected() != 1) {
        return notFound(QStringLiteral("no user with id %1").arg(userId));
    }
    audit::AuditTrail trail(m_ctx);
    // Neither the old nor the new hash is written to the audit trail.
    if (Status s = support::auditAction(
            trail, actor, QString::fromLatin1(audit::action::kPasswordChanged), kUserTable, userId, std::nullopt);
        !s.ok()) {
        return s;
    }
    return tx.commit();
}

} // namespace galvani::db::records
