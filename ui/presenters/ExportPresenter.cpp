// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/ExportPresenter.h"

#include "app/AppContext.h"
#include "app/store/RecordStore.h"
#include "ui/presenters/StoreWorker.h"

#include <QFileInfo>
#include <QLocale>

#include <utility>

namespace galvani::ui::presenters {

ExportPresenter::ExportPresenter(app::AppContext& context, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_user(std::move(user)), m_ownOnly(!app::isAllowed(m_user.role, app::Action::ExportRecords)
                                                    && app::isAllowed(m_user.role, app::Action::ExportOwnRecords)),
      m_worker(new StoreWorker(context, this))
{
    connect(m_worker, &StoreWorker::finished, this, &ExportPresenter::ended);
}

ExportPresenter::~ExportPresenter()
{
    m_worker->stopAndWait();
}

QString ExportPresenter::fileSuffix(app::ExportFileFormat format)
{
    switch (format) {
    case app::ExportFileFormat::Csv:
        return QStringLiteral("csv");
    case app::ExportFileFormat::Json:
        return QStringLiteral("json");
    case app::ExportFileFormat::Fhir:
        return QStringLiteral("fhir.json");
    }
    return QStringLiteral("txt");
}

bool ExportPresenter::carriesEvents(app::ExportFileFormat format)
{
    return format == app::ExportFileFormat::Json;
}

app::ExportRequest ExportPresenter::prepared(const app::ExportRequest& typed) const
{
    app::ExportRequest request = typed;
    request.patientMrn = typed.patientMrn.trimmed();
    request.therapistUsername = m_ownOnly ? m_user.username : typed.therapistUsername.trimmed();
    request.outPath = typed.outPath.trimmed();
    request.includeEvents = carriesEvents(typed.format) && typed.includeEvents;
    return request;
}

ExportPresenter::Result ExportPresenter::check(const app::ExportRequest& request) const
{
    if (request.outPath.trimmed().isEmpty()) {
        return Result::error(
            QStringLiteral("output file: type the path of the file to write, or choose one with Browse…"),
            Field::OutputPath);
    }
    return {};
}

bool ExportPresenter::replacesFile(const app::ExportRequest& request)
{
    return QFileInfo::exists(request.outPath);
}

QString ExportPresenter::replaceText(const QString& path)
{
    return QStringLiteral("%1 exists. Replace it with this export?\n\nThe old file stays as it is until the new one "
                          "is complete.")
        .arg(path);
}

bool ExportPresenter::running() const
{
    return m_worker->busy();
}

ExportPresenter::Result ExportPresenter::start(const app::ExportRequest& request)
{
    if (m_worker->busy()) {
        return {};
    }
    m_summary.reset();
    m_pending.reset();
    StoreWorker* worker = m_worker;
    const app::SignedInUser user = m_user;
    worker->start([this, worker, user, request](app::RecordStore& store, const std::atomic_bool& cancel) {
        app::ExportService service(store);
        auto result = service.exportSessions(
            user, request,
            [this, worker](qint64 done, qint64 total) {
                worker->post([this, done, total] {
                    m_progressText = QStringLiteral("%1 of %2 sessions").arg(done).arg(total);
                    Q_EMIT progressChanged(done, total, m_progressText);
                });
            },
            &cancel);
        worker->post([this, r = std::move(result)] { m_pending = r; });
    });
    Q_EMIT runningChanged(true);
    m_progressText = QStringLiteral("Counting sessions…");
    Q_EMIT progressChanged(0, 0, m_progressText);
    return Result::info(QStringLiteral("Exporting to %1 …").arg(request.outPath));
}

void ExportPresenter::cancel()
{
    if (!m_worker->busy()) {
        return;
    }
    m_worker->cancel();
    m_progressText = QStringLiteral("Cancelling…");
    Q_EMIT progressChanged(-1, -1, m_progressText);
}

void ExportPresenter::ended(const QString& openError)
{
    Q_EMIT runningChanged(false);
    if (!openError.isEmpty()) {
        show(app::AppError{
            app::AppError::Kind::Storage, QStringLiteral("the record store could not be opened: ") + openError});
    } else if (m_pending) {
        show(*m_pending);
    }
    m_pending.reset();
}

void ExportPresenter::show(const app::AppResult<app::ExportSummary>& result)
{
    if (!result.ok()) {
        const bool cancelled = m_worker->cancelRequested();
        Q_EMIT finished(cancelled ? Result::info(result.error().message) : Result::error(result.error().message),
            cancelled ? QStringLiteral("Cancelled") : QStringLiteral("Not exported"));
        return;
    }
    m_summary = result.value();
    const auto& s = *m_summary;
    Q_EMIT finished(Result::success(QStringLiteral("exported %1 sessions (%2 rows, %3 bytes) to %4\nSHA-256 %5")
                                        .arg(s.sessions)
                                        .arg(s.rows)
                                        .arg(QLocale().toString(s.bytes), s.path, s.sha256)),
        m_progressText);
}

} // namespace galvani::ui::presenters
