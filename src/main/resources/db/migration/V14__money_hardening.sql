-- Money hardening: idempotency keys tied to their request, disputes with their own states,
-- recurring gifts that keep anonymity and tribute, why a processor ended a subscription,
-- payment events that could not be read, and paid amounts that differ from the gift's.

-- An Idempotency-Key belongs to one request: the SHA-256 of its normalised body is kept beside
-- it, and the same key with another body is refused.
alter table gift add column idempotency_hash text;
alter table recurring_plan add column idempotency_hash text;

-- A recurring gift's dedication, carried to each instalment gift and its receipt.
alter table recurring_plan add column anonymous boolean not null default false;
alter table recurring_plan add column tribute_kind text check (tribute_kind in ('honor', 'memory'));
alter table recurring_plan add column tribute_name text;
alter table recurring_plan add constraint recurring_plan_tribute_pair
    check ((tribute_kind is null) = (tribute_name is null));

-- Why the processor ended the subscription (Stripe's cancellation_details.reason):
-- payment_failed means the plan lapsed, not that someone canceled it.
alter table recurring_plan add column ended_reason text;

-- Each dispute of a gift's charge on its own (an inquiry and the chargeback that may follow it
-- are two cases), so a closed inquiry never hides a later chargeback.
create table gift_dispute (
    case_key          text primary key,
    gift_id           bigint      not null references gift (id),
    stage             text        not null check (stage in ('open', 'won', 'lost')),
    inquiry           boolean     not null,
    amount            bigint      not null default 0 check (amount >= 0),
    funds_withdrawn   boolean     not null default false,
    funds_reinstated  boolean     not null default false,
    updated_at        timestamptz not null
);
create index gift_dispute_gift_idx on gift_dispute (gift_id);

-- What lost chargebacks took back: not deductible.
alter table gift add column charged_back_amount bigint not null default 0
    check (charged_back_amount >= 0);

alter table gift drop constraint gift_status_check;
alter table gift add constraint gift_status_check check (status in ('pending', 'succeeded',
    'failed', 'refunded', 'partially_refunded', 'disputed', 'dispute_lost', 'expired'));

-- A payment whose amount or currency differs from the gift's: recorded and shown to staff.
alter table gift add column payment_mismatch text;

-- Events the webhook could not read (another API version, an unexpected shape) and events
-- recorded as deliberate no-ops, each with the reason staff see.
alter table payment_event drop constraint payment_event_outcome_check;
alter table payment_event add constraint payment_event_outcome_check
    check (outcome in ('received', 'applied', 'unmatched', 'unprocessable', 'ignored'));
alter table payment_event add column reason text;
create index payment_event_unprocessable_idx on payment_event (received_at)
    where outcome = 'unprocessable';
