// SPDX-License-Identifier: GPL-3.0-or-later
// The small functions of the calibration value types (CalibrationSetup.h, CalibrationResults.h,
// ChannelCalibrationStatus.h).
#include "app/calibration/CalibrationResults.h"
#include "app/calibration/CalibrationSetup.h"
#include "app/calibration/ChannelCalibrationStatus.h"

#include "app/IsoDate.h"
#include "core/calibration/AmplitudeCorrection.h"

#include <QStringList>

#include <variant>

namespace galvani::app {

std::optional<ReferenceInstrument> ReferenceInstrument::parse(const QString& text, QString* error)
{
    // The name may itself contain ':' (e.g. "Fluke 87V: DMM"); serial and date are the last two fields.
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() < 3) {
        *error = QStringLiteral("instrument '%1' must have the form NAME:SERIAL:DUE (DUE as YYYY-MM-DD)").arg(text);
        return std::nullopt;
    }
    ReferenceInstrument out;
    out.name = parts.mid(0, parts.size() - 2).join(QLatin1Char(':')).trimmed();
    out.serial = parts[parts.size() - 2].trimmed();
    const QString due = parts.back().trimmed();
    out.dueDate = parseIsoDate(due).value_or(QDate());
    if (out.name.isEmpty()) {
        *error = QStringLiteral("instrument '%1': NAME is empty; expected NAME:SERIAL:DUE").arg(text);
        return std::nullopt;
    }
    if (out.serial.isEmpty()) {
        *error = QStringLiteral("instrument '%1': SERIAL is empty; expected NAME:SERIAL:DUE").arg(text);
        return std::nullopt;
    }
    if (!out.dueDate.isValid()) {
        *error = QStringLiteral("instrument '%1': DUE '%2' is not a date of the form YYYY-MM-DD").arg(text, due);
        return std::nullopt;
    }
    return out;
}

QList<qint64> CalibrationSetup::defaultPointsUa()
{
    return {10'000, 25'000, 50'000};
}

QString ReferenceInstrument::toString() const
{
    return QStringLiteral("%1:%2:%3").arg(name, serial, dueDate.toString(Qt::ISODate));
}

QString toString(PointPhase phase)
{
    return phase == PointPhase::AsFound ? QStringLiteral("as found") : QStringLiteral("as left");
}

QString toString(CalibrationState state)
{
    switch (state) {
    case CalibrationState::None:
        return QStringLiteral("none");
    case CalibrationState::Valid:
        return QStringLiteral("valid");
    case CalibrationState::DueSoon:
        return QStringLiteral("due soon");
    case CalibrationState::Overdue:
        return QStringLiteral("overdue");
    case CalibrationState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

std::optional<qint64> ChannelCalibrationStatus::commandUaFor(qint64 targetUa, qint64 gridUa) const
{
    using namespace core::calibration;
    if (locked) {
        return std::nullopt;
    }
    if (factoryCalibration) {
        return AmplitudeCorrection::factory().command(core::Microamps(targetUa), core::Microamps(gridUa)).value();
    }
    auto made = AmplitudeCorrection::make(CorrectionModel{gain, core::MicroampsReal(offsetUa)},
        CalibratedRange{core::Microamps(calibratedMinUa), core::Microamps(calibratedMaxUa)});
    if (!std::holds_alternative<AmplitudeCorrection>(made)) {
        return std::nullopt; // a model past the bound is never applied (status() locks such a channel)
    }
    return std::get<AmplitudeCorrection>(made).command(core::Microamps(targetUa), core::Microamps(gridUa)).value();
}

} // namespace galvani::app
