// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/PlacementService.h"
#include "ui/presenters/PlacementPresenter.h"

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

class BodyMapWidget;
class FieldMessages;

// Electrode placements of one patient (CLINICAL §4): the body map (front and back) with the catalogue's sites and
// the patient's current placements, a form for one electrode (channel 1–8, site, offset from the landmark in cm,
// pad size, pad type, polarity, posture, lead label, notes) and the current placements in a table. A site is
// picked on the map (mouse or keyboard) or in the form's site list. Recording on a channel that already has an
// electrode of the same role (active or reference) replaces it (the old version stays on record). "Reuse last
// visit" records today's visit with the same placements and, through MotorPointService, their remembered motor
// points. Lengths are entered in cm with one decimal and stored in mm. What it lists, allows and says comes from its
// presenters::PlacementPresenter; the panel builds its widgets, the body map and the table.
// Thread affinity: GUI thread. Ownership: borrows the services and the store, which must outlive it.
class PlacementPanel : public QWidget {
    Q_OBJECT
public:
    PlacementPanel(app::PlacementService& placements, app::RecordStore& store, const app::SignedInUser& user,
        QWidget* parent = nullptr);
    ~PlacementPanel() override;

    // Shows this patient's placements ("" clears the panel).
    void setPatient(const QString& mrn);
    [[nodiscard]] const QList<app::PlacementView>& placements() const;
    [[nodiscard]] BodyMapWidget* bodyMap() const { return m_map; }

Q_SIGNALS:
    // Placements (or their motor points) were recorded, replaced, removed or reused.
    void placementsChanged();

private:
    // The presenter's placements on the map and in the table; `problem` (a read error) on the message line.
    void showPlacements(const QString& problem);
    // An action's result: an error under the form or on the message line; a success shown with the placements again
    // and placementsChanged.
    void showResult(const presenters::PlacementPresenter::Result& result);
    void chooseSite(const QString& siteId);
    void showSiteDetails();
    void loadRow(int row);
    void record();
    void reuseLastVisit();
    void removeSelected();
    [[nodiscard]] presenters::PlacementPresenter::Form form() const;

    presenters::PlacementPresenter* m_presenter = nullptr;

    BodyMapWidget* m_map = nullptr;
    QSpinBox* m_channel = nullptr;
    QComboBox* m_site = nullptr;
    QLabel* m_landmark = nullptr;
    QDoubleSpinBox* m_cranial = nullptr;
    QDoubleSpinBox* m_lateral = nullptr;
    QComboBox* m_padSize = nullptr;
    QDoubleSpinBox* m_padWidth = nullptr;
    QDoubleSpinBox* m_padHeight = nullptr;
    QLabel* m_padArea = nullptr;
    QComboBox* m_kind = nullptr;
    QSpinBox* m_reuseCount = nullptr;
    QComboBox* m_polarity = nullptr;
    QComboBox* m_posture = nullptr;
    QLineEdit* m_lead = nullptr;
    QLineEdit* m_notes = nullptr;
    QPushButton* m_record = nullptr;
    QLabel* m_message = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_reuse = nullptr;
    QPushButton* m_remove = nullptr;
    std::unique_ptr<FieldMessages> m_messages;
};

} // namespace galvani::ui
