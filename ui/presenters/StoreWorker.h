// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace galvani::app {
class AppContext;
class RecordStore;
} // namespace galvani::app

namespace galvani::ui::presenters {

// Runs one piece of long record-store work (an export, a backup, an audit verification) on a thread of its own,
// with a store connection of its own (app::RecordStore::openConnection) that is closed again when the work ends —
// a restore refuses while any other connection is open. The GUI stays responsive; the work reports back with
// post(), which runs a function on the GUI thread (queued, in order).
// The thread starts on the next event-loop turn, so a Cancel pressed in the same turn as the start is honoured
// before any work is done. cancel() sets the flag the work receives (ExportService checks it between sessions);
// work that cannot be cancelled (audit verification) runs to its end.
// Thread affinity: GUI thread (the work itself runs on the worker thread and must touch no widget). Ownership:
// owns the thread; borrows the AppContext. The destructor cancels and waits for the work to end.
class StoreWorker : public QObject {
    Q_OBJECT
public:
    using Work = std::function<void(app::RecordStore& store, const std::atomic_bool& cancel)>;

    explicit StoreWorker(app::AppContext& context, QObject* parent = nullptr);
    ~StoreWorker() override;
    StoreWorker(const StoreWorker&) = delete;
    StoreWorker& operator=(const StoreWorker&) = delete;

    [[nodiscard]] bool busy() const { return m_busy; }
    // Returns false (and does nothing) while busy.
    bool start(Work work);
    void cancel();
    [[nodiscard]] bool cancelRequested() const { return m_cancel.load(); }
    // Cancels and blocks until the thread has ended (panels call it from their destructors).
    void stopAndWait();
    // For use inside the work: runs fn on the GUI thread unless this worker is gone by then.
    void post(std::function<void()> fn);

Q_SIGNALS:
    // The work has ended and its connection is closed. openError is empty, or why no connection could be opened
    // (then the work did not run).
    void finished(const QString& openError);

private:
    void launch(Work work);
    void done(const QString& openError);

    app::AppContext& m_context;
    std::unique_ptr<QThread> m_thread;
    std::atomic_bool m_cancel{false};
    bool m_busy = false;
};

} // namespace galvani::ui::presenters
