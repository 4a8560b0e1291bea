// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/RecordEnums.h"

#include <array>
#include <utility>

namespace galvani::db::records {

namespace {

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, const char*>, N>;

constexpr Names<Role, 3> kRoles{
    {{Role::Therapist, "therapist"}, {Role::Admin, "admin"}, {Role::Technician, "technician"}}};
constexpr Names<ScreeningOutcome, 3> kOutcomes{{{ScreeningOutcome::Clear, "clear"},
    {ScreeningOutcome::PrecautionsAcknowledged, "precautions_acknowledged"}, {ScreeningOutcome::Blocked, "blocked"}}};
constexpr Names<Severity, 2> kSeverities{{{Severity::Absolute, "absolute"}, {Severity::Precaution, "precaution"}}};
constexpr Names<Answer, 3> kAnswers{{{Answer::No, "no"}, {Answer::Yes, "yes"}, {Answer::Unknown, "unknown"}}};
constexpr Names<Side, 4> kSides{
    {{Side::Left, "left"}, {Side::Right, "right"}, {Side::Midline, "midline"}, {Side::Bilateral, "bilateral"}}};
constexpr Names<ElectrodeType, 2> kElectrodeTypes{
    {{ElectrodeType::SelfAdhesive, "self_adhesive"}, {ElectrodeType::CarbonSponge, "carbon_sponge"}}};
constexpr Names<Polarity, 3> kPolarities{{{Polarity::ActiveCathode, "active_cathode"},
    {Polarity::Reference, "reference"}, {Polarity::Symmetric, "symmetric"}}};
constexpr Names<Posture, 5> kPostures{{{Posture::Supine, "supine"}, {Posture::Prone, "prone"},
    {Posture::Sitting, "sitting"}, {Posture::Standing, "standing"}, {Posture::SideLying, "side_lying"}}};
constexpr Names<CalibrationStatus, 3> kCalibrationStatuses{{{CalibrationStatus::Incomplete, "incomplete"},
    {CalibrationStatus::Passed, "passed"}, {CalibrationStatus::Failed, "failed"}}};
constexpr Names<EndReason, 5> kEndReasons{
    {{EndReason::Completed, "completed"}, {EndReason::StoppedByTherapist, "stopped_by_therapist"},
        {EndReason::Fault, "fault"}, {EndReason::LinkLost, "link_lost"}, {EndReason::AppCrash, "app_crash"}}};
constexpr Names<EventKind, 10> kEventKinds{{{EventKind::Start, "start"}, {EventKind::Amplitude, "amplitude"},
    {EventKind::Pause, "pause"}, {EventKind::Resume, "resume"}, {EventKind::Stop, "stop"}, {EventKind::Fault, "fault"},
    {EventKind::Electrode, "electrode"}, {EventKind::LinkLost, "link_lost"}, {EventKind::End, "end"},
    {EventKind::Interrupted, "interrupted"}}};

template <typename E, std::size_t N>
QString nameOf(const Names<E, N>& names, E v)
{
    for (const auto& [value, name] : names) {
        if (value == v) {
            return QString::fromLatin1(name);
        }
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const Names<E, N>& names, const QString& text)
{
    for (const auto& [value, name] : names) {
        if (text == QLatin1String(name)) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace

QString toText(Role v)
{
    return nameOf(kRoles, v);
}
QString toText(ScreeningOutcome v)
{
    return nameOf(kOutcomes, v);
}
QString toText(Severity v)
{
    return nameOf(kSeverities, v);
}
QString toText(Answer v)
{
    return nameOf(kAnswers, v);
}
QString toText(Side v)
{
    return nameOf(kSides, v);
}
QString toText(ElectrodeType v)
{
    return nameOf(kElectrodeTypes, v);
}
QString toText(Polarity v)
{
    return nameOf(kPolarities, v);
}
QString toText(Posture v)
{
    return nameOf(kPostures, v);
}
QString toText(CalibrationStatus v)
{
    return nameOf(kCalibrationStatuses, v);
}
QString toText(EndReason v)
{
    return nameOf(kEndReasons, v);
}
QString toText(EventKind v)
{
    return nameOf(kEventKinds, v);
}

template <>
std::optional<Role> fromText<Role>(const QString& t)
{
    return valueOf(kRoles, t);
}
template <>
std::optional<ScreeningOutcome> fromText<ScreeningOutcome>(const QString& t)
{
    return valueOf(kOutcomes, t);
}
template <>
std::optional<Severity> fromText<Severity>(const QString& t)
{
    return valueOf(kSeverities, t);
}
template <>
std::optional<Answer> fromText<Answer>(const QString& t)
{
    return valueOf(kAnswers, t);
}
template <>
std::optional<Side> fromText<Side>(const QString& t)
{
    return valueOf(kSides, t);
}
template <>
std::optional<ElectrodeType> fromText<ElectrodeType>(const QString& t)
{
    return valueOf(kElectrodeTypes, t);
}
template <>
std::optional<Polarity> fromText<Polarity>(const QString& t)
{
    return valueOf(kPolarities, t);
}
template <>
std::optional<Posture> fromText<Posture>(const QString& t)
{
    return valueOf(kPostures, t);
}
template <>
std::optional<CalibrationStatus> fromText<CalibrationStatus>(const QString& t)
{
    return valueOf(kCalibrationStatuses, t);
}
template <>
std::optional<EndReason> fromText<EndReason>(const QString& t)
{
    return valueOf(kEndReasons, t);
}
template <>
std::optional<EventKind> fromText<EventKind>(const QString& t)
{
    return valueOf(kEventKinds, t);
}

} // namespace galvani::db::records
