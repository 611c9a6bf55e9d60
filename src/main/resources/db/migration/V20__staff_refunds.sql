-- refunds staff ask for from the gift page: one row per request, found again by its idempotency
-- key, so a double click or a retry after a timeout is the same refund at the processor ---------
create table refund_request (
    id               bigint generated always as identity primary key,
    gift_id          bigint      not null references gift (id),
    idempotency_key  text        not null unique check (length(idempotency_key) between 1 and 200),
    request_hash     text        not null,
    amount           bigint      not null check (amount > 0),
    reason           text        not null check (length(reason) between 1 and 500),
    requested_by     text        not null,
    requested_at     timestamptz not null,
    -- requested: not answered yet (the processor was not reached, or the answer was lost);
    -- sent: the processor took it (refund_id), the ledger holds it; refused: the processor said no
    state            text        not null default 'requested'
                                 check (state in ('requested', 'sent', 'refused')),
    -- while a caller is sending it to the processor, a repeat is told to wait; after a crash the
    -- lease runs out and a retry sends it again (with the same key: the same refund)
    sending_until    timestamptz,
    refund_id        text,
    refusal          text,
    answered_at      timestamptz
);
create index refund_request_gift_idx on refund_request (gift_id);
