-- Periodic jobs that must run once per period across all instances (the staff digest, and later
-- the year-end statements): the instance whose insert succeeds runs that period, in the same
-- transaction, so a crash mid-run rolls the claim back and the next tick runs it again.
create table job_run (
    job        text        not null,
    period     text        not null,
    ran_at     timestamptz not null,
    summary    text,
    primary key (job, period)
);
