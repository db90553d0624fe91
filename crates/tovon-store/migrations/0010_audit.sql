-- 0010: the audit log. Every change to the desk's records is appended here by triggers (made
-- by the program from each table's columns, see src/audit.rs) with who, when, the entity and
-- its row before and after. Each entry's hash covers its own fields and the previous entry's
-- hash, so an entry edited, deleted or moved breaks the chain at that point
-- (`tovon audit verify`). The functions tovon_actor() and tovon_audit_hash() exist only in
-- the program's own connections: a write made with another tool to an audited table fails.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY NOT NULL,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    -- The row's primary key as text ("17", or "17/1.1" for a key of two columns).
    entity_key TEXT NOT NULL,
    -- The claim the entity belongs to, for the claim's history.
    claim_id  INTEGER,
    action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'baseline', 'event')),
    before    TEXT CHECK (before IS NULL OR json_valid(before)),
    after     TEXT CHECK (after IS NULL OR json_valid(after)),
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_claim ON audit_log (claim_id, seq) WHERE claim_id IS NOT NULL;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_key, seq);

-- The chain's last link, kept beside it: removing entries from the end shows as a head that
-- no longer matches.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
) STRICT;

-- Where the triggers append: the view computes the sequence number, the time, the actor and
-- the hash in one place.
CREATE VIEW audit_entry (entity, entity_key, claim_id, action, before, after) AS
    SELECT entity, entity_key, claim_id, action, before, after FROM audit_log;

CREATE TRIGGER audit_entry_append INSTEAD OF INSERT ON audit_entry BEGIN
    INSERT INTO audit_log (seq, at, actor, entity, entity_key, claim_id, action, before, after, prev_hash, hash)
    SELECT next.seq, next.at, next.actor, NEW.entity, NEW.entity_key, NEW.claim_id, NEW.action, NEW.before,
           NEW.after, next.prev,
           tovon_audit_hash(next.seq, next.prev, next.at, next.actor, NEW.entity, NEW.entity_key,
                            NEW.claim_id, NEW.action, NEW.before, NEW.after)
    FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
                 coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '') AS prev,
                 strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
                 tovon_actor() AS actor) AS next;
    -- (Not INSERT OR REPLACE: a statement's own conflict clause, as an upsert's, would
    -- override the trigger's.)
    UPDATE audit_head SET (seq, hash) = (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1)
    WHERE id = 1;
    INSERT INTO audit_head (id, seq, hash)
    SELECT 1, seq, hash FROM audit_log WHERE NOT EXISTS (SELECT 1 FROM audit_head)
    ORDER BY seq DESC LIMIT 1;
END;

-- The log's own refusals of UPDATE and DELETE are made by the program on every open (and
-- put back if someone dropped them), with the tables' triggers: see src/audit.rs.

-- The first link: the log starts here. The program then records every row the database
-- already held as a 'baseline' entry, so each row has a last known state in the log.
INSERT INTO audit_entry (entity, entity_key, action, after) VALUES ('audit_log', '', 'event', json_object('started', 1));
