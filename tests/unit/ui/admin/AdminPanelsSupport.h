// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the admin panels' widget tests share: finding a child widget, reading a table column, showing a panel at a
// size, and a store with two treated patients. Test thread only.

#include "AdminWorld.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QStringList>
#include <QTableWidget>
#include <QWidget>

namespace galvani::test {

// The child widget of that object name; the test stops when there is none.
template <typename T>
T* child(QWidget& parent, const char* name)
{
    auto* w = parent.findChild<T*>(QString::fromLatin1(name));
    INFO("widget " << name);
    REQUIRE(w != nullptr);
    return w;
}

// The texts of one column, top to bottom.
inline QStringList column(QTableWidget* table, int col)
{
    QStringList out;
    for (int row = 0; row < table->rowCount(); ++row) {
        out.append(table->item(row, col) ? table->item(row, col)->text() : QString());
    }
    return out;
}

inline void showSized(QWidget& w, int width = 1100, int height = 760)
{
    w.resize(width, height);
    w.show();
    QCoreApplication::processEvents();
}

// Two patients, each treated once: A by tess on channels 1 and 2 (NPRS 6 → 3), B by tom on channel 1.
struct TreatedWorld {
    AdminWorld world;
    QString mrnA = QStringLiteral("MRN-UI-A");
    QString mrnB = QStringLiteral("MRN-UI-B");
    qint64 sessionA = 0;
    qint64 sessionB = 0;

    TreatedWorld()
    {
        world.addPatient(mrnA, QStringLiteral("Lindqvist"), {1, 2});
        world.addPatient(mrnB, QStringLiteral("Nakamura"), {1});
        sessionA = world.runSession(world.tess, mrnA, {1, 2}, 2, 6, 3, QStringLiteral("felt looser"));
        sessionB = world.runSession(world.tom, mrnB, {1}, 1);
    }
};

} // namespace galvani::test
