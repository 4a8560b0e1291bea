// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/admin/AdminFormat.h"

#include <QDateTime>
#include <QLabel>
#include <QLineEdit>

#include <algorithm>

namespace galvani::ui::admin {

QString formatMa(qint64 microamps)
{
    return QString::number(static_cast<double>(microamps) / 1000.0, 'f', 1) + QStringLiteral(" mA");
}

QString formatMa(const std::optional<qint64>& microamps)
{
    return microamps ? formatMa(*microamps) : QStringLiteral("–");
}

QString formatLocalTime(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString formatLocalDay(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs).toLocalTime().toString(QStringLiteral("yyyy-MM-dd"));
}

QString formatLocalTimeOfDay(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs).toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString formatDuration(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

void showMessage(QLabel* label, MessageKind kind, const QString& text)
{
    QString prefix;
    QString style;
    switch (kind) {
    case MessageKind::Info:
        prefix = QStringLiteral("ℹ ");
        break;
    case MessageKind::Success:
        prefix = QStringLiteral("✔ Done: ");
        style = QStringLiteral("color: #1b5e20;");
        break;
    case MessageKind::Error:
        prefix = QStringLiteral("✖ Not done: ");
        style = QStringLiteral("color: #b71c1c;");
        break;
    }
    label->setStyleSheet(style);
    label->setText(prefix + text);
    label->setVisible(true);
}

void showVerdict(QLabel* label, bool ok, const QString& text)
{
    label->setStyleSheet(ok ? QStringLiteral("color: #1b5e20;") : QStringLiteral("color: #b71c1c;"));
    label->setText((ok ? QStringLiteral("✔ ") : QStringLiteral("✖ ")) + text);
    label->setVisible(true);
}

void clearMessage(QLabel* label)
{
    label->clear();
    label->setVisible(false);
}

QLabel* makeMessageLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setVisible(false);
    return label;
}

std::optional<QString> typedReason(QLineEdit* reason, QLabel* message, const QString& what)
{
    const QString text = reason->text().trimmed();
    if (!text.isEmpty()) {
        return text;
    }
    showMessage(message, MessageKind::Error,
        QStringLiteral("reason: type why the clinic changes %1 (1–1000 characters); it is kept in the audit trail")
            .arg(what));
    reason->setFocus();
    return std::nullopt;
}

} // namespace galvani::ui::admin
