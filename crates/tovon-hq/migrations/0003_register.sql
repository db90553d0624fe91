-- 0003: the network's register (issue 20). The head office loads the insurer's register
-- file (read and checked as a desk reads it) and keeps each policy as the line a desk's
-- import reads, with the load that last changed it; every desk gets the whole register once,
-- then only what changed since the register its last acknowledged bundle carried.
CREATE TABLE hq_register_load (
    id        BIGSERIAL PRIMARY KEY,
    file_name TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    rows_read BIGINT NOT NULL,
    added     BIGINT NOT NULL,
    changed   BIGINT NOT NULL,
    unchanged BIGINT NOT NULL,
    rejected  BIGINT NOT NULL
);

CREATE TABLE hq_policy (
    series     TEXT NOT NULL,
    number     TEXT NOT NULL,
    pinfl      TEXT NOT NULL,
    full_name  TEXT NOT NULL,
    -- The policy as a line of the register file a bundle carries (built-in column names).
    line       TEXT NOT NULL,
    changed_in BIGINT NOT NULL REFERENCES hq_register_load (id),
    PRIMARY KEY (series, number)
);

CREATE INDEX hq_policy_changed ON hq_policy (changed_in);
CREATE INDEX hq_policy_pinfl ON hq_policy (pinfl);

-- The register load each bundle to a desk carried the changes up to (0: none).
ALTER TABLE hq_bundle_out ADD COLUMN register_to BIGINT NOT NULL DEFAULT 0;
