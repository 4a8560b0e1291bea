// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/SessionHistoryService.h"
#include "ui/presenters/HistoryPresenter.h"

#include <QString>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

class SessionChart;

// The history of recorded sessions, for the admin tabs and for therapists (who may reach it from a patient with
// setPatientFilter()). Filters: patient MRN, therapist user name, first and last day (the workstation's calendar,
// both included; the first day starts 90 days back, uncheck it for everything), end reason. Results newest first,
// 200 per page, with Newer/Older paging. Selecting a session shows it in full below: the channels (programme,
// electrode site, highest amplitude, delivered charge, the calibration in force), the per-second delivered current
// as a chart (commanded and measured min/mean/max per channel), every recorded event with its wall-clock time and
// its time since the start (from the monotonic clock), and the outcome (pain before and after).
// Access follows the grant table through app::SessionHistoryService (ViewSessionHistory: therapists, who see every
// session of the clinic, and admins, from whom outcomes are withheld). The panel builds and binds;
// presenters::HistoryPresenter queries and words. A role without the grant gets a notice in place of the filters and
// the panel makes no call, so no refusal is written for merely opening it; a refusal the service still returns is shown
// verbatim. Patient identity appears only when the service gives it. Thread affinity: GUI thread (each query is one
// short read on the GUI thread's store). Ownership: borrows the AppContext, which must outlive it.
class HistoryPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kPageRows = presenters::HistoryPresenter::kPageRows;

    HistoryPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);

    // Shows the sessions of one patient (every day) and selects the newest. An empty MRN clears the filter.
    void setPatientFilter(const QString& mrn);
    // Runs the filters from the first page.
    void search();

    [[nodiscard]] const app::SessionHistoryPage& currentPage() const { return m_presenter.page(); }
    [[nodiscard]] const std::optional<app::SessionHistoryDetail>& currentDetail() const { return m_presenter.detail(); }

private:
    void buildFilters(QGroupBox* box);
    void buildDetail(QWidget* pane);
    void fillResults();
    void selectionChanged();
    void showDetail();
    void fillChart(const app::SessionHistoryDetail& d);
    [[nodiscard]] app::SessionHistoryFilter filterFromForm() const;

    presenters::HistoryPresenter m_presenter;
    bool m_filling = false; // the results are being refilled: their selection signals are not the user's

    QLineEdit* m_mrn = nullptr;
    QLineEdit* m_therapist = nullptr;
    QCheckBox* m_fromOn = nullptr;
    QDateEdit* m_from = nullptr;
    QCheckBox* m_toOn = nullptr;
    QDateEdit* m_to = nullptr;
    QComboBox* m_endReason = nullptr;
    QPushButton* m_search = nullptr;
    QLabel* m_listMessage = nullptr;
    QTableWidget* m_results = nullptr;
    QLabel* m_pageLabel = nullptr;
    QPushButton* m_newer = nullptr;
    QPushButton* m_older = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_detailMessage = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableWidget* m_channels = nullptr;
    QTableWidget* m_events = nullptr;
    QLabel* m_outcome = nullptr;
    SessionChart* m_chart = nullptr;
};

} // namespace galvani::ui
