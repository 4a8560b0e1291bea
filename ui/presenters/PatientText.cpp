// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/PatientText.h"

#include <QDateTime>

namespace galvani::ui::presenters::patienttext {

QString name(const app::PatientSummary& patient)
{
    return patient.familyName.toUpper() + QStringLiteral(", ") + patient.givenNames;
}

QString birth(const QString& birthDate, const QDate& today)
{
    const QDate born = QDate::fromString(birthDate, Qt::ISODate);
    if (!born.isValid() || !today.isValid() || born > today) {
        return QStringLiteral("born %1").arg(birthDate);
    }
    int years = today.year() - born.year();
    if (today.month() < born.month() || (today.month() == born.month() && today.day() < born.day())) {
        --years;
    }
    return QStringLiteral("born %1 (%2 %3)")
        .arg(birthDate)
        .arg(years)
        .arg(years == 1 ? QStringLiteral("year") : QStringLiteral("years"));
}

QString localDate(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toLocalTime().toString(QStringLiteral("yyyy-MM-dd"));
}

QString localDateTime(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString milliamps(qint64 microamps)
{
    return QStringLiteral("%1 mA").arg(static_cast<double>(microamps) / 1000.0, 0, 'f', 1);
}

QString centimetres(int millimetres)
{
    return QString::number(static_cast<double>(millimetres) / 10.0, 'f', 1);
}

QString site(const QString& muscle, const QString& side)
{
    QString m = muscle;
    if (!m.isEmpty()) {
        m[0] = m[0].toUpper();
    }
    return side.isEmpty() ? m : m + QStringLiteral(", ") + side;
}

QString polarity(app::ElectrodePolarity polarity)
{
    switch (polarity) {
    case app::ElectrodePolarity::ActiveCathode:
        return QStringLiteral("active (cathode)");
    case app::ElectrodePolarity::Reference:
        return QStringLiteral("reference");
    case app::ElectrodePolarity::Symmetric:
        break;
    }
    return QStringLiteral("symmetric");
}

QString posture(app::PatientPosture posture)
{
    switch (posture) {
    case app::PatientPosture::Supine:
        return QStringLiteral("supine (on the back)");
    case app::PatientPosture::Prone:
        return QStringLiteral("prone (face down)");
    case app::PatientPosture::Sitting:
        return QStringLiteral("sitting");
    case app::PatientPosture::Standing:
        return QStringLiteral("standing");
    case app::PatientPosture::SideLying:
        break;
    }
    return QStringLiteral("side-lying");
}

QString electrodeKind(app::ElectrodeKind kind)
{
    return kind == app::ElectrodeKind::SelfAdhesive ? QStringLiteral("self-adhesive")
                                                    : QStringLiteral("carbon + sponge");
}

QString placement(const app::PlacementView& p)
{
    return QStringLiteral("Channel %1 · %2 · %3").arg(p.channel).arg(site(p.muscle, p.side), polarity(p.polarity));
}

} // namespace galvani::ui::presenters::patienttext
