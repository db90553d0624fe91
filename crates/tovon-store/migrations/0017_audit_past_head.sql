-- 0017: an entry slipped into the audit log after its recorded head (written with another tool)
-- stops every later write with a message that says so, instead of SQLite's "UNIQUE constraint
-- failed: audit_log.seq" (issue 18). The check is one look-up by the log's key: no scan.
DROP TRIGGER audit_entry_append;
CREATE TRIGGER audit_entry_append INSTEAD OF INSERT ON audit_entry BEGIN
    SELECT RAISE(ABORT, 'the audit log has lost its head: run tovon audit verify')
    WHERE NOT EXISTS (SELECT 1 FROM audit_head WHERE id = 1);
    SELECT RAISE(ABORT, 'the audit log has entries past its head: run tovon audit verify')
    WHERE EXISTS (SELECT 1 FROM audit_log WHERE seq = (SELECT seq + 1 FROM audit_head WHERE id = 1));
    INSERT INTO audit_log (seq, at, actor, entity, entity_key, claim_id, action, before, after, prev_hash, hash)
    SELECT head.seq + 1, next.at, next.actor, NEW.entity, NEW.entity_key, NEW.claim_id, NEW.action, NEW.before,
           NEW.after, head.hash,
           tovon_audit_hash(head.seq + 1, head.hash, next.at, next.actor, NEW.entity, NEW.entity_key,
                            NEW.claim_id, NEW.action, NEW.before, NEW.after)
    FROM audit_head AS head,
         (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at, tovon_actor() AS actor) AS next
    WHERE head.id = 1;
    UPDATE audit_head
    SET (seq, hash) = (SELECT seq, hash FROM audit_log WHERE seq = audit_head.seq + 1)
    WHERE id = 1;
END;
