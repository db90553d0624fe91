-- 0013: the register's rows on the record (issue 18). The policy table is not logged row by
-- row (a first import writes a million rows); instead every write keeps one digest of the
-- whole table — the XOR of each policy's SHA-256 over the fields that drive a payout and name
-- the insured person — in this one-row table, which is audited: each change of the digest is
-- an entry of the hash chain. `tovon audit verify` recomputes it from the rows, so a policy
-- edited behind the desk's back (a sum insured multiplied with the sqlite3 shell) is seen.
-- The program computes the first value on its next open ('pending' until then).
CREATE TABLE policy_digest (
    id      INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    digest  TEXT NOT NULL
) STRICT;

INSERT INTO policy_digest (id, digest) VALUES (1, 'pending');
