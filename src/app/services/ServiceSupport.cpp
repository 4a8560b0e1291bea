// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/ServiceSupport.h"

#include "core/domain/PlacementCatalogue.h"
#include "db/records/Placement.h"

namespace galvani::app::detail {

AppError fromDb(const db::DbError& error)
{
    using K = db::DbError::Kind;
    switch (error.kind) {
    case K::Invalid:
        return AppError{AppError::Kind::Invalid, error.message};
    case K::NotFound:
        return AppError{AppError::Kind::NotFound, error.message};
    case K::Conflict:
        return AppError{AppError::Kind::Conflict, error.message};
    case K::Refused:
    case K::Schema:
    case K::Unsupported:
        return AppError{AppError::Kind::Refused, error.message};
    case K::Storage:
        break;
    }
    return AppError{AppError::Kind::Storage, error.message};
}

AppError invalidInput(const QString& message)
{
    return AppError{AppError::Kind::Invalid, message};
}

AppError notFound(const QString& message)
{
    return AppError{AppError::Kind::NotFound, message};
}

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString siteIdOf(const db::records::PlacementFields& fields)
{
    for (const core::PlacementSite& s : core::PlacementCatalogue::all()) {
        if (fromUtf8(s.muscle) == fields.muscle
            && fromUtf8(core::toString(s.side)) == db::records::toText(fields.side)) {
            return fromUtf8(s.id);
        }
    }
    return QString();
}

std::optional<AppError> checkText(const QString& value, const QString& field, qsizetype maxChars)
{
    if (value.size() > maxChars) {
        return invalidInput(
            QStringLiteral("%1 has %2 characters; at most %3 are allowed").arg(field).arg(value.size()).arg(maxChars));
    }
    if (value.contains(QChar(u'\0'))) {
        return invalidInput(QStringLiteral("%1 contains a NUL character").arg(field));
    }
    return std::nullopt;
}

db::Actor actorOf(const SignedInUser& user)
{
    return db::Actor::user(user.id, user.username);
}

db::records::Role toDb(Role role)
{
    switch (role) {
    case Role::Therapist:
        return db::records::Role::Therapist;
    case Role::Admin:
        return db::records::Role::Admin;
    case Role::Technician:
        return db::records::Role::Technician;
    }
    return db::records::Role::Therapist;
}

Role fromDb(db::records::Role role)
{
    switch (role) {
    case db::records::Role::Therapist:
        return Role::Therapist;
    case db::records::Role::Admin:
        return Role::Admin;
    case db::records::Role::Technician:
        return Role::Technician;
    }
    return Role::Therapist;
}

} // namespace galvani::app::detail
