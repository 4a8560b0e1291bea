// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/MotorPointService.h"
#include "ui/presenters/MotorPointPresenter.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

class FieldMessages;
class MotorPointSearchDialog;

// Motor points of one patient (CLINICAL §4): the points found on today's placements, a form to record one
// (placement, motor threshold in mA with one decimal, the search pulse width in µs and rate in Hz, notes), and
// the points remembered from earlier visits, which can be carried over to today's placements at the same muscle,
// side and posture, or withdrawn from reuse. "Guided search…" opens MotorPointSearchDialog on the chosen placement:
// a recorded one-channel session of the motor-point search probe, where the therapist raises the current and marks
// the point at the first twitch. Amplitudes are entered in mA and stored in µA.
// What it lists, allows and says comes from its presenters::MotorPointPresenter, which holds the MotorPointService.
// Thread affinity: GUI thread. Ownership: borrows the context, which must outlive it; owns the search dialog (a child
// of the panel's window; deleted with the panel, which stops a search in progress).
class MotorPointPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr double kSearchCapMa = 20.0; // CLINICAL §4: the motor-point search stops at 20 mA

    MotorPointPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);
    ~MotorPointPanel() override;

    // Shows this patient's points; `placements` are the patient's current placements ("" clears the panel).
    void setPatient(const QString& mrn, const QList<app::PlacementView>& placements);
    [[nodiscard]] const QList<app::MotorPointView>& points() const;
    // The guided search dialog last opened (nullptr when none is open).
    [[nodiscard]] MotorPointSearchDialog* searchDialog() const;

Q_SIGNALS:
    void motorPointsChanged();

private:
    // The presenter's points in the tables and the actions that apply; `problem` (a read error) on the message line.
    void showPoints(const QString& problem);
    // An action's result: an error under the form or on the message line; else the tables again, the result line
    // and motorPointsChanged.
    void showResult(const presenters::MotorPointPresenter::Result& result);
    void record();
    void reuseRemembered();
    void withdrawSelected();
    void openSearch();

    app::AppContext& m_context;
    app::SignedInUser m_user;
    presenters::MotorPointPresenter* m_presenter = nullptr;

    QTableWidget* m_table = nullptr;
    QComboBox* m_placement = nullptr;
    QDoubleSpinBox* m_threshold = nullptr;
    QSpinBox* m_pulseWidth = nullptr;
    QDoubleSpinBox* m_frequency = nullptr;
    QLineEdit* m_notes = nullptr;
    QPushButton* m_record = nullptr;
    QPushButton* m_guided = nullptr;
    QPointer<MotorPointSearchDialog> m_search;
    QLabel* m_message = nullptr;
    QTableWidget* m_rememberedTable = nullptr;
    QPushButton* m_reuse = nullptr;
    QPushButton* m_withdraw = nullptr;
    std::unique_ptr<FieldMessages> m_messages;
};

} // namespace galvani::ui
