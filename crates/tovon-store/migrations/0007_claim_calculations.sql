-- 0007: a claim's calculations, each an immutable snapshot (the request as sent, the
-- schedule version, the result, the payable, the items deferred by a waiting period),
-- and which one the claim goes by: the latest. A recalculation is a new row.
CREATE TABLE claim_calculation (
    id             INTEGER PRIMARY KEY NOT NULL,
    claim_id       INTEGER NOT NULL REFERENCES claim (id),
    request        TEXT NOT NULL CHECK (json_valid(request)),
    table_version  INTEGER NOT NULL,
    result         TEXT NOT NULL CHECK (json_valid(result)),
    payable_tiyin  INTEGER NOT NULL CHECK (payable_tiyin >= 0),
    -- [{"item": "72", "earliest_date": "2027-01-02"}, …] (D14)
    deferred       TEXT NOT NULL CHECK (json_valid(deferred)),
    calculated_on  TEXT NOT NULL,
    user_name      TEXT NOT NULL,
    entered_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX claim_calculation_claim ON claim_calculation (claim_id, id);

CREATE TRIGGER claim_calculation_no_update BEFORE UPDATE ON claim_calculation BEGIN
    SELECT RAISE(ABORT, 'a saved calculation is never changed: calculate again');
END;
CREATE TRIGGER claim_calculation_no_delete BEFORE DELETE ON claim_calculation BEGIN
    SELECT RAISE(ABORT, 'a saved calculation is never deleted');
END;
