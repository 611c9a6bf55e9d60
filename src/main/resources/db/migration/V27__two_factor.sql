-- Two-step sign-in with a time-based code (RFC 6238) and one-time recovery codes. The secret is
-- kept as the authenticator needs it (base32); totp_last_step is the newest 30-second step a code
-- was accepted for, so a code is never accepted twice.
alter table staff_account add column totp_pending text;
alter table staff_account add column totp_secret text;
alter table staff_account add column totp_last_step bigint;

create table staff_recovery_code (
    id         bigserial primary key,
    staff_id   bigint      not null references staff_account (id),
    code_hash  text        not null,
    created_at timestamptz not null,
    used_at    timestamptz
);
create index staff_recovery_code_staff_idx on staff_recovery_code (staff_id);
