-- Which payment paid an instalment's invoice (Stripe's invoice_payment.paid, or the invoice's
-- payments when an event carries them). Kept apart from the gift because it may arrive before
-- the invoice.paid that creates the gift; the gift learns it either way, and a refund or dispute
-- naming that payment then finds the instalment gift.
create table invoice_payment (
  invoice_id        text primary key,
  payment_intent_id text,
  charge_id         text,
  created_at        timestamptz not null default now()
);
