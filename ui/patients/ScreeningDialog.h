// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/ScreeningService.h"
#include "ui/presenters/ScreeningChecklistPresenter.h"

#include <QDialog>
#include <QList>

class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace galvani::ui {

// The contraindication checklist of CLINICAL §3, one row per item: the question, what kind of item it is
// (absolute, forbidden site, precaution), the answer (yes / no / not sure, which counts as yes), "taken into
// account" and an optional detail. "None apply" answers every item no. A live verdict under the list says what
// the answers mean for stimulation, in words and with a sign, before anything is saved.
// Saving needs every item answered and every precaution that applies acknowledged (the acknowledgement is
// recorded with the item); an absolute item that applies blocks stimulation unless it can be cleared and a
// specialist clearance with a reason is entered (and then it too must be acknowledged). Forbidden sites can never
// be cleared. The record store derives the outcome; the dialog only explains it. Refusals from the service are
// shown in the dialog with every answer kept. The verdict, the checks before saving and the record come from its
// presenters::ScreeningChecklistPresenter; the dialog builds its widgets and shows what the presenter says.
// Thread affinity: GUI thread. Ownership: borrows the service, which must outlive it.
class ScreeningDialog : public QDialog {
    Q_OBJECT
public:
    ScreeningDialog(app::ScreeningService& screenings, const app::SignedInUser& user, const QString& mrn,
        const QString& patientLabel, QWidget* parent = nullptr);

    // Test and keyboard helpers: answer an item (by checklist id) and tick its acknowledgement.
    void setAnswer(const QString& itemId, app::ScreeningAnswer answer);
    void setAcknowledged(const QString& itemId, bool acknowledged);
    // The input as the form stands (unanswered items are left out).
    [[nodiscard]] app::ScreeningInput input() const;

Q_SIGNALS:
    void recorded(const galvani::app::ScreeningView& screening);

private:
    struct Row {
        app::ChecklistItemInfo item;
        QButtonGroup* answer = nullptr; // ids: 0 no, 1 yes, 2 not sure
        QCheckBox* acknowledged = nullptr;
        QLineEdit* detail = nullptr;
        QLabel* question = nullptr;
    };

    void noneApply();
    void updateVerdict();
    void save();
    [[nodiscard]] const Row* rowOf(const QString& itemId) const;
    // The form as it stands, in the checklist's order.
    [[nodiscard]] presenters::ScreeningChecklistPresenter::Form form() const;

    presenters::ScreeningChecklistPresenter* m_presenter = nullptr;
    QList<Row> m_rows;
    QLineEdit* m_clearance = nullptr;
    QPlainTextEdit* m_notes = nullptr;
    QSpinBox* m_validDays = nullptr;
    QLabel* m_verdict = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace galvani::ui
