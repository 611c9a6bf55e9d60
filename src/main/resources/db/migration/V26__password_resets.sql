-- Forgot password: a single-use link that expires within the hour. Only the token's SHA-256 is
-- stored; a new request replaces any open one.
create table staff_password_reset (
    id          bigserial primary key,
    staff_id    bigint      not null references staff_account (id),
    token_hash  text        not null unique,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    replaced_at timestamptz
);
create index staff_password_reset_staff_idx on staff_password_reset (staff_id);
