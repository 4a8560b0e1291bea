// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/MotorPointService.h"
#include "app/services/PlacementService.h"
#include "ui/presenters/Feedback.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace galvani::app {
class RecordStore;
}

namespace galvani::ui::presenters {

// A patient's motor points (CLINICAL §4), for MotorPointPanel: the points on today's placements and those
// remembered from earlier visits, as table rows in words; which actions apply (record needs a placement, the
// guided search a role that runs sessions too, carrying over and withdrawing need remembered points) with the
// tooltips that say why not; recording a point typed in mA, Hz and µs (stored in µA and mHz), carrying the
// remembered points over to today's placements, withdrawing one from reuse with a reason; each result in words,
// a service's refusal verbatim. The guided search itself is MotorPointSearchDialog's.
// Thread affinity: the RecordStore's thread (the GUI thread). Ownership: borrows the store, which must outlive it.
class MotorPointPresenter : public QObject {
    Q_OBJECT
public:
    // Where an error belongs: Form, the record form's fields (the panel finds the field the message names); None,
    // the panel's message line.
    enum class Field { None, Form };
    using Result = Feedback<Field>;

    // What the therapist typed to record a point.
    struct Input {
        qint64 placementId = 0;
        double thresholdMa = 0.0;
        int pulseWidthUs = 0;
        double frequencyHz = 0.0;
        QString notes;
    };

    MotorPointPresenter(app::RecordStore& store, app::SignedInUser user, QObject* parent = nullptr);

    // Shows this patient's points; `placements` are the patient's current placements ("" clears). Returns the
    // first read error in words, or empty.
    QString setPatient(const QString& mrn, const QList<app::PlacementView>& placements);
    // Reads the points again; the first read error in words, or empty.
    QString reload();
    [[nodiscard]] const QString& mrn() const { return m_mrn; }
    [[nodiscard]] const QList<app::PlacementView>& placements() const { return m_placements; }
    [[nodiscard]] const QList<app::MotorPointView>& points() const { return m_points; }
    // Earlier visits' points only: those on today's placements are in points().
    [[nodiscard]] const QList<app::MotorPointView>& remembered() const { return m_remembered; }
    // Channel, site, posture, threshold, search stimulus, when found, notes.
    [[nodiscard]] QList<QStringList> pointRows() const;
    // Day found, channel, site, posture, threshold, search stimulus, notes.
    [[nodiscard]] QList<QStringList> rememberedRows() const;

    [[nodiscard]] bool canRecord() const { return !m_placements.isEmpty(); }
    [[nodiscard]] QString recordTip() const;
    [[nodiscard]] bool canSearch() const;
    [[nodiscard]] QString searchTip() const;
    [[nodiscard]] bool canReuse() const { return !m_remembered.isEmpty() && !m_placements.isEmpty(); }
    [[nodiscard]] bool canWithdraw() const { return !m_remembered.isEmpty(); }

    // Records a point: Success naming site, channel and threshold, or the refusal (Field::Form) with nothing written.
    Result record(const Input& input);
    // Carries the remembered points over to today's placements at the same muscle, side and posture.
    Result reuse();
    // Checks that a remembered row is chosen before the reason is asked: Error, or Kind None.
    [[nodiscard]] Result checkWithdraw(int rememberedRow) const;
    // Withdraws the remembered point of that row from reuse, with the reason given.
    Result withdraw(int rememberedRow, const QString& reason);
    // The placement the guided search runs on (an index into placements()), or nullopt with *problem saying why.
    [[nodiscard]] std::optional<app::PlacementView> searchPlacement(int index, QString* problem) const;
    // The result line for a point the guided search marked.
    [[nodiscard]] static QString markedText(const app::MotorPointView& point);

private:
    app::MotorPointService m_service;
    app::SignedInUser m_user;
    QString m_mrn;
    QList<app::PlacementView> m_placements;
    QList<app::MotorPointView> m_points;
    QList<app::MotorPointView> m_remembered;
};

} // namespace galvani::ui::presenters
