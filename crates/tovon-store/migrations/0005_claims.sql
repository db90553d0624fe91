-- 0005: claims. Numbered per branch per year without gaps (the counter moves in the same
-- transaction as the insert); the incident's facts; the dates its deadlines count from;
-- `next_due` (the earliest open deadline, kept by the desk) for the overdue-first list;
-- and every step of its lifecycle as an event that is never changed or deleted.
CREATE TABLE claim_counter (
    branch_code TEXT NOT NULL,
    year        INTEGER NOT NULL,
    last        INTEGER NOT NULL CHECK (last > 0),
    PRIMARY KEY (branch_code, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE claim (
    id                     INTEGER PRIMARY KEY NOT NULL,
    number                 TEXT NOT NULL UNIQUE,
    branch_code            TEXT NOT NULL,
    year                   INTEGER NOT NULL,
    seq                    INTEGER NOT NULL CHECK (seq > 0),
    policy_id              INTEGER NOT NULL REFERENCES policy (id),
    insured_name           TEXT NOT NULL,
    -- The folded insured name, for search in either script.
    name_search            TEXT NOT NULL,
    claimant_name          TEXT NOT NULL,
    claimant_relation      TEXT NOT NULL,
    claimant_phone         TEXT,
    beneficiary_name       TEXT,
    event_date             TEXT NOT NULL,
    event_place            TEXT NOT NULL,
    circumstances          TEXT NOT NULL,
    outcome                TEXT NOT NULL CHECK (outcome IN ('injury', 'disability', 'death')),
    notice_date            TEXT NOT NULL,
    was_driving            INTEGER NOT NULL CHECK (was_driving IN (0, 1)),
    fracture               INTEGER NOT NULL CHECK (fracture IN (0, 1)),
    criminal_case          INTEGER NOT NULL CHECK (criminal_case IN (0, 1)),
    suicide                INTEGER NOT NULL CHECK (suicide IN (0, 1)),
    notes                  TEXT NOT NULL,
    state                  TEXT NOT NULL CHECK (state IN ('registered', 'awaiting_documents',
                               'under_review', 'approved', 'refused', 'deferred', 'act_signed',
                               'paid', 'closed')),
    documents_requested_on TEXT,
    documents_complete_on  TEXT,
    decided_on             TEXT,
    act_signed_on          TEXT,
    paid_on                TEXT,
    disability_set_on      TEXT,
    next_due               TEXT,
    next_due_kind          TEXT,
    registered_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (branch_code, year, seq),
    CHECK (notice_date >= event_date),
    CHECK ((next_due IS NULL) = (next_due_kind IS NULL))
) STRICT;

CREATE INDEX claim_policy_event ON claim (policy_id, event_date);
-- The list's orders: the earliest deadline first with the claims waiting on none last (so a
-- page is read off the index, not sorted), by state, by event date.
CREATE INDEX claim_due_order ON claim ((next_due IS NULL), next_due, id);
CREATE INDEX claim_state ON claim (state, (next_due IS NULL), next_due, id);
CREATE INDEX claim_event_date ON claim (event_date, id);

CREATE TABLE claim_event (
    id         INTEGER PRIMARY KEY NOT NULL,
    claim_id   INTEGER NOT NULL REFERENCES claim (id),
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    user_name  TEXT NOT NULL,
    from_state TEXT,
    to_state   TEXT NOT NULL,
    -- The day it happened, which may be before `at` when entered afterwards.
    on_date    TEXT NOT NULL,
    reason     TEXT NOT NULL,
    reopening  INTEGER NOT NULL DEFAULT 0 CHECK (reopening IN (0, 1))
) STRICT;

CREATE INDEX claim_event_claim ON claim_event (claim_id, id);

CREATE TRIGGER claim_event_never_updated BEFORE UPDATE ON claim_event BEGIN
    SELECT RAISE(ABORT, 'claim events are history: never changed');
END;
CREATE TRIGGER claim_event_never_deleted BEFORE DELETE ON claim_event BEGIN
    SELECT RAISE(ABORT, 'claim events are history: never deleted');
END;
