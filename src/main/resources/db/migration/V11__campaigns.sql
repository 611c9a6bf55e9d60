-- Advocacy letter campaigns: a campaign (who it targets, the letter), one action per supporter
-- and campaign, one letter per official with its delivery channel and status, and the print
-- batches staff mail. Street addresses are kept only on print letters, until their batch is
-- marked mailed.

create sequence campaign_seq;
create table campaign (
  id               bigint primary key default nextval('campaign_seq'),
  slug             text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,59}$'),
  title            text not null,
  intro            text,
  subject          text not null,
  letter_template  text not null,
  targets          text not null,   -- comma-separated: us-senate, us-house, state-upper, state-lower, custom ids
  status           text not null default 'draft' check (status in ('draft', 'published', 'closed')),
  starts_on        date,
  ends_on          date,
  lobbying         text not null default 'grassroots' check (lobbying in ('grassroots', 'direct')),
  created_by       text not null,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  published_at     timestamptz,
  closed_at        timestamptz,
  version          bigint not null default 0,
  check (ends_on is null or starts_on is null or ends_on >= starts_on)
);

create table campaign_action (
  id            bigserial primary key,
  campaign_id   bigint not null references campaign (id),
  supporter_id  bigint not null references supporter (id),
  email_key     text not null,            -- lower-cased email: one action per person and campaign
  first_name    text not null,
  last_name     text not null,
  city          text,
  zip           char(5) not null,
  state         text,
  districts     text not null,            -- the district ids the letters went by (NY-12, NY upper 47)
  personal_note text,
  opt_in        boolean not null default false,
  client_ip     text,
  created_at    timestamptz not null,
  unique (campaign_id, email_key)
);

create table print_batch (
  id           bigserial primary key,
  campaign_id  bigint not null references campaign (id),
  through_id   bigint not null,           -- the batch holds the campaign's print letters up to this id
  letters      integer not null,
  created_by   text not null,
  created_at   timestamptz not null,
  mailed_at    timestamptz,
  mailed_by    text
);

create table letter (
  id             bigserial primary key,
  campaign_id    bigint not null references campaign (id),
  action_id      bigint not null references campaign_action (id),
  official_id    text not null references official (id),
  official_name  text not null,
  official_title text not null,
  channel        text not null check (channel in ('email', 'print', 'contact-form')),
  status         text not null check (status in ('queued', 'sent', 'failed', 'handed-off')),
  failure_reason text,
  subject        text not null,
  body           text not null,
  address_block  text,                    -- print letters only, purged once mailed
  contact_form   text,
  batch_id       bigint references print_batch (id),
  outbox_id      bigint,                  -- email letters: the outbox message (its status is the letter's)
  created_at     timestamptz not null,
  sent_at        timestamptz,
  unique (action_id, official_id)
);
create index letter_campaign_idx on letter (campaign_id, channel, status);
create index letter_official_idx on letter (official_id);
