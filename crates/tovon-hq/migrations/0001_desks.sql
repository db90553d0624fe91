-- 0001: the network's desks (issue 20). A desk is enrolled from its request: its branch, its
-- public keys and their fingerprint; it numbers its claims and documents under a prefix
-- unique in the network (the branch's first desk keeps the branch code, the next get ТШ2,
-- ТШ3, …), never given to another desk, even after a revocation.
CREATE TABLE hq_desk (
    id            BIGSERIAL PRIMARY KEY,
    prefix        TEXT NOT NULL UNIQUE CHECK (prefix <> ''),
    branch        TEXT NOT NULL CHECK (branch <> ''),
    verifying_key TEXT NOT NULL UNIQUE CHECK (verifying_key ~ '^[0-9a-f]{64}$'),
    recipient     TEXT NOT NULL CHECK (recipient LIKE 'age1%'),
    fingerprint   TEXT NOT NULL,
    enrolled_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at    TIMESTAMPTZ,
    -- The exchange's state with the desk: its last bundle accepted, ours it acknowledged,
    -- and its audit chain's head as that bundle left it.
    last_in       BIGINT NOT NULL DEFAULT 0 CHECK (last_in >= 0),
    last_out      BIGINT NOT NULL DEFAULT 0 CHECK (last_out >= 0),
    chain_seq     BIGINT,
    chain_head    TEXT
);

CREATE INDEX hq_desk_branch ON hq_desk (branch);
