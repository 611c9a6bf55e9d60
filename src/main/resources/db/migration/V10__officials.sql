-- The officials directory: who represents a supporter, and how a letter reaches them.
-- Imported from public datasets (congress-legislators, Open States, the ZCTA -> congressional
-- district crosswalk); staff add custom targets. Campaigns and letters refer to official.id.

create table official (
  -- bioguide id (Congress), ocd-person id (state legislators), custom-{n} (custom targets)
  id             text primary key,
  office         text not null
                   check (office in ('us-senate', 'us-house', 'state-upper', 'state-lower', 'custom')),
  name           text not null,
  title          text not null,        -- Senator, Representative, Delegate, State Senator, ...
  organisation   text,                 -- custom targets
  state          text,                 -- USPS code; null for custom targets
  district       text,                 -- us-house: '12' or 'AL'; state chambers: Open States' name
  division_id    text,                 -- Open Civic Data division id
  party          text,
  email          text,
  contact_form   text,                 -- web contact form URL
  website        text,
  phone          text,
  postal_address text,                 -- where a printed letter goes
  source         text not null
                   check (source in ('congress-legislators', 'openstates', 'custom')),
  retired_at     timestamptz,          -- left office (absent from the latest import); kept for history
  created_at     timestamptz not null,
  updated_at     timestamptz not null,
  check (office = 'custom' or state is not null),
  check (office <> 'custom' or email is not null or postal_address is not null)
);

create index official_current_seat on official (state, office, district) where retired_at is null;
create index official_by_source on official (source) where retired_at is null;

create sequence official_custom_seq;

-- District offices of members of Congress (congress-legislators-district-offices.yaml).
create table official_office (
  official_id  text not null references official (id),
  office_id    text not null,
  address      text,
  city         text,
  state        text,
  zip          text,
  phone        text,
  fax          text,
  primary key (official_id, office_id)
);

-- ZIP code tabulation area -> US House district (zccd.csv). district: '12', or 'AL' at large.
-- A ZIP may map to several districts, and to more than one state.
create table zip_district (
  zip      char(5) not null,
  state    text not null,
  district text not null,
  primary key (zip, state, district)
);

create index zip_district_by_seat on zip_district (state, district);

-- State legislative districts (openstates-districts.csv): to validate a chosen district and to
-- know seats with nobody in them. chamber: upper or lower (a unicameral body counts as upper).
create table state_district (
  state       text not null,
  chamber     text not null check (chamber in ('upper', 'lower')),
  district    text not null,
  division_id text not null,
  num_seats   integer not null check (num_seats > 0),
  primary key (state, chamber, district)
);

-- One row per import run: what changed, who ran it, and the file's digest (a restart that finds
-- the same file again skips it).
create table official_import (
  id          bigserial primary key,
  source      text not null,
  sha256      text not null,
  added       integer not null,
  updated     integer not null,
  retired     integer not null,
  unchanged   integer not null,
  actor       text not null,
  imported_at timestamptz not null
);

create index official_import_latest on official_import (source, id desc);
