-- 0011: the desk's users (issue 7) and the acts that wait for a supervisor's approval.
-- A user is never deleted (the log and the claims name them): an administrator
-- deactivates one. The password is kept only as its Argon2id hash (PHC string).
CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY NOT NULL,
    login         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(login) BETWEEN 1 AND 64),
    full_name     TEXT NOT NULL CHECK (full_name <> ''),
    role          TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'administrator')),
    password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    created_by    TEXT NOT NULL
) STRICT;

CREATE TRIGGER app_user_no_delete BEFORE DELETE ON app_user BEGIN
    SELECT RAISE(ABORT, 'a user is deactivated, never deleted');
END;
CREATE TRIGGER app_user_login_kept BEFORE UPDATE ON app_user
WHEN NEW.id IS NOT OLD.id OR NEW.login IS NOT OLD.login OR NEW.created_at IS NOT OLD.created_at
    OR NEW.created_by IS NOT OLD.created_by
BEGIN
    SELECT RAISE(ABORT, 'a user''s login is never changed');
END;

-- An act above the officer's authority limit, drafted and waiting for a supervisor who is
-- not its author. Approving it issues the act (the decision it made is `decision_id`);
-- returning or withdrawing closes it. Closed once, never deleted.
CREATE TABLE act_submission (
    id             INTEGER PRIMARY KEY NOT NULL,
    claim_id       INTEGER NOT NULL REFERENCES claim (id),
    calculation_id INTEGER NOT NULL REFERENCES claim_calculation (id),
    payable_tiyin  INTEGER NOT NULL CHECK (payable_tiyin > 0),
    -- The approval as drafted: payees, the decision's day, the act's language (JSON).
    request        TEXT NOT NULL CHECK (json_valid(request)),
    author         TEXT NOT NULL,
    submitted_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    state          TEXT NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'approved', 'returned', 'withdrawn')),
    reviewer       TEXT,
    reviewed_at    TEXT,
    note           TEXT NOT NULL DEFAULT '',
    decision_id    INTEGER REFERENCES claim_decision (id),
    CHECK ((state = 'pending') = (reviewed_at IS NULL)),
    CHECK ((state = 'approved') = (decision_id IS NOT NULL)),
    CHECK (state <> 'approved' OR reviewer <> author)
) STRICT;

CREATE UNIQUE INDEX act_submission_one_pending ON act_submission (claim_id) WHERE state = 'pending';

CREATE TRIGGER act_submission_closed_once BEFORE UPDATE ON act_submission
WHEN OLD.state <> 'pending'
    OR NEW.id IS NOT OLD.id OR NEW.claim_id IS NOT OLD.claim_id
    OR NEW.calculation_id IS NOT OLD.calculation_id OR NEW.payable_tiyin IS NOT OLD.payable_tiyin
    OR NEW.request IS NOT OLD.request OR NEW.author IS NOT OLD.author
    OR NEW.submitted_at IS NOT OLD.submitted_at
BEGIN
    SELECT RAISE(ABORT, 'a submitted act is never changed; it is approved, returned or withdrawn once');
END;
CREATE TRIGGER act_submission_no_delete BEFORE DELETE ON act_submission BEGIN
    SELECT RAISE(ABORT, 'a submitted act is never deleted');
END;
