// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <algorithm>
#include <utility>

namespace galvani::test {

// Every message a presenter sent through one of its (kind, text) signals, in order, for the presenter tests.
// Test thread only; the log must not outlive the presenter.
template <typename Kind>
struct MessageLog {
    template <typename Presenter>
    MessageLog(Presenter& presenter, void (Presenter::*signal)(Kind, const QString&))
    {
        QObject::connect(&presenter, signal, &guard, [this](Kind kind, const QString& text) {
            all.append({kind, text});
        });
    }

    // A message of this kind whose text contains `part`.
    [[nodiscard]] bool has(Kind kind, const QString& part) const
    {
        return std::any_of(
            all.begin(), all.end(), [&](const auto& m) { return m.first == kind && m.second.contains(part); });
    }

    QObject guard;
    QList<std::pair<Kind, QString>> all;
};

} // namespace galvani::test
