// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/AppPaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace galvani::app {

void applyApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Galvani"));
    QCoreApplication::setApplicationName(QStringLiteral("Galvani"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GALVANI_VERSION));
}

QString AppPaths::dataDir()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir;
}

QString AppPaths::defaultStorePath()
{
    return QDir(dataDir()).filePath(QStringLiteral("galvani.sqlite"));
}

QString AppPaths::defaultStoreUrl()
{
    return QStringLiteral("sqlite:") + defaultStorePath();
}

QString AppPaths::logDir()
{
    QString dir = QDir(dataDir()).filePath(QStringLiteral("logs"));
    QDir().mkpath(dir);
    return dir;
}

} // namespace galvani::app
