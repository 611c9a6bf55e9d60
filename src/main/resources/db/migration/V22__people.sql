-- A person's profile lists the emails sent to them: found by address, newest first.
create index outbox_message_to_idx on outbox_message (lower(to_address), created_at desc);
