-- Pathlight foundation schema: supporters, staff, audit, outbox, rate limits, signed tokens.
-- Times are timestamptz (UTC instants); money would be bigint minor units.

-- supporters: the one person record -----------------------------------------------------
create sequence supporter_seq;
create table supporter (
    id                bigint primary key default nextval('supporter_seq'),
    email             text        not null,
    first_name        text,
    last_name         text,
    phone             text,
    address_line1     text,
    address_line2     text,
    city              text,
    region            text,
    postal_code       text,
    country           text,
    email_opt_in      boolean     not null default false,
    sms_opt_in        boolean     not null default false,
    discreet_sender   boolean     not null default false,
    no_postal_mail    boolean     not null default false,
    do_not_feature    boolean     not null default false,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    version           bigint      not null default 0,
    constraint supporter_email_shape check (position('@' in email) > 1 and length(email) <= 254)
);
-- one person per email, whatever its case
create unique index supporter_email_key on supporter (lower(email));
create index supporter_name_idx on supporter (lower(last_name), lower(first_name));

-- staff ---------------------------------------------------------------------------------
create sequence staff_account_seq;
create table staff_account (
    id             bigint primary key default nextval('staff_account_seq'),
    email          text        not null,
    display_name   text        not null,
    password_hash  text        not null,
    active         boolean     not null default true,
    created_at     timestamptz not null default now(),
    version        bigint      not null default 0
);
create unique index staff_account_email_key on staff_account (lower(email));

create table staff_account_role (
    staff_id  bigint not null references staff_account (id) on delete cascade,
    role      text   not null check (role in ('admin', 'fundraising', 'volunteers', 'advocacy', 'impact')),
    primary key (staff_id, role)
);

create table staff_session (
    token_hash    text primary key,
    staff_id      bigint      not null references staff_account (id) on delete cascade,
    csrf_token    text        not null,
    created_at    timestamptz not null,
    last_seen_at  timestamptz not null,
    expires_at    timestamptz not null
);
create index staff_session_staff_idx on staff_session (staff_id);

create sequence staff_api_token_seq;
create table staff_api_token (
    id            bigint primary key default nextval('staff_api_token_seq'),
    staff_id      bigint      not null references staff_account (id) on delete cascade,
    name          text        not null,
    token_hash    text        not null unique,
    created_at    timestamptz not null,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

-- failed sign-ins per email (known or not, so lock-out reveals nothing)
create table staff_login_throttle (
    email_key      text primary key,
    failures       integer     not null,
    window_start   timestamptz not null,
    locked_until   timestamptz
);

-- audit trail: who changed what, when, before and after --------------------------------
create sequence audit_event_seq;
create table audit_event (
    id           bigint primary key default nextval('audit_event_seq'),
    at           timestamptz not null,
    actor        text        not null,
    action       text        not null,
    entity_type  text        not null,
    entity_id    text,
    before_state jsonb,
    after_state  jsonb,
    client_ip    text
);
create index audit_event_entity_idx on audit_event (entity_type, entity_id);
create index audit_event_at_idx on audit_event (at);

-- outbox: every email is a row written in the transaction that caused it -------------
create sequence outbox_message_seq;
create table outbox_message (
    id               bigint primary key default nextval('outbox_message_seq'),
    created_at       timestamptz not null,
    dedupe_key       text unique,
    category         text        not null,
    to_address       text        not null,
    to_name          text,
    from_name        text        not null,
    reply_to         text,
    subject          text        not null,
    text_body        text        not null,
    html_body        text,
    message_id       text        not null unique,
    status           text        not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    claimed_by       text,
    last_error       text,
    sent_at          timestamptz
);
create index outbox_message_due_idx on outbox_message (next_attempt_at, id) where status = 'pending';

-- rate limits for public forms: fixed windows, one row per key and window ------------
create table rate_limit_window (
    bucket        text        not null,
    window_start  timestamptz not null,
    hits          integer     not null,
    primary key (bucket, window_start)
);

-- signed links that were revoked before they expired -------------------------------
create table revoked_token (
    token_id    text primary key,
    revoked_at  timestamptz not null,
    expires_at  timestamptz not null
);
