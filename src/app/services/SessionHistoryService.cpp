// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/SessionHistoryService.h"

#include "app/access/AccessGuard.h"
#include "app/services/PatientLookup.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "db/export/ExportRecord.h"
#include "db/export/ExportTypes.h"
#include "db/export/ReadSnapshot.h"
#include "db/export/SessionPager.h"
#include "db/records/CalibrationRepository.h"
#include "db/records/RecordEnums.h"
#include "db/records/SessionLog.h"
#include "db/records/SessionRepository.h"
#include "db/records/UserRepository.h"

#include <QTimeZone>

#include <algorithm>
#include <vector>

namespace galvani::app {

namespace {

constexpr int kPageSize = 500; // sessions per pager page while listing

HistoryEndReason fromDb(db::records::EndReason r)
{
    using E = db::records::EndReason;
    switch (r) {
    case E::Completed:
        return HistoryEndReason::Completed;
    case E::StoppedByTherapist:
        return HistoryEndReason::StoppedByTherapist;
    case E::Fault:
        return HistoryEndReason::Fault;
    case E::LinkLost:
        return HistoryEndReason::LinkLost;
    case E::AppCrash:
        return HistoryEndReason::AppCrash;
    }
    return HistoryEndReason::AppCrash;
}

std::optional<HistoryEndReason> endReasonOf(const std::optional<QString>& stored)
{
    if (!stored) {
        return std::nullopt;
    }
    const auto r = db::records::fromText<db::records::EndReason>(*stored);
    return r ? std::optional<HistoryEndReason>(fromDb(*r)) : std::nullopt;
}

std::optional<int> intOf(const std::optional<qint64>& v)
{
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

// The list row of an exporter's session record; patient identity only when the reader may see it.
SessionHistoryRow rowOf(const db::exp::ExportSession& s, bool patientVisible)
{
    SessionHistoryRow r;
    r.id = s.id;
    r.patientVisible = patientVisible;
    if (patientVisible) {
        r.patientMrn = s.patient.mrn;
        r.patientName = s.patient.familyName + QStringLiteral(", ") + s.patient.givenNames;
    }
    r.therapistUsername = s.therapist.username;
    r.therapistName = s.therapist.displayName;
    r.deviceId = s.deviceId;
    r.startedUtcMs = s.startedUtcMs;
    r.endedUtcMs = s.endedUtcMs;
    r.endReason = endReasonOf(s.endReason);
    if (s.endedUtcMs) {
        r.durationMs = std::max<qint64>(0, *s.endedUtcMs - s.startedUtcMs);
    }
    for (const auto& c : s.channels) {
        r.channels.append(c.channel);
    }
    std::sort(r.channels.begin(), r.channels.end());
    return r;
}

bool newerFirst(const SessionHistoryRow& a, const SessionHistoryRow& b)
{
    return a.startedUtcMs != b.startedUtcMs ? a.startedUtcMs > b.startedUtcMs : a.id > b.id;
}

static_assert(SessionHistoryService::kMaxNameChars == detail::kMaxMrnChars
    && SessionHistoryService::kMaxNameChars == detail::kMaxUsernameChars);

std::optional<AppError> validate(const SessionHistoryFilter& f)
{
    if (auto bad = detail::checkText(f.patientMrn, QStringLiteral("patient MRN"), detail::kMaxMrnChars)) {
        return bad;
    }
    if (auto bad = detail::checkText(f.therapistUsername, QStringLiteral("therapist"), detail::kMaxUsernameChars)) {
        return bad;
    }
    if (f.from.isValid() && f.to.isValid() && f.from > f.to) {
        return detail::invalidInput(QStringLiteral("from date (%1) must not be after to date (%2)")
                                        .arg(f.from.toString(Qt::ISODate), f.to.toString(Qt::ISODate)));
    }
    if (f.limit < 1 || f.limit > SessionHistoryService::kMaxLimit) {
        return detail::invalidInput(
            QStringLiteral("limit %1 is outside 1–%2").arg(f.limit).arg(SessionHistoryService::kMaxLimit));
    }
    if (f.offset < 0 || f.offset > SessionHistoryService::kMaxOffset) {
        return detail::invalidInput(
            QStringLiteral("offset %1 is outside 0–%2").arg(f.offset).arg(SessionHistoryService::kMaxOffset));
    }
    return std::nullopt;
}

SessionCalibrationView calibrationOf(const db::records::Calibration& c)
{
    return SessionCalibrationView{c.id, db::records::toText(c.record.status), c.record.deviceSerial, c.performedUtcMs,
        c.record.dueUtcMs, c.record.gainAfterPpm, c.record.offsetAfterUa};
}

} // namespace

QString toString(HistoryEndReason reason)
{
    switch (reason) {
    case HistoryEndReason::Completed:
        return QStringLiteral("completed");
    case HistoryEndReason::StoppedByTherapist:
        return QStringLiteral("stopped_by_therapist");
    case HistoryEndReason::Fault:
        return QStringLiteral("fault");
    case HistoryEndReason::LinkLost:
        return QStringLiteral("link_lost");
    case HistoryEndReason::AppCrash:
        return QStringLiteral("app_crash");
    }
    return QStringLiteral("unknown");
}

QString describe(HistoryEndReason reason)
{
    switch (reason) {
    case HistoryEndReason::Completed:
        return QStringLiteral("completed");
    case HistoryEndReason::StoppedByTherapist:
        return QStringLiteral("stopped by the therapist");
    case HistoryEndReason::Fault:
        return QStringLiteral("device fault");
    case HistoryEndReason::LinkLost:
        return QStringLiteral("connection to the stimulator lost");
    case HistoryEndReason::AppCrash:
        return QStringLiteral("interrupted (the application closed unexpectedly)");
    }
    return QStringLiteral("unknown");
}

bool parseHistoryEndReason(const QString& text, HistoryEndReason* reason)
{
    for (const HistoryEndReason r : kAllHistoryEndReasons) {
        if (text == toString(r)) {
            *reason = r;
            return true;
        }
    }
    return false;
}

SessionHistoryService::SessionHistoryService(RecordStore& store) : m_store(store)
{
}

AppResult<SessionHistoryPage> SessionHistoryService::list(const SignedInUser& user, const SessionHistoryFilter& filter)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewSessionHistory, filter.patientMrn)) {
        return *denied;
    }
    if (auto bad = validate(filter)) {
        return *bad;
    }
    auto& d = m_store.impl();
    auto ctx = d.context();
    db::exp::ExportFilter where = db::exp::ExportFilter::forDays(filter.from, filter.to, QTimeZone::systemTimeZone());
    if (!filter.patientMrn.isEmpty()) {
        db::records::PatientRepository patients(ctx);
        const auto patient = detail::patientByMrn(patients, filter.patientMrn);
        if (!patient.ok()) {
            return AppError{patient.error().kind, QStringLiteral("patient MRN: ") + patient.error().message};
        }
        where.patientId = patient->id;
    }
    if (!filter.therapistUsername.isEmpty()) {
        const auto account = db::records::UserRepository(ctx).byUsername(filter.therapistUsername);
        if (!account.ok() && account.error().kind == db::DbError::Kind::NotFound) {
            return detail::notFound(QStringLiteral("therapist: no user named '%1'").arg(filter.therapistUsername));
        }
        if (!account.ok()) {
            return detail::fromDb(account.error());
        }
        where.therapistId = account->id;
    }

    const bool patientVisible = isAllowed(user.role, Action::ViewPatients);
    const auto keep = static_cast<std::size_t>(filter.offset) + static_cast<std::size_t>(filter.limit);
    std::vector<SessionHistoryRow> kept;
    SessionHistoryPage page;
    page.offset = filter.offset;

    db::exp::ReadSnapshot snapshot(d.db);
    if (!snapshot.status().ok()) {
        return detail::fromDb(snapshot.status().error());
    }
    db::exp::SessionPager pager(d.db, where, kPageSize);
    if (const auto counted = pager.count(); !counted.ok()) {
        return detail::fromDb(counted.error());
    }
    for (;;) {
        auto next = pager.next();
        if (!next.ok()) {
            return detail::fromDb(next.error());
        }
        if (next->isEmpty()) {
            break;
        }
        for (const auto& s : next.value()) {
            const auto reason = endReasonOf(s.endReason);
            if (filter.endReason && reason != filter.endReason) {
                continue;
            }
            ++page.total;
            kept.push_back(rowOf(s, patientVisible));
        }
        // Keep only the newest offset + limit rows: memory stays bounded by the page asked for.
        if (kept.size() > keep + kPageSize) {
            std::nth_element(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(keep), kept.end(), newerFirst);
            kept.resize(keep);
        }
    }
    if (const auto ended = snapshot.end(); !ended.ok()) {
        return detail::fromDb(ended.error());
    }
    std::sort(kept.begin(), kept.end(), newerFirst);
    for (std::size_t i = static_cast<std::size_t>(filter.offset); i < kept.size() && i < keep; ++i) {
        page.rows.append(std::move(kept[i]));
    }
    return page;
}

