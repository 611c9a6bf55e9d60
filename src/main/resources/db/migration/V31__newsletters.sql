-- Bulk email: a message may belong to a bulk send (bulk_tag, "newsletter:{id}") and carry the
-- RFC 8058 one-click unsubscribe address; a paused send holds its messages ('held').
alter table outbox_message add column bulk_tag text;
alter table outbox_message add column list_unsubscribe text;
alter table outbox_message drop constraint outbox_message_status_check;
alter table outbox_message add constraint outbox_message_status_check
    check (status in ('pending', 'sent', 'failed', 'held'));
create index outbox_message_bulk_idx on outbox_message (bulk_tag, status) where bulk_tag is not null;

-- saved audiences: rules over giving, volunteering, advocacy and topics
create sequence segment_seq;
create table segment (
    id         bigint primary key default nextval('segment_seq'),
    name       text        not null check (length(name) between 1 and 120),
    rules      jsonb       not null,
    created_by text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create sequence newsletter_seq;
create table newsletter (
    id          bigint primary key default nextval('newsletter_seq'),
    subject     text        not null check (length(subject) between 1 and 200),
    preheader   text,
    topic_code  text        not null references topic (code),
    segment_id  bigint references segment (id),
    body        text        not null,
    status      text        not null default 'draft'
                check (status in ('draft', 'scheduled', 'sending', 'paused', 'sent', 'canceled')),
    send_at     timestamptz,
    started_at  timestamptz,
    finished_at timestamptz,
    audience    integer,
    next_slot   timestamptz,
    created_by  text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index newsletter_due on newsletter (send_at) where status = 'scheduled';

-- a send's audience, frozen when it starts: one row per person, written to the outbox in batches
create table newsletter_recipient (
    newsletter_id bigint not null references newsletter (id),
    supporter_id  bigint not null references supporter (id),
    status        text   not null default 'queued'
                  check (status in ('queued', 'written', 'unsubscribed', 'suppressed', 'canceled')),
    outbox_id     bigint,
    primary key (newsletter_id, supporter_id)
);
create index newsletter_recipient_queued on newsletter_recipient (newsletter_id, supporter_id)
    where status = 'queued';
create index newsletter_recipient_supporter on newsletter_recipient (supporter_id);

-- addresses bulk mail never goes to: a hard bounce, a complaint, repeated soft bounces, or staff
create table email_suppression (
    email_key  text primary key,
    reason     text        not null check (reason in ('hard-bounce', 'complaint', 'soft-bounces', 'manual')),
    detail     text,
    source     text        not null,
    created_at timestamptz not null
);

-- every bounce and complaint heard, with the message it answered (and so its send)
create table email_bounce (
    id         bigserial primary key,
    email_key  text        not null,
    kind       text        not null check (kind in ('hard', 'soft', 'complaint')),
    message_id text,
    bulk_tag   text,
    detail     text,
    source     text        not null,
    at         timestamptz not null
);
create index email_bounce_address on email_bounce (email_key, at);
create index email_bounce_tag on email_bounce (bulk_tag) where bulk_tag is not null;
