// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/HistoryPresenter.h"

#include "ui/presenters/Format.h"

#include <QHash>

#include <algorithm>
#include <utility>

namespace galvani::ui::presenters {

namespace {

QString patientCell(const app::SessionHistoryRow& r)
{
    return r.patientVisible ? QStringLiteral("%1 — %2").arg(r.patientMrn, r.patientName)
                            : QStringLiteral("(not shown to your role)");
}

QString endCell(const app::SessionHistoryRow& r)
{
    return r.endReason ? app::describe(*r.endReason) : QStringLiteral("still running");
}

QString channelsCell(const QList<int>& channels)
{
    QStringList parts;
    for (const int c : channels) {
        parts.append(QString::number(c));
    }
    return parts.join(QStringLiteral(", "));
}

QString hz(qint64 milliHz)
{
    const double v = static_cast<double>(milliHz) / 1000.0;
    return QString::number(v, 'f', milliHz % 1000 == 0 ? 0 : 1) + QStringLiteral(" Hz");
}

QString eventLabel(const QString& kind)
{
    static const QHash<QString, QString> labels{{QStringLiteral("start"), QStringLiteral("Start")},
        {QStringLiteral("amplitude"), QStringLiteral("Amplitude")}, {QStringLiteral("pause"), QStringLiteral("Pause")},
        {QStringLiteral("resume"), QStringLiteral("Resume")}, {QStringLiteral("stop"), QStringLiteral("STOP")},
        {QStringLiteral("fault"), QStringLiteral("Device fault")},
        {QStringLiteral("electrode"), QStringLiteral("Electrode problem")},
        {QStringLiteral("link_lost"), QStringLiteral("Connection lost")},
        {QStringLiteral("end"), QStringLiteral("End")}, {QStringLiteral("interrupted"), QStringLiteral("Interrupted")}};
    return labels.value(kind, kind);
}

QString calibrationCell(const std::optional<app::SessionCalibrationView>& c)
{
    if (!c) {
        return QStringLiteral("none on record");
    }
    return QStringLiteral("%1 on %2, due %3 (record %4)")
        .arg(c->status, formatLocalDay(c->performedUtcMs), formatLocalDay(c->dueUtcMs))
        .arg(c->id);
}

QString nprs(const std::optional<int>& v)
{
    return v ? QString::number(*v) : QStringLiteral("not recorded");
}

} // namespace

HistoryPresenter::HistoryPresenter(app::SessionHistoryService& history, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_history(history), m_user(std::move(user)),
      m_allowed(app::isAllowed(m_user.role, app::Action::ViewSessionHistory))
{
    clearDetail(m_allowed ? QStringLiteral("Select a session in the list to see it in full.")
                          : QStringLiteral("No session selected."));
}

QString HistoryPresenter::notice() const
{
    if (m_allowed) {
        return {};
    }
    QString text = QStringLiteral("Session history is open to therapists and admins. Your role (%1) does not "
                                  "include it.")
                       .arg(app::toString(m_user.role));
    if (app::isAllowed(m_user.role, app::Action::ExportRecords)) {
        text += QStringLiteral(" Every session can be exported to a file with the session export.");
    }
    return text;
}

void HistoryPresenter::search(const app::SessionHistoryFilter& filter)
{
    m_filter = filter;
    load(0);
}

void HistoryPresenter::newer()
{
    if (canGoNewer()) {
        load(std::max(0, m_page.offset - kPageRows));
    }
}

void HistoryPresenter::older()
{
    if (canGoOlder()) {
        load(m_page.offset + kPageRows);
    }
}

void HistoryPresenter::load(int offset)
{
    if (!m_allowed) {
        return;
    }
    app::SessionHistoryFilter f = m_filter;
    f.offset = offset;
    f.limit = kPageRows;
    const auto listed = m_history.list(m_user, f);
    if (!listed.ok()) {
        m_listFeedback = Result::error(listed.error().message);
        m_page = {};
        Q_EMIT pageChanged();
        clearDetail(QStringLiteral("No session selected."));
        return;
    }
    m_listFeedback = {};
    m_page = listed.value();
    Q_EMIT pageChanged();
    if (m_page.rows.isEmpty()) {
        clearDetail(QStringLiteral("No session matches these filters."));
    } else {
        m_detail.reset(); // a new page reads its newest session again, even the one shown: it may have changed
        select(m_page.rows.first().id);
    }
}

QString HistoryPresenter::pageText() const
{
    if (m_page.rows.isEmpty()) {
        return m_page.total == 0 ? QStringLiteral("No sessions.") : QString();
    }
    return QStringLiteral("Sessions %1–%2 of %3, newest first")
        .arg(m_page.offset + 1)
        .arg(m_page.offset + m_page.rows.size())
        .arg(m_page.total);
}

QStringList HistoryPresenter::columnTitles()
{
    return {QStringLiteral("Started"), QStringLiteral("Patient"), QStringLiteral("Therapist"),
        QStringLiteral("Duration"), QStringLiteral("End"), QStringLiteral("Channels"), QStringLiteral("Stimulator")};
}

QStringList HistoryPresenter::rowText(int row) const
{
    if (row < 0 || row >= m_page.rows.size()) {
        return {};
    }
    const auto& r = m_page.rows.at(row);
    return {formatLocalTime(r.startedUtcMs), patientCell(r),
        r.therapistName.isEmpty() ? r.therapistUsername
                                  : QStringLiteral("%1 (%2)").arg(r.therapistName, r.therapistUsername),
        r.durationMs ? formatDuration(*r.durationMs) : QStringLiteral("running"), endCell(r), channelsCell(r.channels),
        r.deviceId};
}

void HistoryPresenter::clearDetail(const QString& why)
{
    m_detail.reset();
    m_summary = why;
    m_detailFeedback = {};
    Q_EMIT detailChanged();
}

void HistoryPresenter::select(qint64 sessionId)
{
    if (!m_allowed || (m_detail && m_detail->session.id == sessionId)) {
        return;
    }
    const auto found = m_history.detail(m_user, sessionId);
    if (!found.ok()) {
        m_detail.reset();
        m_summary = QStringLiteral("Session %1").arg(sessionId);
        m_detailFeedback = Result::error(found.error().message);
        Q_EMIT detailChanged();
        return;
    }
    m_detail = found.value();
    m_detailFeedback = {};
    const auto& d = *m_detail;
    const auto& s = d.session;
    QString text = QStringLiteral("Session %1 · %2 · started %3")
                       .arg(s.id)
                       .arg(patientCell(s))
                       .arg(formatLocalTime(s.startedUtcMs));
    text += s.endedUtcMs
        ? QStringLiteral(", ended %1 (%2), %3")
              .arg(formatLocalTime(*s.endedUtcMs), endCell(s), formatDuration(s.durationMs.value_or(0)))
        : QStringLiteral(", still running");
    text += QStringLiteral("\nTherapist %1 · stimulator %2, firmware %3 · workstation %4")
                .arg(s.therapistUsername, s.deviceId, d.firmware.isEmpty() ? QStringLiteral("–") : d.firmware,
                    d.workstation);
    if (!d.outcomes.isEmpty()) {
        const auto& o = d.outcomes.last();
        text += QStringLiteral("\nPain (NPRS 0–10): before %1, after %2").arg(nprs(o.nprsBefore), nprs(o.nprsAfter));
    }
    m_summary = text;
    Q_EMIT detailChanged();
}

QStringList HistoryPresenter::channelTitles()
{
    return {QStringLiteral("Ch"), QStringLiteral("Programme"), QStringLiteral("Electrode site"),
        QStringLiteral("Highest amplitude"), QStringLiteral("Charge delivered"),
        QStringLiteral("Calibration in force")};
}

QList<QStringList> HistoryPresenter::channelRows() const
{
    QList<QStringList> rows;
    if (!m_detail) {
        return rows;
    }
    for (const auto& c : m_detail->channels) {
        const QString programme = QStringLiteral("%1 v%2 (%3, %4 µs)")
                                      .arg(c.programName)
                                      .arg(c.programVersion)
                                      .arg(hz(c.frequencyMilliHz))
                                      .arg(c.pulseWidthUs);
        QString site = c.placementSite;
        if (!c.landmark.isEmpty()) {
            site += QStringLiteral(" (%1)").arg(c.landmark);
        }
        rows.append({QString::number(c.channel), programme, site, formatMa(c.maxAmplitudeUa),
            QStringLiteral("%1 µC").arg(c.totalChargeUc), calibrationCell(c.calibration)});
    }
    return rows;
}

QStringList HistoryPresenter::eventTitles()
{
    return {QStringLiteral("#"), QStringLiteral("Time"), QStringLiteral("Since start"), QStringLiteral("Event"),
        QStringLiteral("Ch"), QStringLiteral("Amplitude"), QStringLiteral("Note")};
}

QList<QStringList> HistoryPresenter::eventRows() const
{
    QList<QStringList> rows;
    if (!m_detail) {
        return rows;
    }
    const auto& events = m_detail->events;
    const qint64 startNs = events.isEmpty() ? 0 : events.first().atMonoNs;
    for (const auto& e : events) {
        const double since = static_cast<double>(e.atMonoNs - startNs) / 1e9;
        rows.append(
            {QString::number(e.seq), formatLocalTimeOfDay(e.atUtcMs), QStringLiteral("%1 s").arg(since, 0, 'f', 3),
                eventLabel(e.kind), e.channel ? QString::number(*e.channel) : QStringLiteral("all"),
                e.amplitudeUa ? formatMa(*e.amplitudeUa) : QString(), e.note});
    }
    return rows;
}

QString HistoryPresenter::outcomeText() const
{
    if (!m_detail) {
        return {};
    }
    const auto& d = *m_detail;
    if (d.outcomesWithheld) {
        return QStringLiteral("Outcomes are clinical content and are not shown to your role.");
    }
    if (d.outcomes.isEmpty()) {
        return QStringLiteral("No outcome was recorded for this session.");
    }
    QStringList parts;
    for (const auto& o : d.outcomes) {
        QString text = QStringLiteral("Recorded %1\nPain (NPRS 0–10) before: %2\nPain (NPRS 0–10) after: %3")
                           .arg(formatLocalTime(o.recordedUtcMs), nprs(o.nprsBefore), nprs(o.nprsAfter));
        if (o.ndiRaw) {
            text += QStringLiteral("\nNDI: %1 of 50").arg(*o.ndiRaw);
        }
        if (o.odiPercent) {
            text += QStringLiteral("\nODI: %1 %").arg(*o.odiPercent);
        }
        text += QStringLiteral("\nNotes: %1").arg(o.notes.isEmpty() ? QStringLiteral("none") : o.notes);
        parts.append(text);
    }
    return parts.join(QStringLiteral("\n\n"));
}

} // namespace galvani::ui::presenters
