// SPDX-License-Identifier: GPL-3.0-or-later
// The start-up baseline: the least a Qt Widgets program does before its window is usable (a main window with a
// label and a button), declared ready by the same rule as `galvani --quit-when-ready` (exposed, queued paint work
// done, "ready" on standard output). bench_app_startup divides Galvani's start-up time by this one.
#include <QApplication>
#include <QDeadlineTimer>
#include <QLabel>
#include <QMainWindow>
#include <QPushButton>
#include <QTextStream>
#include <QTimer>
#include <QVBoxLayout>
#include <QWindow>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    auto* central = new QWidget(&window);
    auto* layout = new QVBoxLayout(central);
    layout->addWidget(new QLabel(QStringLiteral("Hello"), central));
    layout->addWidget(new QPushButton(QStringLiteral("OK"), central));
    window.setCentralWidget(central);
    window.resize(1280, 800);
    window.show();
    QTimer::singleShot(0, &window, [&window] {
        QDeadlineTimer deadline(5000);
        while ((window.windowHandle() == nullptr || !window.windowHandle()->isExposed()) && !deadline.hasExpired()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        }
        QCoreApplication::processEvents();
        QTextStream(stdout) << "ready" << Qt::endl;
        QCoreApplication::exit(0);
    });
    return QApplication::exec();
}
