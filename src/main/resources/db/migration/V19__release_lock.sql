-- The release job no longer locks the release_state row for the length of a run (a correction
-- saved meanwhile would wait on it): runs take turns through an advisory lock, and a correction
-- bumps dirty_version, so a run that read the state before it leaves its mark in place.
alter table release_state add column dirty_version bigint not null default 0;

-- A gift that lost money to a refund or a lost dispute is the only kind that can have released
-- more than it now holds: the ledger checks those alone.
create or replace view impact_gift as
select g.id, g.fund_code, f.restricted, g.currency, g.paid_at as given_at,
       greatest(0, g.amount - g.refunded_amount - g.charged_back_amount) as net,
       (g.refunded_amount > 0 or g.charged_back_amount > 0) as reduced
from gift g
join fund f on f.code = g.fund_code
where g.paid_at is not null and not g.test and g.source <> 'in_kind';
create index gift_reduced_idx on gift (id) where refunded_amount > 0 or charged_back_amount > 0;
