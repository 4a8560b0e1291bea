// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/FieldMessages.h"

#include <QLabel>
#include <QWidget>

namespace galvani::ui {

void setErrorText(QLabel* label, const QString& message)
{
    if (label == nullptr) {
        return;
    }
    label->setStyleSheet(QStringLiteral("color: #b00020; font-weight: 600;"));
    label->setText(message.isEmpty() ? QString() : QStringLiteral("⚠ ") + message);
    label->setVisible(!message.isEmpty());
}

void setOkText(QLabel* label, const QString& message)
{
    if (label == nullptr) {
        return;
    }
    label->setStyleSheet(QStringLiteral("color: #0b5d1e; font-weight: 600;"));
    label->setText(QStringLiteral("✔ ") + message);
    label->setVisible(!message.isEmpty());
}

FieldMessages::FieldMessages(QLabel* fallback) : m_fallback(fallback)
{
}

QLabel* FieldMessages::makeLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setErrorText(label, QString());
    return label;
}

void FieldMessages::add(const QStringList& keywords, QWidget* field, QLabel* label)
{
    m_entries.append(Entry{keywords, field, label});
}

QWidget* FieldMessages::show(const QString& message)
{
    clear();
    for (const Entry& e : m_entries) {
        for (const QString& k : e.keywords) {
            if (message.contains(k, Qt::CaseInsensitive) && e.label) {
                setErrorText(e.label, message);
                if (e.field) {
                    e.field->setFocus(Qt::OtherFocusReason);
                }
                return e.field;
            }
        }
    }
    setErrorText(m_fallback, message);
    return nullptr;
}

QWidget* FieldMessages::showAt(QWidget* field, const QString& message)
{
    clear();
    for (const Entry& e : m_entries) {
        if (field != nullptr && e.field == field && e.label) {
            setErrorText(e.label, message);
            field->setFocus(Qt::OtherFocusReason);
            return field;
        }
    }
    setErrorText(m_fallback, message);
    return nullptr;
}

void FieldMessages::clear()
{
    for (const Entry& e : m_entries) {
        setErrorText(e.label, QString());
    }
    setErrorText(m_fallback, QString());
}

} // namespace galvani::ui
