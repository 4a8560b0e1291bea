// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>

namespace galvani::ui::presenters {

// What a presenter reports after an action, for the panel to show under the form it concerns: a kind the panel
// marks with a symbol and a word (colour is never the only signal), the text exactly as it is to be shown (a
// service's message verbatim), and the field the panel should give the focus to, from the presenter's own Field
// enum (Field{} when none).
enum class FeedbackKind { None, Info, Success, Error };

template <typename Field>
struct Feedback {
    FeedbackKind kind = FeedbackKind::None;
    QString text;
    Field focus{};

    [[nodiscard]] bool isError() const { return kind == FeedbackKind::Error; }
    [[nodiscard]] static Feedback error(QString text, Field focus = Field{})
    {
        return {FeedbackKind::Error, std::move(text), focus};
    }
    [[nodiscard]] static Feedback success(QString text) { return {FeedbackKind::Success, std::move(text), Field{}}; }
    [[nodiscard]] static Feedback info(QString text) { return {FeedbackKind::Info, std::move(text), Field{}}; }
};

// The message for a change whose reason is missing: "reason: type why <what> (1–1000 characters); it is kept in
// the audit trail".
[[nodiscard]] inline QString missingReasonMessage(const QString& why)
{
    return QStringLiteral("reason: type why %1 (1–1000 characters); it is kept in the audit trail").arg(why);
}

} // namespace galvani::ui::presenters
