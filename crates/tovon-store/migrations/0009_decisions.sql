-- 0009: the decision on a claim (6.5–6.7), the act's payees (1.1.3) and their transfers
-- (6.9), payments made outside the desk (7.4), and the documents issued: each numbered per
-- branch, year and kind without gaps (the counter moves in the issuing transaction), its
-- PDF bytes and SHA-256 kept so a reprint is the same file. Nothing here is ever changed
-- or deleted, but for the day an act is signed, set once.
CREATE TABLE claim_decision (
    id             INTEGER PRIMARY KEY NOT NULL,
    claim_id       INTEGER NOT NULL REFERENCES claim (id),
    kind           TEXT NOT NULL CHECK (kind IN ('approve', 'refuse', 'defer')),
    -- approve: the calculation the act is drawn from, and its payable.
    calculation_id INTEGER REFERENCES claim_calculation (id),
    payable_tiyin  INTEGER CHECK (payable_tiyin >= 0),
    -- refuse: ["3.1d", "6.8"] from assets/decisions/refusal_grounds.toml.
    grounds        TEXT NOT NULL CHECK (json_valid(grounds)),
    -- refuse: the reasoned explanation (6.6); defer: why.
    explanation    TEXT NOT NULL,
    -- defer: the case the decision waits for (6.7).
    case_reference TEXT NOT NULL,
    decided_on     TEXT NOT NULL,
    user_name      TEXT NOT NULL,
    entered_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    signed_on      TEXT,
    signed_by      TEXT,
    CHECK ((kind = 'approve') = (calculation_id IS NOT NULL AND payable_tiyin IS NOT NULL)),
    CHECK (kind = 'approve' OR signed_on IS NULL),
    CHECK ((signed_on IS NULL) = (signed_by IS NULL))
) STRICT;

CREATE INDEX claim_decision_claim ON claim_decision (claim_id, id);

CREATE TRIGGER claim_decision_signed_once BEFORE UPDATE ON claim_decision
WHEN OLD.signed_on IS NOT NULL
    OR NEW.id IS NOT OLD.id OR NEW.claim_id IS NOT OLD.claim_id OR NEW.kind IS NOT OLD.kind
    OR NEW.calculation_id IS NOT OLD.calculation_id OR NEW.payable_tiyin IS NOT OLD.payable_tiyin
    OR NEW.grounds IS NOT OLD.grounds OR NEW.explanation IS NOT OLD.explanation
    OR NEW.case_reference IS NOT OLD.case_reference OR NEW.decided_on IS NOT OLD.decided_on
    OR NEW.user_name IS NOT OLD.user_name OR NEW.entered_at IS NOT OLD.entered_at
BEGIN
    SELECT RAISE(ABORT, 'a decision is never changed; only the day its act is signed is set, once');
END;
CREATE TRIGGER claim_decision_no_delete BEFORE DELETE ON claim_decision BEGIN
    SELECT RAISE(ABORT, 'a decision is never deleted');
END;

-- Who an approval pays, part by part; the parts add up to the decision's payable.
CREATE TABLE claim_payee (
    id           INTEGER PRIMARY KEY NOT NULL,
    decision_id  INTEGER NOT NULL REFERENCES claim_decision (id),
    position     INTEGER NOT NULL CHECK (position >= 0),
    role         TEXT NOT NULL CHECK (role IN ('insured', 'bank', 'heir', 'other')),
    name         TEXT NOT NULL,
    details      TEXT NOT NULL,
    amount_tiyin INTEGER NOT NULL CHECK (amount_tiyin > 0),
    UNIQUE (decision_id, position)
) STRICT;

CREATE TRIGGER claim_payee_no_update BEFORE UPDATE ON claim_payee BEGIN
    SELECT RAISE(ABORT, 'an act''s payees are never changed: decide again');
END;
CREATE TRIGGER claim_payee_no_delete BEFORE DELETE ON claim_payee BEGIN
    SELECT RAISE(ABORT, 'an act''s payees are never deleted');
END;

-- A transfer to a payee: the day, the amount and the payment order's number.
CREATE TABLE claim_payment (
    id           INTEGER PRIMARY KEY NOT NULL,
    payee_id     INTEGER NOT NULL REFERENCES claim_payee (id),
    paid_on      TEXT NOT NULL,
    amount_tiyin INTEGER NOT NULL CHECK (amount_tiyin > 0),
    order_number TEXT NOT NULL CHECK (order_number <> ''),
    user_name    TEXT NOT NULL,
    entered_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX claim_payment_payee ON claim_payment (payee_id);

CREATE TRIGGER claim_payment_no_update BEFORE UPDATE ON claim_payment BEGIN
    SELECT RAISE(ABORT, 'a recorded payment is never changed');
END;
CREATE TRIGGER claim_payment_no_delete BEFORE DELETE ON claim_payment BEGIN
    SELECT RAISE(ABORT, 'a recorded payment is never deleted');
END;

-- A payment to the insured person under the policy made outside the desk (an earlier
-- system, another branch): entered once, with the document it is known from.
CREATE TABLE external_payment (
    id           INTEGER PRIMARY KEY NOT NULL,
    policy_id    INTEGER NOT NULL REFERENCES policy (id),
    paid_on      TEXT NOT NULL,
    amount_tiyin INTEGER NOT NULL CHECK (amount_tiyin > 0),
    -- The schedule item it paid, when known (D15 deducts by item).
    item         TEXT,
    reference    TEXT NOT NULL CHECK (reference <> ''),
    user_name    TEXT NOT NULL,
    entered_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (policy_id, reference)
) STRICT;

CREATE TRIGGER external_payment_no_update BEFORE UPDATE ON external_payment BEGIN
    SELECT RAISE(ABORT, 'a recorded payment is never changed');
END;
CREATE TRIGGER external_payment_no_delete BEFORE DELETE ON external_payment BEGIN
    SELECT RAISE(ABORT, 'a recorded payment is never deleted');
END;

CREATE TABLE document_counter (
    branch_code TEXT NOT NULL,
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    last        INTEGER NOT NULL CHECK (last > 0),
    PRIMARY KEY (branch_code, year, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE issued_document (
    id          INTEGER PRIMARY KEY NOT NULL,
    claim_id    INTEGER NOT NULL REFERENCES claim (id),
    decision_id INTEGER REFERENCES claim_decision (id),
    kind        TEXT NOT NULL CHECK (kind IN ('act', 'refusal', 'request')),
    branch_code TEXT NOT NULL,
    year        INTEGER NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq > 0),
    number      TEXT NOT NULL UNIQUE,
    language    TEXT NOT NULL,
    issued_on   TEXT NOT NULL,
    pdf         BLOB NOT NULL,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    -- The earlier document this one corrects, replaces or supplements.
    refers_to   INTEGER REFERENCES issued_document (id),
    user_name   TEXT NOT NULL,
    entered_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (branch_code, year, kind, seq)
) STRICT;

CREATE INDEX issued_document_claim ON issued_document (claim_id, id);

CREATE TRIGGER issued_document_no_update BEFORE UPDATE ON issued_document BEGIN
    SELECT RAISE(ABORT, 'an issued document is never changed: issue a correction');
END;
CREATE TRIGGER issued_document_no_delete BEFORE DELETE ON issued_document BEGIN
    SELECT RAISE(ABORT, 'an issued document is never deleted');
END;
