// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/session/SessionTypes.h"
#include "ui/presenters/ClinicPresetPresenter.h"

#include <QGroupBox>
#include <QList>
#include <QString>

#include <functional>

class QLineEdit;
class QPushButton;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui::session {

class StatusMessage;

// The treatment setup's "Clinic presets" box: saves the programme settings as they stand (every editable value,
// the built-in preset they belong to and the session length) as a clinic preset under a new name, or retires the
// clinic preset that is chosen, each with a required reason (ClinicPresetService; therapists only, so the box is
// not shown to a role without EditPresets). The service's refusals are shown verbatim and nothing typed is lost;
// after a save or a retirement `changed(id)` asks the page to list the presets again (id: the saved preset, or
// empty after a retirement). Keyboard: Alt+N name, Alt+O reason. The service calls and the words of each result are
// its presenters::ClinicPresetPresenter's.
// Thread affinity: GUI thread. Ownership: a child widget; borrows the context.
class ClinicPresetBox final : public QGroupBox {
    Q_OBJECT
public:
    using Source = presenters::ClinicPresetPresenter::Source;
    using SourceFn = std::function<Source()>;

    ClinicPresetBox(
        app::AppContext& context, const app::SignedInUser& user, SourceFn source, QWidget* parent = nullptr);

    // Whether the chosen entry is a clinic preset (Retire is offered only then).
    void setChosen(const QString& presetId);

Q_SIGNALS:
    void changed(const QString& presetId);

private:
    void save();
    void retire();

    presenters::ClinicPresetPresenter* m_presenter = nullptr;
    SourceFn m_source;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_reason = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_retire = nullptr;
    StatusMessage* m_message = nullptr;
};

} // namespace galvani::ui::session
