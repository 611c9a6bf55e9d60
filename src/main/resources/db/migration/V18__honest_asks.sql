-- Honest ask labels: an ask amount may be bound to a number of units of a service type, so staff
-- see how far "$45 — one night of safe housing" is from what a night really costs, and may let
-- the amount and label follow the published unit cost, rounded to round_to minor units.
alter table fund_ask
    add column service_type text references service_type (code),
    add column units        integer check (units between 1 and 1000),
    add column follows_cost boolean not null default false,
    add column round_to     bigint  not null default 100 check (round_to in (1, 100, 500, 1000, 2500)),
    add constraint fund_ask_units_bound check ((service_type is null) = (units is null)),
    add constraint fund_ask_follows_bound check (not follows_cost or service_type is not null);

-- The seeded labels say what they pay for; bind them so their drift shows. They stay as written
-- until staff let them follow the cost.
update fund_ask a set service_type = b.service_type, units = b.units
from fund f, (values
  ('where-most-needed', 1, 'safe-housing-night', 1),
  ('where-most-needed', 2, 'counseling-session', 1),
  ('safe-housing', 0, 'safe-housing-night', 1),
  ('safe-housing', 1, 'safe-housing-night', 7),
  ('counseling', 0, 'counseling-session', 1),
  ('prevention', 0, 'prevention-workshop', 1)
) as b(code, position, service_type, units)
where f.id = a.fund_id and f.code = b.code and a.position = b.position;
