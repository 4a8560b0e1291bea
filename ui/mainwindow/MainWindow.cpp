// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/MainWindow.h"

#include "app/AppContext.h"

#include <QCoreApplication>
#include <QFormLayout>
#include <QLabel>
#include <QStatusBar>
#include <QVBoxLayout>

namespace galvani::ui {

MainWindow::MainWindow(app::AppContext& context, QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("Galvani"));
    setMinimumSize(960, 640);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(32, 32, 32, 32);

    auto* title = new QLabel(QStringLiteral("Galvani"), central);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.2);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);

    auto* subtitle = new QLabel(QStringLiteral("Electrical muscle stimulation for neck and back care"), central);
    layout->addWidget(subtitle);
    layout->addSpacing(24);

    auto* form = new QFormLayout();
    auto* device = new QLabel(context.deviceUrl(), central);
    device->setObjectName(QStringLiteral("deviceUrlLabel"));
    device->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* store = new QLabel(context.storeUrl(), central);
    store->setObjectName(QStringLiteral("storeUrlLabel"));
    store->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(QStringLiteral("Stimulator:"), device);
    form->addRow(QStringLiteral("Record store:"), store);
    form->addRow(QStringLiteral("Version:"), new QLabel(QCoreApplication::applicationVersion(), central));
    layout->addLayout(form);
    layout->addStretch(1);

    setCentralWidget(central);
    statusBar()->showMessage(QStringLiteral("Store open: %1").arg(context.storeUrl()));
}

} // namespace galvani::ui
