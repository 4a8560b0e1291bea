// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/StoreWorker.h"

#include "app/AppContext.h"
#include "app/store/RecordStore.h"

#include <QThread>
#include <QTimer>

#include <sys/resource.h>

namespace galvani::ui::presenters {

namespace {
constexpr int kWorkerNice = 10;
}

StoreWorker::StoreWorker(app::AppContext& context, QObject* parent) : QObject(parent), m_context(context)
{
}

StoreWorker::~StoreWorker()
{
    stopAndWait();
}

bool StoreWorker::start(Work work)
{
    if (m_busy) {
        return false;
    }
    m_busy = true;
    m_cancel = false;
    QTimer::singleShot(0, this, [this, w = std::move(work)]() mutable { launch(std::move(w)); });
    return true;
}

void StoreWorker::cancel()
{
    m_cancel = true;
}

void StoreWorker::stopAndWait()
{
    m_cancel = true;
    if (m_thread) {
        m_thread->wait();
        m_thread.reset();
    }
}

void StoreWorker::post(std::function<void()> fn)
{
    QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection);
}

void StoreWorker::launch(Work work)
{
    const app::StoreConfig config = m_context.store().config();
    const core::Clock& clock = m_context.clock();
    m_thread.reset(QThread::create([this, config, &clock, w = std::move(work)] {
        // Background work yields to the threads that carry STOP (GUI, device): on Linux a thread's nice value is its
        // own, and a CPU-bound worker at the same weight (Argon2id, an export) delays them by whole time slices on
        // a loaded machine.
        // Best effort: if it fails, the work runs at normal priority.
        setpriority(PRIO_PROCESS, 0, kWorkerNice);
        QString error;
        // One connection per thread: opened here, used only here, closed before the GUI hears of the end.
        auto store = app::RecordStore::openConnection(config, clock, &error);
        if (store) {
            w(*store, m_cancel);
            store.reset();
        }
        QMetaObject::invokeMethod(
            this, [this, error] { done(error); }, Qt::QueuedConnection);
    }));
    m_thread->setObjectName(QStringLiteral("galvani-admin-store"));
    m_thread->start();
}

void StoreWorker::done(const QString& openError)
{
    if (m_thread) {
        m_thread->wait();
        m_thread.reset();
    }
    m_busy = false;
    Q_EMIT finished(openError);
}

} // namespace galvani::ui::presenters
