-- SPDX-License-Identifier: GPL-3.0-or-later
-- Galvani record store, SQLite dialect, version 1: users, patients, patient notes, audit trail.
-- Conventions (db/README.md): times are integer milliseconds since 1970-01-01T00:00:00Z (*_utc_ms) and
-- integer nanoseconds of the monotonic clock (*_mono_ns); calendar dates are 'YYYY-MM-DD' text; flags are 0/1.
-- Append-only tables refuse UPDATE and DELETE with a message starting 'galvani: append-only'.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('therapist', 'admin', 'technician')),
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_utc_ms INTEGER,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);

CREATE TABLE patients (
    id INTEGER PRIMARY KEY,
    pseudonym TEXT NOT NULL UNIQUE,
    mrn TEXT NOT NULL UNIQUE CHECK (length(mrn) >= 1),
    family_name TEXT NOT NULL,
    given_names TEXT NOT NULL,
    birth_date TEXT NOT NULL CHECK (length(birth_date) = 10),
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
CREATE INDEX patients_by_name ON patients (family_name, given_names, birth_date);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    author_id INTEGER NOT NULL REFERENCES users (id),
    written_utc_ms INTEGER NOT NULL,
    body TEXT NOT NULL CHECK (length(body) >= 1),
    corrects_note_id INTEGER REFERENCES notes (id)
);
CREATE INDEX notes_by_patient ON notes (patient_id, id);

CREATE TRIGGER notes_no_update BEFORE UPDATE ON notes
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: notes cannot be changed; append a correction');
END;
CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: notes cannot be deleted; append a correction');
END;

-- id is assigned by the writer (last id + 1 under the write lock), never by a sequence, so a rolled-back
-- transaction cannot leave a gap that would read as a deleted row.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at_utc_ms INTEGER NOT NULL,
    at_mono_ns INTEGER NOT NULL,
    actor_id INTEGER,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    table_name TEXT,
    record_id INTEGER,
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    reason TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    mac TEXT NOT NULL
);
CREATE INDEX audit_log_by_record ON audit_log (table_name, record_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: the audit trail cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'galvani: append-only: the audit trail cannot be deleted');
END;
