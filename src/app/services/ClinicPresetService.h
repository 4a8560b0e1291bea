// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"

#include <QList>
#include <QString>

#include <optional>

namespace galvani::app {

class RecordStore;

// One changed value of a clinic preset: an editable field of its built-in preset ("pulse rate", "phase width", …)
// in the unit PresetService::fields() shows. Plain value.
struct ClinicPresetValue {
    QString field;
    double value = 0.0;
    friend bool operator==(const ClinicPresetValue&, const ClinicPresetValue&) = default;
};

// What a therapist saves: a name of the clinic's, the built-in preset it starts from, the values that differ from
// that preset's defaults and the session length it suggests. Plain value.
struct ClinicPresetDraft {
    QString name; // 1–100 characters, unique among the clinic's presets
    QString basePresetId; // a built-in therapy preset (core::PresetCatalogue::all(), not a procedure)
    QList<ClinicPresetValue> values;
    int sessionMinutes = 20; // 1–99
};

// One saved clinic preset (its newest version). id: the key it keeps across versions ("clinic-…"). Units: UTC ms.
// Plain value.
struct ClinicPreset {
    QString id;
    QString name;
    QString basePresetId;
    QString baseName;
    QList<ClinicPresetValue> values;
    int sessionMinutes = 20;
    int version = 1;
    qint64 savedUtcMs = 0;
    qint64 savedBy = 0; // user id
};

// The clinic's own presets (issue: "choose a preset … or edit one within the effective limits"): a built-in preset
// with changed values, saved under a name so every therapist of the clinic can choose it. Stored in the programme
// catalogue (db::records::ProgramRepository, key "clinic-<hex>"): every save is an immutable version written with
// its audit row in one transaction; retiring appends a final version. Sessions record the programme they ran under
// the built-in preset's key, as for every session, so a session never changes a clinic preset.
//  - list(), find(): every role that may see presets (ViewPresets).
//  - save(), retire(): EditPresets (therapists: protocols are clinical content, CLINICAL §7), with a reason of
//    1–1000 characters. A value outside the built-in preset's range, or above the clinic's limits
//    (ClinicLimitsService, through PresetService::fields()), is Invalid naming the field and the range; so are an
//    unknown field, a field given twice, a name already used by another clinic preset, and a session length
//    outside 1–99 min or the clinic's session limit.
//  - resolve(): for SessionController (which has checked RunSession): the built-in preset and the values.
// Thread affinity: the RecordStore's thread. Ownership: borrows the store.
class ClinicPresetService {
public:
    static constexpr int kMaxNameChars = 100;
    static constexpr const char* kIdPrefix = "clinic-";

    explicit ClinicPresetService(RecordStore& store);

    [[nodiscard]] AppResult<QList<ClinicPreset>> list(const SignedInUser& user);
    [[nodiscard]] AppResult<ClinicPreset> find(const SignedInUser& user, const QString& id);
    // id empty: a new preset; else a new version of that one.
    [[nodiscard]] AppResult<ClinicPreset> save(
        const SignedInUser& user, const QString& id, const ClinicPresetDraft& draft, const QString& reason);
    [[nodiscard]] AppStatus retire(const SignedInUser& user, const QString& id, const QString& reason);
    [[nodiscard]] AppResult<ClinicPreset> resolve(const QString& id);

    [[nodiscard]] static bool isClinicPresetId(const QString& id) { return id.startsWith(QLatin1String(kIdPrefix)); }

private:
    RecordStore& m_store;
};

} // namespace galvani::app
