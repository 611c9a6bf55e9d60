-- Volunteers, screening, roles, shifts and bookings.

create sequence volunteer_seq;
create table volunteer (
    id                      bigint primary key default nextval('volunteer_seq'),
    supporter_id            bigint      not null unique references supporter (id),
    birth_date              date        not null,
    skills                  text        not null default '',
    availability            text        not null default '',
    status                  text        not null check (status in ('applied', 'approved', 'rejected')),
    decision_reason         text,
    decided_by              text,
    decided_at              timestamptz,
    background_status       text        not null default 'none'
                                        check (background_status in ('none', 'pending', 'clear', 'failed')),
    background_completed_on date,
    background_expires_on   date,
    agreement_signed_on     date,
    created_at              timestamptz not null,
    version                 bigint      not null default 0
);

create table volunteer_training (
    volunteer_id  bigint not null references volunteer (id) on delete cascade,
    code          text   not null,
    completed_on  date   not null,
    expires_on    date,
    primary key (volunteer_id, code)
);

create sequence volunteer_role_seq;
create table volunteer_role (
    id                   bigint primary key default nextval('volunteer_role_seq'),
    code                 text    not null unique check (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    name                 text    not null,
    survivor_facing      boolean not null,
    requires_background  boolean not null,
    min_age              integer not null default 18 check (min_age between 0 and 120),
    trainings            text    not null default ''
);

create sequence shift_seq;
create table shift (
    id                   bigint primary key default nextval('shift_seq'),
    role_code            text        not null references volunteer_role (code),
    starts_at            timestamptz not null,
    ends_at              timestamptz not null,
    capacity             integer     not null check (capacity > 0),
    public_location      text        not null,
    address              text,
    reveal_hours_before  integer     not null default 24 check (reveal_hours_before >= 0),
    min_staff            integer     not null default 0,
    status               text        not null default 'open' check (status in ('open', 'cancelled')),
    created_at           timestamptz not null,
    version              bigint      not null default 0,
    check (ends_at > starts_at)
);
create index shift_starts_idx on shift (starts_at);

create sequence booking_seq;
create table booking (
    id            bigint primary key default nextval('booking_seq'),
    shift_id      bigint      not null references shift (id),
    volunteer_id  bigint      not null references volunteer (id),
    status        text        not null check (status in ('confirmed', 'waitlisted', 'cancelled')),
    created_at    timestamptz not null,
    cancelled_at  timestamptz,
    sequence      integer     not null default 0
);
-- one live booking per volunteer and shift
create unique index booking_live_key on booking (shift_id, volunteer_id) where status <> 'cancelled';
create index booking_volunteer_idx on booking (volunteer_id);
create index booking_shift_idx on booking (shift_id, status, id);
