-- 0004: the calendar and the payment schedule, the head office's for the whole network
-- (issue 20). Every change takes the next number of one sequence; a desk's next bundle
-- carries what changed after the mark its last acknowledged bundle carried.
CREATE SEQUENCE hq_reference_change;

CREATE TABLE hq_calendar_day (
    day     DATE PRIMARY KEY,
    holiday BOOLEAN NOT NULL,
    name    TEXT NOT NULL,
    changed BIGINT NOT NULL DEFAULT nextval('hq_reference_change')
);

CREATE TABLE hq_calendar_year (
    year    INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    changed BIGINT NOT NULL DEFAULT nextval('hq_reference_change')
);

-- A schedule version is never edited once it is here: a correction is the next version.
CREATE TABLE hq_schedule_version (
    version     INTEGER PRIMARY KEY CHECK (version > 0),
    source_toml TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    note        TEXT NOT NULL CHECK (note <> ''),
    changed     BIGINT NOT NULL DEFAULT nextval('hq_reference_change')
);

ALTER TABLE hq_bundle_out ADD COLUMN reference_to BIGINT NOT NULL DEFAULT 0;
