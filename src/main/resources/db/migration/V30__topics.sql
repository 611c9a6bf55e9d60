-- Consent by topic. A supporter has one row per topic they have said yes or no to, with the source,
-- the words they agreed to and when; every change is also kept in consent_event, which is never
-- updated. The single email_opt_in flag is migrated into topics and dropped.
create table topic (
    code        text primary key,
    name        text        not null,
    description text        not null default '',
    created_at  timestamptz not null default now(),
    created_by  text        not null default 'pathlight',
    constraint topic_code_shape check (code ~ '^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$'),
    constraint topic_name_length check (length(name) between 1 and 80),
    constraint topic_description_length check (length(description) <= 300)
);
insert into topic (code, name, description) values
    ('impact-newsletter', 'Impact newsletter',
     'What your support made possible: safe nights, counseling, legal help. A few times a year.'),
    ('advocacy-alerts', 'Advocacy alerts',
     'When a bill or a vote needs your voice, with a letter to your officials ready to send.'),
    ('volunteer-news', 'Volunteer news',
     'New shifts, trainings and stories from volunteers.');

create sequence topic_subscription_seq;
create table topic_subscription (
    id           bigint primary key default nextval('topic_subscription_seq'),
    supporter_id bigint      not null references supporter (id),
    topic_code   text        not null references topic (code),
    subscribed   boolean     not null,
    source       text        not null,
    wording      text        not null,
    changed_at   timestamptz not null,
    unique (supporter_id, topic_code)
);
create index topic_subscription_audience on topic_subscription (topic_code, supporter_id)
    where subscribed;

create table consent_event (
    id           bigserial primary key,
    supporter_id bigint      not null references supporter (id),
    topic_code   text        not null references topic (code),
    subscribed   boolean     not null,
    source       text        not null,
    wording      text        not null,
    at           timestamptz not null
);
create index consent_event_supporter on consent_event (supporter_id, at);

-- double opt-in: a request from a public form, confirmed by the link emailed to the address
create table subscription_request (
    id           uuid primary key,
    email        text        not null,
    first_name   text,
    topics       text        not null, -- topic codes, space-separated
    source       text        not null,
    wording      text        not null,
    created_at   timestamptz not null,
    confirmed_at timestamptz,
    supporter_id bigint references supporter (id)
);
create index subscription_request_created on subscription_request (created_at);

-- The flag meant "email me": an action page's ("about this campaign and future actions") becomes
-- advocacy alerts; a staff member's, an import's or an unrecorded one, every seeded topic. A
-- recorded "no" stays a recorded no.
insert into topic_subscription (supporter_id, topic_code, subscribed, source, wording, changed_at)
select s.id, t.code, s.email_opt_in,
       coalesce(s.email_opt_in_source, 'unrecorded (before consent records)'),
       case when s.email_opt_in_source like 'campaign:%'
            then 'Email me about this campaign and future actions'
            else 'Agrees to email from us (the single email consent before topics)' end,
       coalesce(s.email_opt_in_at, s.updated_at)
  from supporter s cross join topic t
 where s.merged_into is null and s.erased_at is null
   and (s.email_opt_in or s.email_opt_in_source is not null)
   and (s.email_opt_in_source is null or s.email_opt_in_source not like 'campaign:%'
        or t.code = 'advocacy-alerts');
insert into consent_event (supporter_id, topic_code, subscribed, source, wording, at)
select supporter_id, topic_code, subscribed, source, wording, changed_at from topic_subscription;

alter table supporter drop column email_opt_in;
alter table supporter drop column email_opt_in_source;
alter table supporter drop column email_opt_in_at;
