-- A plan keeps the subscription's state in Pathlight's words, not the processor's: Stripe's
-- statuses are translated where they arrive (payments.SubscriptionState).
update recurring_plan set snapshot_status = case snapshot_status
    when 'active' then 'collecting'
    when 'trialing' then 'collecting'
    when 'past_due' then 'behind'
    when 'unpaid' then 'gave_up'
    when 'incomplete_expired' then 'gave_up'
    when 'paused' then 'paused'
    when 'canceled' then 'ended'
    else 'starting' end
where snapshot_status is not null;
alter table recurring_plan add constraint recurring_plan_snapshot_status_check
    check (snapshot_status in ('starting', 'collecting', 'behind', 'gave_up', 'paused', 'ended'));
