-- A person's profile lists the emails sent to them: found by address, newest first.
create index outbox_message_to_idx on outbox_message (lower(to_address), created_at desc);

-- Merging two records of one person: the merged record stays as a tombstone pointing at the one
-- kept (its email still finds the person), and everything that names it moves to the kept one.
alter table supporter add column merged_into bigint references supporter (id);
alter table supporter add column merged_at timestamptz;
alter table supporter add constraint supporter_not_merged_into_itself check (merged_into <> id);
create index supporter_merged_into_idx on supporter (merged_into) where merged_into is not null;
-- duplicate suggestions (the same name and postal code, or the same name and phone) use V1's
-- supporter_name_idx on (lower(last_name), lower(first_name))

-- A row written for a merged record while (or after) it is merged lands on the record kept. The
-- merge holds the merged row FOR UPDATE; this lookup waits for it (FOR KEY SHARE) and then reads
-- the row as the merge left it, so a gift racing a merge is never left on the tombstone.
create function follow_supporter_merge() returns trigger language plpgsql as $$
declare
    target bigint;
    hops   integer := 0;
begin
    loop
        select merged_into into target from supporter where id = new.supporter_id for key share;
        exit when target is null or hops > 10;
        new.supporter_id := target;
        hops := hops + 1;
    end loop;
    return new;
end $$;

create trigger gift_follows_merge before insert or update of supporter_id on gift
    for each row execute function follow_supporter_merge();
create trigger plan_follows_merge before insert or update of supporter_id on recurring_plan
    for each row execute function follow_supporter_merge();
create trigger action_follows_merge before insert or update of supporter_id on campaign_action
    for each row execute function follow_supporter_merge();
create trigger volunteer_follows_merge before insert or update of supporter_id on volunteer
    for each row execute function follow_supporter_merge();
