// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/export/SessionExporter.h"

#include "db/TimeStamp.h"
#include "db/audit/AuditTrail.h"
#include "db/export/CsvWriter.h"
#include "db/export/ExportSink.h"
#include "db/export/FhirWriter.h"
#include "db/export/JsonWriter.h"
#include "db/export/ReadSnapshot.h"
#include "db/export/SessionPager.h"

#include <QIODevice>
#include <QJsonDocument>

#include <memory>

namespace galvani::db::exp {

namespace {

std::unique_ptr<SessionWriter> makeWriter(ExportFormat format, ExportSink& sink)
{
    switch (format) {
    case ExportFormat::Csv:
        return std::make_unique<CsvWriter>(sink);
    case ExportFormat::Json:
        return std::make_unique<JsonWriter>(sink);
    case ExportFormat::Fhir:
        return std::make_unique<FhirWriter>(sink);
    }
    return nullptr;
}

// Reports progress by the options' time or count rule.
class ProgressGate {
public:
    ProgressGate(const ExportProgress& fn, const ExportOptions& options, const core::Clock& clock)
        : m_fn(fn), m_options(options), m_clock(clock)
    {
    }

    void report(qint64 done, qint64 total)
    {
        if (m_fn) {
            m_fn(done, total);
        }
        m_lastNs = m_clock.monotonic().count();
        m_lastDone = done;
    }

    void maybe(qint64 done, qint64 total)
    {
        const bool byCount
            = m_options.progressEverySessions > 0 && done - m_lastDone >= m_options.progressEverySessions;
        const bool byTime = m_clock.monotonic().count() - m_lastNs >= m_options.progressIntervalMs * 1'000'000;
        if (byCount || byTime) {
            report(done, total);
        }
    }

    // The final report, unless the last one already said the same.
    void finish(qint64 done, qint64 total)
    {
        if (done != m_lastDone) {
            report(done, total);
        }
    }

private:
    const ExportProgress& m_fn;
    const ExportOptions& m_options;
    const core::Clock& m_clock;
    qint64 m_lastNs = 0;
    qint64 m_lastDone = 0;
};

struct Outcome {
    Status status;
    bool cancelled = false;
    qint64 sessions = 0;
    qint64 total = 0;
};

QString outcomeText(const Outcome& o)
{
    if (!o.status.ok()) {
        return QStringLiteral("failed: ") + o.status.error().message;
    }
    return o.cancelled ? QStringLiteral("cancelled") : QStringLiteral("completed");
}

} // namespace

SessionExporter::SessionExporter(const StoreContext& ctx) : m_ctx(ctx)
{
}

Status SessionExporter::validate(const ExportFilter& f, const ExportOptions& o)
{
    if (o.pageSize < 1 || o.pageSize > kMaxPageSize) {
        return invalid(QStringLiteral("export page size = %1 is outside 1–%2").arg(o.pageSize).arg(kMaxPageSize));
    }
    if (o.progressIntervalMs < 0 || o.progressEverySessions < 0) {
        return invalid(QStringLiteral("export progress interval (%1 ms) and session count (%2) must be 0 or more")
                           .arg(o.progressIntervalMs)
                           .arg(o.progressEverySessions));
    }
    if (f.fromUtcMs && f.toUtcMs && *f.fromUtcMs >= *f.toUtcMs) {
        return invalid(QStringLiteral("export filter: from (%1) must be before to (%2)")
                           .arg(isoUtc(*f.fromUtcMs), isoUtc(*f.toUtcMs)));
    }
    if (f.patientId && *f.patientId < 1) {
        return invalid(QStringLiteral("export filter: patient id = %1 must be 1 or more").arg(*f.patientId));
    }
    if (f.therapistId && *f.therapistId < 1) {
        return invalid(QStringLiteral("export filter: therapist id = %1 must be 1 or more").arg(*f.therapistId));
    }
    return {};
}

Result<ExportReport> SessionExporter::run(const ExportFilter& filter, ExportFormat format, QIODevice* device,
    const Actor& actor, const ExportOptions& options, const ExportProgress& progress, const std::atomic_bool* cancel)
{
    if (Status s = validate(filter, options); !s.ok()) {
        return s.error();
    }
    if (device == nullptr || !device->isWritable()) {
        return invalid(QStringLiteral("export sink: the device must be open for writing"));
    }
    ExportSink sink(device);
    const auto writer = makeWriter(format, sink);
    ProgressGate gate(progress, options, m_ctx.clock);
    Outcome out;
    {
        ReadSnapshot snapshot(m_ctx.db);
        out.status = snapshot.status();
        SessionPager pager(m_ctx.db, filter, options.pageSize);
        if (out.status.ok()) {
            const auto total = pager.count();
            out.status = total.ok() ? Status() : Status(total.error());
            out.total = total.ok() ? total.value() : 0;
        }
        if (out.status.ok()) {
            out.status = writer->begin(ExportHeader{filter, options, utcMs(m_ctx.clock), out.total});
            gate.report(0, out.total);
        }
        const bool withEvents = format == ExportFormat::Json && options.includeEvents;
        while (out.status.ok() && !out.cancelled) {
            auto page = pager.next();
            if (!page.ok()) {
                out.status = page.error();
                break;
            }
            if (page->isEmpty()) {
                break;
            }
            for (ExportSession& session : page.value()) {
                if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
                    out.cancelled = true;
                    break;
                }
                if (withEvents) {
                    out.status = pager.loadEvents(session);
                }
                if (out.status.ok()) {
                    out.status = writer->write(session);
                }
                if (!out.status.ok()) {
                    break;
                }
                ++out.sessions;
                gate.maybe(out.sessions, out.total);
            }
        }
        if (out.status.ok()) {
            out.status = out.cancelled ? sink.flush() : writer->finish();
        }
        if (Status s = snapshot.end(); out.status.ok() && !s.ok()) {
            out.status = s;
        }
    }

    ExportReport report;
    report.sessions = out.sessions;
    report.total = out.total;
    report.rows = writer->rows();
    report.bytes = sink.bytes();
    report.sha256 = sink.sha256Hex();
    report.cancelled = out.cancelled;

    const QJsonObject details{{QStringLiteral("format"), toText(format)},
        {QStringLiteral("filter"), filterJson(filter)}, {QStringLiteral("pseudonymised"), options.pseudonymise},
        {QStringLiteral("events"), format == ExportFormat::Json && options.includeEvents},
        {QStringLiteral("sessions"), report.sessions}, {QStringLiteral("total"), report.total},
        {QStringLiteral("rows"), report.rows}, {QStringLiteral("bytes"), report.bytes},
        {QStringLiteral("sha256"), QString::fromLatin1(report.sha256)}, {QStringLiteral("outcome"), outcomeText(out)}};
    audit::AuditRecord record;
    record.actor = actor;
    record.action = QString::fromLatin1(audit::action::kExport);
    record.table = QStringLiteral("sessions");
    record.newValue = audit::recordJson(details);
    const auto auditId = audit::AuditTrail(m_ctx).append(record);
    if (!out.status.ok()) {
        return out.status.error();
    }
    if (!auditId.ok()) {
        return DbError{auditId.error().kind, QStringLiteral("export not audited: ") + auditId.error().message};
    }
    report.auditId = auditId.value();
    if (!out.cancelled) {
        gate.finish(out.sessions, out.total);
    }
    return report;
}

} // namespace galvani::db::exp
