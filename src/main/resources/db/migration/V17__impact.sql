-- Impact: what the organisation's services delivered, as aggregates only. No table here has a
-- column for a person, a day, a place finer than the whole organisation, or free text about a
-- service: a month is 'YYYY-MM' text, never a date.

create table service_type (
    code        text        primary key check (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    program     text        not null check (program in ('prevention', 'rescue', 'recovery')),
    name        text        not null check (length(name) between 1 and 80),
    unit        text        not null check (length(unit) between 1 and 40),
    unit_plural text        not null check (length(unit_plural) between 1 and 40),
    position    integer     not null default 0,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    version     bigint      not null default 0
);

-- The restricted funds a service type draws on, in order; where-most-needed funds any of them.
create table service_type_fund (
    service_type text    not null references service_type (code) on delete cascade,
    fund_code    text    not null references fund (code),
    position     integer not null,
    primary key (service_type, fund_code)
);

insert into service_type (code, program, name, unit, unit_plural, position) values
  ('safe-housing-night', 'recovery', 'Safe housing', 'night of safe housing', 'nights of safe housing', 0),
  ('emergency-housing-night', 'rescue', 'Emergency housing', 'night of emergency housing', 'nights of emergency housing', 1),
  ('counseling-session', 'recovery', 'Crisis counseling', 'crisis-counseling session', 'crisis-counseling sessions', 2),
  ('medical-visit', 'recovery', 'Medical care', 'medical visit', 'medical visits', 3),
  ('legal-case', 'recovery', 'Legal help', 'legal case', 'legal cases', 4),
  ('job-training-enrolment', 'recovery', 'Job training', 'job-training enrolment', 'job-training enrolments', 5),
  ('prevention-workshop', 'prevention', 'Prevention workshops', 'prevention workshop', 'prevention workshops', 6);

insert into service_type_fund (service_type, fund_code, position)
select s.code, f.code, 0 from (values
  ('safe-housing-night', 'safe-housing'),
  ('emergency-housing-night', 'safe-housing'),
  ('counseling-session', 'counseling'),
  ('legal-case', 'legal-aid'),
  ('prevention-workshop', 'prevention')) as s(code, fund)
join fund f on f.code = s.fund;

-- Services delivered: one count per service type per calendar month. A correction replaces it.
create table service_count (
    service_type text        not null references service_type (code),
    month        text        not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    count        integer     not null check (count >= 0),
    updated_at   timestamptz not null,
    updated_by   text        not null,
    primary key (service_type, month)
);

-- Every value a correction replaced. Only admins read it.
create table service_count_history (
    id           bigserial   primary key,
    service_type text        not null references service_type (code),
    month        text        not null,
    old_count    integer     not null,
    new_count    integer     not null,
    changed_at   timestamptz not null,
    changed_by   text        not null
);
create index service_count_history_idx on service_count_history (service_type, month);

-- Program spending per service type and month, from the accounting system, in minor units.
create table service_spending (
    service_type text        not null references service_type (code),
    month        text        not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    currency     text        not null check (currency ~ '^[a-z]{3}$'),
    amount       bigint      not null check (amount >= 0),
    updated_at   timestamptz not null,
    updated_by   text        not null,
    primary key (service_type, month)
);

-- Quarters staff published. Nothing outside the staff pages shows a month of an unpublished one.
create table impact_publication (
    period       text        primary key check (period ~ '^[0-9]{4}-Q[1-4]$'),
    published_at timestamptz not null,
    published_by text        not null
);

-- What each restricted gift paid for: released as its fund's services were delivered, at that
-- month's unit cost, oldest gift first. Rebuilt month by month by the release job.
create table fund_release (
    gift_id      bigint        not null references gift (id),
    month        text          not null,
    service_type text          not null references service_type (code),
    fund_code    text          not null,
    amount       bigint        not null check (amount > 0),
    units        numeric(20,6) not null check (units > 0),
    primary key (gift_id, month, service_type)
);
create index fund_release_month_idx on fund_release (month, fund_code);

-- One row: which months the releases are good for. The release job locks it (several instances
-- take turns); a correction, an import or a refund moves dirty_from back.
create table release_state (
    id               integer primary key check (id = 1),
    released_through text,
    dirty_from       text,
    updated_at       timestamptz
);
insert into release_state (id) values (1);

-- Gift dates the ledger orders by, and the restricted gifts it reads.
create index gift_fund_paid_idx on gift (fund_code, paid_at) where paid_at is not null and not test;

-- What the ledger may know of a gift: its money, fund and date, never its donor. Cash only (an
-- in-kind gift pays for no service); refunds and lost disputes taken off.
create view impact_gift as
select g.id, g.fund_code, f.restricted, g.currency, g.paid_at as given_at,
       greatest(0, g.amount - g.refunded_amount - g.charged_back_amount) as net
from gift g
join fund f on f.code = g.fund_code
where g.paid_at is not null and not g.test and g.source <> 'in_kind';
