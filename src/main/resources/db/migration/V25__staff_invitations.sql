-- Inviting a colleague: they set their own password through a single-use link that expires, so no
-- admin ever knows it. Only the link token's SHA-256 is stored. One open invitation per email.
create table staff_invitation (
    id            bigserial primary key,
    email         text        not null check (position('@' in email) > 1 and length(email) <= 254),
    email_key     text        not null,
    display_name  text        not null check (length(display_name) <= 120),
    roles         text        not null,
    token_hash    text        not null unique,
    invited_by    text        not null,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    accepted_at   timestamptz,
    revoked_at    timestamptz,
    account_id    bigint references staff_account (id)
);
create unique index staff_invitation_open_key on staff_invitation (email_key)
    where accepted_at is null and revoked_at is null;
