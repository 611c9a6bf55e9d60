-- Recurring gifts: a plan per donor subscription, its invoices (instalments and their retries),
-- and the link from each instalment's gift to its plan and invoice.

create sequence plan_seq;
create table recurring_plan (
    id                   bigint primary key default nextval('plan_seq'),
    public_id            uuid        not null unique,
    supporter_id         bigint      not null references supporter (id),
    fund_code            text        not null references fund (code),
    amount               bigint      not null check (amount > 0),
    currency             text        not null check (currency ~ '^[a-z]{3}$'),
    frequency            text        not null check (frequency in ('monthly', 'quarterly', 'annually')),
    processor            text        not null check (processor in ('stripe', 'test')),
    test                 boolean     not null default false,
    status               text        not null check (status in ('pending', 'active', 'failing',
                                       'paused', 'lapsed', 'canceled')),
    checkout_session_id  text        unique,
    checkout_url         text,
    subscription_id      text        unique,
    customer_id          text,
    -- facts the status is derived from: the start, the newest subscription state seen (by the
    -- processor's timestamp), a one-way cancellation, and the invoices below
    started_at           timestamptz,
    snapshot_status      text,
    snapshot_paused      boolean     not null default false,
    snapshot_at          bigint,      -- epoch milliseconds
    paused_until         date,
    canceled_at          timestamptz,
    cancel_reason        text,
    canceled_by          text,
    idempotency_key      text        unique,
    client_ip            text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              bigint      not null default 0
);
create index recurring_plan_supporter_idx on recurring_plan (supporter_id);
create index recurring_plan_status_idx on recurring_plan (status);

create table plan_invoice (
    invoice_id       text primary key,
    plan_id          bigint      not null references recurring_plan (id),
    created_epoch    bigint      not null,
    amount           bigint      not null,
    currency         text        not null,
    paid_at          timestamptz,
    attempts         integer     not null default 0,
    exhausted        boolean     not null default false,
    action_required  boolean     not null default false,
    last_failure     text,
    first_failed_at  timestamptz
);
create index plan_invoice_plan_idx on plan_invoice (plan_id, created_epoch);

alter table gift add column plan_id bigint references recurring_plan (id);
alter table gift add column invoice_id text unique;
create index gift_plan_idx on gift (plan_id);

alter table payment_event add column plan_id bigint references recurring_plan (id);
alter table payment_event add column ref_subscription text;
create index payment_event_subscription_idx on payment_event (ref_subscription)
    where outcome = 'unmatched';
