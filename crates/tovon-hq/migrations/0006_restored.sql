-- 0006: a desk restored from a backup (issue 20) says from which entry its own history is
-- gone; until a bundle of it says no more, each bundle the head office makes for it sends
-- that history back (the entries from there on, the bytes and policies they refer to), with
-- the restore's nonce.
ALTER TABLE hq_desk
    ADD COLUMN history_from  BIGINT CHECK (history_from IS NULL OR history_from > 0),
    ADD COLUMN history_nonce TEXT CHECK ((history_from IS NULL) = (history_nonce IS NULL));

-- A desk re-enrolled under its prefix with new keys (its PC replaced, its key file lost)
-- keeps its history; the keys it had are kept here, to verify what they signed.
CREATE TABLE hq_desk_key (
    desk_id       BIGINT NOT NULL REFERENCES hq_desk (id),
    verifying_key TEXT NOT NULL UNIQUE CHECK (verifying_key ~ '^[0-9a-f]{64}$'),
    recipient     TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    enrolled_at   TIMESTAMPTZ NOT NULL,
    retired_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
