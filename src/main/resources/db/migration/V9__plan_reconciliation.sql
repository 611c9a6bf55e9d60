-- When a plan was last compared with the processor's subscription (reconciliation claims the
-- plans due, oldest first, with SKIP LOCKED so instances share the work).
alter table recurring_plan add column reconciled_at timestamptz;
create index recurring_plan_reconcile_idx on recurring_plan (reconciled_at nulls first)
    where processor = 'stripe' and canceled_at is null;
