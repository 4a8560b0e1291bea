// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "ui/presenters/PatientFinderPresenter.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace galvani::app {
class PatientService;
}

namespace galvani::ui {

class PatientListModel;

// Finds a patient: a search field (MRN or name, filtered as the therapist types; Enter opens the first result,
// Down moves into the list) and the results with both identifiers. "New patient…" (Ctrl+N) is offered to roles
// that may add patients. The widget builds and binds; presenters::PatientFinderPresenter searches, words the
// results and keeps the patient the workspace shows. Thread affinity: GUI thread. Ownership: borrows the service,
// which must outlive it.
class PatientFinder : public QWidget {
    Q_OBJECT
public:
    PatientFinder(app::PatientService& patients, const app::SignedInUser& user, QWidget* parent = nullptr);

    // Runs the search again (after a patient was added elsewhere).
    void refresh() { m_presenter.refresh(); }
    // Highlights the patient's row whenever it is among the results, without emitting patientChosen().
    void showCurrent(const QString& mrn) { m_presenter.showCurrent(mrn); }
    // Focuses the search field with its text selected (the workspace's Ctrl+F).
    void focusSearch();
    [[nodiscard]] PatientListModel* model() const { return m_model; }

Q_SIGNALS:
    void patientChosen(const QString& mrn);
    void newPatientRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showResults();
    void showCurrentRow();

    presenters::PatientFinderPresenter m_presenter;
    QLineEdit* m_search = nullptr;
    QListView* m_results = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_new = nullptr;
    PatientListModel* m_model = nullptr;
    bool m_quiet = false; // set while the list's current row is changed from code
};

} // namespace galvani::ui
