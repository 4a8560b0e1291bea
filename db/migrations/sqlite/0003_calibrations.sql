-- SPDX-License-Identifier: GPL-3.0-or-later
-- Version 3: channel calibration records (CLINICAL.md §6). Append-only: a new calibration is a new record.
-- gain is in parts per million (1.0 = 1000000), offsets and currents in µA, loads in ohms.

CREATE TABLE calibrations (
    id INTEGER PRIMARY KEY,
    device_serial TEXT NOT NULL CHECK (length(device_serial) >= 1),
    firmware TEXT NOT NULL,
    channel INTEGER NOT NULL CHECK (channel BETWEEN 1 AND 8),
    technician_id INTEGER NOT NULL REFERENCES users (id),
    performed_utc_ms INTEGER NOT NULL,
    due_utc_ms INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('incomplete', 'passed', 'failed')),
    gain_before_ppm INTEGER,
    offset_before_ua INTEGER,
    gain_after_ppm INTEGER,
    offset_after_ua INTEGER,
    notes TEXT NOT NULL DEFAULT '',
    record_hash TEXT NOT NULL,
    CHECK (due_utc_ms > performed_utc_ms)
);
CREATE INDEX calibrations_by_channel ON calibrations (device_serial, channel, performed_utc_ms);

CREATE TABLE calibration_instruments (
    calibration_id INTEGER NOT NULL REFERENCES calibrations (id),
    idx INTEGER NOT NULL CHECK (idx >= 0),
    description TEXT NOT NULL,
    serial TEXT NOT NULL,
    due_date TEXT NOT NULL CHECK (length(due_date) = 10),
    PRIMARY KEY (calibration_id, idx)
);

CREATE TABLE calibration_points (
    calibration_id INTEGER NOT NULL REFERENCES calibrations (id),
    idx INTEGER NOT NULL CHECK (idx >= 0),
    load_ohms INTEGER NOT NULL CHECK (load_ohms > 0),
    pulse_width_us INTEGER NOT NULL CHECK (pulse_width_us > 0),
    frequency_millihz INTEGER NOT NULL CHECK (frequency_millihz > 0),
    commanded_ua INTEGER NOT NULL CHECK (commanded_ua >= 0),
    measured_ua INTEGER NOT NULL,
    error_ua INTEGER NOT NULL,
    passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
    PRIMARY KEY (calibration_id, idx),
    CHECK (error_ua = measured_ua - commanded_ua)
);

CREATE TRIGGER calibrations_no_update BEFORE UPDATE ON calibrations
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a calibration record cannot be changed');
END;
CREATE TRIGGER calibrations_no_delete BEFORE DELETE ON calibrations
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a calibration record cannot be deleted');
END;
CREATE TRIGGER calibration_instruments_no_update BEFORE UPDATE ON calibration_instruments
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a calibration record cannot be changed');
END;
CREATE TRIGGER calibration_instruments_no_delete BEFORE DELETE ON calibration_instruments
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a calibration record cannot be deleted');
END;
CREATE TRIGGER calibration_points_no_update BEFORE UPDATE ON calibration_points
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a calibration record cannot be changed');
END;
CREATE TRIGGER calibration_points_no_delete BEFORE DELETE ON calibration_points
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: a calibration record cannot be deleted');
END;
