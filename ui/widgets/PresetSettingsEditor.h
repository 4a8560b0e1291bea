// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/services/PresetService.h"
#include "app/session/SessionTypes.h"

#include <QList>
#include <QWidget>

class QDoubleSpinBox;
class QFormLayout;
class QLabel;

namespace galvani::ui {

// The editor of a preset's values before a session: one spin box per editable value (PresetService::fields) with
// its allowed range and unit shown beside it, the preset default marked, and a message naming the field and the
// range when something outside it is typed (the box keeps its last valid value). settings() returns only the values
// that differ from the preset's defaults, ready for SessionRequest::settings; the session controller checks them
// again. Amplitude and duration are not here: they are set per channel and per session.
// Thread affinity: GUI thread. Ownership: a plain widget.
class PresetSettingsEditor : public QWidget {
    Q_OBJECT
public:
    explicit PresetSettingsEditor(QWidget* parent = nullptr);

    // Rebuilds the editor for one preset's fields; every value starts at its default.
    void setFields(const QList<app::PresetField>& fields);
    [[nodiscard]] QList<app::ProgramSetting> settings() const;
    // Every field's current value, changed or not (what a clinic preset saves).
    [[nodiscard]] QList<app::ProgramSetting> allValues() const;
    // Sets one field (as a restored draft does); false when there is no such field or the value is outside its range.
    bool setValue(const QString& field, double value);
    void resetToDefaults();
    [[nodiscard]] QString message() const; // the last range message, empty when none

Q_SIGNALS:
    void settingsChanged();

private:
    struct Row {
        app::PresetField field;
        QDoubleSpinBox* box = nullptr;
    };
    void typed(const Row& row, const QString& text);

    QList<Row> m_rows;
    QFormLayout* m_form = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_empty = nullptr;
};

// "250–400 µs" for a field's range, with the unit when it has one.
[[nodiscard]] QString rangeText(const app::PresetField& field);

} // namespace galvani::ui
