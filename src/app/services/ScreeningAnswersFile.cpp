// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/ScreeningAnswersFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cmath>

namespace galvani::app {

namespace {

AppError bad(const QString& message)
{
    return AppError{AppError::Kind::Invalid, QStringLiteral("answers file: ") + message};
}

QSet<QString> checklistIds()
{
    QSet<QString> ids;
    for (const ChecklistItemInfo& item : ScreeningService::checklist()) {
        ids.insert(item.id);
    }
    return ids;
}

} // namespace

AppResult<ScreeningInput> ScreeningAnswersFile::parse(const QByteArray& json)
{
    if (json.size() > kMaxBytes) {
        return bad(QStringLiteral("has %1 bytes; at most %2 are allowed").arg(json.size()).arg(kMaxBytes));
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return bad(
            QStringLiteral("not valid JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    }
    if (!doc.isObject()) {
        return bad(QStringLiteral("the top level must be a JSON object"));
    }
    const QJsonObject root = doc.object();
    static const QStringList kKeys{QStringLiteral("answers"), QStringLiteral("acknowledged"), QStringLiteral("details"),
        QStringLiteral("clearance_reason"), QStringLiteral("notes"), QStringLiteral("valid_days")};
    for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
        if (!kKeys.contains(it.key())) {
            return bad(QStringLiteral("unknown key '%1'; allowed: %2").arg(it.key(), kKeys.join(QStringLiteral(", "))));
        }
    }
    const QSet<QString> known = checklistIds();

    const QJsonValue answersValue = root.value(QStringLiteral("answers"));
    if (!answersValue.isObject()) {
        return bad(QStringLiteral("\"answers\" is required and must be an object of item id → true/false/\"unknown\""));
    }
    ScreeningInput input;
    input.answers.clear();
    const QJsonObject answers = answersValue.toObject();
    QHash<QString, qsizetype> indexOf;
    for (auto it = answers.constBegin(); it != answers.constEnd(); ++it) {
        if (!known.contains(it.key())) {
            return bad(QStringLiteral("\"answers\": '%1' is not an item of the checklist").arg(it.key()));
        }
        ScreeningAnswerInput a;
        a.itemId = it.key();
        if (it.value().isBool()) {
            a.answer = it.value().toBool() ? ScreeningAnswer::Yes : ScreeningAnswer::No;
        } else if (it.value() == QJsonValue(QStringLiteral("unknown"))) {
            a.answer = ScreeningAnswer::Unknown;
        } else {
            return bad(QStringLiteral("\"answers\".\"%1\" must be true, false or \"unknown\"").arg(it.key()));
        }
        indexOf.insert(a.itemId, input.answers.size());
        input.answers.append(a);
    }
    QStringList missing;
    for (const ChecklistItemInfo& item : ScreeningService::checklist()) {
        if (!indexOf.contains(item.id)) {
            missing.append(item.id);
        }
    }
    if (!missing.isEmpty()) {
        return bad(QStringLiteral("\"answers\" lacks %1 of the %2 checklist items: %3")
                       .arg(missing.size())
                       .arg(known.size())
                       .arg(missing.join(QStringLiteral(", "))));
    }

    if (root.contains(QStringLiteral("acknowledged"))) {
        const QJsonValue ackValue = root.value(QStringLiteral("acknowledged"));
        if (!ackValue.isArray()) {
            return bad(QStringLiteral("\"acknowledged\" must be an array of item ids"));
        }
        for (const auto& v : ackValue.toArray()) {
            const QString id = v.toString();
            if (!v.isString() || !indexOf.contains(id)) {
                return bad(QStringLiteral("\"acknowledged\": '%1' is not an item of the checklist")
                               .arg(v.isString() ? id : QStringLiteral("(not a string)")));
            }
            ScreeningAnswerInput& a = input.answers[indexOf.value(id)];
            if (a.answer == ScreeningAnswer::No) {
                return bad(QStringLiteral("\"acknowledged\": '%1' is answered false; only items that apply are "
                                          "acknowledged")
                               .arg(id));
            }
            a.acknowledged = true;
        }
    }
    if (root.contains(QStringLiteral("details"))) {
        const QJsonValue detailsValue = root.value(QStringLiteral("details"));
        if (!detailsValue.isObject()) {
            return bad(QStringLiteral("\"details\" must be an object of item id → text"));
        }
        const QJsonObject details = detailsValue.toObject();
        for (auto it = details.constBegin(); it != details.constEnd(); ++it) {
            if (!indexOf.contains(it.key()) || !it.value().isString()) {
                return bad(QStringLiteral("\"details\".\"%1\" must name a checklist item and be text").arg(it.key()));
            }
            input.answers[indexOf.value(it.key())].detail = it.value().toString();
        }
    }
    for (const char* key : {"clearance_reason", "notes"}) {
        const QString name = QString::fromLatin1(key);
        if (root.contains(name)) {
            if (!root.value(name).isString()) {
                return bad(QStringLiteral("\"%1\" must be text").arg(name));
            }
            (name == QLatin1String("notes") ? input.notes : input.clearanceReason) = root.value(name).toString();
        }
    }
    if (root.contains(QStringLiteral("valid_days"))) {
        const QJsonValue days = root.value(QStringLiteral("valid_days"));
        const double d = days.toDouble(-1.0);
        // Range first: only then is the conversion to int defined.
        if (!days.isDouble() || d < 1.0 || d > ScreeningInput::kMaxValidDays || d != std::floor(d)) {
            return bad(QStringLiteral("\"valid_days\" must be a whole number of days from 1 to %1")
                           .arg(ScreeningInput::kMaxValidDays));
        }
        input.validDays = static_cast<int>(d);
    }
    return input;
}

QByteArray ScreeningAnswersFile::noneApplyTemplate()
{
    QJsonObject answers;
    for (const ChecklistItemInfo& item : ScreeningService::checklist()) {
        answers.insert(item.id, false);
    }
    const QJsonObject root{{QStringLiteral("answers"), answers}, {QStringLiteral("acknowledged"), QJsonArray()},
        {QStringLiteral("details"), QJsonObject()}, {QStringLiteral("notes"), QString()},
        {QStringLiteral("valid_days"), ScreeningInput::kDefaultValidDays}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace galvani::app
