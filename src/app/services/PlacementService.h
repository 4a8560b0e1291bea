// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"

#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::app {

class RecordStore;

enum class ElectrodePolarity { ActiveCathode, Reference, Symmetric };
enum class ElectrodeKind { SelfAdhesive, CarbonSponge };
// Motor points shift up to 3.1 cm between sitting and supine (CLINICAL §4), so the posture is part of the record.
enum class PatientPosture { Supine, Prone, Sitting, Standing, SideLying };

// Text forms: "active_cathode", "reference", "symmetric"; "self_adhesive", "carbon_sponge"; "supine", "prone",
// "sitting", "standing", "side_lying". parse*() also accept '-' for '_'; they return false for anything else.
[[nodiscard]] QString toString(ElectrodePolarity v);
[[nodiscard]] QString toString(ElectrodeKind v);
[[nodiscard]] QString toString(PatientPosture v);
[[nodiscard]] bool parsePolarity(const QString& text, ElectrodePolarity* out);
[[nodiscard]] bool parseElectrodeKind(const QString& text, ElectrodeKind* out);
[[nodiscard]] bool parsePosture(const QString& text, PatientPosture* out);

// One site of the catalogue (core::PlacementCatalogue) in app types. Offsets in mm. Plain value.
struct PlacementSiteInfo {
    QString id; // "left-upper-trapezius"
    QString muscle; // "upper trapezius"
    QString side; // "left" or "right"
    QString landmark;
    QString guidance;
    int offsetCranialMm = 0;
    int offsetLateralMm = 0;
    QString atlasMotorPoints;
    bool convention = false;
    bool postureSensitive = false;
};

// One electrode to record. Lengths in mm, area in mm². Plain value.
struct PlacementInput {
    QString siteId; // a catalogue id: muscle, side, landmark and default offsets come from it
    int channel = 1; // 1–8
    QString leadLabel; // optional, up to 32 characters
    int electrodeWidthMm = 50; // 5–500
    int electrodeHeightMm = 50; // 5–500
    std::optional<int> electrodeAreaMm2; // default width × height; at most that (round or cut pads are smaller)
    ElectrodeKind electrodeKind = ElectrodeKind::SelfAdhesive;
    int reuseCount = 0;
    ElectrodePolarity polarity = ElectrodePolarity::ActiveCathode;
    PatientPosture posture = PatientPosture::Prone;
    std::optional<int> offsetCranialMm; // default: the site's; −500…500
    std::optional<int> offsetLateralMm;
    QString notes; // up to 250 characters
};

// A recorded placement. Lengths in mm, area in mm², times in UTC ms. Plain value.
struct PlacementView {
    qint64 id = 0;
    qint64 patientId = 0;
    QString siteId; // the catalogue site matching muscle and side; empty for a placement made elsewhere
    int channel = 0;
    QString leadLabel;
    QString muscle;
    QString side;
    QString landmark;
    int offsetCranialMm = 0;
    int offsetLateralMm = 0;
    int electrodeWidthMm = 0;
    int electrodeHeightMm = 0;
    int electrodeAreaMm2 = 0;
    ElectrodeKind electrodeKind = ElectrodeKind::SelfAdhesive;
    int reuseCount = 0;
    ElectrodePolarity polarity = ElectrodePolarity::ActiveCathode;
    PatientPosture posture = PatientPosture::Prone;
    QString notes;
    qint64 recordedBy = 0;
    qint64 recordedUtcMs = 0;
};

// Electrode placements (CLINICAL §4). record and current → EditPlacements (placements are clinical records, read
// by those who record and use them, and so are replace, retire and reuseCurrent); catalogue → ViewPresets (reference
// data, like the presets). Placements are append-only versions in the record store.
// Thread affinity: the RecordStore's thread. Ownership: borrows the store.
class PlacementService {
public:
    explicit PlacementService(RecordStore& store);

    [[nodiscard]] AppResult<QList<PlacementSiteInfo>> catalogue(const SignedInUser& user);
    [[nodiscard]] AppResult<PlacementView> record(
        const SignedInUser& user, const QString& patientMrn, const PlacementInput& input);
    // The patient's placements in use (neither superseded nor retired), by channel.
    [[nodiscard]] AppResult<QList<PlacementView>> current(const SignedInUser& user, const QString& patientMrn);
    // A current placement of this patient replaced by a new version made from `input` (another site, pad or
    // polarity on that channel); the replaced version stays on record. reason: why (1–1000 characters).
    [[nodiscard]] AppResult<PlacementView> replace(const SignedInUser& user, const QString& patientMrn,
        qint64 placementId, const PlacementInput& input, const QString& reason);
    // Takes a current placement of this patient out of use; it stays on record. reason: why (1–1000 characters).
    [[nodiscard]] AppResult<PlacementView> retire(
        const SignedInUser& user, const QString& patientMrn, qint64 placementId, const QString& reason);
    // "Reuse last visit": every current placement recorded again unchanged, as a new version dated now and signed
    // by `user` (the placements used today), all or none. NotFound when the patient has no current placement.
    [[nodiscard]] AppResult<QList<PlacementView>> reuseCurrent(const SignedInUser& user, const QString& patientMrn);

private:
    RecordStore& m_store;
};

} // namespace galvani::app