AppResult<SessionHistoryDetail> SessionHistoryService::detail(const SignedInUser& user, qint64 sessionId)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewSessionHistory, QString::number(sessionId))) {
        return *denied;
    }
    auto& d = m_store.impl();
    auto ctx = d.context();
    db::exp::ReadSnapshot snapshot(d.db);
    if (!snapshot.status().ok()) {
        return detail::fromDb(snapshot.status().error());
    }
    const auto session = db::records::SessionRepository(ctx).byId(sessionId);
    if (!session.ok()) {
        if (session.error().kind == db::DbError::Kind::NotFound) {
            return detail::notFound(QStringLiteral("session %1: no such session on record").arg(sessionId));
        }
        return detail::fromDb(session.error());
    }
    // The exporters' reader gives the session joined with patient, therapist, programme and placement of each
    // channel (without placement photos) and its outcomes, exactly as exports show them. It selects by start time,
    // so the window is the session's own millisecond for its patient; the id picks it out.
    db::exp::ExportFilter only;
    only.patientId = session->patientId;
    only.fromUtcMs = session->startedUtcMs;
    only.toUtcMs = session->startedUtcMs + 1;
    db::exp::SessionPager pager(d.db, only, kPageSize);
    if (const auto counted = pager.count(); !counted.ok()) {
        return detail::fromDb(counted.error());
    }
    std::optional<db::exp::ExportSession> found;
    for (auto next = pager.next(); !found; next = pager.next()) {
        if (!next.ok()) {
            return detail::fromDb(next.error());
        }
        if (next->isEmpty()) {
            break;
        }
        for (auto& s : next.value()) {
            if (s.id == sessionId) {
                found = std::move(s);
            }
        }
    }
    if (!found) {
        return detail::notFound(QStringLiteral("session %1: no such session on record").arg(sessionId));
    }

    SessionHistoryDetail out;
    out.session = rowOf(*found, isAllowed(user.role, Action::ViewPatients));
    out.workstation = found->workstation;
    out.firmware = found->firmware;
    db::records::CalibrationRepository calibrations(ctx);
    for (const auto& c : found->channels) {
        SessionChannelView v;
        v.channel = c.channel;
        v.programName = c.programName;
        v.programKey = c.programKey;
        v.programVersion = c.programVersion;
        v.modality = c.modality;
        v.waveform = c.waveform;
        v.frequencyMilliHz = c.frequencyMilliHz;
        v.pulseWidthUs = c.pulseWidthUs;
        v.plannedDurationS = c.plannedDurationS;
        v.placementSite = c.side + QLatin1Char(' ') + c.muscle;
        v.landmark = c.landmark;
        v.leadLabel = c.leadLabel;
        v.electrodeAreaMm2 = c.electrodeAreaMm2;
        v.maxAmplitudeUa = c.maxAmplitudeUa;
        v.totalChargeUc = c.totalChargeUc;
        if (c.calibrationId) {
            const auto cal = calibrations.byId(*c.calibrationId);
            if (!cal.ok()) {
                return detail::fromDb(cal.error());
            }
            v.calibration = calibrationOf(cal.value());
        }
        out.channels.append(std::move(v));
    }
    std::sort(out.channels.begin(), out.channels.end(),
        [](const SessionChannelView& a, const SessionChannelView& b) { return a.channel < b.channel; });

    db::records::SessionLog log(ctx);
    const auto events = log.events(sessionId);
    if (!events.ok()) {
        return detail::fromDb(events.error());
    }
    for (const auto& e : events.value()) {
        out.events.append(SessionEventView{
            e.seq, db::records::toText(e.kind), e.channel, e.amplitudeUa, e.detail, e.atUtcMs, e.atMonoNs});
    }
    const auto seconds = log.currentSummaries(sessionId);
    if (!seconds.ok()) {
        return detail::fromDb(seconds.error());
    }
    for (const auto& s : seconds.value()) {
        out.seconds.append(SessionSecondView{
            s.channel, s.secondIndex, s.commandedUa, s.measuredMinUa, s.measuredMeanUa, s.measuredMaxUa, s.samples});
    }
    std::sort(out.seconds.begin(), out.seconds.end(), [](const SessionSecondView& a, const SessionSecondView& b) {
        return a.channel != b.channel ? a.channel < b.channel : a.second < b.second;
    });

    // Outcomes are clinical content: a demographics-only role does not get them (as PatientService withholds notes).
    out.outcomesWithheld = !isAllowed(user.role, Action::EditPatients);
    if (!out.outcomesWithheld) {
        for (const auto& o : found->outcomes) {
            out.outcomes.append(SessionOutcomeView{o.id, intOf(o.nprsBefore), intOf(o.nprsAfter), intOf(o.ndiRaw),
                intOf(o.odiPercent), o.notes, o.recordedUtcMs});
        }
    }
    if (const auto ended = snapshot.end(); !ended.ok()) {
        return detail::fromDb(ended.error());
    }
    return out;
}

} // namespace galvani::app
