// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/PlacementService.h"

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
// points. Lengths are entered in cm with one decimal and stored in mm.
// Thread affinity: GUI thread. Ownership: borrows the services and the store, which must outlive it.
class PlacementPanel : public QWidget {
    Q_OBJECT
public:
    PlacementPanel(app::PlacementService& placements, app::RecordStore& store, const app::SignedInUser& user,
        QWidget* parent = nullptr);
    ~PlacementPanel() override;

    // Shows this patient's placements ("" clears the panel).
    void setPatient(const QString& mrn);
    [[nodiscard]] const QList<app::PlacementView>& placements() const { return m_current; }
    [[nodiscard]] BodyMapWidget* bodyMap() const { return m_map; }

Q_SIGNALS:
    // Placements (or their motor points) were recorded, replaced, removed or reused.
    void placementsChanged();

private:
    void reload();
    void chooseSite(const QString& siteId);
    void showSiteDetails();
    void updatePadArea();
    void loadRow(int row);
    void record();
    void reuseLastVisit();
    void removeSelected();
    [[nodiscard]] app::PlacementInput input() const;

    app::PlacementService& m_placements;
    app::RecordStore& m_store;
    app::SignedInUser m_user;
    QString m_mrn;
    QList<app::PlacementSiteInfo> m_sites;
    QList<app::PlacementView> m_current;

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
