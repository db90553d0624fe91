-- 0019: names found as people type them (issue 19). A policy's name_search becomes the key of
-- its name (`tovon_core::names::index_key`, registered as tovon_name_key while the program
-- migrates): kholmatov, Холматов and Ҳолматов, Юлдашев and Йўлдошев have one key. The name
-- index is rebuilt once from the new keys instead of row by row. Claims keep their search
-- name; the claims list finds a name through the policy's index.
DROP TRIGGER policy_name_after_update;
UPDATE policy SET name_search = tovon_name_key(full_name);
INSERT INTO policy_name (policy_name) VALUES ('rebuild');
CREATE TRIGGER policy_name_after_update AFTER UPDATE OF name_search ON policy
WHEN old.name_search IS NOT new.name_search
BEGIN
    INSERT INTO policy_name (policy_name, rowid, name_search) VALUES ('delete', old.id, old.name_search);
    INSERT INTO policy_name (rowid, name_search) VALUES (new.id, new.name_search);
END;
