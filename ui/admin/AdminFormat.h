// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

class QLabel;
class QLineEdit;
class QWidget;

namespace galvani::ui::admin {

// How the admin panels write values for people: amplitudes in mA with one decimal (the app keeps µA), times in the
// workstation's zone, durations as h:mm:ss. Pure functions; any thread.
[[nodiscard]] QString formatMa(qint64 microamps); // "10.0 mA"
[[nodiscard]] QString formatMa(const std::optional<qint64>& microamps); // "–" when empty
[[nodiscard]] QString formatLocalTime(qint64 utcMs); // "2026-01-03 14:05"
[[nodiscard]] QString formatLocalDay(qint64 utcMs); // "2026-01-03"
[[nodiscard]] QString formatLocalTimeOfDay(qint64 utcMs); // "14:05:09.250"
[[nodiscard]] QString formatDuration(qint64 ms); // "0:03:05"

// A status line under a form: a symbol and a word that do not depend on colour, then the text exactly as given
// (service messages are shown verbatim). GUI thread.
enum class MessageKind { Info, Success, Error };
void showMessage(QLabel* label, MessageKind kind, const QString& text);
void clearMessage(QLabel* label);
// A check's verdict: "✔ " or "✖ " before the text, green or red.
void showVerdict(QLabel* label, bool ok, const QString& text);
// A QLabel set up as such a status line (word-wrapped, selectable so it can be copied into a support request).
[[nodiscard]] QLabel* makeMessageLabel(const QString& objectName, QWidget* parent);
// The reason typed for a policy change, trimmed; when it is blank, nullopt after showing "reason: type why the
// clinic changes <what> (1–1000 characters); …" in `message` and giving the field the focus. GUI thread.
[[nodiscard]] std::optional<QString> typedReason(QLineEdit* reason, QLabel* message, const QString& what);

} // namespace galvani::ui::admin
