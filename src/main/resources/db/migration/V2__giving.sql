-- Giving: funds, gifts (the ledger), payment events, receipt numbers.
-- Money is bigint minor units + lowercase ISO currency.

create sequence fund_seq;
create table fund (
    id           bigint primary key default nextval('fund_seq'),
    code         text        not null unique check (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    name         text        not null,
    description  text        not null default '',
    restricted   boolean     not null,
    active       boolean     not null default true,
    position     integer     not null default 0,
    created_at   timestamptz not null default now()
);

create table fund_ask (
    fund_id   bigint  not null references fund (id) on delete cascade,
    position  integer not null,
    amount    bigint  not null check (amount > 0),
    currency  text    not null check (currency ~ '^[a-z]{3}$'),
    label     text    not null,
    primary key (fund_id, position)
);

insert into fund (code, name, description, restricted, position) values
  ('where-most-needed', 'Where most needed', 'Lets us put your gift where survivors need it most.', false, 0),
  ('safe-housing', 'Safe housing', 'Nights in a safe house: a bed, meals, security and a caseworker.', true, 1),
  ('counseling', 'Crisis counseling', 'Trauma-informed counseling sessions with licensed therapists.', true, 2),
  ('legal-aid', 'Legal aid', 'Immigration relief, vacatur of records and victim advocacy in court.', true, 3),
  ('prevention', 'Prevention education', 'Workshops that teach young people and workers to spot trafficking.', true, 4);

insert into fund_ask (fund_id, position, amount, currency, label)
select f.id, a.position, a.amount, 'usd', a.label
from fund f
join (values
  ('where-most-needed', 0, 2500, '$25 — a week of meals in a safe house'),
  ('where-most-needed', 1, 4500, '$45 — one night of safe housing'),
  ('where-most-needed', 2, 10000, '$100 — a crisis counseling session'),
  ('where-most-needed', 3, 25000, '$250 — a month of legal advocacy'),
  ('safe-housing', 0, 4500, '$45 — one night of safe housing'),
  ('safe-housing', 1, 31500, '$315 — a week of safe housing'),
  ('counseling', 0, 10000, '$100 — a crisis counseling session'),
  ('legal-aid', 0, 25000, '$250 — a month of legal advocacy'),
  ('prevention', 0, 5000, '$50 — a prevention workshop for a classroom')
) as a(code, position, amount, label) on a.code = f.code;

create sequence gift_seq;
create table gift (
    id                  bigint primary key default nextval('gift_seq'),
    public_id           uuid        not null unique,
    supporter_id        bigint      not null references supporter (id),
    fund_code           text        not null references fund (code),
    source              text        not null check (source in ('online', 'check', 'cash', 'daf', 'in_kind')),
    processor           text        check (processor in ('stripe', 'test')),
    test                boolean     not null default false,
    currency            text        not null check (currency ~ '^[a-z]{3}$'),
    amount              bigint      not null check (amount >= 0),
    fee_covered         bigint      not null default 0 check (fee_covered >= 0),
    benefit_value       bigint      not null default 0 check (benefit_value >= 0),
    amount_charged      bigint      not null check (amount_charged >= 0),
    processor_fee       bigint,
    refunded_amount     bigint      not null default 0 check (refunded_amount >= 0),
    status              text        not null check (status in ('pending', 'succeeded', 'failed',
                                      'refunded', 'partially_refunded', 'disputed', 'expired')),
    -- facts the status is derived from; each only ever moves one way, whatever the event order
    paid_at             timestamptz,
    failed_at           timestamptz,
    expired_at          timestamptz,
    failure_reason      text,
    dispute_status      text        check (dispute_status in ('open', 'won', 'lost')),
    anonymous           boolean     not null default false,
    tribute_kind        text        check (tribute_kind in ('honor', 'memory')),
    tribute_name        text,
    in_kind_description text,
    reference           text,
    checkout_session_id text        unique,
    checkout_url        text,
    payment_intent_id   text        unique,
    charge_id           text        unique,
    idempotency_key     text        unique,
    receipt_year        integer,
    receipt_number      integer,
    received_on         date,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    created_by          text        not null,
    client_ip           text,
    version             bigint      not null default 0,
    unique (receipt_year, receipt_number),
    check ((tribute_kind is null) = (tribute_name is null))
);
create index gift_supporter_idx on gift (supporter_id);
create index gift_created_idx on gift (created_at);
create index gift_status_idx on gift (status);

-- every payment event, once: Stripe's event id, or the test processor's own
create table payment_event (
    event_id     text primary key,
    processor    text        not null,
    type         text        not null,
    gift_id      bigint      references gift (id),
    received_at  timestamptz not null,
    outcome      text        not null check (outcome in ('received', 'applied', 'unmatched')),
    -- the processor ids the event names: an event that arrives before its gift is linked to
    -- them waits here as 'unmatched' and is applied as soon as a gift learns one of them
    ref_session         text,
    ref_payment_intent  text,
    ref_charge          text,
    payload      jsonb       not null
);
create index payment_event_unmatched_idx on payment_event (ref_payment_intent, ref_charge)
    where outcome = 'unmatched';
create index payment_event_gift_idx on payment_event (gift_id);

-- receipt numbers: sequential per year, never reused
create table receipt_counter (
    year         integer primary key,
    last_number  integer not null
);

-- the built-in test processor's checkout sessions (a stand-in for Stripe's, for local runs)
create table test_checkout_session (
    id           text primary key,
    gift_ref     text        not null,
    amount       bigint      not null,
    currency     text        not null,
    description  text        not null,
    email        text        not null,
    success_url  text        not null,
    cancel_url   text        not null,
    status       text        not null check (status in ('open', 'complete', 'declined')),
    created_at   timestamptz not null
);
