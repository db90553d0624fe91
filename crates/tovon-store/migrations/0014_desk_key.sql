-- 0014: the desk's public keys (issue 18). Each desk signs its audit chain's head with an
-- Ed25519 key whose private half is a file beside the database (never in it, never in a
-- backup). Every public key the desk has had is kept here, so an anchor or a document signed
-- by an earlier key still verifies; a key is never deleted or changed, and each new one
-- (first start, the key file lost, a key file the database did not know) is on the log.
CREATE TABLE desk_key (
    id          INTEGER PRIMARY KEY NOT NULL,
    -- The Ed25519 public key, 64 lowercase hex digits.
    public_key  TEXT NOT NULL UNIQUE CHECK (length(public_key) = 64 AND public_key NOT GLOB '*[^0-9a-f]*'),
    made_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    reason      TEXT NOT NULL CHECK (reason IN ('first_start', 'key_missing', 'key_unknown'))
) STRICT;

CREATE TRIGGER desk_key_no_delete BEFORE DELETE ON desk_key BEGIN
    SELECT RAISE(ABORT, 'a desk key is kept for ever');
END;
CREATE TRIGGER desk_key_no_update BEFORE UPDATE ON desk_key BEGIN
    SELECT RAISE(ABORT, 'a desk key is never changed');
END;
