// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

namespace galvani::app {

class RecordStore;

enum class ScreeningSeverity { Absolute, Precaution };
enum class ScreeningAnswer { No, Yes, Unknown }; // Unknown counts as Yes
enum class ScreeningOutcome { Clear, PrecautionsAcknowledged, Blocked };
[[nodiscard]] QString toString(ScreeningOutcome outcome); // "clear", "precautions acknowledged", "blocked"

// One question of the contraindication checklist (CLINICAL §3). Plain value.
struct ChecklistItemInfo {
    QString id; // "implanted_device", "heart_disease", …
    ScreeningSeverity severity = ScreeningSeverity::Absolute;
    bool clearable = true; // false for forbidden sites: no clearance can lift them
    QString question;
};

// The therapist's answer to one item. acknowledged: the therapist has taken the precaution into account (needed
// for every item that applies, and for a cleared absolute item). detail: which implant, which site (≤ 1000).
struct ScreeningAnswerInput {
    QString itemId;
    ScreeningAnswer answer = ScreeningAnswer::Unknown;
    bool acknowledged = false;
    QString detail;
};

// A screening to record: every checklist item answered once. Plain value.
struct ScreeningInput {
    static constexpr int kDefaultValidDays = 90; // clinic default (CLINICAL §3 gives none); re-screen sooner
    static constexpr int kMaxValidDays = 365; //    whenever the patient's health changes

    QList<ScreeningAnswerInput> answers;
    QString clearanceReason; // specialist clearance for clearable absolute items (who, why); empty: none
    QString notes; // up to 4000 characters
    int validDays = kDefaultValidDays; // 1–kMaxValidDays

    // Every item answered "no".
    [[nodiscard]] static ScreeningInput noneApply();
};

// A recorded screening with what it means. Times in UTC ms. Plain value.
struct ScreeningView {
    qint64 id = 0;
    qint64 patientId = 0;
    qint64 screenedBy = 0;
    qint64 screenedUtcMs = 0;
    qint64 expiresUtcMs = 0;
    ScreeningOutcome outcome = ScreeningOutcome::Blocked;
    bool expired = false; // at the time of the call
    bool permitsTreatment = false; // not blocked and not expired
    QString reason; // why this outcome: the items that block, the precautions acknowledged, or "nothing applies"
    QStringList itemsThatApply; // answered yes or unknown
    QString clearanceReason;
    QString notes;
    QList<ScreeningAnswerInput> answers;
};

// Contraindication screening (CLINICAL §3). record → RecordScreening, latest → ViewScreening. The outcome is
// derived by the record store from the answers (never taken from the caller); signed screenings never change —
// a change in health is a new screening. Answers come from the GUI form or from a file (ScreeningAnswersFile).
// Thread affinity: the RecordStore's thread. Ownership: borrows the store.
class ScreeningService {
public:
    explicit ScreeningService(RecordStore& store);

    [[nodiscard]] static QList<ChecklistItemInfo> checklist();

    [[nodiscard]] AppResult<ScreeningView> record(
        const SignedInUser& user, const QString& patientMrn, const ScreeningInput& input);
    // The patient's most recent screening (the one in force), or NotFound when the patient was never screened.
    [[nodiscard]] AppResult<ScreeningView> latest(const SignedInUser& user, const QString& patientMrn);

private:
    RecordStore& m_store;
};

} // namespace galvani::app
