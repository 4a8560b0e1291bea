// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/MotorPointService.h"

#include <QList>
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
class RecordStore;
}

namespace galvani::ui {

class FieldMessages;

// Motor points of one patient (CLINICAL §4): the points found on today's placements, a form to record one
// (placement, motor threshold in mA with one decimal, the search pulse width in µs and rate in Hz, notes), and
// the points remembered from earlier visits, which can be carried over to today's placements at the same muscle,
// side and posture, or withdrawn from reuse. Amplitudes are entered in mA and stored in µA.
// Thread affinity: GUI thread. Ownership: builds its MotorPointService on the borrowed store, which must outlive it.
class MotorPointPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr double kSearchCapMa = 20.0; // CLINICAL §4: the motor-point search stops at 20 mA

    MotorPointPanel(app::RecordStore& store, const app::SignedInUser& user, QWidget* parent = nullptr);
    ~MotorPointPanel() override;

    // Shows this patient's points; `placements` are the patient's current placements ("" clears the panel).
    void setPatient(const QString& mrn, const QList<app::PlacementView>& placements);
    [[nodiscard]] const QList<app::MotorPointView>& points() const { return m_points; }

Q_SIGNALS:
    void motorPointsChanged();

private:
    void reload();
    void record();
    void reuseRemembered();
    void withdrawSelected();

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
    QLabel* m_message = nullptr;
    QTableWidget* m_rememberedTable = nullptr;
    QPushButton* m_reuse = nullptr;
    QPushButton* m_withdraw = nullptr;
    std::unique_ptr<FieldMessages> m_messages;
};

} // namespace galvani::ui
