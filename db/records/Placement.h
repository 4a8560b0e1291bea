// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/records/RecordEnums.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::db::records {

// One electrode as placed on a patient (CLINICAL.md §4). Lengths in integer millimetres (0.1 cm resolution),
// area in integer mm² (0.01 cm²): electrodeAreaMm2 is entered, not computed, because pads may be round or cut;
// it may not exceed width × height. Offsets are from the landmark: cranial (+ towards the head) and lateral
// (+ away from the midline). Plain value.
struct PlacementFields {
    int channel = 1; // 1–8
    QString leadLabel;
    QString muscle; // e.g. "lumbar multifidus"
    Side side = Side::Left;
    QString landmark; // e.g. "L5 spinous process"
    int offsetCranialMm = 0;
    int offsetLateralMm = 0;
    int electrodeWidthMm = 50;
    int electrodeHeightMm = 50;
    int electrodeAreaMm2 = 2500;
    ElectrodeType electrodeType = ElectrodeType::SelfAdhesive;
    int electrodeReuseCount = 0;
    Polarity polarity = Polarity::ActiveCathode;
    Posture posture = Posture::Prone; // motor points shift up to 3.1 cm between sitting and supine
    QString notes; // up to 250 characters
    QByteArray photo; // optional JPEG or PNG, up to 8 MiB
    QString photoMime; // "image/jpeg" or "image/png" when photo is set

    [[nodiscard]] double electrodeAreaCm2() const { return electrodeAreaMm2 / 100.0; }
};

// A stored placement version. Versions never change: a revision names the version it supersedes, and retiring
// is a final revision with retired = true. Times in UTC ms.
struct Placement {
    qint64 id = 0;
    qint64 patientId = 0;
    std::optional<qint64> supersedesId;
    bool retired = false;
    PlacementFields fields;
    qint64 recordedBy = 0;
    qint64 recordedUtcMs = 0;
};

} // namespace galvani::db::records
