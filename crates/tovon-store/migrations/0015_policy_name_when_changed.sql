-- 0015: the name index follows a policy's name only when the name changed (issue 18). 0004's
-- trigger fired on every UPDATE that sets name_search — a register refresh sets every column
-- of each changed policy — so a refresh re-indexed every changed policy's name (a delete and
-- an insert in the FTS5 index each), though most changes are a sum or a date.
DROP TRIGGER policy_name_after_update;
CREATE TRIGGER policy_name_after_update AFTER UPDATE OF name_search ON policy
WHEN old.name_search IS NOT new.name_search
BEGIN
    INSERT INTO policy_name (policy_name, rowid, name_search) VALUES ('delete', old.id, old.name_search);
    INSERT INTO policy_name (rowid, name_search) VALUES (new.id, new.name_search);
END;
