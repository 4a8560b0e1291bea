// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

class QLabel;
class QWidget;

namespace galvani::ui {

// Puts a service's refusal next to the field it names. The services' messages name the field in plain words
// ("date of birth '1999-02-30' is not a date …", "channel = 9 is outside 1–8"), so each field registers the words
// that name it (or a presenter says which field it is, showAt); the message is shown verbatim in that field's label
// (with a warning sign, so colour is not the only signal), or in the fallback label when no field matches. Inputs
// are never touched: nothing typed is lost.
// Thread affinity: GUI thread. Ownership: borrows the widgets (tracked with QPointer).
class FieldMessages {
public:
    explicit FieldMessages(QLabel* fallback = nullptr);

    // An error label made for `field`: red, word-wrapped, hidden while empty. The caller places it in its layout.
    [[nodiscard]] static QLabel* makeLabel(const QString& objectName, QWidget* parent);

    void add(const QStringList& keywords, QWidget* field, QLabel* label);
    // Shows the message at the first field whose keyword it contains (case-insensitive), focuses that field and
    // returns it; nullptr when it went to the fallback label.
    QWidget* show(const QString& message);
    // Shows the message at `field` when it was added (a presenter named it), focuses it and returns it; otherwise in
    // the fallback label, returning nullptr.
    QWidget* showAt(QWidget* field, const QString& message);
    void clear();

private:
    struct Entry {
        QStringList keywords;
        QPointer<QWidget> field;
        QPointer<QLabel> label;
    };
    QList<Entry> m_entries;
    QPointer<QLabel> m_fallback;
};

// Sets a label's text as an error (warning sign + text, red) or hides it when the text is empty.
void setErrorText(QLabel* label, const QString& message);
// Sets a label's text as a confirmation (check mark + text, green).
void setOkText(QLabel* label, const QString& message);

} // namespace galvani::ui
