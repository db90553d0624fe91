-- The reference for Tovon's refresh of a register (issue 18, `make bench`): the sqlite3 shell
-- reads the new file and upserts it — INSERT … ON CONFLICT DO UPDATE, a row updated only when
-- something in it differs, the name index kept by first-load.sql's trigger. {CSV} is replaced
-- with the file's path.
PRAGMA synchronous = FULL;
CREATE TEMP TABLE staging (policy_series, policy_number, issued_on, starts_on, ends_on, premium_paid_on,
    sum_insured, full_name, birth_date, pinfl, passport, phone, address, loan_agreement, loan_amount, branch);
.mode csv
.import --skip 1 {CSV} staging
BEGIN;
INSERT INTO policy (series, number, issued_on, starts_on, ends_on, premium_paid_on, sum_insured, full_name,
    birth_date, pinfl, passport, phone, address, loan_agreement, loan_amount, branch)
SELECT * FROM staging WHERE true
ON CONFLICT (series, number) DO UPDATE SET
    issued_on = excluded.issued_on, starts_on = excluded.starts_on, ends_on = excluded.ends_on,
    premium_paid_on = excluded.premium_paid_on, sum_insured = excluded.sum_insured,
    full_name = excluded.full_name, birth_date = excluded.birth_date, pinfl = excluded.pinfl,
    passport = excluded.passport, phone = excluded.phone, address = excluded.address,
    loan_agreement = excluded.loan_agreement, loan_amount = excluded.loan_amount, branch = excluded.branch
WHERE (policy.issued_on, policy.starts_on, policy.ends_on, policy.premium_paid_on, policy.sum_insured,
       policy.full_name, policy.birth_date, policy.pinfl, policy.passport, policy.phone, policy.address,
       policy.loan_agreement, policy.loan_amount, policy.branch)
   IS NOT (excluded.issued_on, excluded.starts_on, excluded.ends_on, excluded.premium_paid_on,
       excluded.sum_insured, excluded.full_name, excluded.birth_date, excluded.pinfl, excluded.passport,
       excluded.phone, excluded.address, excluded.loan_agreement, excluded.loan_amount, excluded.branch);
SELECT 'rows changed: ' || changes();
COMMIT;
