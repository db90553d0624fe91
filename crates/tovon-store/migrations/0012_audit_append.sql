-- 0012: appending to the audit log costs the same however long the log is (issue 18), and a
-- tail cut from the log stays cut. The next entry's number and previous hash are read from
-- audit_head, the chain's last link kept beside it, by its key — not searched for in the log
-- (0010's append found the head row's absence with a scan of the whole log). An entry removed
-- from the end leaves the head where it was: the next entry still links to the removed one's
-- hash, and `tovon audit verify` names the gap. A head that is missing stops every write
-- instead of letting changes go unlogged.
INSERT INTO audit_head (id, seq, hash)
    SELECT 1, seq, hash FROM audit_log
    WHERE seq = (SELECT max(seq) FROM audit_log) AND NOT EXISTS (SELECT 1 FROM audit_head);

DROP TRIGGER audit_entry_append;
CREATE TRIGGER audit_entry_append INSTEAD OF INSERT ON audit_entry BEGIN
    SELECT RAISE(ABORT, 'the audit log has lost its head: run tovon audit verify')
    WHERE NOT EXISTS (SELECT 1 FROM audit_head WHERE id = 1);
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
