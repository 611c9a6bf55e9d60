-- Erasing a person (a privacy request): the person row stays, with no name, address or email
-- (its email becomes erased-{id}@erased.invalid, a reserved domain nothing is ever sent to), so the
-- gifts and hours the law and the reports need still add up to one anonymous supporter.
alter table supporter add column erased_at timestamptz;
create index supporter_erased_idx on supporter (erased_at) where erased_at is not null;

-- an erased volunteer keeps no date of birth
alter table volunteer alter column birth_date drop not null;
