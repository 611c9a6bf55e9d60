-- Sign-in and access hardening.

-- One key per email ---------------------------------------------------------------------
-- The application computes email_key (org.pathlight.common.Emails.normalize: NFKC, trimmed,
-- simple case folding, NFKC) and every lookup compares keys, never lower(email) (PostgreSQL's
-- lower() depends on the database's locale and so disagreed with the application's key: that
-- let "admİn@…" dodge a lock-out). Existing rows get the closest SQL equivalent; a row whose key
-- would repeat an older row's gets a key no address can have, so the migration never fails.
-- (normalize() needs a UTF8 database; any other encoding gets the plain lower-case key.)
alter table supporter add column email_key text;
update supporter set email_key = case
    when current_setting('server_encoding') = 'UTF8'
    then normalize(lower(normalize(btrim(email), NFKC)), NFKC)
    else lower(btrim(email)) end;
with ranked as (
    select id, row_number() over (partition by email_key order by id) as n from supporter)
update supporter s set email_key = s.email_key || ' #duplicate ' || s.id
  from ranked r where r.id = s.id and r.n > 1;
alter table supporter alter column email_key set not null;
drop index supporter_email_key;
create unique index supporter_email_key on supporter (email_key);

alter table staff_account add column email_key text;
update staff_account set email_key = case
    when current_setting('server_encoding') = 'UTF8'
    then normalize(lower(normalize(btrim(email), NFKC)), NFKC)
    else lower(btrim(email)) end;
with ranked as (
    select id, row_number() over (partition by email_key order by id) as n from staff_account)
update staff_account s set email_key = s.email_key || ' #duplicate ' || s.id
  from ranked r where r.id = s.id and r.n > 1;
alter table staff_account alter column email_key set not null;
drop index staff_account_email_key;
create unique index staff_account_email_key on staff_account (email_key);

-- Failed sign-ins per email AND client address; client_address '*' is the per-account ceiling
-- across all addresses. Lock-outs in progress are short-lived and are dropped here.
drop table staff_login_throttle;
create table staff_login_throttle (
    email_key       text        not null,
    client_address  text        not null,
    failures        integer     not null,
    window_start    timestamptz not null,
    locked_until    timestamptz,
    primary key (email_key, client_address)
);

-- API tokens expire; tokens that exist already get 90 days from their creation.
alter table staff_api_token add column expires_at timestamptz;
update staff_api_token set expires_at = created_at + interval '90 days';
alter table staff_api_token alter column expires_at set not null;
create index staff_api_token_staff_idx on staff_api_token (staff_id);

-- Consent: where a supporter's email opt-in came from ("campaign:{slug}", "staff:{email}") and
-- when. Opt-ins given before this release are marked as such.
alter table supporter add column email_opt_in_source text;
alter table supporter add column email_opt_in_at timestamptz;
update supporter set email_opt_in_source = 'unrecorded (before consent records)',
                     email_opt_in_at = updated_at
 where email_opt_in;

-- Volunteer sign-in links carry this epoch; signing out everywhere or a rejection raises it.
alter table volunteer add column signin_epoch integer not null default 0;
