-- Synthetic data for docs/benchmarks/impact.sh: 200,000 donors, 1,000,000 offline gifts over the
-- 36 months that end with last month across the five seeded funds, and 2,778 service types (each
-- drawing on one restricted fund) counted and costed every one of those months: 100,008 service
-- months. Counts run from 3 to 66, so some quarters fall under the small-count threshold.
\set ON_ERROR_STOP on
\timing on
\echo supporters, gifts, service types, counts, spending, publications
begin;
create temp table bench_month as
select to_char(date_trunc('month', now()) - make_interval(months => k), 'YYYY-MM') as month, k
from generate_series(1, 36) k;

insert into supporter (email, email_key, first_name, last_name, created_at, updated_at)
select 'bench-' || i || '@example.org', 'bench-' || i || '@example.org', 'Bench', 'Donor', now(), now()
from generate_series(1, 200000) i;

insert into gift (public_id, supporter_id, fund_code, source, test, currency, amount, amount_charged,
                  status, paid_at, received_on, created_at, updated_at, created_by,
                  receipt_year, receipt_number, reference)
select gen_random_uuid(), s.first + (i % 200000),
       (array['where-most-needed', 'safe-housing', 'counseling', 'legal-aid', 'prevention'])[1 + i % 5],
       'check', false, 'usd', a, a, 'succeeded', t, t::date, t, t, 'bench',
       extract(year from t)::int, 100000000 + i, 'bench-' || i
from (select min(id) first from supporter where email like 'bench-%') s,
     lateral (select i, 1000 + abs(hashint4(i)) % 39000 as a,
                     date_trunc('month', now()) - interval '36 months'
                       + (date_trunc('month', now()) - (date_trunc('month', now()) - interval '36 months'))
                         * (i / 1000001.0) as t
              from generate_series(1, 1000000) i) g;

insert into service_type (code, program, name, unit, unit_plural, position)
select 'bench-' || lpad(n::text, 4, '0'), 'recovery', 'Bench service', 'bench night', 'bench nights', 100 + n
from generate_series(1, 2778) n;

insert into service_type_fund (service_type, fund_code, position)
select 'bench-' || lpad(n::text, 4, '0'),
       (array['safe-housing', 'counseling', 'legal-aid', 'prevention'])[1 + n % 4], 0
from generate_series(1, 2778) n;

insert into service_count (service_type, month, count, updated_at, updated_by)
select 'bench-' || lpad(n::text, 4, '0'), m.month, 3 + (abs(hashint4(n * 100 + m.k)) % 64), now(), 'bench'
from generate_series(1, 2778) n, bench_month m;

insert into service_spending (service_type, month, currency, amount, updated_at, updated_by)
select c.service_type, c.month, 'usd', c.count * (4000 + abs(hashint4(length(c.service_type) + c.count)) % 2000), now(), 'bench'
from service_count c where c.service_type like 'bench-%';

-- every quarter that ended more than the publishing lag ago is published
insert into impact_publication (period, published_at, published_by)
select distinct substr(month, 1, 4) || '-Q' || ((substr(month, 6, 2)::int + 2) / 3), now(), 'bench'
from bench_month
where (to_date(month, 'YYYY-MM') + interval '3 months') < now() - interval '31 days'
  and ((substr(month, 6, 2)::int - 1) % 3) = 0
on conflict do nothing;
commit;
analyze supporter; analyze gift; analyze service_type; analyze service_type_fund; analyze service_count; analyze service_spending; analyze impact_publication;
select (select count(*) from gift) gifts, (select count(*) from service_count) service_months,
       (select count(*) from impact_publication) quarters;
