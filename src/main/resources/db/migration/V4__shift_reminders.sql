-- Reminders (sent once, claimed by whichever instance gets there first) and clearance lapses
-- found before a shift.
alter table booking add column reminded_at timestamptz;
alter table booking add column clearance_lapsed_at timestamptz;
alter table booking add column clearance_gaps text;
create index booking_unreminded_idx on booking (shift_id) where status = 'confirmed' and reminded_at is null;
