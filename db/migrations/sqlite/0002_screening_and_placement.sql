-- SPDX-License-Identifier: GPL-3.0-or-later
-- Version 2: contraindication screenings (CLINICAL.md §3), electrode placements and motor points (§4).
-- Lengths are integer millimetres, areas integer mm², currents integer µA, widths integer µs,
-- frequencies integer millihertz.

CREATE TABLE screenings (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    screened_by INTEGER NOT NULL REFERENCES users (id),
    screened_utc_ms INTEGER NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('clear', 'precautions_acknowledged', 'blocked')),
    expires_utc_ms INTEGER NOT NULL,
    clearance_reason TEXT,
    notes TEXT NOT NULL DEFAULT '',
    CHECK (expires_utc_ms > screened_utc_ms)
);
CREATE INDEX screenings_by_patient ON screenings (patient_id, screened_utc_ms);

CREATE TABLE screening_items (
    screening_id INTEGER NOT NULL REFERENCES screenings (id),
    item_code TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('absolute', 'precaution')),
    answer TEXT NOT NULL CHECK (answer IN ('no', 'yes', 'unknown')),
    acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1)),
    detail TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (screening_id, item_code)
);

CREATE TRIGGER screenings_no_update BEFORE UPDATE ON screenings
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a signed screening cannot be changed; record a new one');
END;
CREATE TRIGGER screenings_no_delete BEFORE DELETE ON screenings
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a signed screening cannot be deleted');
END;
CREATE TRIGGER screening_items_no_update BEFORE UPDATE ON screening_items
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: screening answers cannot be changed');
END;
CREATE TRIGGER screening_items_no_delete BEFORE DELETE ON screening_items
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: screening answers cannot be deleted');
END;

-- One row per electrode. Rows never change: a revision is a new row naming the one it supersedes,
-- and retiring a placement is a revision with retired = 1.
CREATE TABLE placements (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    supersedes_id INTEGER UNIQUE REFERENCES placements (id),
    retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    channel INTEGER NOT NULL CHECK (channel BETWEEN 1 AND 8),
    lead_label TEXT NOT NULL DEFAULT '',
    muscle TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('left', 'right', 'midline', 'bilateral')),
    landmark TEXT NOT NULL,
    offset_cranial_mm INTEGER NOT NULL DEFAULT 0,
    offset_lateral_mm INTEGER NOT NULL DEFAULT 0,
    electrode_width_mm INTEGER NOT NULL CHECK (electrode_width_mm > 0),
    electrode_height_mm INTEGER NOT NULL CHECK (electrode_height_mm > 0),
    electrode_area_mm2 INTEGER NOT NULL CHECK (electrode_area_mm2 > 0),
    electrode_type TEXT NOT NULL CHECK (electrode_type IN ('self_adhesive', 'carbon_sponge')),
    electrode_reuse_count INTEGER NOT NULL DEFAULT 0 CHECK (electrode_reuse_count >= 0),
    polarity TEXT NOT NULL CHECK (polarity IN ('active_cathode', 'reference', 'symmetric')),
    posture TEXT NOT NULL CHECK (posture IN ('supine', 'prone', 'sitting', 'standing', 'side_lying')),
    notes TEXT NOT NULL DEFAULT '',
    photo BLOB,
    photo_mime TEXT,
    recorded_by INTEGER NOT NULL REFERENCES users (id),
    recorded_utc_ms INTEGER NOT NULL
);
CREATE INDEX placements_by_patient ON placements (patient_id, id);

CREATE TRIGGER placements_no_update BEFORE UPDATE ON placements
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a placement cannot be changed; record a revision');
END;
CREATE TRIGGER placements_no_delete BEFORE DELETE ON placements
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a placement cannot be deleted; retire it');
END;

CREATE TABLE motor_points (
    id INTEGER PRIMARY KEY,
    placement_id INTEGER NOT NULL REFERENCES placements (id),
    measured_by INTEGER NOT NULL REFERENCES users (id),
    measured_utc_ms INTEGER NOT NULL,
    threshold_ua INTEGER NOT NULL CHECK (threshold_ua > 0),
    pulse_width_us INTEGER NOT NULL CHECK (pulse_width_us > 0),
    frequency_millihz INTEGER NOT NULL CHECK (frequency_millihz > 0),
    sensory_threshold_ua INTEGER CHECK (sensory_threshold_ua > 0),
    pain_threshold_ua INTEGER CHECK (pain_threshold_ua > 0),
    mti_ua INTEGER CHECK (mti_ua > 0),
    reusable INTEGER NOT NULL DEFAULT 1 CHECK (reusable IN (0, 1)),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX motor_points_by_placement ON motor_points (placement_id);
