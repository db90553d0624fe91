-- 0018: a user's half-filled form (issue 19), kept for that user alone across sign-out, lock
-- and restart — the New claim form's contents as the window last had them. A draft is not a
-- record of any claim: it is not audited, never sent anywhere, and deleted once the form is
-- submitted or discarded. Nothing one user typed appears to another.
CREATE TABLE form_draft (
    user_id   INTEGER NOT NULL REFERENCES app_user (id),
    form      TEXT NOT NULL CHECK (form IN ('new_claim')),
    content   TEXT NOT NULL CHECK (json_valid(content) AND length(content) <= 65536),
    saved_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (user_id, form)
) STRICT;
