// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/session/SessionTypes.h"
#include "ui/presenters/SessionEndPresenter.h"

#include <QMap>
#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace galvani::ui::session {

// Stage 4: the end of a session (SessionController::ended) — the end reason in words, the stimulation time, per
// channel the largest amplitude and the delivered charge — and the outcome prompt: NPRS after (0–10, or declined)
// and notes (at most 1000 characters, with a counter). "Record outcome" asks for recordOutcome(); when there is
// nothing to record (no score before or after, or the end itself could not be recorded) the button finishes
// instead. What it shows and how the form behaves is decided by its presenters::SessionEndPresenter. Thread
// affinity: GUI thread. Ownership: a child widget. Units: µA shown in mA, µC in µC or mC, ms.
class SessionEndPage final : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxNotes = presenters::SessionEndPresenter::kMaxNotes;

    explicit SessionEndPage(QWidget* parent = nullptr);

    // sites: the placement site per channel (from the plan); durationMs: the planned stimulation time.
    void showSummary(const app::SessionSummary& summary, const QMap<int, QString>& sites, qint64 durationMs);
    // The therapist's answer as typed (no check beyond the form's own limits).
    [[nodiscard]] app::OutcomeAnswer answer() const;
    // A refusal or a failure to record, verbatim; the form stays as typed for another try.
    void showOutcomeError(const QString& message);
    // Keyboard focus to the first answer (NPRS after).
    void focusAnswer();
    // While the outcome is being written: the button waits.
    void setBusy(bool busy);

Q_SIGNALS:
    void recordRequested();
    void finishRequested(); // nothing to record (declined, or the end was not recorded)

private:
    [[nodiscard]] std::optional<int> painAfter() const;
    [[nodiscard]] presenters::SessionEndPresenter::FormState formState() const;
    void updateForm();

    presenters::SessionEndPresenter* m_presenter = nullptr;
    bool m_busy = false;
    QLabel* m_reason = nullptr;
    QLabel* m_detail = nullptr;
    QLabel* m_time = nullptr;
    QLabel* m_totals = nullptr;
    QLabel* m_notRecorded = nullptr;
    QLabel* m_prompt = nullptr;
    QLabel* m_before = nullptr;
    QSpinBox* m_after = nullptr;
    QPlainTextEdit* m_notes = nullptr;
    QLabel* m_counter = nullptr;
    QLabel* m_hint = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_record = nullptr;
};

} // namespace galvani::ui::session
