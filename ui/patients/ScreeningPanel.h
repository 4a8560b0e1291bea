// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/ScreeningService.h"
#include "ui/presenters/ScreeningPresenter.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QPushButton;

namespace galvani::ui {

class ScreeningDialog;

// The patient's contraindication screening in force: the outcome in large words with a sign (blocked, clear,
// precautions acknowledged, expired, none on record), when it was made and until when it is valid, and the items
// that apply one by one with what each means; "New screening…" opens the checklist (ScreeningDialog).
// The widget builds and binds; presenters::ScreeningPresenter reads the screening and words it. The panel keeps the
// service and the user only to hand them to the checklist dialog.
// Thread affinity: GUI thread. Ownership: borrows the service, which must outlive it.
class ScreeningPanel : public QWidget {
    Q_OBJECT
public:
    ScreeningPanel(app::ScreeningService& screenings, const app::SignedInUser& user, QWidget* parent = nullptr);

    // Shows this patient's latest screening ("" clears). patientLabel names the patient in the dialog's title.
    void setPatient(const QString& mrn, const QString& patientLabel);
    [[nodiscard]] const std::optional<app::ScreeningView>& latest() const { return m_presenter.latest(); }
    // Why the screening does not permit stimulation now, in plain words; "" when it does.
    [[nodiscard]] QString blockingReason() const { return m_presenter.blockingReason(); }
    // Opens the checklist for a new screening (window-modal, does not wait); the open dialog, if any.
    void openNewScreening();
    [[nodiscard]] ScreeningDialog* dialog() const;

Q_SIGNALS:
    void screeningChanged();

private:
    void showScreening();

    app::ScreeningService& m_screenings;
    app::SignedInUser m_user;
    presenters::ScreeningPresenter m_presenter;
    QLabel* m_status = nullptr;
    QLabel* m_dates = nullptr;
    QListWidget* m_items = nullptr;
    QLabel* m_notes = nullptr;
    QPushButton* m_new = nullptr;
    QPointer<ScreeningDialog> m_dialog;
};

// The checklist's question for an item id (the id itself when unknown).
[[nodiscard]] inline QString screeningQuestion(const QString& itemId)
{
    return presenters::ScreeningPresenter::question(itemId);
}

} // namespace galvani::ui
