// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/ScreeningService.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace galvani::ui::presenters {

// The patient's contraindication screening in force, for ScreeningPanel: the latest screening read through
// app::ScreeningService (ViewScreening), its state (blocked, expired, precautions acknowledged, clear, none on
// record, or unreadable, with the service's message) and that state in large words with a sign, when and by whom
// it was made and until when it is valid, every item that applies one by one with what it means for stimulation
// (forbidden site, absolute, cleared by a specialist, precaution taken into account, "not sure" counted as yes, the
// item's detail), the notes, and why the screening does not permit stimulation now. Recording a new screening is the
// checklist's (ScreeningDialog); canRecord() says whether the role may (RecordScreening).
// Thread affinity: the RecordStore's thread (the GUI thread; a read is one short query). Ownership: borrows the
// service, which must outlive it.
class ScreeningPresenter : public QObject {
    Q_OBJECT
public:
    // What the screening in force means now; the panel marks each with its colour as well as its words.
    enum class State { NoPatient, Missing, Unreadable, Blocked, Expired, Precautions, Clear };

    ScreeningPresenter(app::ScreeningService& screenings, app::SignedInUser user, QObject* parent = nullptr);

    [[nodiscard]] bool canRecord() const;

    // Reads this patient's latest screening ("" clears). patientLabel names the patient for the checklist's title.
    // Emits screeningRead.
    void setPatient(const QString& mrn, const QString& patientLabel);
    // Reads it again (after a new screening was recorded). Emits screeningRead.
    void reload();
    [[nodiscard]] const QString& mrn() const { return m_mrn; }
    [[nodiscard]] const QString& patientLabel() const { return m_patientLabel; }
    [[nodiscard]] const std::optional<app::ScreeningView>& latest() const { return m_latest; }

    [[nodiscard]] State state() const;
    // "✖ STIMULATION BLOCKED — see the items below", "✔ Screening clear — treatment allowed", …; empty without a
    // patient; the service's message after "⚠ " when the screening could not be read.
    [[nodiscard]] QString statusText() const;
    // "Screened 2026-01-31 14:05 by you · valid until 2026-05-01"; empty without a screening.
    [[nodiscard]] QString datesText() const;
    // One line per item that applies, in checklist order, starting with its sign (✖ blocks, ⚠ precaution, ✔ cleared);
    // "✔ Nothing on the checklist applies." when none does; empty without a screening.
    [[nodiscard]] QStringList itemLines() const;
    // "Notes: …", or empty.
    [[nodiscard]] QString notesText() const;
    // Why the screening does not permit stimulation now, in plain words; "" when it does.
    [[nodiscard]] QString blockingReason() const;

    // The checklist's question for an item id (the id itself when unknown).
    [[nodiscard]] static QString question(const QString& itemId);

Q_SIGNALS:
    void screeningRead();

private:
    app::ScreeningService& m_screenings;
    app::SignedInUser m_user;
    QString m_mrn;
    QString m_patientLabel;
    std::optional<app::ScreeningView> m_latest;
    bool m_missing = false;
    QString m_loadError;
};

} // namespace galvani::ui::presenters
