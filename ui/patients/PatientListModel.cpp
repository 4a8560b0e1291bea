// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/PatientListModel.h"

#include "ui/presenters/PatientFinderPresenter.h"

namespace galvani::ui {

PatientListModel::PatientListModel(QObject* parent) : QAbstractListModel(parent)
{
}

void PatientListModel::setPatients(const QList<app::PatientSummary>& patients)
{
    beginResetModel();
    m_patients = patients;
    endResetModel();
}

int PatientListModel::rowOf(const QString& mrn) const
{
    for (qsizetype i = 0; i < m_patients.size(); ++i) {
        if (m_patients.at(i).mrn == mrn) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int PatientListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_patients.size());
}

QVariant PatientListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const app::PatientSummary& p = m_patients.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return presenters::PatientFinderPresenter::resultText(p);
    case Qt::AccessibleTextRole:
    case Qt::ToolTipRole:
        return presenters::PatientFinderPresenter::resultDescription(p);
    case MrnRole:
        return p.mrn;
    default:
        return {};
    }
}

} // namespace galvani::ui
