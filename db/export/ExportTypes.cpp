// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/export/ExportTypes.h"

#include <QDateTime>

namespace galvani::db::exp {

QString toText(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::Fhir:
        return QStringLiteral("fhir");
    }
    return QStringLiteral("unknown");
}

ExportFilter ExportFilter::forDays(QDate first, QDate last, const QTimeZone& zone)
{
    ExportFilter f;
    if (first.isValid()) {
        f.fromUtcMs = first.startOfDay(zone).toMSecsSinceEpoch();
    }
    if (last.isValid()) {
        f.toUtcMs = last.addDays(1).startOfDay(zone).toMSecsSinceEpoch();
    }
    return f;
}

} // namespace galvani::db::exp
