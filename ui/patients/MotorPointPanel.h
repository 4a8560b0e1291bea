// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/MotorPointService.h"

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
// Thread affinity: GUI thread. Ownership: builds its MotorPointService on the context's store; borrows the context,
// which must outlive it; owns the search dialog (a child of the panel's window; deleted with the panel, which stops
// a search in progress).
class MotorPointPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr double kSearchCapMa = 20.0; // CLINICAL §4: the motor-point search stops at 20 mA

    MotorPointPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);
    ~MotorPointPanel() override;

    // Shows this patient's points; `placements` are the patient's current placements ("" clears the panel).
    void setPatient(const QString& mrn, const QList<app::PlacementView>& placements);
    [[nodiscard]] const QList<app::MotorPointView>& points() const { return m_points; }
    // The guided search dialog last opened (nullptr when none is open).
    [[nodiscard]] MotorPointSearchDialog* searchDialog() const;

Q_SIGNALS:
    void motorPointsChanged();

private:
    void reload();
    void record();
    void reuseRemembered();
    void withdrawSelected();
    void openSearch();

    app::AppContext& m_context;
    std::unique_ptr<app::MotorPointService> m_service;
    app::SignedInUser m_user;
    QString m_mrn;
    QList<app::PlacementView> m_placements;
    QList<app::MotorPointView> m_points;
    QList<app::MotorPointView> m_remembered;

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
