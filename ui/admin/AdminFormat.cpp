// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/admin/AdminFormat.h"

#include <QLabel>

namespace galvani::ui::admin {

void showFeedback(QLabel* label, presenters::FeedbackKind kind, const QString& text)
{
    switch (kind) {
    case presenters::FeedbackKind::None:
        clearMessage(label);
        return;
    case presenters::FeedbackKind::Info:
        showMessage(label, MessageKind::Info, text);
        return;
    case presenters::FeedbackKind::Success:
        showMessage(label, MessageKind::Success, text);
        return;
    case presenters::FeedbackKind::Error:
        showMessage(label, MessageKind::Error, text);
        return;
    }
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

} // namespace galvani::ui::admin
