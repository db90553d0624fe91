-- 0002: what the desks send and what the head office sends them (issue 20).
--
-- Every audit entry a desk sent, as the desk's log holds it (its hash recomputed on the way
-- in), under the desk and the entry's number; the rows those entries leave, replayed, one per
-- desk row (the consolidated tables below read them); the bytes of issued documents and scans
-- by SHA-256; the policies typed by hand that claims are on; every bundle in and out, logged
-- with its outcome; the settings the head office owns, per branch.

-- The exchange's state with a desk, beside 0001's last_in and chain head: our last bundle
-- made for it (last_out stays the last of ours it acknowledged), when bundles last came and
-- went, and when its history was refused (rewritten, or a second copy of the desk: it must
-- be enrolled again).
ALTER TABLE hq_desk
    ADD COLUMN out_number  BIGINT NOT NULL DEFAULT 0 CHECK (out_number >= 0),
    ADD COLUMN last_in_at  TIMESTAMPTZ,
    ADD COLUMN last_out_at TIMESTAMPTZ,
    ADD COLUMN refused_at  TIMESTAMPTZ,
    ADD COLUMN refused_why TEXT;

CREATE TABLE hq_entry (
    desk_id    BIGINT NOT NULL REFERENCES hq_desk (id),
    seq        BIGINT NOT NULL CHECK (seq > 0),
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    claim_id   BIGINT,
    action     TEXT NOT NULL,
    before     TEXT,
    after      TEXT,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    -- The desk's bundle that brought it.
    bundle     BIGINT NOT NULL,
    PRIMARY KEY (desk_id, seq)
);

CREATE TABLE hq_row (
    desk_id    BIGINT NOT NULL REFERENCES hq_desk (id),
    entity     TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    claim_id   BIGINT,
    row        JSONB NOT NULL,
    -- The entry that last wrote it.
    seq        BIGINT NOT NULL,
    PRIMARY KEY (desk_id, entity, entity_key)
);

CREATE INDEX hq_row_claim ON hq_row (desk_id, claim_id) WHERE claim_id IS NOT NULL;

CREATE TABLE hq_blob (
    sha256 TEXT PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    bytes  BYTEA NOT NULL
);

CREATE TABLE hq_hand_policy (
    desk_id   BIGINT NOT NULL REFERENCES hq_desk (id),
    policy_id BIGINT NOT NULL,
    row       JSONB NOT NULL,
    PRIMARY KEY (desk_id, policy_id)
);

CREATE TABLE hq_bundle_in (
    id          BIGSERIAL PRIMARY KEY,
    desk_id     BIGINT REFERENCES hq_desk (id),
    sender      TEXT,
    number      BIGINT,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    outcome     TEXT NOT NULL CHECK (outcome IN ('applied', 'no_op', 'waiting', 'refused')),
    first_seq   BIGINT,
    last_seq    BIGINT,
    applied     BIGINT NOT NULL DEFAULT 0,
    detail      TEXT NOT NULL DEFAULT ''
);

CREATE INDEX hq_bundle_in_desk ON hq_bundle_in (desk_id, id);

CREATE TABLE hq_bundle_out (
    desk_id BIGINT NOT NULL REFERENCES hq_desk (id),
    number  BIGINT NOT NULL CHECK (number > 0),
    made_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    size    BIGINT NOT NULL,
    PRIMARY KEY (desk_id, number)
);

CREATE TABLE hq_setting (
    branch TEXT NOT NULL,
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (branch, key)
);

-- The consolidated tables: every desk's rows as the desk has them, named by branch, desk and
-- the claim's number. Amounts are the desk's tiyin, unchanged.
CREATE VIEW hq_claim AS
SELECT d.branch, d.prefix AS desk, r.entity_key::BIGINT AS desk_claim_id,
       r.row ->> 'number' AS number, r.row ->> 'state' AS state,
       r.row ->> 'insured_name' AS insured_name, r.row ->> 'outcome' AS outcome,
       r.row ->> 'event_date' AS event_date, r.row ->> 'notice_date' AS notice_date,
       r.row ->> 'decided_on' AS decided_on, r.row ->> 'paid_on' AS paid_on,
       (r.row ->> 'policy_id')::BIGINT AS desk_policy_id, r.row
FROM hq_row r JOIN hq_desk d ON d.id = r.desk_id
WHERE r.entity = 'claim';

CREATE VIEW hq_claim_part AS
SELECT d.branch, d.prefix AS desk, r.entity, r.entity_key, c.row ->> 'number' AS claim_number, r.row
FROM hq_row r
JOIN hq_desk d ON d.id = r.desk_id
LEFT JOIN hq_row c ON c.desk_id = r.desk_id AND c.entity = 'claim' AND c.entity_key = r.claim_id::TEXT
WHERE r.claim_id IS NOT NULL AND r.entity <> 'claim';

CREATE VIEW hq_decision AS
SELECT branch, desk, claim_number, entity_key::BIGINT AS desk_decision_id, row ->> 'kind' AS kind,
       (row ->> 'payable_tiyin')::BIGINT AS payable_tiyin, row ->> 'decided_on' AS decided_on,
       row ->> 'signed_on' AS signed_on, row
FROM hq_claim_part WHERE entity = 'claim_decision';

CREATE VIEW hq_payee AS
SELECT branch, desk, claim_number, entity_key::BIGINT AS desk_payee_id, row ->> 'role' AS role,
       row ->> 'name' AS name, (row ->> 'amount_tiyin')::BIGINT AS amount_tiyin, row
FROM hq_claim_part WHERE entity = 'claim_payee';

CREATE VIEW hq_payment AS
SELECT branch, desk, claim_number, entity_key::BIGINT AS desk_payment_id, row ->> 'paid_on' AS paid_on,
       (row ->> 'amount_tiyin')::BIGINT AS amount_tiyin, row ->> 'order_number' AS order_number, row
FROM hq_claim_part WHERE entity = 'claim_payment';

CREATE VIEW hq_issued_document AS
SELECT p.branch, p.desk, p.claim_number, p.row ->> 'number' AS number, p.row ->> 'kind' AS kind,
       p.row ->> 'issued_on' AS issued_on, p.row ->> 'sha256' AS sha256, b.bytes AS pdf, p.row
FROM hq_claim_part p LEFT JOIN hq_blob b ON b.sha256 = p.row ->> 'sha256'
WHERE p.entity = 'issued_document';

CREATE VIEW hq_claim_document AS
SELECT branch, desk, claim_number, row ->> 'item' AS item, row ->> 'received_on' AS received_on, row
FROM hq_claim_part WHERE entity = 'claim_document';

CREATE VIEW hq_claim_event AS
SELECT branch, desk, claim_number, entity_key::BIGINT AS desk_event_id, row ->> 'from_state' AS from_state,
       row ->> 'to_state' AS to_state, row ->> 'on_date' AS on_date, row
FROM hq_claim_part WHERE entity = 'claim_event';
