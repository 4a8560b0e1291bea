// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/presenters/Feedback.h"
#include "ui/presenters/Format.h"

#include <QString>

#include <optional>

class QLabel;
class QWidget;

namespace galvani::ui::admin {

// How the admin panels write values for people (ui/presenters/Format.h).
using presenters::formatDuration;
using presenters::formatLocalDay;
using presenters::formatLocalTime;
using presenters::formatLocalTimeOfDay;
using presenters::formatMa;

// A status line under a form: a symbol and a word that do not depend on colour, then the text exactly as given
// (service messages are shown verbatim). GUI thread.
enum class MessageKind { Info, Success, Error };
void showMessage(QLabel* label, MessageKind kind, const QString& text);
void clearMessage(QLabel* label);
// A presenter's feedback as such a status line (FeedbackKind::None clears it). GUI thread.
void showFeedback(QLabel* label, presenters::FeedbackKind kind, const QString& text);
template <typename Field>
void showFeedback(QLabel* label, const presenters::Feedback<Field>& feedback)
{
    showFeedback(label, feedback.kind, feedback.text);
}

// A check's verdict: "✔ " or "✖ " before the text, green or red.
void showVerdict(QLabel* label, bool ok, const QString& text);
// A QLabel set up as such a status line (word-wrapped, selectable so it can be copied into a support request).
[[nodiscard]] QLabel* makeMessageLabel(const QString& objectName, QWidget* parent);

} // namespace galvani::ui::admin
