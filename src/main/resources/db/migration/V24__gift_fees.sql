-- Stripe's fee on each one-time gift is read back from the charge's balance transaction (the
-- gift-fees job): when a gift was last read for it, so instances share the work.
alter table gift add column fee_read_at timestamptz;
create index gift_fee_due_idx on gift (paid_at) where processor = 'stripe' and processor_fee is null;
