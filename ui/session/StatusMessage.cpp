// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/StatusMessage.h"

#include "ui/session/SessionFormat.h"
#include "ui/session/SessionIcons.h"

#include <QHBoxLayout>
#include <QLabel>

namespace galvani::ui::session {

StatusMessage::StatusMessage(const QString& name, QWidget* parent) : QFrame(parent)
{
    setObjectName(name + QStringLiteral("Frame"));
    auto* row = new QHBoxLayout(this);
    m_icon = new QLabel(this);
    m_icon->setAlignment(Qt::AlignTop);
    m_text = new QLabel(this);
    m_text->setObjectName(name);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setFont(scaledFont(font(), 1.1));
    row->addWidget(m_icon);
    row->addWidget(m_text, 1);
    hide();
}

void StatusMessage::showMessage(Kind kind, const QString& text)
{
    m_text->setText(text);
    QString colours;
    switch (kind) {
    case Kind::Refusal:
        m_icon->setPixmap(statusPixmap(StatusIcon::Warning, 32));
        colours = QStringLiteral("background: #fdecea; border: 2px solid #c62828;");
        m_text->setAccessibleDescription(QStringLiteral("Refused"));
        break;
    case Kind::Progress:
        m_icon->setPixmap(statusPixmap(StatusIcon::NoOutput, 32));
        colours = QStringLiteral("background: #eef3f8; border: 1px solid #9fb3c8;");
        m_text->setAccessibleDescription(QStringLiteral("In progress"));
        break;
    case Kind::Info:
        m_icon->setPixmap(statusPixmap(StatusIcon::Ok, 32));
        colours = QStringLiteral("background: #e8f5e9; border: 1px solid #1b7f3a;");
        m_text->setAccessibleDescription(QStringLiteral("Done"));
        break;
    }
    setStyleSheet(QStringLiteral("#%1 { %2 border-radius: 4px; }").arg(objectName(), colours));
    show();
}

void StatusMessage::clearMessage()
{
    m_text->clear();
    hide();
}

QString StatusMessage::text() const
{
    return m_text->text();
}

} // namespace galvani::ui::session
