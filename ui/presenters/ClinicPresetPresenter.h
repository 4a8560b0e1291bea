// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/session/SessionTypes.h"
#include "ui/presenters/Feedback.h"

#include <QList>
#include <QObject>
#include <QString>

namespace galvani::app {
class ClinicPresetService;
}

namespace galvani::ui::presenters {

// The treatment setup's clinic presets, for ClinicPresetBox: the programme settings as they stand saved as a clinic
// preset under a new name, or the chosen clinic preset retired, each with a required reason (ClinicPresetService,
// EditPresets). Each result in words, a refusal verbatim with nothing written; after a save or a retirement
// changedId() names the preset to list and choose (empty after a retirement).
// Thread affinity: GUI thread. Ownership: borrows the service, which must outlive it.
class ClinicPresetPresenter : public QObject {
    Q_OBJECT
public:
    enum class Field { None };
    using Result = Feedback<Field>;

    // The programme settings as they stand on the setup page.
    struct Source {
        QString presetId; // the entry chosen: a built-in preset or a clinic preset ("clinic-…")
        QString basePresetId; // the built-in preset the values belong to
        QString presetName;
        QList<app::ProgramSetting> values; // every editable value as it stands
        int sessionMinutes = 20;
    };

    ClinicPresetPresenter(app::ClinicPresetService& presets, app::SignedInUser user, QObject* parent = nullptr);

    // The entry chosen on the setup page; Retire applies to a clinic preset only.
    void setChosen(const QString& presetId);
    [[nodiscard]] bool canRetire() const;

    Result save(const Source& source, const QString& name, const QString& reason);
    Result retire(const Source& source, const QString& reason);
    // The preset saved last (to list and choose), or empty after a retirement.
    [[nodiscard]] const QString& changedId() const { return m_changedId; }

private:
    app::ClinicPresetService& m_presets;
    app::SignedInUser m_user;
    QString m_chosen;
    QString m_changedId;
};

} // namespace galvani::ui::presenters
