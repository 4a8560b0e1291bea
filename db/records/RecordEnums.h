// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace galvani::db::records {

// Closed vocabularies of the record store. Each is stored as the lowercase text shown next to it, which the
// schema's CHECK constraints also list; toText()/fromText() convert. Plain values.

enum class Role { Therapist, Admin, Technician }; // therapist, admin, technician
enum class ScreeningOutcome { Clear, PrecautionsAcknowledged, Blocked }; // clear, precautions_acknowledged, blocked
enum class Severity { Absolute, Precaution }; // absolute, precaution
enum class Answer { No, Yes, Unknown }; // no, yes, unknown
enum class Side { Left, Right, Midline, Bilateral }; // left, right, midline, bilateral
enum class ElectrodeType { SelfAdhesive, CarbonSponge }; // self_adhesive, carbon_sponge
enum class Polarity { ActiveCathode, Reference, Symmetric }; // active_cathode, reference, symmetric
enum class Posture { Supine, Prone, Sitting, Standing, SideLying }; // supine, prone, sitting, standing, side_lying
enum class CalibrationStatus { Incomplete, Passed, Failed }; // incomplete, passed, failed
// completed, stopped_by_therapist, fault, link_lost, app_crash
enum class EndReason { Completed, StoppedByTherapist, Fault, LinkLost, AppCrash };
// start, amplitude, pause, resume, stop, fault, electrode, link_lost, end, interrupted
enum class EventKind { Start, Amplitude, Pause, Resume, Stop, Fault, Electrode, LinkLost, End, Interrupted };

[[nodiscard]] QString toText(Role v);
[[nodiscard]] QString toText(ScreeningOutcome v);
[[nodiscard]] QString toText(Severity v);
[[nodiscard]] QString toText(Answer v);
[[nodiscard]] QString toText(Side v);
[[nodiscard]] QString toText(ElectrodeType v);
[[nodiscard]] QString toText(Polarity v);
[[nodiscard]] QString toText(Posture v);
[[nodiscard]] QString toText(CalibrationStatus v);
[[nodiscard]] QString toText(EndReason v);
[[nodiscard]] QString toText(EventKind v);

// fromText<E>("…") → the value, or nullopt for text outside the vocabulary.
template <typename E>
[[nodiscard]] std::optional<E> fromText(const QString& text);

} // namespace galvani::db::records
