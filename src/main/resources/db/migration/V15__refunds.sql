-- Each refund of a gift's charge on its own, with its state: a refund that fails after it was
-- reported gives its money back to the gift instead of staying counted as refunded.
create table gift_refund (
    refund_id   text primary key,
    gift_id     bigint      not null references gift (id),
    amount      bigint      not null check (amount >= 0),
    status      text        not null
        check (status in ('pending', 'requires_action', 'succeeded', 'failed', 'canceled')),
    updated_at  timestamptz not null
);
create index gift_refund_gift_idx on gift_refund (gift_id);

-- The largest refunded total the charge itself reported (charge.refunded). Until now that was
-- the gift's refunded amount; now the refunded amount is worked out from it and the refunds.
alter table gift add column charge_refunded_total bigint not null default 0
    check (charge_refunded_total >= 0);
update gift set charge_refunded_total = refunded_amount;

-- One-time gifts are read back from Stripe while pending (a checkout.session.completed that never
-- arrived): when each was last compared.
alter table gift add column reconciled_at timestamptz;
create index gift_pending_reconcile_idx on gift (reconciled_at nulls first)
    where status = 'pending' and processor = 'stripe';
