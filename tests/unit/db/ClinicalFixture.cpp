// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClinicalFixture.h"

#include "db/records/CalibrationRepository.h"
#include "db/records/ContraindicationChecklist.h"
#include "db/records/MotorPointRepository.h"
#include "db/records/OutcomeRepository.h"
#include "db/records/PatientRepository.h"
#include "db/records/PlacementRepository.h"
#include "db/records/ProgramRepository.h"
#include "db/records/ScreeningRepository.h"
#include "db/records/SessionLog.h"
#include "db/records/SessionRepository.h"

#include <catch2/catch.hpp>

namespace galvani::test {

using namespace db::records;

PatientFields samplePatient(const QString& mrn)
{
    return PatientFields{mrn, QStringLiteral("Okafor"), QStringLiteral("Ada Grace"), QStringLiteral("1971-04-23"),
        QStringLiteral("+44 20 7946 0000"), QStringLiteral("ada@example.org"), QStringLiteral("1 Main Street")};
}

NewScreening sampleScreening(qint64 patientId, qint64 expiresUtcMs)
{
    NewScreening s;
    s.patientId = patientId;
    s.expiresUtcMs = expiresUtcMs;
    for (const auto& item : ContraindicationChecklist::items()) {
        s.items.append(ScreeningItem{QString::fromLatin1(item.code), item.severity, Answer::No, false, {}});
    }
    return s;
}

PlacementFields samplePlacement(int channel)
{
    PlacementFields f;
    f.channel = channel;
    f.leadLabel = QStringLiteral("A%1").arg(channel);
    f.muscle = QStringLiteral("lumbar erector spinae");
    f.side = Side::Right;
    f.landmark = QStringLiteral("L3 spinous process");
    f.offsetCranialMm = 15;
    f.offsetLateralMm = -20;
    f.electrodeWidthMm = 50;
    f.electrodeHeightMm = 90;
    f.electrodeAreaMm2 = 4500;
    f.electrodeType = ElectrodeType::CarbonSponge;
    f.electrodeReuseCount = 3;
    f.polarity = Polarity::ActiveCathode;
    f.posture = Posture::Prone;
    f.notes = QStringLiteral("paraspinal bulge");
    return f;
}

ProgramFields sampleProgram()
{
    ProgramFields p;
    p.name = QStringLiteral("NMES lumbar stabilisation");
    p.modality = QStringLiteral("nmes-stabilisation");
    p.waveform = QStringLiteral("symmetric-biphasic");
    p.frequencyMilliHz = 50'000;
    p.pulseWidthUs = 300;
    p.durationS = 15 * 60;
    p.maxAmplitudeUa = 60'000;
    p.parametersJson = QStringLiteral(R"({"on_s":10,"off_s":10,"ramp_up_s":1.5,"ramp_down_s":1})");
    return p;
}

NewCalibration sampleCalibration(const QString& serial, int channel, qint64 dueUtcMs)
{
    NewCalibration c;
    c.deviceSerial = serial;
    c.firmware = QStringLiteral("4.2.1");
    c.channel = channel;
    c.dueUtcMs = dueUtcMs;
    c.status = CalibrationStatus::Passed;
    c.gainBeforePpm = 1'030'000;
    c.offsetBeforeUa = 120;
    c.gainAfterPpm = 1'000'400;
    c.offsetAfterUa = -15;
    c.notes = QStringLiteral("annual");
    c.instruments = {CalibrationInstrument{
                         QStringLiteral("Differential probe"), QStringLiteral("DP-778"), QStringLiteral("2026-09-30")},
        CalibrationInstrument{
            QStringLiteral("500 ohm 0.1 % load"), QStringLiteral("L-500-2"), QStringLiteral("2027-01-31")}};
    c.points = {CalibrationPoint{500, 200, 50'000, 10'000, 10'080, true},
        CalibrationPoint{500, 200, 50'000, 25'000, 24'900, true},
        CalibrationPoint{500, 200, 50'000, 50'000, 50'300, true},
        CalibrationPoint{1000, 200, 50'000, 25'000, 25'050, true}};
    return c;
}

ClinicalFixture populate(TestStore& s)
{
    ClinicalFixture f;
    f.therapist = s.addUser(QStringLiteral("therapist"), Role::Therapist);
    f.technician = s.addUser(QStringLiteral("technician"), Role::Technician);
    const auto ctx = s.ctx();
    const qint64 year = 365LL * 24 * 3600 * 1000;
    const qint64 now = 1'767'225'600'000;

    const auto patient = PatientRepository(ctx).create(samplePatient(QStringLiteral("MRN-0001")), f.therapist);
    REQUIRE(patient.ok());
    f.patientId = patient->id;
    const auto note = PatientRepository(ctx).addNote(
        NewNote{f.patientId, std::nullopt, QStringLiteral("intake"), std::nullopt}, f.therapist);
    REQUIRE(note.ok());
    f.noteId = note->id;
    const auto screening = ScreeningRepository(ctx).record(sampleScreening(f.patientId, now + year), f.therapist);
    REQUIRE(screening.ok());
    f.screeningId = screening->id;
    const auto placement = PlacementRepository(ctx).record(f.patientId, samplePlacement(1), f.therapist);
    REQUIRE(placement.ok());
    f.placementId = placement->id;
    const auto point = MotorPointRepository(ctx).record(
        MotorPointFields{f.placementId, 9'500, 250, 2'000, 4'000, 30'000, 25'000, QStringLiteral("clear twitch")},
        f.therapist);
    REQUIRE(point.ok());
    f.motorPointId = point->id;
    const auto program = ProgramRepository(ctx).create(QStringLiteral("nmes-lumbar"), sampleProgram(), f.therapist);
    REQUIRE(program.ok());
    f.programId = program->id;
    const auto cal
        = CalibrationRepository(ctx).record(sampleCalibration(QStringLiteral("DEV-1"), 1, now + year), f.technician);
    INFO((cal.ok() ? QString() : cal.error().message).toStdString());
    REQUIRE(cal.ok());
    f.calibrationId = cal->id;

    NewSession ns;
    ns.patientId = f.patientId;
    ns.screeningId = f.screeningId;
    ns.workstation = QStringLiteral("ws-1");
    ns.deviceId = QStringLiteral("DEV-1");
    ns.firmware = QStringLiteral("4.2.1");
    ns.channels = {SessionChannelSpec{1, f.programId, f.placementId, std::nullopt, f.calibrationId}};
    SessionRepository sessions(ctx);
    const auto closed = sessions.start(ns, f.therapist);
    INFO((closed.ok() ? QString() : closed.error().message).toStdString());
    REQUIRE(closed.ok());
    f.closedSessionId = closed->id;
    SessionLog log(ctx);
    REQUIRE(log.appendEvent(f.closedSessionId, NewEvent{EventKind::Amplitude, 1, 12'500, {}}).ok());
    REQUIRE(
        log.appendCurrentSummaries(f.closedSessionId, {CurrentSummary{1, 0, 12'500, 12'300, 12'450, 12'600, 50}}).ok());
    REQUIRE(log.updateChannelTotals(f.closedSessionId, 1, 12'500, 180).ok());
    REQUIRE(sessions.end(f.closedSessionId, EndReason::Completed, f.therapist).ok());

    ns.deviceId = QStringLiteral("DEV-OPEN");
    ns.channels.first().calibrationId.reset();
    const auto open = sessions.start(ns, f.therapist);
    REQUIRE(open.ok());
    f.openSessionId = open->id;

    OutcomeFields of;
    of.sessionId = f.closedSessionId;
    of.nprsBefore = 7;
    of.nprsAfter = 4;
    const auto outcome = OutcomeRepository(ctx).record(f.patientId, of, f.therapist);
    REQUIRE(outcome.ok());
    f.outcomeId = outcome->id;
    return f;
}

} // namespace galvani::test
