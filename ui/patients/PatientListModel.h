// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/services/PatientService.h"

#include <QAbstractListModel>
#include <QList>

namespace galvani::ui {

// Search results: one row per patient showing both identifiers (name with date of birth, and MRN) on two lines,
// worded by presenters::PatientFinderPresenter. MrnRole gives the MRN of a row. Thread affinity: GUI thread.
// Ownership: owns its copies of the summaries.
class PatientListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles { MrnRole = Qt::UserRole + 1 };

    explicit PatientListModel(QObject* parent = nullptr);

    void setPatients(const QList<app::PatientSummary>& patients);
    [[nodiscard]] const QList<app::PatientSummary>& patients() const { return m_patients; }
    // Row of the patient with this MRN, or -1.
    [[nodiscard]] int rowOf(const QString& mrn) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<app::PatientSummary> m_patients;
};

} // namespace galvani::ui
