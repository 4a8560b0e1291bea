// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catch2/catch.hpp>

#include <QObject>
#include <QString>

namespace galvani::test {

// The descendant of root with this object name and type; REQUIREs that there is one (the failure names the
// widget). Test thread only.
template <typename T>
T* child(const QObject& root, const QString& name)
{
    T* found = root.findChild<T*>(name);
    INFO("widget " << name.toStdString());
    REQUIRE(found != nullptr);
    return found;
}
template <typename T>
T* child(const QObject& root, const char* name)
{
    return child<T>(root, QString::fromLatin1(name));
}

} // namespace galvani::test
