// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/IsoDate.h"

#include <QRegularExpression>

namespace galvani::app {

std::optional<QDate> parseIsoDate(const QString& text)
{
    static const QRegularExpression kIsoDate(QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
    if (!kIsoDate.match(text).hasMatch()) {
        return std::nullopt;
    }
    const QDate date = QDate::fromString(text, Qt::ISODate);
    return date.isValid() ? std::optional<QDate>(date) : std::nullopt;
}

} // namespace galvani::app
