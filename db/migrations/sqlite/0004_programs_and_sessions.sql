-- SPDX-License-Identifier: GPL-3.0-or-later
-- Version 4: programmes (presets), treatment sessions with their channels, events and delivered-current
-- summaries, outcomes; patient notes may name the session they belong to.
-- A session is open while ended_utc_ms is NULL. A closed session, its channels, events and summaries never
-- change again; events and summaries never change at all.

-- A programme version is immutable; editing appends version + 1 under the same program_key, and retiring
-- appends a version with retired = 1. parameters is a JSON object with the modality-specific values.
CREATE TABLE programs (
    id INTEGER PRIMARY KEY,
    program_key TEXT NOT NULL CHECK (length(program_key) BETWEEN 1 AND 64),
    version INTEGER NOT NULL CHECK (version >= 1),
    name TEXT NOT NULL CHECK (length(name) >= 1),
    modality TEXT NOT NULL CHECK (length(modality) >= 1),
    waveform TEXT NOT NULL CHECK (length(waveform) >= 1),
    frequency_millihz INTEGER NOT NULL CHECK (frequency_millihz > 0),
    pulse_width_us INTEGER NOT NULL CHECK (pulse_width_us > 0),
    duration_s INTEGER NOT NULL CHECK (duration_s > 0),
    max_amplitude_ua INTEGER NOT NULL CHECK (max_amplitude_ua > 0),
    parameters TEXT NOT NULL DEFAULT '{}',
    retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_utc_ms INTEGER NOT NULL,
    UNIQUE (program_key, version)
);

CREATE TRIGGER programs_no_update BEFORE UPDATE ON programs
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a programme version cannot be changed; save a new version');
END;
CREATE TRIGGER programs_no_delete BEFORE DELETE ON programs
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a programme version cannot be deleted; retire it');
END;

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    therapist_id INTEGER NOT NULL REFERENCES users (id),
    screening_id INTEGER REFERENCES screenings (id),
    workstation TEXT NOT NULL CHECK (length(workstation) >= 1),
    device_id TEXT NOT NULL,
    firmware TEXT NOT NULL,
    started_utc_ms INTEGER NOT NULL,
    started_mono_ns INTEGER NOT NULL,
    ended_utc_ms INTEGER,
    ended_mono_ns INTEGER,
    end_reason TEXT CHECK (end_reason IN ('completed', 'stopped_by_therapist', 'fault', 'link_lost', 'app_crash')),
    CHECK ((ended_utc_ms IS NULL AND end_reason IS NULL) OR (ended_utc_ms IS NOT NULL AND end_reason IS NOT NULL))
);
CREATE INDEX sessions_by_patient ON sessions (patient_id, started_utc_ms);
CREATE INDEX sessions_open ON sessions (workstation) WHERE ended_utc_ms IS NULL;

CREATE TRIGGER sessions_closed_no_update BEFORE UPDATE ON sessions WHEN OLD.ended_utc_ms IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a closed session cannot be changed');
END;
CREATE TRIGGER sessions_no_delete BEFORE DELETE ON sessions
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a session cannot be deleted');
END;

-- calibration_id: the calibration record in force for this channel when the session started.
CREATE TABLE session_channels (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    channel INTEGER NOT NULL CHECK (channel BETWEEN 1 AND 8),
    program_id INTEGER NOT NULL REFERENCES programs (id),
    placement_id INTEGER NOT NULL REFERENCES placements (id),
    reference_placement_id INTEGER REFERENCES placements (id),
    calibration_id INTEGER REFERENCES calibrations (id),
    max_amplitude_ua INTEGER NOT NULL DEFAULT 0 CHECK (max_amplitude_ua >= 0),
    total_charge_uc INTEGER NOT NULL DEFAULT 0 CHECK (total_charge_uc >= 0),
    UNIQUE (session_id, channel)
);

CREATE TRIGGER session_channels_closed_no_insert BEFORE INSERT ON session_channels
WHEN (SELECT ended_utc_ms FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: the session is closed');
END;
CREATE TRIGGER session_channels_closed_no_update BEFORE UPDATE ON session_channels
WHEN (SELECT ended_utc_ms FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: the session is closed');
END;
CREATE TRIGGER session_channels_no_delete BEFORE DELETE ON session_channels
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: session channels cannot be deleted');
END;

CREATE TABLE session_events (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    kind TEXT NOT NULL CHECK (kind IN ('start', 'amplitude', 'pause', 'resume', 'stop', 'fault', 'electrode',
                                       'link_lost', 'end', 'interrupted')),
    channel INTEGER CHECK (channel BETWEEN 1 AND 8),
    amplitude_ua INTEGER,
    detail TEXT NOT NULL DEFAULT '',
    at_utc_ms INTEGER NOT NULL,
    at_mono_ns INTEGER NOT NULL,
    UNIQUE (session_id, seq)
);

CREATE TRIGGER session_events_closed_no_insert BEFORE INSERT ON session_events
WHEN (SELECT ended_utc_ms FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: the session is closed');
END;
CREATE TRIGGER session_events_no_update BEFORE UPDATE ON session_events
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: session events cannot be changed');
END;
CREATE TRIGGER session_events_no_delete BEFORE DELETE ON session_events
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: session events cannot be deleted');
END;

-- One row per channel per second of the session: commanded and measured current (µA).
CREATE TABLE current_summaries (
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    channel INTEGER NOT NULL CHECK (channel BETWEEN 1 AND 8),
    second_index INTEGER NOT NULL CHECK (second_index >= 0),
    commanded_ua INTEGER NOT NULL CHECK (commanded_ua >= 0),
    measured_min_ua INTEGER,
    measured_mean_ua INTEGER,
    measured_max_ua INTEGER,
    samples INTEGER NOT NULL DEFAULT 0 CHECK (samples >= 0),
    PRIMARY KEY (session_id, channel, second_index),
    CHECK (measured_min_ua IS NULL OR (measured_min_ua <= measured_mean_ua AND measured_mean_ua <= measured_max_ua))
);

CREATE TRIGGER current_summaries_closed_no_insert BEFORE INSERT ON current_summaries
WHEN (SELECT ended_utc_ms FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: the session is closed');
END;
CREATE TRIGGER current_summaries_no_update BEFORE UPDATE ON current_summaries
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: current summaries cannot be changed');
END;
CREATE TRIGGER current_summaries_no_delete BEFORE DELETE ON current_summaries
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: current summaries cannot be deleted');
END;

CREATE TABLE outcomes (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    session_id INTEGER REFERENCES sessions (id),
    recorded_by INTEGER NOT NULL REFERENCES users (id),
    recorded_utc_ms INTEGER NOT NULL,
    nprs_before INTEGER CHECK (nprs_before BETWEEN 0 AND 10),
    nprs_after INTEGER CHECK (nprs_after BETWEEN 0 AND 10),
    ndi_raw INTEGER CHECK (ndi_raw BETWEEN 0 AND 50),
    odi_percent INTEGER CHECK (odi_percent BETWEEN 0 AND 100),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outcomes_by_patient ON outcomes (patient_id, recorded_utc_ms);

ALTER TABLE notes ADD COLUMN session_id INTEGER REFERENCES sessions (id);
