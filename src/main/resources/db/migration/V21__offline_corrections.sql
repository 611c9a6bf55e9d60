-- Offline gifts staff can correct: void one entered in error, record a check returned unpaid,
-- adjust one (the receipt number stays; a corrected acknowledgement follows), and enter checks in
-- deposit batches whose total staff compare with the bank's deposit slip.
create table deposit_batch (
    id              bigint generated always as identity primary key,
    public_id       uuid        not null unique,
    deposited_on    date        not null,
    reference       text        check (length(reference) <= 100),
    currency        text        not null,
    expected_count  integer     check (expected_count between 1 and 10000),
    expected_total  bigint      check (expected_total > 0),
    created_by      text        not null,
    created_at      timestamptz not null,
    closed_at       timestamptz,
    closed_by       text
);

alter table gift add column voided_at timestamptz;
alter table gift add column void_kind text check (void_kind in ('voided', 'bounced'));
alter table gift add column void_reason text check (length(void_reason) <= 500);
alter table gift add column corrections integer not null default 0;
alter table gift add column deposit_batch_id bigint references deposit_batch (id);
alter table gift add constraint gift_void_facts
    check ((voided_at is null) = (void_kind is null) and (void_kind is null) = (void_reason is null));
create index gift_deposit_batch_idx on gift (deposit_batch_id) where deposit_batch_id is not null;

alter table gift drop constraint gift_status_check;
alter table gift add constraint gift_status_check check (status in ('pending', 'succeeded',
    'failed', 'refunded', 'partially_refunded', 'disputed', 'dispute_lost', 'expired', 'voided',
    'bounced'));

-- A voided or bounced gift holds nothing for impact; a corrected one may hold less, or sit in
-- another fund, than it did when it was released: the ledger checks those again.
create or replace view impact_gift as
select g.id, g.fund_code, f.restricted, g.currency, g.paid_at as given_at,
       case when g.voided_at is not null then 0
            else greatest(0, g.amount - g.refunded_amount - g.charged_back_amount) end as net,
       (g.refunded_amount > 0 or g.charged_back_amount > 0 or g.voided_at is not null
        or g.corrections > 0) as reduced
from gift g
join fund f on f.code = g.fund_code
where g.paid_at is not null and not g.test and g.source <> 'in_kind';
drop index gift_reduced_idx;
create index gift_reduced_idx on gift (id)
    where refunded_amount > 0 or charged_back_amount > 0 or voided_at is not null or corrections > 0;
