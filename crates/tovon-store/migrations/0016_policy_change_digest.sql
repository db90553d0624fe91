-- 0016: a register refresh's change log on the record as one digest (issue 18), like 0013's
-- digest of the policies. A refresh of a million-row register may change a hundred thousand
-- policies; logging each `policy_change` row as its own audit entry doubled what the refresh
-- wrote. Instead every import keeps the XOR of each change row's SHA-256 in this one audited
-- row (one entry per import), and `tovon audit verify` recomputes it from the rows, so a change
-- row edited, added or removed behind the desk's back is seen. The change rows become
-- append-only. The program computes the first value on its next open ('pending' until then).
CREATE TABLE policy_change_digest (
    id      INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    digest  TEXT NOT NULL
) STRICT;

INSERT INTO policy_change_digest (id, digest) VALUES (1, 'pending');

CREATE TRIGGER policy_change_no_update BEFORE UPDATE ON policy_change BEGIN
    SELECT RAISE(ABORT, 'a register change is recorded once, never edited');
END;
CREATE TRIGGER policy_change_no_delete BEFORE DELETE ON policy_change BEGIN
    SELECT RAISE(ABORT, 'a register change is recorded once, never deleted');
END;
